#include "spark_text.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace sparkdx::samples {
namespace {

std::string Mb(int64_t mb) { return mb % 1024 == 0 ? std::to_string(mb / 1024) + "g" : std::to_string(mb) + "m"; }

// Frames of an executor's task thread below the operator that failed.
void AppendTaskRunnerFrames(std::vector<StackFrame>* frames) {
  const StackFrame kRunner[] = {
      {"org.apache.spark.sql.execution.BufferedRowIterator", "hasNext", "BufferedRowIterator.java", 43},
      {"org.apache.spark.sql.execution.WholeStageCodegenEvaluatorFactory$WholeStageCodegenPartitionEvaluator$$anon$1",
       "hasNext", "WholeStageCodegenEvaluatorFactory.scala", 43},
      {"scala.collection.Iterator$$anon$10", "hasNext", "Iterator.scala", 460},
      {"org.apache.spark.shuffle.sort.UnsafeShuffleWriter", "write", "UnsafeShuffleWriter.java", 179},
      {"org.apache.spark.shuffle.ShuffleWriteProcessor", "write", "ShuffleWriteProcessor.scala", 59},
      {"org.apache.spark.scheduler.ShuffleMapTask", "runTask", "ShuffleMapTask.scala", 104},
      {"org.apache.spark.scheduler.ShuffleMapTask", "runTask", "ShuffleMapTask.scala", 54},
      {"org.apache.spark.TaskContext", "runTaskWithListeners", "TaskContext.scala", 161},
      {"org.apache.spark.scheduler.Task", "run", "Task.scala", 141},
      {"org.apache.spark.executor.Executor$TaskRunner", "$anonfun$run$4", "Executor.scala", 620},
      {"org.apache.spark.util.SparkErrorUtils", "tryWithSafeFinally", "SparkErrorUtils.scala", 64},
      {"org.apache.spark.util.SparkErrorUtils", "tryWithSafeFinally$", "SparkErrorUtils.scala", 61},
      {"org.apache.spark.util.Utils$", "tryWithSafeFinally", "Utils.scala", 94},
      {"org.apache.spark.executor.Executor$TaskRunner", "run", "Executor.scala", 623},
      {"java.util.concurrent.ThreadPoolExecutor", "runWorker", "ThreadPoolExecutor.java", 1136},
      {"java.util.concurrent.ThreadPoolExecutor$Worker", "run", "ThreadPoolExecutor.java", 635},
      {"java.lang.Thread", "run", "Thread.java", 840},
  };
  frames->insert(frames->end(), std::begin(kRunner), std::end(kRunner));
}

std::string ContainerDiagnostics(const std::string& container_id, const std::string& host, int32_t exit_status,
                                 const std::string& diagnostics) {
  return "Container marked as failed: " + container_id + " on host: " + host +
         ". Exit status: " + std::to_string(exit_status) + ". Diagnostics: " + diagnostics;
}

}  // namespace

std::string HostName(int32_t n) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "host-%02d", n);
  return buf;
}

void SetProperty(std::vector<Property>* properties, const std::string& key, const std::string& value) {
  for (Property& p : *properties) {
    if (p.key == key) {
      p.value = value;
      return;
    }
  }
  properties->push_back(Property{key, value});
}

void RemoveProperty(std::vector<Property>* properties, const std::string& key) {
  properties->erase(
      std::remove_if(properties->begin(), properties->end(), [&](const Property& p) { return p.key == key; }),
      properties->end());
}

const std::string* FindProperty(const std::vector<Property>& properties, const std::string& key) {
  for (const Property& p : properties) {
    if (p.key == key) return &p.value;
  }
  return nullptr;
}

std::vector<Property> BaseSparkProperties(const AppSpec& app, const ClusterSpec& cluster) {
  std::string jar = "file:/home/hadoop/jobs/acme-etl-assembly-2.4.0.jar";
  std::vector<Property> p = {
      {"spark.app.id", app.id},
      {"spark.app.name", app.name},
      {"spark.app.startTime", std::to_string(app.start_ms)},
      {"spark.app.submitTime", std::to_string(app.start_ms - 1873)},
      {"spark.driver.host", kDriverHost},
      {"spark.driver.port", "37451"},
      {"spark.driver.memory", Mb(cluster.driver_memory_mb)},
      {"spark.driver.extraJavaOptions", "-XX:+UseG1GC -Dlog4j2.configurationFile=/etc/spark/conf/log4j2.properties"},
      {"spark.executor.extraJavaOptions", "-XX:+UseG1GC -XX:InitiatingHeapOccupancyPercent=35"},
      {"spark.executor.id", "driver"},
      {"spark.master", "yarn"},
      {"spark.submit.deployMode", "client"},
      {"spark.executor.instances", std::to_string(cluster.executors)},
      {"spark.executor.cores", std::to_string(cluster.cores)},
      {"spark.executor.memory", Mb(cluster.memory_mb)},
      {"spark.executor.memoryOverhead", Mb(cluster.overhead_mb)},
      {"spark.dynamicAllocation.enabled", "false"},
      {"spark.shuffle.service.enabled", "true"},
      {"spark.shuffle.service.port", std::to_string(kShuffleServicePort)},
      {"spark.serializer", "org.apache.spark.serializer.KryoSerializer"},
      {"spark.kryoserializer.buffer.max", "256m"},
      {"spark.speculation", "false"},
      {"spark.task.maxFailures", "4"},
      {"spark.scheduler.mode", "FIFO"},
      {"spark.eventLog.enabled", "true"},
      {"spark.eventLog.dir", "hdfs:///var/log/spark/apps"},
      {"spark.eventLog.logStageExecutorMetrics", "true"},
      {"spark.executor.processTreeMetrics.enabled", "true"},
      {"spark.history.fs.logDirectory", "hdfs:///var/log/spark/apps"},
      {"spark.yarn.historyServer.address", std::string(kDriverHost) + ":18080"},
      {"spark.yarn.am.memory", "1g"},
      {"spark.ui.port", "4040"},
      {"spark.sql.adaptive.enabled", "true"},
      {"spark.sql.adaptive.coalescePartitions.enabled", "true"},
      {"spark.sql.adaptive.advisoryPartitionSizeInBytes", "128m"},
      {"spark.sql.adaptive.skewJoin.enabled", "true"},
      {"spark.sql.shuffle.partitions", "400"},
      {"spark.sql.autoBroadcastJoinThreshold", "10485760"},
      {"spark.sql.files.maxPartitionBytes", "134217728"},
      {"spark.sql.catalogImplementation", "hive"},
      {"spark.sql.warehouse.dir", "hdfs:///user/hive/warehouse"},
      {"spark.sql.parquet.compression.codec", "zstd"},
      {"spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "2"},
      {"spark.jars", app.pyspark ? "" : jar},
      {"spark.repl.local.jars", app.pyspark ? "" : jar},
  };
  if (app.pyspark) {
    p.push_back({"spark.submit.pyFiles", ""});
    p.push_back({"spark.yarn.isPython", "true"});
    p.push_back({"spark.python.worker.memory", "512m"});
  }
  return p;
}

std::vector<Property> JvmInformation() {
  return {{"Java Home", "/usr/lib/jvm/java-17-amazon-corretto.x86_64"},
          {"Java Version", "17.0.10 (Amazon.com Inc.)"},
          {"Scala Version", "version 2.12.18"}};
}

std::vector<Property> HadoopProperties() {
  return {
      {"dfs.blocksize", "134217728"},
      {"dfs.client.read.shortcircuit", "true"},
      {"dfs.replication", "2"},
      {"fs.defaultFS", "hdfs://gateway-01:8020"},
      {"fs.s3a.connection.maximum", "500"},
      {"hadoop.tmp.dir", "/mnt/var/lib/hadoop/tmp"},
      {"io.file.buffer.size", "65536"},
      {"mapreduce.fileoutputcommitter.algorithm.version", "2"},
      {"yarn.nodemanager.aux-services", "spark_shuffle,mapreduce_shuffle"},
      {"yarn.nodemanager.pmem-check-enabled", "true"},
      {"yarn.nodemanager.resource.cpu-vcores", "16"},
      {"yarn.nodemanager.resource.memory-mb", "122880"},
      {"yarn.nodemanager.vmem-check-enabled", "false"},
      {"yarn.resourcemanager.address", "gateway-01:8032"},
      {"yarn.resourcemanager.scheduler.class",
       "org.apache.hadoop.yarn.server.resourcemanager.scheduler.capacity.CapacityScheduler"},
  };
}

std::vector<Property> SystemProperties(const AppSpec& app) {
  std::string command = app.pyspark ? "org.apache.spark.deploy.SparkSubmit --master yarn --conf spark.driver.memory=4g "
                                      "/home/hadoop/jobs/" +
                                          UserFile(app)
                                    : "org.apache.spark.deploy.SparkSubmit --master yarn --class com.acme.etl." +
                                          UserFile(app).substr(0, UserFile(app).find('.')) +
                                          " /home/hadoop/jobs/acme-etl-assembly-2.4.0.jar";
  return {
      {"file.encoding", "UTF-8"},
      {"file.separator", "/"},
      {"java.class.version", "61.0"},
      {"java.home", "/usr/lib/jvm/java-17-amazon-corretto.x86_64"},
      {"java.io.tmpdir", "/tmp"},
      {"java.runtime.name", "OpenJDK Runtime Environment"},
      {"java.runtime.version", "17.0.10+7-LTS"},
      {"java.specification.version", "17"},
      {"java.vendor", "Amazon.com Inc."},
      {"java.version", "17.0.10"},
      {"java.vm.name", "OpenJDK 64-Bit Server VM"},
      {"java.vm.version", "17.0.10+7-LTS"},
      {"jdk.reflect.useDirectMethodHandle", "false"},
      {"line.separator", "\n"},
      {"os.arch", "amd64"},
      {"os.name", "Linux"},
      {"os.version", "6.1.84-99.169.amzn2023.x86_64"},
      {"path.separator", ":"},
      {"sun.java.command", command},
      {"sun.jnu.encoding", "UTF-8"},
      {"user.dir", "/home/hadoop"},
      {"user.home", "/home/hadoop"},
      {"user.name", app.user},
      {"user.timezone", "UTC"},
  };
}

std::vector<Property> MetricsProperties() {
  return {{"*.sink.servlet.class", "org.apache.spark.metrics.sink.MetricsServlet"},
          {"*.sink.servlet.path", "/metrics/json"},
          {"applications.sink.servlet.path", "/metrics/applications/json"},
          {"master.sink.servlet.path", "/metrics/master/json"}};
}

std::vector<Property> ClasspathEntries(const AppSpec& app) {
  const char* const kJars[] = {
      "/usr/lib/spark/jars/hadoop-client-api-3.3.6.jar",
      "/usr/lib/spark/jars/hadoop-client-runtime-3.3.6.jar",
      "/usr/lib/spark/jars/jackson-databind-2.15.2.jar",
      "/usr/lib/spark/jars/kryo-shaded-4.0.2.jar",
      "/usr/lib/spark/jars/lz4-java-1.8.0.jar",
      "/usr/lib/spark/jars/netty-all-4.1.96.Final.jar",
      "/usr/lib/spark/jars/parquet-hadoop-1.13.1.jar",
      "/usr/lib/spark/jars/scala-library-2.12.18.jar",
      "/usr/lib/spark/jars/snappy-java-1.1.10.3.jar",
      "/usr/lib/spark/jars/spark-catalyst_2.12-3.5.1.jar",
      "/usr/lib/spark/jars/spark-core_2.12-3.5.1.jar",
      "/usr/lib/spark/jars/spark-hive_2.12-3.5.1.jar",
      "/usr/lib/spark/jars/spark-network-shuffle_2.12-3.5.1.jar",
      "/usr/lib/spark/jars/spark-sql_2.12-3.5.1.jar",
      "/usr/lib/spark/jars/spark-yarn_2.12-3.5.1.jar",
      "/usr/lib/spark/jars/zstd-jni-1.5.5-4.jar",
  };
  std::vector<Property> entries = {{"/etc/hadoop/conf/", "System Classpath"},
                                   {"/usr/lib/spark/conf/", "System Classpath"}};
  for (const char* jar : kJars) entries.push_back({jar, "System Classpath"});
  if (app.pyspark) {
    entries.push_back({"/usr/lib/spark/python/lib/py4j-0.10.9.7-src.zip", "System Classpath"});
    entries.push_back({"/usr/lib/spark/python/lib/pyspark.zip", "System Classpath"});
  } else {
    entries.push_back({"spark://gateway-01:37451/jars/acme-etl-assembly-2.4.0.jar", "Added By User"});
  }
  std::sort(entries.begin(), entries.end(), [](const Property& a, const Property& b) { return a.key < b.key; });
  return entries;
}

std::string UserFile(const AppSpec& app) {
  if (app.pyspark) return "daily_features.py";
  return "DailyRollup.scala";
}

std::string CallSite(const AppSpec& app, const std::string& action_frame, int32_t user_line) {
  std::string s = action_frame + "\n";
  if (app.pyspark) {
    s += "java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n"
         "java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:77)\n"
         "java.base/jdk.internal.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)\n"
         "java.base/java.lang.reflect.Method.invoke(Method.java:568)\n"
         "py4j.reflection.MethodInvoker.invoke(MethodInvoker.java:244)\n"
         "py4j.reflection.ReflectionEngine.invoke(ReflectionEngine.java:374)\n"
         "py4j.Gateway.invoke(Gateway.java:282)\n"
         "py4j.commands.AbstractCommand.invokeMethod(AbstractCommand.java:132)\n"
         "py4j.commands.CallCommand.execute(CallCommand.java:79)\n"
         "py4j.ClientServerConnection.waitForCommands(ClientServerConnection.java:182)\n"
         "py4j.ClientServerConnection.run(ClientServerConnection.java:106)\n"
         "java.base/java.lang.Thread.run(Thread.java:840)";
    return s;
  }
  s += "com.acme.etl.DailyRollup$.run(DailyRollup.scala:" + std::to_string(user_line) + ")\n";
  s += "com.acme.etl.DailyRollup$.main(DailyRollup.scala:31)\n"
       "com.acme.etl.DailyRollup.main(DailyRollup.scala)\n"
       "java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n"
       "java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:77)\n"
       "java.base/jdk.internal.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)\n"
       "java.base/java.lang.reflect.Method.invoke(Method.java:568)\n"
       "org.apache.spark.deploy.JavaMainApplication.start(SparkApplication.scala:52)\n"
       "org.apache.spark.deploy.SparkSubmit.org$apache$spark$deploy$SparkSubmit$$runMain(SparkSubmit.scala:1029)\n"
       "org.apache.spark.deploy.SparkSubmit.doRunMain$1(SparkSubmit.scala:194)\n"
       "org.apache.spark.deploy.SparkSubmit.submit(SparkSubmit.scala:217)\n"
       "org.apache.spark.deploy.SparkSubmit.doSubmit(SparkSubmit.scala:91)\n"
       "org.apache.spark.deploy.SparkSubmit$$anon$2.doSubmit(SparkSubmit.scala:1120)\n"
       "org.apache.spark.deploy.SparkSubmit$.main(SparkSubmit.scala:1129)\n"
       "org.apache.spark.deploy.SparkSubmit.main(SparkSubmit.scala)";
  return s;
}

std::vector<StackFrame> HeapOomFrames() {
  std::vector<StackFrame> frames = {
      {"java.base/java.util.Arrays", "copyOf", "Arrays.java", 3537},
      {"java.base/java.io.ByteArrayOutputStream", "grow", "ByteArrayOutputStream.java", 100},
      {"org.apache.spark.sql.catalyst.expressions.aggregate.Collect", "update", "collect.scala", 87},
      {"org.apache.spark.sql.catalyst.expressions.aggregate.TypedImperativeAggregate", "update", "interfaces.scala",
       624},
      {"org.apache.spark.sql.execution.aggregate.ObjectAggregationIterator", "processInputs",
       "ObjectAggregationIterator.scala", 156},
      {"org.apache.spark.sql.execution.aggregate.ObjectHashAggregateExec", "$anonfun$doExecute$1",
       "ObjectHashAggregateExec.scala", 114},
  };
  AppendTaskRunnerFrames(&frames);
  return frames;
}

std::vector<StackFrame> UserExceptionFrames(const AppSpec& app) {
  std::vector<StackFrame> frames = {
      {"com.acme.etl.transform.CountryNormalizer$", "normalize", "CountryNormalizer.scala", 42},
      {"com.acme.etl.DailyRollup$", "$anonfun$run$3", UserFile(app), 64},
      {"org.apache.spark.sql.catalyst.expressions.GeneratedClass$GeneratedIteratorForCodegenStage2", "processNext",
       "Unknown Source", -1},
  };
  AppendTaskRunnerFrames(&frames);
  return frames;
}

std::vector<StackFrame> DriverAbortFrames() {
  return {
      {"org.apache.spark.scheduler.DAGScheduler", "failJobAndIndependentStages", "DAGScheduler.scala", 2898},
      {"org.apache.spark.scheduler.DAGScheduler", "$anonfun$abortStage$2", "DAGScheduler.scala", 2834},
      {"org.apache.spark.scheduler.DAGScheduler", "$anonfun$abortStage$2$adapted", "DAGScheduler.scala", 2833},
      {"scala.collection.mutable.ResizableArray", "foreach", "ResizableArray.scala", 62},
      {"scala.collection.mutable.ResizableArray", "foreach$", "ResizableArray.scala", 55},
      {"scala.collection.mutable.ArrayBuffer", "foreach", "ArrayBuffer.scala", 49},
      {"org.apache.spark.scheduler.DAGScheduler", "abortStage", "DAGScheduler.scala", 2833},
      {"org.apache.spark.scheduler.DAGScheduler", "$anonfun$handleTaskSetFailed$1", "DAGScheduler.scala", 1253},
      {"org.apache.spark.scheduler.DAGScheduler", "handleTaskSetFailed", "DAGScheduler.scala", 1253},
      {"org.apache.spark.scheduler.DAGSchedulerEventProcessLoop", "doOnReceive", "DAGScheduler.scala", 3102},
      {"org.apache.spark.scheduler.DAGSchedulerEventProcessLoop", "onReceive", "DAGScheduler.scala", 3036},
      {"org.apache.spark.scheduler.DAGSchedulerEventProcessLoop", "onReceive", "DAGScheduler.scala", 3025},
      {"org.apache.spark.util.EventLoop$$anon$1", "run", "EventLoop.scala", 49},
  };
}

std::string FetchFailedMessage(const std::string& host, int32_t port) {
  // host-NN has the address 10.0.1.NN.
  int32_t number = std::atoi(host.c_str() + host.find_last_of('-') + 1);
  std::string address = host + "/10.0.1." + std::to_string(number) + ":" + std::to_string(port);
  return "org.apache.spark.shuffle.FetchFailedException: Failed to connect to " + address +
         "\n\tat org.apache.spark.errors.SparkCoreErrors$.fetchFailedError(SparkCoreErrors.scala:437)"
         "\n\tat "
         "org.apache.spark.storage.ShuffleBlockFetcherIterator.throwFetchFailedException(ShuffleBlockFetcherIterator."
         "scala:1239)"
         "\n\tat org.apache.spark.storage.ShuffleBlockFetcherIterator.next(ShuffleBlockFetcherIterator.scala:971)"
         "\n\tat org.apache.spark.storage.ShuffleBlockFetcherIterator.next(ShuffleBlockFetcherIterator.scala:86)"
         "\n\tat org.apache.spark.util.CompletionIterator.next(CompletionIterator.scala:29)"
         "\n\tat scala.collection.Iterator$$anon$11.nextCur(Iterator.scala:486)"
         "\n\tat scala.collection.Iterator$$anon$11.hasNext(Iterator.scala:492)"
         "\n\tat org.apache.spark.sql.execution.SortExec.$anonfun$doExecute$1(SortExec.scala:127)"
         "\n\tat org.apache.spark.scheduler.ResultTask.runTask(ResultTask.scala:93)"
         "\n\tat org.apache.spark.executor.Executor$TaskRunner.run(Executor.scala:623)"
         "\n\tat java.base/java.lang.Thread.run(Thread.java:840)"
         "\nCaused by: java.io.IOException: Failed to connect to " +
         address +
         "\n\tat org.apache.spark.network.client.TransportClientFactory.createClient(TransportClientFactory.java:294)"
         "\n\tat org.apache.spark.network.client.TransportClientFactory.createClient(TransportClientFactory.java:214)"
         "\n\tat "
         "org.apache.spark.network.shuffle.ExternalBlockStoreClient.lambda$fetchBlocks$0(ExternalBlockStoreClient.java:"
         "132)"
         "\n\t... 3 more"
         "\nCaused by: io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: " +
         address + "\n";
}

std::string DateTimeText(int64_t epoch_ms) {
  int64_t days = epoch_ms / 86400000;
  int64_t ms_of_day = epoch_ms % 86400000;
  // Howard Hinnant's civil_from_days (integer only).
  int64_t z = days + 719468;
  int64_t era = z / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04lld-%02lld-%02lld %02lld:%02lld:%02lld.%03lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(ms_of_day / 3600000),
                static_cast<long long>(ms_of_day / 60000 % 60), static_cast<long long>(ms_of_day / 1000 % 60),
                static_cast<long long>(ms_of_day % 1000));
  return buf;
}

std::string HadoopSize(int64_t bytes) {
  // One decimal of GB, rounded half up, in integers.
  int64_t tenths = (bytes * 10 + (int64_t{1} << 29)) >> 30;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " GB";
}

std::string YarnMemoryKillReason(int64_t container_mb) {
  std::string size = HadoopSize(container_mb << 20);
  return "Container killed by YARN for exceeding memory limits.  " + size + " of " + size +
         " physical memory used. Consider boosting spark.executor.memoryOverhead or disabling "
         "yarn.nodemanager.vmem-check-enabled because of YARN-4714.";
}

std::string ContainerKilledReason(const std::string& container_id, const std::string& host, int64_t time_ms) {
  std::string at = "[" + DateTimeText(time_ms) + "]";
  return ContainerDiagnostics(container_id, host, 137,
                              at + "Container killed on request. Exit code is 137\n" + at +
                                  "Container exited with a non-zero exit code 137. \n" + at +
                                  "Killed by external signal\n.");
}

std::string HeapOomExitReason(const std::string& container_id, const std::string& host, int64_t time_ms) {
  std::string at = "[" + DateTimeText(time_ms) + "]";
  return ContainerDiagnostics(container_id, host, 52,
                              at + "Exception from container-launch.\nContainer id: " + container_id +
                                  "\nExit code: 52\n\n" + at +
                                  "Container exited with a non-zero exit code 52. Error file: prelaunch.err.\n"
                                  "Last 4096 bytes of prelaunch.err :\nLast 4096 bytes of stderr :\n"
                                  "java.lang.OutOfMemoryError: Java heap space\n.");
}

std::string PreemptedReason(const std::string& container_id, const std::string& host) {
  return "Container " + container_id + " on host: " + host + " was preempted.";
}

}  // namespace sparkdx::samples
