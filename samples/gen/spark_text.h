// The fixed texts a real Spark 3.5 log on YARN carries: environment
// (JVM, Hadoop, system and metrics properties, class path), a base set of
// Spark properties, call sites, exception stack traces and the YARN
// messages for lost containers. Scenarios pick and adjust; nothing here is
// random.
#ifndef SPARKDX_SAMPLES_GEN_SPARK_TEXT_H_
#define SPARKDX_SAMPLES_GEN_SPARK_TEXT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "event_writer.h"
#include "scenario.h"

namespace sparkdx::samples {

inline constexpr char kDriverHost[] = "gateway-01";
inline constexpr int32_t kShuffleServicePort = 7337;

// Host name of executor host number `n` (1-based): "host-07".
std::string HostName(int32_t n);

// Spark properties of a batch job on YARN (client mode, external shuffle
// service, Kryo, AQE, event log with stage executor metrics), for the
// given application and cluster. Scenarios then Set/Remove what they need.
std::vector<Property> BaseSparkProperties(const AppSpec& app, const ClusterSpec& cluster);
void SetProperty(std::vector<Property>* properties, const std::string& key, const std::string& value);
void RemoveProperty(std::vector<Property>* properties, const std::string& key);
const std::string* FindProperty(const std::vector<Property>& properties, const std::string& key);

std::vector<Property> JvmInformation();
std::vector<Property> HadoopProperties();
std::vector<Property> SystemProperties(const AppSpec& app);
std::vector<Property> MetricsProperties();
std::vector<Property> ClasspathEntries(const AppSpec& app);

// "Details" of a stage: the action's frame, the user's frames, then the
// launcher (spark-submit for a JVM application, py4j for PySpark).
std::string CallSite(const AppSpec& app, const std::string& action_frame, int32_t user_line);
// The user's class and file ("DailyRollup.scala" / "daily_rollup.py").
std::string UserFile(const AppSpec& app);

// Executor-side stack traces.
std::vector<StackFrame> HeapOomFrames();
std::vector<StackFrame> UserExceptionFrames(const AppSpec& app);
std::vector<StackFrame> DriverAbortFrames();
// FetchFailed "Message": the FetchFailedException's stack trace.
std::string FetchFailedMessage(const std::string& host, int32_t port);

// "2024-06-10 09:14:03.112" (UTC) for YARN diagnostics.
std::string DateTimeText(int64_t epoch_ms);

// Loss reasons for executors, as YarnAllocator words them.
std::string YarnMemoryKillReason(int64_t container_mb);
std::string ContainerKilledReason(const std::string& container_id, const std::string& host, int64_t time_ms);
std::string HeapOomExitReason(const std::string& container_id, const std::string& host, int64_t time_ms);
std::string PreemptedReason(const std::string& container_id, const std::string& host);
inline constexpr char kIdleRemovalReason[] = "Executor killed by driver.";

// "1.5 GB" the way Hadoop's StringUtils.TraditionalBinaryPrefix prints a
// size in the memory-limit diagnostics (one decimal).
std::string HadoopSize(int64_t bytes);

}  // namespace sparkdx::samples

#endif  // SPARKDX_SAMPLES_GEN_SPARK_TEXT_H_
