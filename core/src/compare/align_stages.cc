// Stage alignment. Ids shift between runs (an extra job first, a retry, a
// different number of SQL executions), so stages are matched by what they
// are, in three passes over what is still unmatched:
//   1. equal structure_key (compare/stage_structure.h): the k-th stage with
//      a key in the baseline pairs with the k-th with that key in the
//      candidate (a loop running the same code twice keeps its order);
//   2. equal stage name ("count at Job.scala:42"), again by occurrence;
//   3. equal name once digits are ignored (the code moved a few lines, or a
//      generated name carries a counter).
// What is left is baseline-only or candidate-only.
#include <algorithm>
#include <functional>
#include <map>

#include "compare/comparison.h"

namespace sparkdx {
namespace {

std::string WithoutDigits(const std::string& name) {
  std::string out;
  for (char c : name) {
    bool digit = c >= '0' && c <= '9';
    if (!digit) out += c;
    else if (out.empty() || out.back() != '#') out += '#';
  }
  return out;
}

using KeyFn = std::function<std::string(const StageView&)>;

void MatchPass(const std::vector<StageView>& baseline, const std::vector<StageView>& candidate, const KeyFn& key,
               StageMatchKind kind, std::vector<bool>* b_used, std::vector<bool>* c_used,
               std::vector<StagePair>* pairs) {
  std::map<std::string, std::vector<size_t>> waiting;  // key -> unmatched candidate indexes, in order
  for (size_t c = 0; c < candidate.size(); ++c) {
    if (!(*c_used)[c] && !key(candidate[c]).empty()) waiting[key(candidate[c])].push_back(c);
  }
  std::map<std::string, size_t> taken;  // per key: how many were matched so far
  for (size_t b = 0; b < baseline.size(); ++b) {
    if ((*b_used)[b]) continue;
    std::string k = key(baseline[b]);
    auto it = waiting.find(k);
    if (k.empty() || it == waiting.end()) continue;
    size_t& next = taken[k];
    if (next >= it->second.size()) continue;
    size_t c = it->second[next++];
    (*b_used)[b] = (*c_used)[c] = true;
    pairs->push_back({b, c, kind});
  }
}

}  // namespace

const char* StageMatchKindName(StageMatchKind kind) {
  switch (kind) {
    case StageMatchKind::kStructure: return "structure";
    case StageMatchKind::kName: return "name";
    case StageMatchKind::kSimilarName: return "similar_name";
  }
  return "structure";
}

StageAlignment AlignStages(const std::vector<StageView>& baseline, const std::vector<StageView>& candidate) {
  StageAlignment a;
  std::vector<bool> b_used(baseline.size()), c_used(candidate.size());
  MatchPass(baseline, candidate, [](const StageView& s) { return s.structure_key; }, StageMatchKind::kStructure,
            &b_used, &c_used, &a.pairs);
  MatchPass(baseline, candidate, [](const StageView& s) { return s.name; }, StageMatchKind::kName, &b_used, &c_used,
            &a.pairs);
  MatchPass(baseline, candidate, [](const StageView& s) { return WithoutDigits(s.name); },
            StageMatchKind::kSimilarName, &b_used, &c_used, &a.pairs);
  std::sort(a.pairs.begin(), a.pairs.end(), [](const StagePair& x, const StagePair& y) { return x.baseline < y.baseline; });
  for (size_t b = 0; b < baseline.size(); ++b) {
    if (!b_used[b]) a.baseline_only.push_back(b);
  }
  for (size_t c = 0; c < candidate.size(); ++c) {
    if (!c_used[c]) a.candidate_only.push_back(c);
  }
  for (const StagePair& p : a.pairs) {
    if (p.kind == StageMatchKind::kStructure) ++a.by_structure;
    else if (p.kind == StageMatchKind::kName) ++a.by_name;
    else ++a.by_similar_name;
  }
  size_t most = std::max(baseline.size(), candidate.size());
  a.coverage = most == 0 ? 1.0 : static_cast<double>(a.pairs.size()) / static_cast<double>(most);
  double total = 0, matched = 0;
  for (const StageView& s : baseline) total += static_cast<double>(s.task_time_ms);
  for (const StagePair& p : a.pairs) matched += static_cast<double>(baseline[p.baseline].task_time_ms);
  a.matched_task_time_share = total > 0 ? matched / total : (a.pairs.size() == baseline.size() ? 1.0 : 0.0);
  return a;
}

}  // namespace sparkdx
