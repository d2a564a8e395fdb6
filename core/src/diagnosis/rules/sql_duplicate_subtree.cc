// sql.duplicate_subtree: the same work appears more than once in one plan:
// identical subtrees (same operators with the same descriptions, expression
// ids aside) reading the same data, each computed anew. Spark reuses an
// identical exchange or subquery by itself (ReusedExchange, ReusedSubquery,
// which the plan graph folds into one node with two parents), so what is
// left here was not reusable: a DataFrame used twice, a view or CTE inlined
// twice with the same filters.
//
// A duplicate must read data (contain a scan) and have at least two
// operators; only the largest duplicated subtree is reported, not its
// duplicated parts.
//
// Thresholds: sparkdx's own gate (ANCHORS §14.5 has none): the extra copies
// read at least 128 MiB ("size of files read" of their scans; Spark's
// target partition size) or measured at least 10 s of task time; below
// that, caching costs about what it saves.
//
// Saving: the timing metrics of the extra copies' operators ("scan time",
// "sort time", "shuffle write time"...) and the "duration" of codegen
// clusters whose operators are all in a copy: core time, converted to the
// execution's wall clock by its share of the execution's task time.
#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/sql_support.h"

namespace sparkdx {
namespace {

constexpr int64_t kDuplicateMinBytes = 128 * kMiB;
constexpr int64_t kDuplicateMinTaskMs = 10'000;
constexpr int kDuplicateMinNodes = 2;

// Expression ids (#123) and plan ids differ between otherwise equal copies.
std::string Normalize(const std::string& text) {
  static const std::regex kIds("#[0-9]+|plan_id=[0-9]+");
  return std::regex_replace(text, kIds, "#");
}

class PlanShapes {
 public:
  explicit PlanShapes(const SqlExecutionData& exec) : exec_(exec) {
    for (const SqlPlanEdgeData& e : exec.edges) {
      children_[e.to_id].push_back(e.from_id);
      parents_[e.from_id].push_back(e.to_id);
    }
  }
  // A canonical text of the subtree under `id`; sizes and scan presence too.
  const std::string& Signature(int64_t id, int depth = 0) {
    auto it = signatures_.find(id);
    if (it != signatures_.end()) return it->second;
    const SqlPlanNodeData* node = SqlNode(exec_, id);
    std::string sig = node ? Normalize(SqlNodeName(*node)) + "|" + Normalize(node->simple_string) : "?";
    int size = 1;
    bool scan = node && SqlNodeName(*node).find("Scan") != std::string::npos;
    sig += "(";
    if (depth < 64) {
      for (int64_t child : children_[id]) {
        sig += Signature(child, depth + 1) + ",";
        size += sizes_[child];
        scan = scan || scans_[child];
      }
    }
    sig += ")";
    sizes_[id] = size;
    scans_[id] = scan;
    return signatures_[id] = sig;
  }
  int Size(int64_t id) const { return sizes_.count(id) ? sizes_.at(id) : 0; }
  bool HasScan(int64_t id) const { return scans_.count(id) && scans_.at(id); }
  const std::vector<int64_t>& Parents(int64_t id) { return parents_[id]; }
  // Every node id under `id`, itself included.
  void Collect(int64_t id, std::set<int64_t>* ids, int depth = 0) {
    if (!ids->insert(id).second || depth >= 64) return;
    for (int64_t child : children_[id]) Collect(child, ids, depth + 1);
  }

 private:
  const SqlExecutionData& exec_;
  std::map<int64_t, std::vector<int64_t>> children_, parents_;
  std::map<int64_t, std::string> signatures_;
  std::map<int64_t, int> sizes_;
  std::map<int64_t, bool> scans_;
};

// Core time measured in `ids`: timing metrics of their operators plus the
// duration of clusters wholly inside them.
int64_t MeasuredMs(const SqlExecutionData& exec, const std::set<int64_t>& ids) {
  int64_t ms = 0;
  std::map<int64_t, std::pair<int, int>> cluster_members;  // cluster -> (members inside, members)
  for (const SqlPlanNodeData& node : exec.nodes) {
    if (node.cluster_id >= 0) {
      auto& [inside, all] = cluster_members[node.cluster_id];
      ++all;
      if (ids.count(node.node_id)) ++inside;
    }
    if (!ids.count(node.node_id)) continue;
    for (const SqlMetricData& metric : node.metrics) {
      if (metric.metric_type == "timing" || metric.metric_type == "nsTiming") {
        ms += SqlMetricMs(exec, node, metric.name).value_or(0);
      }
    }
  }
  for (const auto& [cluster_id, counts] : cluster_members) {
    if (counts.first != counts.second) continue;
    if (const SqlPlanNodeData* cluster = SqlNode(exec, cluster_id)) ms += SqlMetricMs(exec, *cluster, "duration").value_or(0);
  }
  return ms;
}

int64_t ScanBytes(const SqlExecutionData& exec, const std::set<int64_t>& ids) {
  int64_t bytes = 0;
  for (int64_t id : ids) {
    if (const SqlPlanNodeData* node = SqlNode(exec, id)) bytes += SqlMetricTotal(exec, *node, "size of files read").value_or(0);
  }
  return bytes;
}

}  // namespace

void CheckSqlDuplicateSubtree(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& status = *analysis.status;
  for (const auto& [exec_id, exec] : status.sql_executions) {
    PlanShapes shapes(exec);
    std::map<std::string, std::vector<int64_t>> by_signature;
    for (const SqlPlanNodeData& node : exec.nodes) {
      if (node.is_cluster) continue;
      by_signature[shapes.Signature(node.node_id)].push_back(node.node_id);
    }
    for (const auto& [signature, copies] : by_signature) {
      if (copies.size() < 2) continue;
      int64_t first = copies.front();
      if (shapes.Size(first) < kDuplicateMinNodes || !shapes.HasScan(first)) continue;
      // Only the largest duplicate: skip when a parent is itself duplicated.
      bool covered = false;
      for (int64_t copy : copies) {
        for (int64_t parent : shapes.Parents(copy)) {
          auto parent_copies = by_signature.find(shapes.Signature(parent));
          if (parent_copies != by_signature.end() && parent_copies->second.size() >= 2) covered = true;
        }
      }
      if (covered) continue;
      std::set<int64_t> extra_ids;
      for (size_t i = 1; i < copies.size(); ++i) shapes.Collect(copies[i], &extra_ids);
      int64_t extra_ms = MeasuredMs(exec, extra_ids);
      int64_t extra_bytes = ScanBytes(exec, extra_ids);
      if (extra_bytes < kDuplicateMinBytes && extra_ms < kDuplicateMinTaskMs) continue;

      const SqlPlanNodeData* top = SqlNode(exec, first);
      std::string scan = SqlFirstScanBelow(exec, *top);
      int64_t extra = static_cast<int64_t>(copies.size()) - 1;
      Finding f;
      f.entity = SqlEntity(exec);
      f.evidence = {Count("copies", static_cast<int64_t>(copies.size())), Count("operators_per_copy", shapes.Size(first)),
                    Bytes("extra_copies_bytes_read", extra_bytes), Ms("extra_copies_task_time", extra_ms)};
      f.explanation = SqlLabel(exec) + " computes the same subtree " + std::to_string(copies.size()) + " times: " +
                      std::to_string(shapes.Size(first)) + " operators from " + SqlNodeName(*top) +
                      (scan.empty() ? "" : " down to " + scan) + ", not reused by Spark. The " +
                      std::to_string(extra) + " extra " + (extra == 1 ? "copy" : "copies") + " read " +
                      HumanBytes(extra_bytes) + " again and took " + HumanDuration(extra_ms) + " of measured task time.";
      f.recommendations.push_back({"Compute it once: persist() the DataFrame that both uses share (or CACHE TABLE the "
                                       "view) before the query, or rewrite the query so one scan feeds both (one "
                                       "aggregate with conditional expressions, or a single CTE joined once).",
                                   "", ""});
      f.saving_core_ms = extra_ms;
      f.saving_ms = SqlWallClockShare(analysis, exec, extra_ms);
      f.impact = extra_ms > 0
                     ? "About " + HumanDuration(f.saving_ms) + " of the execution's wall clock: the extra copies' " +
                           HumanDuration(extra_ms) + " of measured operator time, in proportion to the execution's "
                           "task time; caching costs back the time to write the cached data once."
                     : "Not measurable from the plan's timing metrics; the extra copies re-read " +
                           HumanBytes(extra_bytes) + ", which a cached copy would not.";
      f.confidence = extra_ms > 0 ? Confidence::kMedium : Confidence::kLow;
      out->findings.push_back(std::move(f));
    }
  }
}

}  // namespace sparkdx
