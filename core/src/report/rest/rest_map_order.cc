#include "report/rest/rest_map_order.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace sparkdx {
namespace {

// Scala's Hashing.improve: spreads an Int hash over all 32 bits (unsigned
// arithmetic: Java's Int overflow wraps).
uint32_t Improve(int32_t hash) {
  uint32_t h = static_cast<uint32_t>(hash);
  h = h + ~(h << 9);
  h = h ^ (h >> 14);
  h = h + (h << 4);
  return h ^ (h >> 10);
}

// One CHAMP node holding `members` (positions, in insertion order) at
// `shift`: entries alone in their 5-bit slot come first, by slot, then the
// sub-nodes of the shared slots, by slot. Past the 32 hash bits the keys
// share a whole hash: a collision node, in insertion order.
void ChampOrder(const std::vector<uint32_t>& improved, const std::vector<size_t>& members, int shift,
                std::vector<size_t>* out) {
  if (members.size() == 1 || shift >= 32) {
    out->insert(out->end(), members.begin(), members.end());
    return;
  }
  std::map<uint32_t, std::vector<size_t>> slots;
  for (size_t position : members) slots[(improved[position] >> shift) & 31].push_back(position);
  for (const auto& [slot, positions] : slots) {
    if (positions.size() == 1) out->push_back(positions[0]);
  }
  for (const auto& [slot, positions] : slots) {
    if (positions.size() > 1) ChampOrder(improved, positions, shift + 5, out);
  }
}

}  // namespace

int32_t ScalaLongHash(int64_t key) {
  if (key >= INT32_MIN && key <= INT32_MAX) return static_cast<int32_t>(key);
  uint64_t bits = static_cast<uint64_t>(key);
  return static_cast<int32_t>(static_cast<uint32_t>(bits ^ (bits >> 32)));
}

int32_t JavaStringHash(std::string_view utf8) {
  uint32_t hash = 0;
  auto add = [&hash](uint32_t unit) { hash = hash * 31 + unit; };
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    uint32_t code = c;
    size_t length = 1;
    if (c >= 0xF0 && i + 3 < utf8.size()) {
      code = ((c & 0x07u) << 18) | ((utf8[i + 1] & 0x3Fu) << 12) | ((utf8[i + 2] & 0x3Fu) << 6) | (utf8[i + 3] & 0x3Fu);
      length = 4;
    } else if (c >= 0xE0 && i + 2 < utf8.size()) {
      code = ((c & 0x0Fu) << 12) | ((utf8[i + 1] & 0x3Fu) << 6) | (utf8[i + 2] & 0x3Fu);
      length = 3;
    } else if (c >= 0xC0 && i + 1 < utf8.size()) {
      code = ((c & 0x1Fu) << 6) | (utf8[i + 1] & 0x3Fu);
      length = 2;
    }
    if (code >= 0x10000) {  // a surrogate pair in UTF-16
      code -= 0x10000;
      add(0xD800 + (code >> 10));
      add(0xDC00 + (code & 0x3FF));
    } else {
      add(code);
    }
    i += length;
  }
  return static_cast<int32_t>(hash);
}

std::vector<size_t> ScalaImmutableMapOrder(const std::vector<int32_t>& hashes) {
  std::vector<size_t> order(hashes.size());
  std::iota(order.begin(), order.end(), 0);
  if (hashes.size() <= 4) return order;  // Map1..Map4
  std::vector<uint32_t> improved(hashes.size());
  for (size_t i = 0; i < hashes.size(); ++i) improved[i] = Improve(hashes[i]);
  std::vector<size_t> out;
  out.reserve(hashes.size());
  ChampOrder(improved, order, 0, &out);
  return out;
}

std::vector<size_t> ScalaMutableMapOrder(const std::vector<int32_t>& hashes) {
  // The table starts at 16 buckets and doubles when an insertion would
  // reach three quarters of it.
  uint64_t buckets = 16;
  for (size_t size = 0; size < hashes.size(); ++size) {
    if (size + 1 >= buckets * 3 / 4) buckets *= 2;
  }
  std::vector<int32_t> spread(hashes.size());
  for (size_t i = 0; i < hashes.size(); ++i) {
    uint32_t h = static_cast<uint32_t>(hashes[i]);
    spread[i] = static_cast<int32_t>(h ^ (h >> 16));
  }
  std::vector<size_t> order(hashes.size());
  std::iota(order.begin(), order.end(), 0);
  // A bucket keeps its nodes sorted by hash, equal hashes in insertion order.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    uint64_t bucket_a = static_cast<uint32_t>(spread[a]) & (buckets - 1);
    uint64_t bucket_b = static_cast<uint32_t>(spread[b]) & (buckets - 1);
    if (bucket_a != bucket_b) return bucket_a < bucket_b;
    return spread[a] < spread[b];
  });
  return order;
}

RestJson KilledSummaryJson(const std::vector<std::pair<std::string, int32_t>>& summary) {
  std::vector<int32_t> hashes;
  for (const auto& [reason, count] : summary) hashes.push_back(JavaStringHash(reason));
  RestJson json = RestJson::object();
  for (size_t i : ScalaImmutableMapOrder(hashes)) json[summary[i].first] = summary[i].second;
  return json;
}

}  // namespace sparkdx
