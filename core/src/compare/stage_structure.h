// Stage structure keys: what lets `sparkdx compare` recognise the same stage
// in two runs of the same code even though stage, job and RDD ids shift
// (an extra job first, a retry, a different number of SQL executions).
//
// A stage's key hashes what the code decides and the ids do not: the stage
// name (Spark's "<action> at <file>:<line>"), the first kStructureCallSiteFrames
// lines of its call site ("Details"), the sorted names and scope names of its
// RDDs, and the keys of its parent stages (so equal keys mean equal lineage
// up to the sources). Task counts are left out on purpose: partitioning is
// one of the things a comparison should show, not hide.
#ifndef SPARKDX_COMPARE_STAGE_STRUCTURE_H_
#define SPARKDX_COMPARE_STAGE_STRUCTURE_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "status/app_status.h"

namespace sparkdx {

// Call-site lines that count: the action and the user frames that led to
// it; deeper frames are the driver's launcher and vary with how it started.
inline constexpr int kStructureCallSiteFrames = 3;

// 16 lower-case hex digits (FNV-1a, 64 bits) per stage id, for every stage
// the model knows (skipped ones included, so children can use them).
// Parents have lower ids than their children in Spark (the DAG scheduler
// creates them first); a parent with a higher or unknown id, or a cycle in
// a damaged log, contributes its own key without its ancestors.
std::map<int32_t, std::string> StageStructureKeys(const AppStatus& status);

// The "name" of an RDD scope ({"id":"12","name":"Exchange"}): the id is
// numbering, the name is structure. "" when there is none.
std::string ScopeName(std::string_view scope_json);

// A short stable hash of an SQL execution's physical plan shape: its plan
// nodes' names and the edges between their positions (not node ids, not
// metric accumulator ids). "" for an execution without a plan.
std::string SqlPlanShapeKey(const SqlExecutionData& execution);

}  // namespace sparkdx

#endif  // SPARKDX_COMPARE_STAGE_STRUCTURE_H_
