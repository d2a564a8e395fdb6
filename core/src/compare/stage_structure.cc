#include "compare/stage_structure.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace sparkdx {
namespace {

// FNV-1a, 64 bits: stable across platforms and builds (std::hash is not).
class Fnv64 {
 public:
  void Add(std::string_view text) {
    for (unsigned char c : text) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
    // A separator byte that text cannot hold, so ("ab","c") != ("a","bc").
    hash_ ^= 0xff;
    hash_ *= 0x100000001b3ULL;
  }
  std::string Hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash_));
    return text;
  }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

std::string_view FirstLines(std::string_view text, int lines) {
  size_t end = 0;
  for (int i = 0; i < lines && end < text.size(); ++i) {
    size_t newline = text.find('\n', end);
    end = newline == std::string_view::npos ? text.size() : newline + 1;
  }
  return text.substr(0, end);
}

// The stage's own part of the key (no parents).
void AddOwnStructure(const StageInfoEvent& info, Fnv64* hash) {
  hash->Add(info.name);
  hash->Add(FirstLines(info.details, kStructureCallSiteFrames));
  std::vector<std::string> rdds;
  rdds.reserve(info.rdd_infos.size());
  for (const RddInfoEvent& rdd : info.rdd_infos) rdds.push_back(rdd.name + "\x1f" + ScopeName(rdd.scope));
  std::sort(rdds.begin(), rdds.end());
  for (const std::string& rdd : rdds) hash->Add(rdd);
}

}  // namespace

std::string ScopeName(std::string_view scope_json) {
  constexpr std::string_view kKey = "\"name\":";
  size_t at = scope_json.find(kKey);
  if (at == std::string_view::npos) return "";
  size_t start = scope_json.find('"', at + kKey.size());
  if (start == std::string_view::npos) return "";
  std::string name;
  for (size_t i = start + 1; i < scope_json.size(); ++i) {
    char c = scope_json[i];
    if (c == '\\' && i + 1 < scope_json.size()) {
      name += scope_json[++i];
    } else if (c == '"') {
      return name;
    } else {
      name += c;
    }
  }
  return name;  // unterminated: what there is
}

std::map<int32_t, std::string> StageStructureKeys(const AppStatus& status) {
  // The latest attempt's info per stage id (attempts share their structure).
  std::map<int32_t, const StageInfoEvent*> infos;
  for (const auto& [key, stage] : status.stages) infos[key.first] = &stage->info;
  std::map<int32_t, std::string> own;  // keys without parents
  for (const auto& [id, info] : infos) {
    Fnv64 hash;
    AddOwnStructure(*info, &hash);
    own[id] = hash.Hex();
  }
  std::map<int32_t, std::string> keys;
  for (const auto& [id, info] : infos) {  // ascending ids: parents first
    Fnv64 hash;
    hash.Add(own[id]);
    std::vector<std::string> parents;
    for (int32_t parent : info->parent_ids) {
      auto done = keys.find(parent);
      if (done != keys.end() && parent < id) {
        parents.push_back(done->second);
      } else if (auto alone = own.find(parent); alone != own.end()) {
        parents.push_back(alone->second);
      }
    }
    std::sort(parents.begin(), parents.end());
    for (const std::string& parent : parents) hash.Add(parent);
    keys[id] = hash.Hex();
  }
  return keys;
}

std::string SqlPlanShapeKey(const SqlExecutionData& execution) {
  if (execution.nodes.empty()) return "";
  std::map<int64_t, size_t> position;  // node id -> index in Spark's order
  for (size_t i = 0; i < execution.nodes.size(); ++i) position[execution.nodes[i].node_id] = i;
  Fnv64 hash;
  for (const SqlPlanNodeData& node : execution.nodes) hash.Add(node.node_name);
  for (const SqlPlanEdgeData& edge : execution.edges) {
    auto from = position.find(edge.from_id);
    auto to = position.find(edge.to_id);
    if (from == position.end() || to == position.end()) continue;
    hash.Add(std::to_string(from->second) + ">" + std::to_string(to->second));
  }
  return hash.Hex();
}

}  // namespace sparkdx
