// The order in which Spark's History Server (Scala 2.13, Spark 4) lists the
// keys of the maps it serialises, so sparkdx's JSON objects list them the
// same way:
// - an immutable Map built from a sequence (toMap, updated) keeps insertion
//   order up to four entries (Map1..Map4); with more it is a CHAMP HashMap,
//   iterated by the bits of each key's improved hash, five at a time: the
//   entries alone in their slot first, then the deeper nodes;
// - a mutable.HashMap (a StageInfo's accumulables) is iterated bucket by
//   bucket of its table (which doubles as it fills), each bucket by hash.
// Each function takes the keys' hashes (Scala's ##) in insertion order,
// without duplicate keys, and returns the positions in iteration order.
#ifndef SPARKDX_REPORT_REST_REST_STAGE_MAP_ORDER_H_
#define SPARKDX_REPORT_REST_REST_STAGE_MAP_ORDER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/rest/rest_endpoints.h"

namespace sparkdx {

// Scala's ## of a Long key: the value when it fits an Int, else Java's
// Long.hashCode.
int32_t ScalaLongHash(int64_t key);
// Java's String.hashCode of a UTF-8 text (over its UTF-16 code units).
int32_t JavaStringHash(std::string_view utf8);

std::vector<size_t> ScalaImmutableMapOrder(const std::vector<int32_t>& hashes);
std::vector<size_t> ScalaMutableMapOrder(const std::vector<int32_t>& hashes);

// A killedTasksSummary (counts by kill reason, in first-seen order) as the
// JSON object Spark writes for its immutable Map.
RestJson KilledSummaryJson(const std::vector<std::pair<std::string, int32_t>>& summary);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_REST_REST_STAGE_MAP_ORDER_H_
