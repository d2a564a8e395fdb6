#include "status/events.h"

namespace sparkdx {

std::string StorageLevelInfo::Description() const {
  std::string result;
  result += use_disk ? "Disk " : "";
  if (use_memory) result += use_off_heap ? "Memory (off heap) " : "Memory ";
  result += deserialized ? "Deserialized " : "Serialized ";
  result += std::to_string(replication) + "x Replicated";
  return result;
}

void TaskEvent::Reset() {
  // A fresh event (so no field can be forgotten), keeping the accumulable
  // vector's capacity: it is the one allocation every task event needs.
  std::vector<TaskAccumulableEvent> kept = std::move(accumulables);
  kept.clear();
  *this = TaskEvent();
  accumulables = std::move(kept);
}

}  // namespace sparkdx
