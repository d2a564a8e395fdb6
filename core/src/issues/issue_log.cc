#include "issues/issue_log.h"

namespace sparkdx {
namespace {

const IssueKindInfo kIssueKindInfos[] = {
#define SPARKDX_ISSUE_KIND(e, name, severity, description) \
  {IssueKind::e, name, IssueSeverity::severity, description},
#include "issues/issue_kinds.inc"
#undef SPARKDX_ISSUE_KIND
};

}  // namespace

std::string_view IssueSeverityName(IssueSeverity severity) {
  switch (severity) {
    case IssueSeverity::kInfo: return "info";
    case IssueSeverity::kWarning: return "warning";
    case IssueSeverity::kError: return "error";
  }
  return "error";
}

const IssueKindInfo& GetIssueKindInfo(IssueKind kind) { return kIssueKindInfos[static_cast<int>(kind)]; }

void IssueLog::Add(Issue issue) {
  uint64_t& count = counts_[static_cast<int>(issue.kind)];
  ++count;
  if (count <= kMaxSamplesPerKind) samples_.push_back(std::move(issue));
}

uint64_t IssueLog::total() const {
  uint64_t sum = 0;
  for (uint64_t c : counts_) sum += c;
  return sum;
}

}  // namespace sparkdx
