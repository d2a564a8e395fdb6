#include "cost/cluster_pricing.h"

#include <gtest/gtest.h>

#include <string>

#include "sparkdx/cost.h"
#include "support/app_status_builder.h"

namespace sparkdx::cost {
namespace {

using testing::AppStatusBuilder;

constexpr int64_t kHourMs = 3'600'000;

// Two executors of 4 cores and 8g (+ 819m overhead) alive for the whole
// one-hour run.
AppStatusBuilder TwoExecutorHour() {
  AppStatusBuilder b(0, kHourMs);
  b.Conf("spark.master", "yarn").Conf("spark.executor.cores", "4").Conf("spark.executor.memory", "8g");
  b.AddExecutor("1", "host-1", 4, 0);
  b.AddExecutor("2", "host-2", 4, 0);
  return b;
}

PricingDecision Decide(const AppAnalysis& analysis, const CostOptions& options) {
  return DecidePricing(*analysis.status, analysis.conf, options);
}

TEST(ClusterPricingTest, FlagRatesPriceCoresAndTheDriver) {
  AppStatusBuilder b = TwoExecutorHour();
  AppAnalysis a = b.Analyze();
  CostOptions options;
  options.price_per_core_hour = 0.1;
  PricingDecision d = Decide(a, options);
  ASSERT_TRUE(d.pricing.known) << d.unknown_reason;
  EXPECT_EQ(d.pricing.catalog, "flags");
  ResourceUse use = ObservedResourceUse(a, d.shape);
  EXPECT_DOUBLE_EQ(use.wall_clock_hours, 1.0);
  EXPECT_DOUBLE_EQ(use.executor_hours, 2.0);
  EXPECT_DOUBLE_EQ(use.core_hours, 8.0);
  // 8 executor core-hours and the driver's one core for an hour.
  EXPECT_NEAR(PriceUsd(d.pricing, use), 0.9, 1e-9);
}

TEST(ClusterPricingTest, MemoryRateCountsHeapAndOverhead) {
  AppStatusBuilder b = TwoExecutorHour();
  AppAnalysis a = b.Analyze();
  CostOptions options;
  options.price_per_gib_hour = 0.01;
  PricingDecision d = Decide(a, options);
  ResourceUse use = ObservedResourceUse(a, d.shape);
  // 8 GiB heap + max(384 MiB, 10%) = 8.8 GiB per executor, two executors.
  EXPECT_NEAR(use.memory_gib_hours, 17.6, 1e-9);
  // The driver: 1g + 384m overhead.
  EXPECT_NEAR(PriceUsd(d.pricing, use), 0.176 + 0.01 * 1.375, 1e-9);
}

TEST(ClusterPricingTest, InstancePricingPacksExecutorsOntoInstances) {
  AppStatusBuilder b = TwoExecutorHour();
  AppAnalysis a = b.Analyze();
  CostOptions options;
  options.instance_type = "m5.2xlarge";  // 8 vCPU, 32 GiB, $0.384
  PricingDecision d = Decide(a, options);
  ASSERT_TRUE(d.pricing.known) << d.unknown_reason;
  // By cores 8 / 4 = 2; by memory 32 x 0.75 / 8.8 = 2.7 -> 2.
  EXPECT_EQ(d.executors_per_instance, 2);
  EXPECT_DOUBLE_EQ(d.pricing.usd_per_executor_hour, 0.192);
  EXPECT_DOUBLE_EQ(d.pricing.usd_per_wall_clock_hour, 0.384);
  EXPECT_EQ(d.pricing.catalog, "aws-ec2.json");
  EXPECT_EQ(d.pricing.effective_date, "2024-06-01");
  EXPECT_NE(d.pricing.source.find("https://aws.amazon.com/ec2/pricing/on-demand/"), std::string::npos);
  // Two executors for an hour fill one instance; the driver's node another.
  EXPECT_NEAR(PriceUsd(d.pricing, ObservedResourceUse(a, d.shape)), 0.768, 1e-9);
}

TEST(ClusterPricingTest, MemoryBoundPackingAndEmrUplift) {
  AppStatusBuilder b(0, kHourMs);
  b.Conf("spark.master", "yarn").Conf("spark.executor.cores", "4").Conf("spark.executor.memory", "20g");
  b.AddExecutor("1", "host-1", 4, 0);
  AppAnalysis a = b.Analyze();
  CostOptions options;
  options.instance_type = "m5.2xlarge";
  options.pricing = "aws-emr";
  PricingDecision d = Decide(a, options);
  ASSERT_TRUE(d.pricing.known) << d.unknown_reason;
  EXPECT_EQ(d.executors_per_instance, 1);  // 22 GiB of 24 usable
  EXPECT_DOUBLE_EQ(d.pricing.usd_per_executor_hour, 0.384 + 0.096);
  EXPECT_EQ(d.pricing.catalog, "aws-ec2.json + aws-emr.json");
}

TEST(ClusterPricingTest, SpotDiscountAppliesToWorkersOnly) {
  AppStatusBuilder b = TwoExecutorHour();
  AppAnalysis a = b.Analyze();
  CostOptions options;
  options.instance_type = "m5.2xlarge";
  options.spot = true;
  options.spot_discount = 0.7;
  PricingDecision d = Decide(a, options);
  EXPECT_NEAR(d.pricing.usd_per_executor_hour, 0.384 * 0.3 / 2, 1e-12);
  EXPECT_DOUBLE_EQ(d.pricing.usd_per_wall_clock_hour, 0.384);
  options.spot_discount.reset();  // the catalog's assumption
  EXPECT_NEAR(Decide(a, options).pricing.usd_per_executor_hour, 0.384 * 0.4 / 2, 1e-12);
}

TEST(ClusterPricingTest, EmrServerlessPricesVcpuAndMemory) {
  AppStatusBuilder b = TwoExecutorHour();
  AppAnalysis a = b.Analyze();
  CostOptions options;
  options.pricing = "emr-serverless";
  PricingDecision d = Decide(a, options);
  ASSERT_TRUE(d.pricing.known);
  EXPECT_DOUBLE_EQ(d.pricing.usd_per_core_hour, 0.052624);
  EXPECT_DOUBLE_EQ(d.pricing.usd_per_memory_gib_hour, 0.0057785);
  double expected = 8 * 0.052624 + 17.6 * 0.0057785 + (0.052624 + 1.375 * 0.0057785);
  EXPECT_NEAR(PriceUsd(d.pricing, ObservedResourceUse(a, d.shape)), expected, 1e-9);
}

TEST(ClusterPricingTest, UnknownTypeFromTheLogIsAReasonNotAnError) {
  AppStatusBuilder b = TwoExecutorHour();
  AppAnalysis a = b.Analyze();
  PricingDecision d = Decide(a, CostOptions{});
  EXPECT_FALSE(d.pricing.known);
  EXPECT_TRUE(d.error.empty());
  EXPECT_EQ(d.unknown_reason,
            "the log does not name the instance type (platform: yarn); pass --instance-type, --pricing emr-serverless "
            "or --price-per-core-hour");
}

TEST(ClusterPricingTest, UnknownInstanceTypeFlagIsAnError) {
  AppStatusBuilder b = TwoExecutorHour();
  AppAnalysis a = b.Analyze();
  CostOptions options;
  options.instance_type = "m5.3xlarge";
  PricingDecision d = Decide(a, options);
  EXPECT_FALSE(d.pricing.known);
  EXPECT_EQ(d.error.rfind("no aws price for instance type 'm5.3xlarge' (known: m4.xlarge, ", 0), 0u) << d.error;
  std::string error;
  EXPECT_FALSE(ValidateCostOptions(options, &error));
  EXPECT_EQ(error.rfind("unknown instance type 'm5.3xlarge' for aws (known: ", 0), 0u) << error;
  options.instance_type = "mystery";
  EXPECT_FALSE(ValidateCostOptions(options, &error));
  EXPECT_EQ(error, "cannot tell the provider of instance type 'mystery'; pass --pricing (aws-ec2, azure, gcp, ...)");
  options.instance_type = "m5.2xlarge";
  options.pricing = "aws-lambda";
  EXPECT_FALSE(ValidateCostOptions(options, &error));
  EXPECT_EQ(error.rfind("unknown pricing 'aws-lambda' (known: aws-ec2, ", 0), 0u) << error;
  options.pricing = "";
  EXPECT_TRUE(ValidateCostOptions(options, &error)) << error;
}

TEST(ClusterPricingTest, MalformedUserCatalogIsAnError) {
  CostOptions options;
  options.catalog_text = "{\"provider\": \"aws\",";
  options.catalog_name = "prices/mine.json";
  std::string error;
  EXPECT_FALSE(ValidateCostOptions(options, &error));
  EXPECT_EQ(error.rfind("prices/mine.json: not valid JSON: parse error at line 1, column 20", 0), 0u) << error;
}

TEST(ClusterPricingTest, DatabricksTagsGiveShapeAndPrice) {
  AppStatusBuilder b(0, kHourMs);
  b.Conf("spark.databricks.clusterUsageTags.clusterNodeType", "i3.xlarge")
      .Conf("spark.databricks.clusterUsageTags.driverNodeType", "i3.2xlarge")
      .Conf("spark.databricks.clusterUsageTags.cloudProvider", "AWS")
      .Conf("spark.databricks.clusterUsageTags.dataPlaneRegion", "us-east-1")
      .Conf("spark.databricks.clusterUsageTags.clusterWorkers", "2")
      .Conf("spark.databricks.clusterUsageTags.clusterCreator", "JobLauncher")
      .Conf("spark.databricks.clusterUsageTags.effectiveSparkVersion", "13.3.x-scala2.12");
  b.AddExecutor("0", "10.0.0.1", 4, 0);
  b.AddExecutor("1", "10.0.0.2", 4, 0);
  AppAnalysis a = b.Analyze();
  PricingDecision d = Decide(a, CostOptions{});
  EXPECT_EQ(d.shape.platform, "databricks");
  EXPECT_EQ(d.shape.cloud, "aws");
  EXPECT_EQ(d.shape.workers, 2);
  EXPECT_TRUE(d.shape.job_cluster);
  EXPECT_FALSE(d.shape.photon);
  EXPECT_EQ(d.shape.executor_cores, 4);  // from the executors, no spark.executor.cores
  ASSERT_TRUE(d.pricing.known) << d.unknown_reason;
  EXPECT_EQ(d.executors_per_instance, 1);
  // i3.xlarge $0.312 + 1 DBU x $0.15 (jobs compute, premium).
  EXPECT_NEAR(d.pricing.usd_per_executor_hour, 0.312 + 0.15, 1e-12);
  // The driver's i3.2xlarge: $0.624 + 2 DBU x $0.15.
  EXPECT_NEAR(d.pricing.usd_per_wall_clock_hour, 0.624 + 0.30, 1e-12);
  EXPECT_NEAR(PriceUsd(d.pricing, ObservedResourceUse(a, d.shape)), 2 * 0.462 + 0.924, 1e-9);
}

TEST(ClusterPricingTest, EmrHostNamesGiveCloudAndRegion) {
  AppStatusBuilder b(0, kHourMs);
  b.Conf("spark.master", "yarn")
      .Conf("spark.driver.extraClassPath", "/usr/lib/hadoop-lzo/lib/*:/usr/share/aws/emr/emrfs/lib/*");
  b.AddExecutor("1", "ip-10-0-0-1.us-west-2.compute.internal", 4, 0);
  AppAnalysis a = b.Analyze();
  ClusterShape shape = DetectClusterShape(*a.status, a.conf);
  EXPECT_EQ(shape.platform, "emr");
  EXPECT_EQ(shape.cloud, "aws");
  EXPECT_EQ(shape.region, "us-west-2");
  CostOptions options;
  options.instance_type = "r5.xlarge";
  EXPECT_EQ(Decide(a, options).pricing.catalog, "aws-ec2.json + aws-emr.json");  // EMR inferred
}

TEST(ClusterPricingTest, ExecutorLifetimesBoundTheResourceUse) {
  AppStatusBuilder b(0, kHourMs);
  b.Conf("spark.executor.cores", "2");
  b.AddExecutor("1", "h1", 2, 0, kHourMs / 2);   // half the run
  b.AddExecutor("2", "h2", 2, kHourMs / 4, -1);  // the last three quarters
  AppAnalysis a = b.Analyze();
  ResourceUse use = ObservedResourceUse(a);
  EXPECT_DOUBLE_EQ(use.executor_hours, 1.25);
  EXPECT_DOUBLE_EQ(use.core_hours, 2.5);
}

TEST(ClusterPricingTest, ExecutorsPerInstance) {
  EXPECT_EQ(ExecutorsPerInstance(16, 64, 4, 8LL << 30), 4);
  EXPECT_EQ(ExecutorsPerInstance(16, 64, 4, 16LL << 30), 3);  // 48 usable GiB
  EXPECT_EQ(ExecutorsPerInstance(16, 64, 0, 8LL << 30), 1);   // cores unknown: one per node
  EXPECT_EQ(ExecutorsPerInstance(4, 16, 8, 64LL << 30), 1);   // never below one
}

}  // namespace
}  // namespace sparkdx::cost
