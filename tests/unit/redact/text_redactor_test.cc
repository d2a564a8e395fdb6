#include "redact/text_redactor.h"

#include <gtest/gtest.h>

#include "redact/plan_names.h"
#include "redact/redaction_dictionary.h"
#include "redact/secret_keys.h"

namespace sparkdx::redact {
namespace {

std::string Redact(const std::string& text) {
  RedactionDictionary dictionary;
  return RedactText(text, &dictionary);
}

TEST(RedactText, ReplacesAddressesPathsAndUrls) {
  EXPECT_EQ(Redact("fetch from 10.0.12.7:7337 failed"), "fetch from ip-1:7337 failed");
  EXPECT_EQ(Redact("bound to [fe80::1ff:fe23:4567:890a]:4040"), "bound to [ip-1]:4040");
  EXPECT_EQ(Redact("2001:db8:85a3:0:0:8a2e:370:7334 up"), "ip-1 up");
  EXPECT_EQ(Redact("read s3a://acme-bucket/warehouse/orders, then hdfs://nn1:8020/user/x"),
            "read path-1, then path-2");
  EXPECT_EQ(Redact("Location: InMemoryFileIndex[file:/tmp/spark/data.parquet]"),
            "Location: InMemoryFileIndex[path-1]");
  EXPECT_EQ(Redact("logs at https://history.acme.com:18080/history/app-1/"), "logs at url-1");
  EXPECT_EQ(Redact("wrote /home/alice/out/part-0001.parquet."), "wrote path-1.");
  EXPECT_EQ(Redact("dbfs:/mnt/raw/events and abfss://c@acct.dfs.core.windows.net/x"), "path-1 and path-2");
  EXPECT_EQ(Redact("C:\\Users\\bob\\job.py failed"), "path-1 failed");
}

TEST(RedactText, ReplacesEmailsHostsAndLiterals) {
  EXPECT_EQ(Redact("owner jane.doe@acme.co.uk, principal etl@CORP.ACME.COM"), "owner email-1, principal email-2");
  EXPECT_EQ(Redact("executor on ip-10-1-2-3.ec2.internal died"), "executor on host-1 died");
  EXPECT_EQ(Redact("worker3.cluster.local:7078"), "host-1:7078");
  EXPECT_EQ(Redact("Filter (country#3 = 'Elbonia') AND (name = 'O''Brien')"),
            "Filter (country#3 = '<redacted>') AND (name = '<redacted>')");
}

TEST(RedactText, KeepsNumbersKeysClassNamesAndProse) {
  for (const char* text : {
           "spark.sql.shuffle.partitions=400 and spark.executor.memory",
           "--conf spark.sql.adaptive.coalescePartitions.enabled=true",
           "java.lang.RuntimeException at org.apache.spark.SparkContext.runJob(SparkContext.scala:2250)",
           "the job's code threw; Spark's default is 200",
           "3.1.1 and 12:30:45 and 1/2 of 4.5 GiB",
           "task time / core time held",
           "stage 3.0: 12 tasks, p50 1.2 s",
       }) {
    EXPECT_EQ(Redact(text), text);
  }
}

TEST(RedactText, SamePseudonymForTheSameValue) {
  RedactionDictionary dictionary;
  EXPECT_EQ(RedactText("10.0.0.1 10.0.0.2 10.0.0.1", &dictionary), "ip-1 ip-2 ip-1");
  EXPECT_EQ(RedactText("again 10.0.0.2", &dictionary), "again ip-2");
}

TEST(RedactionDictionary, ReplacesRegisteredValuesAtTokenBoundaries) {
  RedactionDictionary dictionary;
  dictionary.Add("worker7", RedactionKind::kHost);
  dictionary.Add("alice", RedactionKind::kUser);
  dictionary.Add("spark", RedactionKind::kUser);  // generic: whole strings only
  dictionary.Add("Payroll ETL", RedactionKind::kAppName);
  EXPECT_EQ(RedactText("worker7:4040 ran Payroll ETL for alice", &dictionary), "host-1:4040 ran app-name-1 for user-1");
  EXPECT_EQ(RedactText("worker77 and malice", &dictionary), "worker77 and malice");
  EXPECT_EQ(RedactText("spark.sql.shuffle.partitions", &dictionary), "spark.sql.shuffle.partitions");
  ASSERT_NE(dictionary.Whole("spark"), nullptr);
  EXPECT_EQ(*dictionary.Whole("spark"), "user-2");
  EXPECT_EQ(dictionary.Whole("nothing"), nullptr);
}

TEST(RedactionDictionary, LongestValueWinsAndFirstKindSticks) {
  RedactionDictionary dictionary;
  dictionary.Add("node1", RedactionKind::kHost);
  dictionary.Add("node1.acme.internal", RedactionKind::kHost);
  dictionary.Add("node1", RedactionKind::kUser);
  EXPECT_EQ(RedactText("node1.acme.internal node1", &dictionary), "host-2 host-1");
}

TEST(SecretKeys, SparkDefaultsAndCloudCredentials) {
  for (const char* key : {"spark.ssl.keyPassword", "spark.authenticate.secret", "spark.hadoop.fs.s3a.access.key",
                          "spark.hadoop.fs.s3a.secret.key", "fs.azure.account.key.acct.blob.core.windows.net",
                          "spark.databricks.token", "javax.net.ssl.trustStorePassword", "AWS_SECRET_ACCESS_KEY",
                          "spark.hadoop.google.cloud.auth.service.account.json.keyfile", "hive.server2.keytab"}) {
    EXPECT_TRUE(IsSecretKey(key)) << key;
  }
  for (const char* key : {"spark.executor.memory", "spark.sql.shuffle.partitions", "spark.io.encryption.keySizeBits",
                          "spark.app.name", "spark.driver.host", "structure_key", "config_key"}) {
    EXPECT_FALSE(IsSecretKey(key)) << key;
  }
  EXPECT_TRUE(IsHostKey("spark.driver.host"));
  EXPECT_TRUE(IsHostKey("spark.driver.bindAddress"));
  EXPECT_TRUE(IsUserKey("user.name"));
  EXPECT_FALSE(IsUserKey("spark.executor.cores"));
}

TEST(PlanNames, FindsQualifiedTablesAndUsersInPaths) {
  RedactionDictionary dictionary;
  AddTableNames(
      "+- FileScan parquet sales.customer_orders[id#1] Batched: true\n"
      "+- Scan hive prod.web_logs [a#2]\n"
      "Relation spark_catalog.finance.ledger[x#3] parquet\n"
      "InsertIntoHadoopFsRelationCommand file:/x, false, `analytics`.`daily_kpis`\n"
      "+- Scan ExistingRDD[a#4] and FileScan csv [b#5] and BatchScan org.apache.iceberg.spark.source.X\n",
      &dictionary);
  for (const char* name : {"sales.customer_orders", "prod.web_logs", "spark_catalog.finance.ledger", "finance.ledger",
                           "`analytics`.`daily_kpis`", "analytics.daily_kpis"}) {
    EXPECT_NE(dictionary.Whole(name), nullptr) << name;
  }
  EXPECT_EQ(dictionary.Whole("org.apache.iceberg.spark.source.X"), nullptr);
  EXPECT_EQ(dictionary.size(), 6u);
  AddPathUserNames("hdfs://nn/user/etl_bot/x and /home/carol", &dictionary);
  ASSERT_NE(dictionary.Whole("etl_bot"), nullptr);
  EXPECT_EQ(*dictionary.Whole("carol"), "user-2");
  EXPECT_EQ(RedactText("joined sales.customer_orders with finance.ledger", &dictionary),
            "joined table-1 with table-4");
}

}  // namespace
}  // namespace sparkdx::redact
