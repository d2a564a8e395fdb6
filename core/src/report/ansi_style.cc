#include "report/ansi_style.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "report/json_read.h"

namespace sparkdx {
namespace {

using namespace report_json;

constexpr const char* kReset = "\033[0m";

// Foreground colours of the breakdown parts, in the spirit of report.css's
// --sdx-part-* (the 16 standard colours every terminal has).
struct PartColor {
  const char* part;
  const char* sgr;
};
constexpr PartColor kPartColors[] = {
    {"driver", "35"},        {"waiting_for_executors", "95"},        {"compute", "32"},
    {"gc", "33"},            {"shuffle_fetch_wait", "34"},           {"shuffle_write", "94"},
    {"spill", "31"},         {"scheduling_and_serialization", "37"}, {"failed_attempts", "91"},
    {"skew_tail", "93"},     {"idle_slots", "90"},
};

const char* PartSgr(const std::string& part) {
  for (const PartColor& color : kPartColors) {
    if (part == color.part) return color.sgr;
  }
  return "37";
}

}  // namespace

std::string AnsiStyle::Heading(const std::string& text) const {
  return on_ ? "\033[1m" + text + kReset : text;
}

std::string AnsiStyle::Status(const std::string& status, const std::string& text) const {
  if (!on_) return text;
  const char* sgr = "0";
  if (status == "critical" || status == "violated" || status == "error") {
    sgr = "1;31";
  } else if (status == "warning" || status == "inconclusive") {
    sgr = "33";
  } else if (status == "info") {
    sgr = "36";
  } else if (status == "pass") {
    sgr = "32";
  }
  return std::string("\033[") + sgr + "m" + text + kReset;
}

std::string AnsiStyle::BreakdownBar(const nlohmann::ordered_json& parts, const std::string& indent) const {
  if (!on_ || Items(parts).empty()) return "";
  // Largest-remainder rounding so the cells always add up to kBarCells.
  struct Run {
    std::string part;
    int cells;
    double remainder;
  };
  std::vector<Run> runs;
  int used = 0;
  for (const auto& part : Items(parts)) {
    double exact = std::clamp(Number(At(part, "share")), 0.0, 1.0) * kBarCells;
    int cells = static_cast<int>(std::floor(exact));
    runs.push_back({Str(At(part, "part"), ""), cells, exact - cells});
    used += cells;
  }
  std::vector<size_t> order(runs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return runs[a].remainder > runs[b].remainder; });
  for (size_t k = 0; k < order.size() && used < kBarCells; ++k) {
    if (runs[order[k]].remainder <= 0) break;
    ++runs[order[k]].cells;
    ++used;
  }
  std::string out = indent;
  for (const Run& run : runs) {
    if (run.cells <= 0) continue;
    out += std::string("\033[") + PartSgr(run.part) + "m";
    for (int i = 0; i < run.cells; ++i) out += "\u2588";
    out += kReset;
  }
  return out + "\n";
}

}  // namespace sparkdx
