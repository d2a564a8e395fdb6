// stages, stages/{id}, stages/{id}/{attempt}, .../taskSummary, .../taskList:
// Spark's StagesResource over the stage attempts of one application attempt.
//
// Spark's store holds every stage attempt its listener wrote (pending and
// skipped ones included, not those known only from task events), and every
// task attempt it saw start, whether or not its stage is known. Lists come
// in the store's orders: stages latest id (and attempt) first, a stage's
// attempts oldest first, tasks by id or by their stored run time.
#include <algorithm>
#include <cctype>

#include "report/rest/rest_endpoints.h"
#include "report/rest/rest_stage_json.h"
#include "report/rest/rest_stage_params.h"
#include "report/rest/rest_task_json.h"
#include "report/rest/rest_task_summary.h"

namespace sparkdx {
namespace {

// A path id as Spark's route pattern "\d+" (and an Int) accepts it.
bool PathId(const std::string& text, int32_t* out) {
  if (text.empty() || text.size() > 10) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  int64_t value = 0;
  if (!RestIntArg(text, &value) || value > INT32_MAX) return false;
  *out = static_cast<int32_t>(value);
  return true;
}

bool Listed(const StageStatusData& stage) { return !stage.tasks_only; }

// The attempts of `stage_id` Spark lists, oldest first.
std::vector<const StageStatusData*> Attempts(const AppStatus& app, int32_t stage_id) {
  std::vector<const StageStatusData*> attempts;
  for (auto it = app.stages.lower_bound({stage_id, INT32_MIN}); it != app.stages.end() && it->first.first == stage_id;
       ++it) {
    if (Listed(*it->second)) attempts.push_back(it->second.get());
  }
  return attempts;
}

// The options of the one-stage routes: details by default.
bool OneStageOptions(const RestRequest& request, StageJsonOptions* options, std::string* error) {
  options->details = RestBoolParam(request, "details", true);
  options->with_summaries = RestBoolParam(request, "withSummaries", false);
  return RestTaskStatusParam(request, "taskStatus", &options->task_statuses, error) &&
         RestQuantilesParam(request, "0.0,0.25,0.5,0.75,1.0", &options->quantiles, error);
}

// Spark's stage list filter with details and task statuses: a stage stays
// when it has tasks in one of the statuses (by its counters).
bool HasTasksIn(const StageStatusData& stage, const std::vector<std::string>& statuses) {
  for (const std::string& status : statuses) {
    int32_t unknown = stage.info.num_tasks - stage.failed_tasks - stage.killed_tasks - stage.active_tasks -
                      stage.completed_tasks;
    if ((status == "FAILED" && stage.failed_tasks > 0) || (status == "KILLED" && stage.killed_tasks > 0) ||
        (status == "RUNNING" && stage.active_tasks > 0) || (status == "SUCCESS" && stage.completed_tasks > 0) ||
        (status == "UNKNOWN" && unknown > 0)) {
      return true;
    }
  }
  return false;
}

const StageStatusData* FindStage(const AppStatus& app, int32_t stage_id, int32_t attempt_id) {
  auto it = app.stages.find({stage_id, attempt_id});
  return it == app.stages.end() ? nullptr : it->second.get();
}

// 404 for a stage attempt Spark does not have, worded as Spark words it.
RestResponse UnknownAttempt(const AppStatus& app, int32_t stage_id) {
  std::vector<const StageStatusData*> attempts = Attempts(app, stage_id);
  if (attempts.empty()) return RestNotFound("unknown stage: " + std::to_string(stage_id));
  std::string ids;
  for (const StageStatusData* stage : attempts) ids += (ids.empty() ? "" : ",") + std::to_string(stage->info.attempt_id);
  return RestNotFound("unknown attempt for stage " + std::to_string(stage_id) + ".  Found attempts: [" + ids + "]");
}

// Sorted by Spark's run-time index: the stored run time (negative for
// unsuccessful tasks, -1 without metrics), then the task id.
void SortByRunTime(std::vector<TaskRecord>* tasks) {
  std::stable_sort(tasks->begin(), tasks->end(), [](const TaskRecord& a, const TaskRecord& b) {
    int64_t ra = TaskStoredMetric(a, TaskMetric::kExecutorRunTimeMs);
    int64_t rb = TaskStoredMetric(b, TaskMetric::kExecutorRunTimeMs);
    return ra != rb ? ra < rb : a.task_id < b.task_id;
  });
}

}  // namespace

RestResponse StageList(const RestCall& call) {
  const RestRequest& request = *call.request;
  std::vector<StageStatusKind> statuses;
  StageJsonOptions options;
  std::string error;
  options.details = RestBoolParam(request, "details", false);
  options.with_summaries = RestBoolParam(request, "withSummaries", false);
  if (!RestStageStatusParam(request, &statuses, &error) ||
      !RestQuantilesParam(request, "0.0,0.25,0.5,0.75,1.0", &options.quantiles, &error) ||
      !RestTaskStatusParam(request, "taskStatus", &options.task_statuses, &error)) {
    return RestBadRequest(error);
  }
  RestJson list = RestJson::array();
  const auto& stages = call.attempt->stages;
  for (auto it = stages.rbegin(); it != stages.rend(); ++it) {
    const StageStatusData& stage = *it->second;
    if (!Listed(stage)) continue;
    if (!statuses.empty() && std::find(statuses.begin(), statuses.end(), stage.status) == statuses.end()) continue;
    if (options.details && !options.task_statuses.empty() && !HasTasksIn(stage, options.task_statuses)) continue;
    RestJson json;
    if (!StageJson(*call.attempt, stage, options, &json, &error)) return RestBadRequest(error);
    list.push_back(std::move(json));
  }
  return RestOk(list);
}

RestResponse StageAttempts(const RestCall& call) {
  int32_t stage_id = 0;
  if (!PathId(call.args[0], &stage_id)) return RestNotFound("unknown stage: " + call.args[0]);
  StageJsonOptions options;
  std::string error;
  if (!OneStageOptions(*call.request, &options, &error)) return RestBadRequest(error);
  std::vector<const StageStatusData*> attempts = Attempts(*call.attempt, stage_id);
  if (attempts.empty()) return RestNotFound("unknown stage: " + std::to_string(stage_id));
  RestJson list = RestJson::array();
  for (const StageStatusData* stage : attempts) {
    RestJson json;
    if (!StageJson(*call.attempt, *stage, options, &json, &error)) return RestBadRequest(error);
    list.push_back(std::move(json));
  }
  return RestOk(list);
}

RestResponse OneStageAttempt(const RestCall& call) {
  int32_t stage_id = 0, attempt_id = 0;
  if (!PathId(call.args[0], &stage_id)) return RestNotFound("unknown stage: " + call.args[0]);
  if (!PathId(call.args[1], &attempt_id)) return UnknownAttempt(*call.attempt, stage_id);
  StageJsonOptions options;
  std::string error;
  if (!OneStageOptions(*call.request, &options, &error)) return RestBadRequest(error);
  const StageStatusData* stage = FindStage(*call.attempt, stage_id, attempt_id);
  if (stage == nullptr || !Listed(*stage)) return UnknownAttempt(*call.attempt, stage_id);
  RestJson json;
  if (!StageJson(*call.attempt, *stage, options, &json, &error)) return RestBadRequest(error);
  return RestOk(json);
}

RestResponse StageTaskSummary(const RestCall& call) {
  int32_t stage_id = 0, attempt_id = 0;
  if (!PathId(call.args[0], &stage_id) || !PathId(call.args[1], &attempt_id)) {
    return RestNotFound("unknown stage attempt: " + call.args[0] + "/" + call.args[1]);
  }
  std::vector<double> quantiles;
  std::string error;
  if (!RestQuantilesParam(*call.request, "0.05,0.25,0.5,0.75,0.95", &quantiles, &error)) return RestBadRequest(error);
  // Spark summarises the tasks it holds for the attempt, known stage or not.
  const StageStatusData* stage = FindStage(*call.attempt, stage_id, attempt_id);
  std::optional<RestJson> summary;
  if (stage != nullptr) summary = TaskMetricDistributionsJson(StoredTasks(*stage), quantiles, RestNowMs(*call.attempt));
  if (!summary) {
    return RestNotFound("No tasks reported metrics for " + std::to_string(stage_id) + " / " +
                        std::to_string(attempt_id) + " yet.");
  }
  return RestOk(*summary);
}

RestResponse StageTaskList(const RestCall& call) {
  int32_t stage_id = 0, attempt_id = 0;
  if (!PathId(call.args[0], &stage_id) || !PathId(call.args[1], &attempt_id)) {
    return RestNotFound("unknown stage attempt: " + call.args[0] + "/" + call.args[1]);
  }
  const RestRequest& request = *call.request;
  int32_t offset = 0, length = 20;
  TaskSorting sorting = TaskSorting::kId;
  std::vector<std::string> statuses;
  std::string error;
  if (!RestInt32Param(request, "offset", 0, &offset, &error) || !RestInt32Param(request, "length", 20, &length, &error) ||
      !RestTaskSortingParam(request, &sorting, &error) || !RestTaskStatusParam(request, "status", &statuses, &error)) {
    return RestBadRequest(error);
  }
  // Spark answers an empty list for a stage attempt it holds no task of.
  std::vector<TaskRecord> tasks;
  if (const StageStatusData* stage = FindStage(*call.attempt, stage_id, attempt_id)) tasks = StoredTasks(*stage);
  if (sorting != TaskSorting::kId) SortByRunTime(&tasks);
  if (sorting == TaskSorting::kDecreasingRuntime) std::reverse(tasks.begin(), tasks.end());

  std::vector<const TaskRecord*> page;
  if (statuses.empty()) {
    // skip(offset).max(length): Spark refuses a length that is not positive.
    if (length <= 0) return RestBadRequest("length=" + std::to_string(length) + ": must be positive");
    size_t first = static_cast<size_t>(std::max(offset, 0));
    for (size_t i = first; i < tasks.size() && page.size() < static_cast<size_t>(length); ++i) page.push_back(&tasks[i]);
  } else {
    // Filtered, then sliced [offset, offset + length) with Int arithmetic.
    int32_t until = static_cast<int32_t>(static_cast<uint32_t>(offset) + static_cast<uint32_t>(length));
    int64_t position = 0;
    for (const TaskRecord& task : tasks) {
      if (std::find(statuses.begin(), statuses.end(), TaskStatusName(task)) == statuses.end()) continue;
      if (position >= std::max(offset, 0) && position < until) page.push_back(&task);
      ++position;
    }
  }
  TaskJsonWriter writer(*call.attempt);
  RestJson list = RestJson::array();
  for (const TaskRecord* task : page) list.push_back(writer.Json(*task));
  return RestOk(list);
}

}  // namespace sparkdx
