#include "redact/redaction_dictionary.h"

#include <algorithm>

namespace sparkdx::redact {
namespace {

// Lower-case comparison list; see IsGenericWord in the header.
constexpr std::string_view kGenericWords[] = {
    "localhost", "driver", "executor", "spark", "root", "hadoop", "yarn", "hive", "hdfs", "mapred",
    "user", "users", "admin", "default", "ubuntu", "ec2-user", "local", "null", "none", "true", "false",
    "unknown", "test", "main", "master", "worker", "app", "application", "home", "tmp", "data", "jobs",
    "job", "stage", "task", "sql", "query", "databricks", "emr", "glue", "dataproc", "kubernetes",
};

bool AllDigits(std::string_view value) {
  return !value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool IsGenericWord(std::string_view value) {
  if (value.size() > 16) return false;
  std::string lower(value);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (std::string_view word : kGenericWords) {
    if (lower == word) return true;
  }
  return false;
}

RedactionDictionary::Entry& RedactionDictionary::Insert(std::string_view value, RedactionKind kind) {
  const RedactionKindInfo& info = kRedactionKinds[static_cast<int>(kind)];
  Entry entry;
  entry.value = std::string(value);
  if (info.prefix != nullptr) {
    entry.pseudonym = std::string(info.prefix) + "-" + std::to_string(++next_number_[static_cast<int>(kind)]);
  } else {
    entry.pseudonym = info.fixed;
  }
  by_value_.emplace(entry.value, entries_.size());
  entries_.push_back(std::move(entry));
  return entries_.back();
}

void RedactionDictionary::Add(std::string_view value, RedactionKind kind) {
  if (value.empty()) return;
  if (kind == RedactionKind::kSecret && (value == "true" || value == "false")) return;
  auto found = by_value_.find(std::string(value));
  size_t index;
  if (found == by_value_.end()) {
    Insert(value, kind);
    index = entries_.size() - 1;
  } else {
    index = found->second;
  }
  Entry& entry = entries_[index];
  if (entry.inside_text || value.size() < kMinInsideTextBytes || AllDigits(value) || IsGenericWord(value)) return;
  entry.inside_text = true;
  std::vector<size_t>& bucket = by_prefix_[entry.value.substr(0, kMinInsideTextBytes)];
  auto longer = [&](size_t a, size_t b) { return entries_[a].value.size() > entries_[b].value.size(); };
  bucket.insert(std::upper_bound(bucket.begin(), bucket.end(), index, longer), index);
}

const std::string& RedactionDictionary::PseudonymFor(std::string_view value, RedactionKind kind) {
  auto found = by_value_.find(std::string(value));
  if (found != by_value_.end()) return entries_[found->second].pseudonym;
  return Insert(value, kind).pseudonym;
}

const std::string* RedactionDictionary::Whole(std::string_view value) const {
  auto found = by_value_.find(std::string(value));
  return found == by_value_.end() ? nullptr : &entries_[found->second].pseudonym;
}

const RedactionDictionary::Entry* RedactionDictionary::MatchAt(std::string_view text, size_t pos) const {
  if (by_prefix_.empty() || pos + kMinInsideTextBytes > text.size()) return nullptr;
  auto bucket = by_prefix_.find(std::string(text.substr(pos, kMinInsideTextBytes)));
  if (bucket == by_prefix_.end()) return nullptr;
  for (size_t index : bucket->second) {
    const Entry& entry = entries_[index];
    const size_t end = pos + entry.value.size();
    if (end > text.size() || text.compare(pos, entry.value.size(), entry.value) != 0) continue;
    if (pos > 0 && IsWordByte(text[pos - 1]) && IsWordByte(entry.value.front())) continue;
    if (end < text.size() && IsWordByte(text[end]) && IsWordByte(entry.value.back())) continue;
    return &entry;
  }
  return nullptr;
}

}  // namespace sparkdx::redact
