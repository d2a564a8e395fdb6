// LogState: one event log being read (one application attempt): its model,
// the files that fed it and the planning facts the report repeats.
#ifndef SPARKDX_ANALYZER_LOG_STATE_H_
#define SPARKDX_ANALYZER_LOG_STATE_H_

#include <string>
#include <vector>

#include "status/listener.h"
#include "sparkdx/input_plan.h"

namespace sparkdx {

struct LogState {
  size_t index = 0;                 // position in the analyzer's list of logs
  std::string name;
  LogLayout layout = LogLayout::kSingleFile;
  bool in_progress = false;
  bool container_only = true;       // every file so far was a zip archive, not events
  bool has_events = false;          // set when the log is closed; logs without events are not applications
  std::vector<size_t> input_indices;
  StatusListener listener;
};

}  // namespace sparkdx

#endif  // SPARKDX_ANALYZER_LOG_STATE_H_
