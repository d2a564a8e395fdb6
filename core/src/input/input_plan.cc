#include "sparkdx/input_plan.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "input/file_name_rules.h"

namespace sparkdx {
namespace {

struct ClassifiedFile {
  InputFile file;
  FileNameInfo info;
};

PlannedLog PlanRolling(const std::string& key, std::vector<ClassifiedFile>& members, InputPlan* plan) {
  PlannedLog log;
  log.name = key;
  log.layout = LogLayout::kRolling;
  bool has_status = false;
  std::vector<ClassifiedFile> events;
  for (ClassifiedFile& member : members) {
    if (member.info.role == FileRole::kRollingStatus) {
      has_status = true;
      log.in_progress = log.in_progress || member.info.in_progress;
    } else {
      log.in_progress = log.in_progress || member.info.in_progress;
      events.push_back(std::move(member));
    }
  }
  // A .compact file replaces every file with a lower or equal index; only the
  // newest compact file counts (the History Server deletes the others).
  int64_t compact_index = -1;
  for (const ClassifiedFile& e : events) {
    if (e.info.compact) compact_index = std::max(compact_index, e.info.order);
  }
  std::vector<ClassifiedFile> kept;
  for (ClassifiedFile& e : events) {
    bool replaced = compact_index >= 0 && e.info.order <= compact_index && !(e.info.compact && e.info.order == compact_index);
    if (replaced) {
      plan->skipped.push_back({e.file.path, "replaced by the compacted file events_" + std::to_string(compact_index)});
    } else {
      kept.push_back(std::move(e));
    }
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const ClassifiedFile& a, const ClassifiedFile& b) { return a.info.order < b.info.order; });
  int64_t expected = compact_index >= 0 ? compact_index : (kept.empty() ? 1 : kept.front().info.order);
  if (compact_index < 0 && !kept.empty() && kept.front().info.order != 1) {
    log.notes.push_back("the first event file is events_" + std::to_string(kept.front().info.order) +
                        ", not events_1: earlier files are missing");
  }
  for (const ClassifiedFile& e : kept) {
    if (e.info.order > expected + 1 && !(e.info.compact)) {
      log.notes.push_back("event files events_" + std::to_string(expected + 1) + " to events_" +
                          std::to_string(e.info.order - 1) + " are missing");
    }
    expected = e.info.order;
    log.files.push_back(e.file);
  }
  if (!has_status) log.notes.push_back("no appstatus_ file: the directory may be incomplete");
  return log;
}

PlannedLog PlanOrdered(const std::string& key, LogLayout layout, std::vector<ClassifiedFile>& members) {
  PlannedLog log;
  log.name = key;
  log.layout = layout;
  std::stable_sort(members.begin(), members.end(),
                   [](const ClassifiedFile& a, const ClassifiedFile& b) { return a.info.order < b.info.order; });
  for (const ClassifiedFile& member : members) {
    log.in_progress = log.in_progress || member.info.in_progress;
    log.files.push_back(member.file);
  }
  return log;
}

PlannedLog PlanLegacy(const std::string& key, std::vector<ClassifiedFile>& members) {
  std::vector<ClassifiedFile> events;
  bool complete = false;
  std::string version;
  for (ClassifiedFile& member : members) {
    if (member.info.role == FileRole::kLegacyEvents) {
      events.push_back(std::move(member));
    } else if (BaseName(member.file.path) == "APPLICATION_COMPLETE") {
      complete = true;
    } else if (BaseName(member.file.path).substr(0, 14) == "SPARK_VERSION_") {
      version = member.info.marker_value;
    }
  }
  PlannedLog log = PlanOrdered(key, LogLayout::kLegacy, events);
  log.spark_version_hint = version;
  log.in_progress = !complete;
  return log;
}

}  // namespace

const char* LogLayoutName(LogLayout layout) {
  switch (layout) {
    case LogLayout::kSingleFile: return "single_file";
    case LogLayout::kRolling: return "rolling";
    case LogLayout::kDatabricks: return "databricks";
    case LogLayout::kLegacy: return "legacy";
  }
  return "single_file";
}

InputPlan PlanInputs(const std::vector<InputFile>& files) {
  InputPlan plan;
  std::vector<std::string> key_order;
  std::map<std::string, std::vector<ClassifiedFile>> groups;
  for (const InputFile& file : files) {
    ClassifiedFile classified{file, ClassifyFileName(file.path)};
    if (classified.info.role == FileRole::kIgnored) {
      plan.skipped.push_back({file.path, classified.info.ignore_reason});
      continue;
    }
    auto [it, inserted] = groups.try_emplace(classified.info.log_key);
    if (inserted) key_order.push_back(classified.info.log_key);
    it->second.push_back(std::move(classified));
  }
  for (const std::string& key : key_order) {
    std::vector<ClassifiedFile>& members = groups[key];
    FileRole role = members.front().info.role;
    PlannedLog log;
    switch (role) {
      case FileRole::kEventLog:
        log = PlanOrdered(key, LogLayout::kSingleFile, members);
        break;
      case FileRole::kRollingEvents:
      case FileRole::kRollingStatus:
        log = PlanRolling(key, members, &plan);
        break;
      case FileRole::kDatabricksPart:
        log = PlanOrdered(key, LogLayout::kDatabricks, members);
        break;
      case FileRole::kLegacyEvents:
      case FileRole::kLegacyMarker:
        log = PlanLegacy(key, members);
        break;
      case FileRole::kIgnored:
        break;
    }
    if (log.files.empty()) {
      for (const ClassifiedFile& member : members) {
        plan.skipped.push_back({member.file.path, "a marker file with no event files next to it"});
      }
      continue;
    }
    plan.logs.push_back(std::move(log));
  }
  return plan;
}

}  // namespace sparkdx
