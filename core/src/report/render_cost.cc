#include "report/render_cost.h"

#include <cstdio>
#include <string>

#include "report/json_read.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;
using namespace report_json;

// Waste below this share of the cost is not worth a line.
constexpr double kMinShownShare = 0.005;

std::string Usd(const Json& value) {
  char text[64];
  double usd = Number(value);
  std::snprintf(text, sizeof text, usd >= 0.01 || usd == 0 ? "$%.2f" : "$%.4f", usd);
  return text;
}

// "idle executor cores $1.20, skew tails $0.10" for the causes that matter.
std::string Causes(const Json& waste, double total_usd) {
  std::string out;
  for (const Json& cause : Items(At(waste, "by_cause"))) {
    if (total_usd <= 0 || Number(At(cause, "usd")) / total_usd < kMinShownShare) continue;
    out += (out.empty() ? "" : ", ") + Str(At(cause, "cause")) + " " + Usd(At(cause, "usd"));
  }
  return out;
}

// The largest target: "stage 3 (name) $0.44, 33% of the waste".
std::string TopTarget(const Json& list, const char* kind, const char* id_key) {
  const Json& items = Items(list);
  if (items.empty()) return "";
  const Json& top = items[0];
  std::string name = Str(At(top, "name"), "");
  return std::string(kind) + " " + Str(At(top, id_key)) + (name.empty() ? "" : " (" + name + ")") + " " +
         Usd(At(top, "usd")) + ", " + HumanPercent(Number(At(top, "share_of_waste"))) + " of the waste";
}

std::string RightSizing(const Json& cost) {
  const Json& sizing = At(cost, "right_sizing");
  if (!sizing.is_object()) return "";
  const Json& current = At(sizing, "current");
  const Json& proposed = At(sizing, "proposed");
  std::string heap_now = Str(At(current, "spark.executor.memory")),
              heap_new = Str(At(proposed, "spark.executor.memory"));
  std::string over_now = Str(At(current, "spark.executor.memoryOverhead"));
  std::string over_new = Str(At(proposed, "spark.executor.memoryOverhead"));
  if (heap_now == heap_new && over_now == over_new) return "";
  std::string out = "spark.executor.memory " + heap_now + " -> " + heap_new + ", memoryOverhead " + over_now + " -> " +
                    over_new + " (peaks + " + HumanPercent(Number(At(sizing, "headroom"))) + ")";
  if (At(sizing, "usd_saved").is_number()) out += ", saves " + Usd(At(sizing, "usd_saved"));
  return out;
}

}  // namespace

std::string RenderCostText(const Json& app) {
  const Json& cost = At(app, "cost");
  const Json& total = At(cost, "total");
  if (!total.is_object()) return "";
  std::string out = "\n    Cost " + Usd(At(total, "usd")) + "  " + Str(At(total, "basis")) + "\n";
  if (!At(total, "effective_date").is_null()) {
    out += "      prices: " + Str(At(total, "catalog")) + ", list prices of " + Str(At(total, "effective_date")) + "\n";
  }
  const Json& waste = At(cost, "waste");
  double total_usd = Number(At(total, "usd"));
  if (At(waste, "usd").is_number() && Number(At(waste, "usd")) > 0) {
    out += "      waste " + Usd(At(waste, "usd")) + " (" + HumanPercent(Number(At(waste, "share_of_total"))) +
           "): " + Causes(waste, total_usd) + "\n";
    std::string stage = TopTarget(At(waste, "stages"), "stage", "stage_id");
    if (!stage.empty()) out += "      most waste: " + stage + "\n";
    std::string sql = TopTarget(At(waste, "sql_executions"), "SQL", "execution_id");
    if (!sql.empty()) out += "      most waste: " + sql + "\n";
  }
  std::string sizing = RightSizing(cost);
  if (!sizing.empty()) out += "      right-sizing: " + sizing + "\n";
  return out;
}

std::string RenderCostMarkdown(const Json& app) {
  const Json& cost = At(app, "cost");
  const Json& total = At(cost, "total");
  if (!total.is_object()) return "";
  std::string out = "**Cost " + Usd(At(total, "usd")) + "**: " + Str(At(total, "basis"));
  if (!At(total, "effective_date").is_null()) {
    out += " (" + Str(At(total, "catalog")) + ", list prices of " + Str(At(total, "effective_date")) + ")";
  }
  out += ".\n\n";
  const Json& waste = At(cost, "waste");
  double total_usd = Number(At(total, "usd"));
  if (At(waste, "usd").is_number() && Number(At(waste, "usd")) > 0) {
    out += "Waste " + Usd(At(waste, "usd")) + " (" + HumanPercent(Number(At(waste, "share_of_total"))) +
           "): " + Causes(waste, total_usd) + ".";
    std::string stage = TopTarget(At(waste, "stages"), "stage", "stage_id");
    std::string sql = TopTarget(At(waste, "sql_executions"), "SQL", "execution_id");
    if (!stage.empty()) out += " Most: " + stage + ".";
    if (!sql.empty()) out += " " + sql + ".";
    out += "\n\n";
  }
  std::string sizing = RightSizing(cost);
  if (!sizing.empty()) out += "Right-sizing: `" + sizing + "`.\n\n";
  return out;
}

}  // namespace sparkdx
