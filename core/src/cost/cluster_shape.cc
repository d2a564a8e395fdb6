// Cluster shape from the log (see cluster_shape.h). Databricks writes its
// cluster usage tags into the Spark properties; EMR, Dataproc and
// HDInsight leave recognisable keys, paths and host names.
#include "cost/cluster_shape.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

namespace sparkdx::cost {
namespace {

constexpr std::string_view kDatabricksTags = "spark.databricks.clusterUsageTags.";

bool StartsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool ContainsLower(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return false;
  for (size_t i = 0; i + needle.size() <= text.size(); ++i) {
    bool match = true;
    for (size_t j = 0; j < needle.size() && match; ++j) {
      match = std::tolower(static_cast<unsigned char>(text[i + j])) == needle[j];
    }
    if (match) return true;
  }
  return false;
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// "ip-10-0-0-1.ec2.internal" is us-east-1; "ip-10-0-0-1.us-west-2.compute.internal" names its region.
std::pair<bool, std::string> AwsHostRegion(std::string_view host) {
  if (host.size() >= 13 && host.substr(host.size() - 13) == ".ec2.internal") return {true, "us-east-1"};
  constexpr std::string_view kCompute = ".compute.internal";
  if (host.size() > kCompute.size() && host.substr(host.size() - kCompute.size()) == kCompute) {
    std::string_view rest = host.substr(0, host.size() - kCompute.size());
    size_t dot = rest.rfind('.');
    return {true, dot == std::string_view::npos ? std::string() : std::string(rest.substr(dot + 1))};
  }
  return {false, ""};
}

void AddEvidence(ClusterShape* shape, std::string_view what) {
  if (!shape->evidence.empty()) shape->evidence += "; ";
  shape->evidence += what;
}

void ReadDatabricksTags(const std::map<std::string, std::string, std::less<>>& tags, ClusterShape* shape) {
  auto tag = [&](std::string_view name) {
    auto it = tags.find(name);
    return it == tags.end() ? std::string() : it->second;
  };
  shape->platform = "databricks";
  shape->worker_node_type = tag("clusterNodeType");
  shape->driver_node_type = tag("driverNodeType");
  std::string cloud = Lower(tag("cloudProvider"));
  shape->cloud = cloud == "aws" ? "aws" : cloud == "azure" ? "azure" : cloud == "gcp" ? "gcp" : "";
  shape->region = tag("dataPlaneRegion").empty() ? tag("region") : tag("dataPlaneRegion");
  std::string workers = tag("clusterWorkers");
  if (!workers.empty() && workers.size() < 7 && std::all_of(workers.begin(), workers.end(), ::isdigit)) {
    shape->workers = std::stoi(workers);
  }
  shape->databricks_runtime = tag("effectiveSparkVersion").empty() ? tag("sparkVersion") : tag("effectiveSparkVersion");
  shape->photon = ContainsLower(shape->databricks_runtime, "photon");
  // Job clusters are created by the jobs service ("JobLauncher"); clusters
  // made in the UI or the API are all-purpose.
  shape->job_cluster = tag("clusterCreator") == "JobLauncher" || StartsWith(tag("clusterName"), "job-");
  shape->spot_hint = ContainsLower(tag("clusterAvailability"), "spot");
  AddEvidence(shape, "Databricks cluster usage tags (clusterNodeType " +
                         (shape->worker_node_type.empty() ? std::string("absent") : shape->worker_node_type) +
                         ", cloudProvider " + (cloud.empty() ? std::string("absent") : tag("cloudProvider")) + ")");
}

}  // namespace

ClusterShape DetectClusterShape(const AppStatus& status, const SparkConf& conf) {
  ClusterShape shape;
  shape.executor_heap_bytes = conf.executor_memory_bytes();
  shape.executor_overhead_bytes = conf.executor_overhead_bytes();
  shape.driver_cores = static_cast<int32_t>(std::clamp<int64_t>(conf.IntOr("spark.driver.cores", 1), 1, 1 << 16));
  int64_t driver_heap = conf.driver_memory_bytes();
  int64_t driver_overhead_default =
      std::max(kSparkMinOverheadBytes, static_cast<int64_t>(static_cast<double>(driver_heap) * kSparkOverheadFactor));
  shape.driver_memory_bytes = driver_heap + conf.BytesOr("spark.driver.memoryOverhead", kMiB, driver_overhead_default);

  // Executors: cores from the configuration, else the most common count
  // the executors announced; how many were alive at once.
  std::map<int32_t, int32_t> cores_seen;
  std::vector<std::pair<int64_t, int>> edges;
  std::string aws_region;
  bool aws_host = false;
  for (const ExecutorStatusData& e : status.executors) {
    if (e.id == "driver") continue;
    ++shape.executors_seen;
    if (e.total_cores > 0) ++cores_seen[e.total_cores];
    if (e.add_time_ms >= 0) {
      edges.emplace_back(e.add_time_ms, 1);
      if (e.remove_time_ms >= 0) edges.emplace_back(std::max(e.remove_time_ms, e.add_time_ms), -1);
    }
    auto [is_aws, region] = AwsHostRegion(e.host.empty() ? e.Hostname() : e.host);
    if (is_aws) {
      aws_host = true;
      if (aws_region.empty()) aws_region = region;
    }
  }
  std::sort(edges.begin(), edges.end());
  int32_t alive = 0;
  for (const auto& edge : edges) {
    alive += edge.second;
    shape.peak_executors = std::max(shape.peak_executors, alive);
  }
  if (shape.peak_executors == 0) shape.peak_executors = shape.executors_seen;
  shape.executor_cores = conf.executor_cores();
  if (shape.executor_cores <= 0 && !cores_seen.empty()) {
    shape.executor_cores = std::max_element(cores_seen.begin(), cores_seen.end(), [](const auto& a, const auto& b) {
                             return a.second < b.second;
                           })->first;
  }

  // Platform.
  std::string master = conf.Get("spark.master").value_or("");
  std::map<std::string, std::string, std::less<>> databricks_tags;
  bool emr_serverless = false, dataproc = false, emr = false, hdinsight = false;
  for (const auto& [key, value] : status.environment.spark_properties) {
    if (StartsWith(key, kDatabricksTags)) databricks_tags[key.substr(kDatabricksTags.size())] = value;
    if (StartsWith(key, "spark.emr-serverless.")) emr_serverless = true;
    if (StartsWith(key, "spark.dataproc.")) dataproc = true;
    if (ContainsLower(value, "/usr/share/aws/emr/") || ContainsLower(value, "/emr/emrfs/")) emr = true;
    if (ContainsLower(value, "hdinsight") || ContainsLower(value, "/usr/hdp/current/")) hdinsight = true;
  }
  for (const auto& [key, value] : status.environment.classpath_entries) {
    if (ContainsLower(key, "/usr/share/aws/emr/")) emr = true;
  }
  if (!databricks_tags.empty()) {
    ReadDatabricksTags(databricks_tags, &shape);
  } else if (emr_serverless) {
    shape.platform = "emr-serverless";
    shape.cloud = "aws";
    AddEvidence(&shape, "spark.emr-serverless.* properties");
  } else if (emr) {
    shape.platform = "emr";
    shape.cloud = "aws";
    AddEvidence(&shape, "EMR paths (/usr/share/aws/emr/) in the configuration or class path");
  } else if (dataproc) {
    shape.platform = "dataproc";
    shape.cloud = "gcp";
    AddEvidence(&shape, "spark.dataproc.* properties");
  } else if (hdinsight) {
    shape.platform = "hdinsight";
    shape.cloud = "azure";
    AddEvidence(&shape, "HDInsight paths in the configuration");
  } else if (StartsWith(master, "local")) {
    shape.platform = "local";
    AddEvidence(&shape, "spark.master " + master);
  } else if (StartsWith(master, "k8s://")) {
    shape.platform = "kubernetes";
    AddEvidence(&shape, "spark.master k8s://");
  } else if (StartsWith(master, "yarn")) {
    shape.platform = "yarn";
    AddEvidence(&shape, "spark.master yarn");
  } else if (StartsWith(master, "spark://")) {
    shape.platform = "standalone";
    AddEvidence(&shape, "spark.master spark://");
  }
  shape.local_mode = StartsWith(master, "local");
  if (aws_host && shape.cloud.empty()) {
    shape.cloud = "aws";
    AddEvidence(&shape, "EC2 host names");
  }
  if (aws_host && shape.region.empty() && shape.cloud == "aws") shape.region = aws_region;
  return shape;
}

}  // namespace sparkdx::cost
