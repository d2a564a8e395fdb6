// sql.broadcast_candidate: a sort-merge join shuffled and sorted both of
// its inputs although one was small enough to broadcast: a broadcast hash
// join would have shipped the small side to every executor and left the
// large side where it was, unshuffled and unsorted.
//
// Each side's size is the "data size" of the exchange feeding it (through
// Sort, Project, Filter and AQE shuffle reads). Only sides the join type
// can build from count (no full outer joins; only the right side of left
// outer, semi and anti joins, only the left of right outer joins).
//
// Thresholds (ANCHORS §14.5, DataFlint's JoinToBroadcastAlert): the small
// side under 10 MiB whatever the large side; under 100 MiB with the large
// side over 10 GiB; under 1 GiB with it over 300 GiB; under 5 GiB with it
// over 1 TiB. The threshold to set is the small side x 1.5 (headroom for
// growth), rounded up to a MiB.
//
// Saving: what the large side paid to be shuffled and sorted: its
// exchange's shuffle write time and fetch wait time plus the sort time of
// the Sort above it (all core time from the plan's metrics), converted to
// the execution's wall clock by its share of the execution's task time.
#include <algorithm>
#include <string>
#include <vector>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/sql_support.h"

namespace sparkdx {
namespace {

struct BroadcastBand {
  int64_t small_below_bytes;
  int64_t large_above_bytes;
};
constexpr int64_t kTiB = 1024 * kGiB;
constexpr BroadcastBand kBroadcastBands[] = {
    {10 * kMiB, 0},
    {100 * kMiB, 10 * kGiB},
    {1 * kGiB, 300 * kGiB},
    {5 * kGiB, kTiB},
};
constexpr double kThresholdHeadroom = 1.5;

struct JoinSide {
  const SqlPlanNodeData* input = nullptr;     // the join's child
  const SqlPlanNodeData* exchange = nullptr;  // the exchange feeding it
  int64_t bytes = -1;
  bool buildable = false;
};

bool Contains(const std::string& text, const char* token) { return text.find(token) != std::string::npos; }

bool BroadcastWorthy(int64_t small, int64_t large) {
  for (const BroadcastBand& band : kBroadcastBands) {
    if (small < band.small_below_bytes && large > band.large_above_bytes) return true;
  }
  return false;
}

}  // namespace

void CheckSqlBroadcastCandidate(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& status = *analysis.status;
  bool any_join = false;
  for (const auto& [id, exec] : status.sql_executions) {
    for (const SqlPlanNodeData& join : exec.nodes) {
      if (!SqlNodeNameStartsWith(join, "SortMergeJoin")) continue;
      any_join = true;
      std::vector<const SqlPlanNodeData*> children = SqlChildren(exec, join);
      if (children.size() != 2) continue;
      const std::string& text = join.simple_string;
      bool full = Contains(text, "FullOuter");
      bool left_only = Contains(text, "RightOuter");
      bool right_only = Contains(text, "LeftOuter") || Contains(text, "LeftSemi") || Contains(text, "LeftAnti") ||
                        Contains(text, "ExistenceJoin");
      JoinSide sides[2];
      for (int i = 0; i < 2; ++i) {
        sides[i].input = children[static_cast<size_t>(i)];
        sides[i].exchange = SqlFeedingExchange(exec, *sides[i].input);
        if (sides[i].exchange) sides[i].bytes = SqlMetricTotal(exec, *sides[i].exchange, "data size").value_or(-1);
        sides[i].buildable = !full && (i == 0 ? !right_only : !left_only);
      }
      // Unknown sizes, or a side with no bytes (an empty input, or a metric
      // the log never updated): nothing to gain from broadcasting.
      if (sides[0].bytes <= 0 || sides[1].bytes <= 0) continue;
      int small_index = -1;
      for (int i = 0; i < 2; ++i) {
        if (!sides[i].buildable) continue;
        if (small_index < 0 || sides[i].bytes < sides[small_index].bytes) small_index = i;
      }
      if (small_index < 0) continue;
      const JoinSide& small = sides[small_index];
      const JoinSide& large = sides[1 - small_index];
      if (!BroadcastWorthy(small.bytes, large.bytes)) continue;

      int64_t large_write_ms = SqlMetricMs(exec, *large.exchange, "shuffle write time").value_or(0);
      int64_t large_fetch_ms = SqlMetricMs(exec, *large.exchange, "fetch wait time").value_or(0);
      int64_t large_sort_ms = 0;
      if (SqlNodeNameStartsWith(*large.input, "Sort")) large_sort_ms = SqlMetricMs(exec, *large.input, "sort time").value_or(0);
      int64_t saving_core_ms = large_write_ms + large_fetch_ms + large_sort_ms;
      std::string small_name = SqlFirstScanBelow(exec, *small.input);
      int64_t threshold = analysis.conf.broadcast_threshold_bytes();
      int64_t wanted = RoundUpBytes(static_cast<int64_t>(static_cast<double>(small.bytes) * kThresholdHeadroom), kMiB);

      Finding f;
      f.entity = SqlEntity(exec);
      f.evidence = {Bytes("small_side", small.bytes),
                    Bytes("large_side", large.bytes),
                    Bytes("broadcast_threshold", threshold),
                    Ms("large_side_shuffle_write_time", large_write_ms),
                    Ms("large_side_fetch_wait_time", large_fetch_ms),
                    Ms("large_side_sort_time", large_sort_ms)};
      f.explanation = SqlLabel(exec) + " ran a sort-merge join (node " + std::to_string(join.node_id) +
                      ") whose " + (small_index == 0 ? "left" : "right") + " input" +
                      (small_name.empty() ? "" : " (from " + small_name + ")") + " was only " +
                      HumanBytes(small.bytes) + " against " + HumanBytes(large.bytes) +
                      " on the other side: both were shuffled and sorted, where broadcasting the small side would "
                      "have left the large side in place. The large side's shuffle write, fetch wait and sort took " +
                      HumanDuration(saving_core_ms) + " of task time.";
      f.recommendations.push_back({"Broadcast the small side: a /*+ BROADCAST(" +
                                       (small_name.empty() ? std::string("<small table>") : small_name) +
                                       ") */ hint, or broadcast(df) on it in the DataFrame API.",
                                   "", ""});
      if (threshold >= 0 && threshold < wanted) {
        f.recommendations.push_back({"Or raise the automatic broadcast threshold to the small side (" +
                                         HumanBytes(small.bytes) + ") x 1.5, from " + HumanBytes(threshold) + ".",
                                     "spark.sql.autoBroadcastJoinThreshold", SparkSizeText(wanted)});
      } else if (threshold >= wanted) {
        f.explanation += " The threshold (" + HumanBytes(threshold) +
                         ") was already above the small side: the planner's size estimate was too large (missing "
                         "table statistics)" +
                         (analysis.conf.adaptive_enabled()
                              ? std::string(", and adaptive execution did not switch the join at runtime either; a hint "
                                            "is the dependable fix.")
                              : std::string(", so only runtime sizes (adaptive execution) can switch the join."));
      }
      if (analysis.conf.version().AtLeast(3, 0) && !analysis.conf.adaptive_enabled()) {
        f.recommendations.push_back({"Turn on adaptive execution: with runtime sizes it turns such joins into "
                                         "broadcast joins by itself.",
                                     "spark.sql.adaptive.enabled", "true"});
      }
      f.saving_core_ms = saving_core_ms;
      f.saving_ms = SqlWallClockShare(analysis, exec, saving_core_ms);
      f.impact = "About " + HumanDuration(f.saving_ms) + " of the execution's wall clock and " +
                 HumanDuration(saving_core_ms) + " of task time: the large side's shuffle write (" +
                 HumanDuration(large_write_ms) + "), fetch wait (" + HumanDuration(large_fetch_ms) + ") and sort (" +
                 HumanDuration(large_sort_ms) + ") a broadcast join skips, in proportion to the execution's task time; "
                 "broadcasting " + HumanBytes(small.bytes) + " costs back a little of it.";
      f.confidence = saving_core_ms > 0 ? Confidence::kMedium : Confidence::kLow;
      out->findings.push_back(std::move(f));
    }
  }
  if (!any_join) out->NotRun("no SQL execution has a sort-merge join");
}

}  // namespace sparkdx
