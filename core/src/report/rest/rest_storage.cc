// storage/rdd, storage/rdd/{rdd-id}: Spark's RDDStorageInfo.
//
// The History Server stores every RDD a submitted stage used with a valid
// storage level until it is unpersisted; the list shows those with at least
// one cached block, by id; one RDD is shown cached or not. Blocks are listed
// in the order they were first stored; executors' shares in the order of
// the Scala hash map Spark keeps them in.
#include <algorithm>
#include <cstdint>

#include "report/rest/jackson_writer.h"
#include "report/rest/rest_endpoints.h"
#include "report/rest/rest_map_order.h"

namespace sparkdx {
namespace {

// The order Scala 2.13's mutable.HashMap iterates String keys in: by table
// slot (the spread hash masked by the table size), then by spread hash,
// then by insertion.
std::vector<std::pair<const std::string*, const RddDistributionData*>> DistributionOrder(const RddStatusData& rdd) {
  struct Entry {
    uint32_t slot;
    int32_t spread_hash;
    const std::string* executor_id;
    const RddDistributionData* dist;
  };
  std::vector<Entry> entries;
  for (const auto& [executor_id, dist] : rdd.distributions) {
    uint32_t hash = static_cast<uint32_t>(JavaStringHash(executor_id));
    uint32_t spread = hash ^ (hash >> 16);
    entries.push_back({spread & static_cast<uint32_t>(rdd.distribution_table_size - 1),
                       static_cast<int32_t>(spread), &executor_id, &dist});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.slot != b.slot) return a.slot < b.slot;
    if (a.spread_hash != b.spread_hash) return a.spread_hash < b.spread_hash;
    return a.dist->insertion < b.dist->insertion;
  });
  std::vector<std::pair<const std::string*, const RddDistributionData*>> ordered;
  for (const Entry& entry : entries) ordered.emplace_back(entry.executor_id, entry.dist);
  return ordered;
}

RestJson DistributionJson(const RddDistributionData& dist) {
  RestJson json = RestJson::object();
  json["address"] = dist.address;
  json["memoryUsed"] = dist.memory_used;
  json["memoryRemaining"] = dist.memory_remaining;
  json["diskUsed"] = dist.disk_used;
  // On- and off-heap figures only for block managers that report them.
  if (dist.has_memory_info) {
    json["onHeapMemoryUsed"] = dist.on_heap_used;
    json["offHeapMemoryUsed"] = dist.off_heap_used;
    json["onHeapMemoryRemaining"] = dist.on_heap_remaining;
    json["offHeapMemoryRemaining"] = dist.off_heap_remaining;
  }
  return json;
}

RestJson RddJson(const RddStatusData& rdd) {
  RestJson json = RestJson::object();
  json["id"] = rdd.info.id;
  json["name"] = rdd.info.name;
  json["numPartitions"] = rdd.info.num_partitions;
  json["numCachedPartitions"] = rdd.partitions.size();
  json["storageLevel"] = rdd.storage_level.Description();
  json["memoryUsed"] = rdd.memory_used;
  json["diskUsed"] = rdd.disk_used;
  if (!rdd.distributions.empty()) {
    RestJson distributions = RestJson::array();
    for (const auto& [executor_id, dist] : DistributionOrder(rdd)) distributions.push_back(DistributionJson(*dist));
    json["dataDistribution"] = std::move(distributions);
  }
  RestJson partitions = RestJson::array();
  for (const RddPartitionData& part : rdd.partitions) {
    partitions.push_back(RestJson{{"blockName", part.block_name},
                                  {"storageLevel", part.storage_level},
                                  {"memoryUsed", part.memory_used},
                                  {"diskUsed", part.disk_used},
                                  {"executors", part.executors}});
  }
  json["partitions"] = std::move(partitions);
  return json;
}

}  // namespace

RestResponse RddList(const RestCall& call) {
  RestJson list = RestJson::array();
  for (const auto& [id, rdd] : call.attempt->rdds) {
    if (!rdd.partitions.empty()) list.push_back(RddJson(rdd));
  }
  return RestOk(list);
}

RestResponse OneRdd(const RestCall& call) {
  int64_t rdd_id = 0;
  // The route takes an int: larger numbers match no RDD.
  bool is_int = RestIntArg(call.args[0], &rdd_id) && rdd_id >= 0 && rdd_id <= INT32_MAX;
  auto it = is_int ? call.attempt->rdds.find(static_cast<int32_t>(rdd_id)) : call.attempt->rdds.end();
  if (it == call.attempt->rdds.end()) return RestNotFound("no rdd found w/ id " + call.args[0]);
  return RestOk(RddJson(it->second));
}

}  // namespace sparkdx
