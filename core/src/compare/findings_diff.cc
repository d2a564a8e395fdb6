// Findings introduced and resolved. A finding is the same in both runs when
// its rule, entity kind and entity agree; entities are compared by what
// they are, not by id: a stage by its structure_key (its name when the
// report has none), a job, SQL execution, executor or host by its name,
// the application as itself. Equal findings pair by order of occurrence.
#include <map>

#include "compare/comparison.h"

namespace sparkdx {
namespace {

std::string EntityIdentity(const FindingView& f, const RunView& run) {
  if (f.entity_kind == "stage") {
    std::string stage_id = f.entity_id.substr(0, f.entity_id.find('.'));
    for (const StageView& s : run.stages) {
      if (std::to_string(s.stage_id) == stage_id && !s.structure_key.empty()) return "key:" + s.structure_key;
    }
  }
  if (f.entity_kind == "application") return "";
  return "name:" + f.entity_name;
}

std::string MatchKey(const FindingView& f, const RunView& run) {
  return f.rule_id + "\x1f" + f.entity_kind + "\x1f" + EntityIdentity(f, run);
}

}  // namespace

FindingsDiff DiffFindings(const RunView& baseline, const RunView& candidate) {
  FindingsDiff diff;
  std::map<std::string, std::vector<const FindingView*>> open;  // baseline findings not yet matched
  for (const FindingView& f : baseline.findings) open[MatchKey(f, baseline)].push_back(&f);
  std::map<std::string, size_t> used;
  for (const FindingView& f : candidate.findings) {
    std::string key = MatchKey(f, candidate);
    auto it = open.find(key);
    if (it != open.end() && used[key] < it->second.size()) {
      ++used[key];
      ++diff.persisting;
    } else {
      diff.introduced.push_back(f);
    }
  }
  for (const FindingView& f : baseline.findings) {
    std::string key = MatchKey(f, baseline);
    size_t& left = used[key];  // matched ones are taken first, in order
    if (left > 0) {
      --left;
    } else {
      diff.resolved.push_back(f);
    }
  }
  return diff;
}

}  // namespace sparkdx
