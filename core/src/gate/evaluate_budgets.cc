// EvaluateBudgets: judges each set budget on each application of a report,
// reading only the JSON document (as the renderers do), so any shell judges
// the report it shows. What each budget measures is in docs/budgets.md.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "base/format.h"
#include "gate/budget_values.h"
#include "report/json_read.h"
#include "sparkdx/gate.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;
using namespace report_json;

constexpr const char* kSkewRules[] = {"stage.task_skew", "stage.straggler"};
constexpr const char* kSkewEvidence = "max_over_median_task_time";

BudgetCheck Inconclusive(BudgetCheck check, std::string reason) {
  check.status = BudgetStatus::kInconclusive;
  check.reason = std::move(reason);
  return check;
}

// Sets status from measured <= limit (a maximum) or >= limit (a minimum):
// a value exactly at the limit passes.
void Judge(BudgetCheck* check, double measured, bool is_maximum) {
  check->measured = measured;
  bool within = is_maximum ? measured <= check->limit : measured >= check->limit;
  check->status = within ? BudgetStatus::kPass : BudgetStatus::kViolated;
}

BudgetCheck Runtime(const Json& app, BudgetCheck check) {
  const Json& duration = At(app, "duration_ms");
  std::string limit = HumanDuration(static_cast<int64_t>(check.limit));
  if (!Flag(At(app, "completed"))) {
    std::string seen = duration.is_number_integer() ? ", " + Duration(duration) + " observed before the log ended" : "";
    return Inconclusive(check, "the run did not complete (no ApplicationEnd), so its runtime is unknown" + seen);
  }
  if (!duration.is_number_integer()) return Inconclusive(check, "the log has no application start time");
  int64_t ms = duration.get<int64_t>();
  Judge(&check, static_cast<double>(ms), true);
  check.reason = check.status == BudgetStatus::kPass
                     ? "runtime " + HumanDuration(ms) + " is within the " + limit + " budget"
                     : "runtime " + HumanDuration(ms) + " exceeds the " + limit + " budget by " +
                           HumanDuration(ms - static_cast<int64_t>(check.limit));
  return check;
}

BudgetCheck Skew(const Json& app, BudgetCheck check) {
  double worst = -1;
  std::string worst_stage;
  for (const Json& finding : Items(At(app, "findings"))) {
    std::string rule = Str(At(finding, "rule_id"));
    if (rule != kSkewRules[0] && rule != kSkewRules[1]) continue;
    for (const Json& evidence : Items(At(finding, "evidence"))) {
      if (Str(At(evidence, "key")) != kSkewEvidence || !At(evidence, "value").is_number()) continue;
      double ratio = Number(At(evidence, "value"));
      if (ratio > worst) worst = ratio, worst_stage = Str(At(At(finding, "entity"), "id"));
    }
  }
  std::string limit = HumanRatio(check.limit);
  if (worst < 0) {
    // Nothing flagged: that means something only if a skew rule could run.
    std::string not_run;
    for (const Json& c : Items(At(app, "checks_not_run"))) {
      std::string rule = Str(At(c, "rule_id"));
      if (rule == kSkewRules[0] || rule == kSkewRules[1]) not_run += (not_run.empty() ? "" : "; ") + rule + ": " + Str(At(c, "reason"));
    }
    bool both_not_run = not_run.find(kSkewRules[0]) != std::string::npos && not_run.find(kSkewRules[1]) != std::string::npos;
    if (both_not_run) return Inconclusive(check, "skew could not be measured (" + not_run + ")");
    check.reason = "no stage was flagged for task skew or stragglers";
    return check;
  }
  Judge(&check, worst, true);
  check.reason = check.status == BudgetStatus::kPass
                     ? "the most skewed flagged stage (" + worst_stage + ") has its longest task " + HumanRatio(worst) +
                           " the median, within the " + limit + " budget"
                     : "stage " + worst_stage + " has its longest task " + HumanRatio(worst) +
                           " the median, over the " + limit + " budget";
  return check;
}

BudgetCheck Spill(const Json& app, BudgetCheck check) {
  const Json& totals = At(app, "totals");
  const Json& memory = At(totals, "bytes_spilled_memory");
  const Json& disk = At(totals, "bytes_spilled_disk");
  if (!memory.is_number() || !disk.is_number()) {
    return Inconclusive(check, "the report has no spill totals (written by an older sparkdx)");
  }
  uint64_t total = Count(memory) + Count(disk);
  Judge(&check, static_cast<double>(total), true);
  std::string measured = HumanBytes(total) + " spilled (memory " + HumanBytes(Count(memory)) + " + disk " +
                         HumanBytes(Count(disk)) + ")";
  std::string limit = HumanBytes(static_cast<uint64_t>(check.limit));
  check.reason = check.status == BudgetStatus::kPass
                     ? measured + " is within the " + limit + " budget"
                     : measured + " exceeds the " + limit + " budget by " +
                           HumanBytes(total - static_cast<uint64_t>(check.limit));
  return check;
}

BudgetCheck FailedTaskRate(const Json& app, BudgetCheck check) {
  const Json& totals = At(app, "totals");
  if (!At(totals, "task_attempts").is_number()) {
    return Inconclusive(check, "the report has no task totals (written by an older sparkdx)");
  }
  uint64_t attempts = Count(At(totals, "task_attempts"));
  uint64_t failed = Count(At(totals, "failed_task_attempts"));
  if (attempts == 0) return Inconclusive(check, "no task attempt finished, so there is no failure rate");
  double rate = static_cast<double>(failed) / static_cast<double>(attempts);
  Judge(&check, rate, true);
  check.reason = std::to_string(failed) + " of " + std::to_string(attempts) + " task attempts failed (" +
                 HumanPercent(rate) + "), " + (check.status == BudgetStatus::kPass ? "within" : "over") + " the " +
                 HumanPercent(check.limit) + " budget";
  return check;
}

BudgetCheck CoreEfficiency(const Json& app, BudgetCheck check) {
  const Json& efficiency = At(At(app, "breakdown"), "core_efficiency");
  if (!efficiency.is_number()) {
    return Inconclusive(check, "core efficiency is unknown (no executor core time was held in the run)");
  }
  double value = Number(efficiency);
  Judge(&check, value, false);
  check.reason = "core efficiency " + HumanPercent(value) + " (task time / core time held) is " +
                 (check.status == BudgetStatus::kPass ? "within" : "below") + " the " + HumanPercent(check.limit) +
                 " budget";
  return check;
}

std::string Dollars(double usd) {
  char text[64];
  std::snprintf(text, sizeof text, "$%.2f", usd);
  return text;
}

// The run's cost (docs/cost.md). A run that did not complete cost at least
// what the log shows: over the budget is a violation, under it unknown.
BudgetCheck MaxCost(const Json& app, BudgetCheck check) {
  const Json& cost = At(app, "cost");
  const Json& usd = At(At(cost, "total"), "usd");
  if (!usd.is_number()) {
    std::string why = Str(At(cost, "reason"), "the report has no cost (written by an older sparkdx)");
    return Inconclusive(check, "the run's cost is unknown: " + why);
  }
  double value = Number(usd);
  Judge(&check, value, true);
  std::string limit = Dollars(check.limit);
  if (check.status == BudgetStatus::kViolated) {
    check.reason = "cost " + Dollars(value) + " exceeds the " + limit + " budget by " + Dollars(value - check.limit);
    return check;
  }
  if (!Flag(At(app, "completed"))) {
    return Inconclusive(check, "the run did not complete (no ApplicationEnd); it cost at least " + Dollars(value) +
                                   ", within the " + limit + " budget so far");
  }
  check.reason = "cost " + Dollars(value) + " is within the " + limit + " budget";
  return check;
}

BudgetCheck FailOn(const Json& app, BudgetCheck check) {
  const auto threshold = static_cast<BudgetSeverity>(static_cast<int>(check.limit));
  std::string name = BudgetSeverityName(threshold);
  int most = -1;
  std::vector<std::string> hits;
  for (const Json& finding : Items(At(app, "findings"))) {
    std::optional<BudgetSeverity> severity = ParseSeverity(Str(At(finding, "severity")));
    if (!severity) continue;
    most = std::max(most, static_cast<int>(*severity));
    if (*severity < threshold) continue;
    const Json& entity = At(finding, "entity");
    // The application is what the whole gate is about: only narrower entities are named.
    std::string where;
    if (Str(At(entity, "kind"), "") != "application" && !Str(At(entity, "id"), "").empty()) {
      where = " on " + Str(At(entity, "kind")) + " " + Str(At(entity, "id"));
    }
    hits.push_back(Str(At(finding, "rule_id")) + where + " (" + BudgetSeverityName(*severity) + ")");
  }
  if (most >= 0) check.measured = most;
  check.status = hits.empty() ? BudgetStatus::kPass : BudgetStatus::kViolated;
  if (hits.empty()) {
    check.reason = "no finding at or above " + name +
                   (most < 0 ? "" : std::string(" (the most severe is ") +
                                        BudgetSeverityName(static_cast<BudgetSeverity>(most)) + ")");
    return check;
  }
  // The findings are listed most severe first; name the first three.
  constexpr size_t kNamed = 3;
  check.reason = std::to_string(hits.size()) + (hits.size() == 1 ? " finding" : " findings") + " at or above " + name + ": ";
  for (size_t i = 0; i < hits.size() && i < kNamed; ++i) check.reason += (i > 0 ? ", " : "") + hits[i];
  if (hits.size() > kNamed) check.reason += " and " + std::to_string(hits.size() - kNamed) + " more";
  return check;
}

// The set budgets as checks not yet judged, in BudgetNames() order.
std::vector<BudgetCheck> Pending(const Budgets& budgets) {
  std::vector<BudgetCheck> pending;
  auto add = [&](const char* name, const char* unit, double limit) {
    BudgetCheck check;
    check.budget = name;
    check.unit = unit;
    check.limit = limit;
    pending.push_back(std::move(check));
  };
  if (budgets.max_runtime_ms) add("max_runtime", "ms", static_cast<double>(*budgets.max_runtime_ms));
  if (budgets.max_skew_ratio) add("max_skew", "ratio", *budgets.max_skew_ratio);
  if (budgets.max_spill_bytes) add("max_spill", "bytes", static_cast<double>(*budgets.max_spill_bytes));
  if (budgets.max_failed_task_rate) add("max_failed_task_rate", "fraction", *budgets.max_failed_task_rate);
  if (budgets.min_core_efficiency) add("min_core_efficiency", "fraction", *budgets.min_core_efficiency);
  if (budgets.max_cost_usd) add("max_cost_usd", "usd", *budgets.max_cost_usd);
  if (budgets.fail_on) add("fail_on", "severity", static_cast<double>(*budgets.fail_on));
  return pending;
}

BudgetCheck Evaluate(const Json& app, BudgetCheck check) {
  if (check.budget == "max_runtime") return Runtime(app, std::move(check));
  if (check.budget == "max_skew") return Skew(app, std::move(check));
  if (check.budget == "max_spill") return Spill(app, std::move(check));
  if (check.budget == "max_failed_task_rate") return FailedTaskRate(app, std::move(check));
  if (check.budget == "min_core_efficiency") return CoreEfficiency(app, std::move(check));
  if (check.budget == "max_cost_usd") return MaxCost(app, std::move(check));
  return FailOn(app, std::move(check));
}

}  // namespace

GateResult EvaluateBudgets(const Budgets& budgets, std::string_view report_json) {
  GateResult result;
  std::vector<BudgetCheck> pending = Pending(budgets);
  if (pending.empty()) return result;
  Json report = Json::parse(report_json, nullptr, /*allow_exceptions=*/false);
  const Json& applications = Items(At(report, "applications"));
  if (applications.empty()) {
    std::string reason = report.is_object() && At(report, "schema_version").is_number()
                             ? "the input holds no application"
                             : "not a sparkdx report";
    for (BudgetCheck& check : pending) result.checks.push_back(Inconclusive(std::move(check), reason));
  }
  for (const Json& app : applications) {
    std::string label = Str(At(app, "id"), "");
    if (label.empty()) label = Str(At(app, "log"), "");
    for (const BudgetCheck& check : pending) {
      BudgetCheck judged = Evaluate(app, check);
      judged.application = label;
      result.checks.push_back(std::move(judged));
    }
  }
  for (const BudgetCheck& check : result.checks) result.status = std::max(result.status, check.status);
  return result;
}

}  // namespace sparkdx
