// ClusterShape: what the log says about the machines a run used: executor
// cores and memory (configuration, executor events), how many executors
// were alive, the platform (Databricks cluster usage tags, EMR, Dataproc,
// HDInsight, Kubernetes, YARN, local) and, when known, the node types.
#ifndef SPARKDX_COST_CLUSTER_SHAPE_H_
#define SPARKDX_COST_CLUSTER_SHAPE_H_

#include <cstdint>
#include <string>

#include "analysis/spark_conf.h"
#include "status/app_status.h"

namespace sparkdx::cost {

struct ClusterShape {
  // Executors. Cores: spark.executor.cores, else the most common "Total
  // Cores" of executor events; memory: spark.executor.memory + overhead
  // (spark.executor.memoryOverhead, default max(384 MiB, 10%)).
  int32_t executor_cores = 0;
  int64_t executor_heap_bytes = 0;
  int64_t executor_overhead_bytes = 0;
  int64_t executor_memory_bytes() const { return executor_heap_bytes + executor_overhead_bytes; }
  int32_t executors_seen = 0;       // executors other than the driver
  int32_t peak_executors = 0;       // most alive at once
  int32_t driver_cores = 1;         // spark.driver.cores, default 1
  int64_t driver_memory_bytes = 0;  // spark.driver.memory + overhead
  bool local_mode = false;          // spark.master local[...]: the driver runs the tasks

  // Platform: "databricks", "emr", "dataproc", "hdinsight", "kubernetes",
  // "yarn", "standalone", "local" or "" (unknown).
  std::string platform;
  std::string cloud;             // "aws", "azure", "gcp" or ""
  std::string region;            // as the log names it, or ""
  std::string worker_node_type;  // e.g. "m5.2xlarge", "Standard_DS14_v2"; "" unknown
  std::string driver_node_type;
  int32_t workers = -1;            // Databricks clusterWorkers, -1 unknown
  std::string databricks_runtime;  // effectiveSparkVersion / sparkVersion
  bool photon = false;
  bool job_cluster = false;  // Databricks job cluster (jobs compute), else all-purpose
  bool spot_hint = false;    // the log says spot / preemptible capacity
  std::string evidence;      // which keys decided platform and node types
};

ClusterShape DetectClusterShape(const AppStatus& status, const SparkConf& conf);

}  // namespace sparkdx::cost

#endif  // SPARKDX_COST_CLUSTER_SHAPE_H_
