// IssueLog: every problem found in the input, with exact counts per kind and
// up to kMaxSamplesPerKind detailed samples per kind (the report says how many
// were left out). Recording an issue never stops processing.
#ifndef SPARKDX_ISSUES_ISSUE_LOG_H_
#define SPARKDX_ISSUES_ISSUE_LOG_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sparkdx {

enum class IssueSeverity : uint8_t { kInfo, kWarning, kError };
std::string_view IssueSeverityName(IssueSeverity severity);

enum class IssueKind : uint8_t {
#define SPARKDX_ISSUE_KIND(e, name, severity, description) e,
#include "issues/issue_kinds.inc"
#undef SPARKDX_ISSUE_KIND
  kCount
};
inline constexpr int kIssueKindCount = static_cast<int>(IssueKind::kCount);

struct IssueKindInfo {
  IssueKind kind;
  const char* name;
  IssueSeverity severity;
  const char* description;
};
const IssueKindInfo& GetIssueKindInfo(IssueKind kind);

struct Issue {
  IssueKind kind;
  std::string input;         // the file (or archive entry) it was found in
  uint64_t line = 0;         // 1-based line within that file; 0 when not about a line
  int64_t byte_offset = -1;  // see docs/report.md: decoded offset for lines, raw offset for codecs
  std::string message;
  std::string excerpt;       // at most kExcerptBytes of the offending text, control bytes replaced
};

class IssueLog {
 public:
  static constexpr size_t kMaxSamplesPerKind = 100;
  static constexpr size_t kExcerptBytes = 160;

  void Add(Issue issue);
  uint64_t count(IssueKind kind) const { return counts_[static_cast<int>(kind)]; }
  uint64_t total() const;
  const std::vector<Issue>& samples() const { return samples_; }

 private:
  std::array<uint64_t, kIssueKindCount> counts_{};
  std::vector<Issue> samples_;
};

}  // namespace sparkdx

#endif  // SPARKDX_ISSUES_ISSUE_LOG_H_
