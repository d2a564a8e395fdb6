// EventReader: turns the lines of one file into events applied to one
// application model, accounting for every line (see accounting.h) and
// recording every problem in the IssueLog. One simdjson parser is shared by
// all files of an analysis (its buffers are the expensive part).
//
// A file is rejected as "not an event log" when its first
// kMaxLeadingNonEventLines non-blank lines hold no event, or when it ends
// without any event; rejected() then says why and the caller stops feeding.
#ifndef SPARKDX_EVENTLOG_EVENT_READER_H_
#define SPARKDX_EVENTLOG_EVENT_READER_H_

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "eventlog/accounting.h"
#include "eventlog/events/handlers.h"
#include "eventlog/line_framer.h"
#include "issues/issue_log.h"
#include "status/listener.h"

namespace sparkdx {

class EventReader : public LineSink, public BadFieldSink {
 public:
  static constexpr uint64_t kMaxLeadingNonEventLines = 8;
  // After a line needing a parser bigger than this, the parser is rebuilt so
  // one huge line does not hold its memory for the rest of the run.
  static constexpr size_t kParserKeepCapacityBytes = 16u << 20;

  EventReader(simdjson::ondemand::parser* parser, StatusListener* listener, IssueLog* issues, std::string input_name,
              LineAccounting* accounting);

  void OnLine(const uint8_t* data, size_t size, const LineInfo& info) override;
  void OnBadField(std::string_view field) override;

  // End of the file's lines. When the input ended cleanly
  // (`input_complete`), a malformed last line is reported as torn and a file
  // without any event is rejected; after a decoding failure neither applies.
  void Finish(bool input_complete);
  bool rejected() const { return !rejection_.empty(); }
  const std::string& rejection() const { return rejection_; }
  // The decoded offset just past the line that led to the rejection.
  uint64_t rejected_at_byte() const { return rejected_at_byte_; }
  uint64_t events() const { return events_in_file_; }
  // The file ended inside a line that could not be parsed.
  bool last_line_torn() const { return last_line_torn_; }

 private:
  void Malformed(IssueKind kind, std::string message, const uint8_t* data, size_t size, const LineInfo& info);
  void FlushHeldIssue();
  void Reject(std::string why);

  simdjson::ondemand::parser* parser_;
  StatusListener* listener_;
  IssueLog* issues_;
  std::string input_name_;
  LineAccounting* accounting_;
  EventContext context_;
  std::string rejection_;
  uint64_t rejected_at_byte_ = 0;
  uint64_t events_in_file_ = 0;
  bool last_line_torn_ = false;
  // The latest malformed line's issue is held until another non-blank line
  // follows: if none does, it was the file's last line, and a malformed last
  // line is a torn one (a log cut while being written), newline or not.
  std::optional<Issue> held_issue_;
  uint64_t leading_non_event_lines_ = 0;
  std::string first_line_excerpt_;
  // The line being handled, for issues raised by handlers.
  const uint8_t* line_data_ = nullptr;
  size_t line_size_ = 0;
  const LineInfo* line_info_ = nullptr;
  std::string_view event_name_;
};

}  // namespace sparkdx

#endif  // SPARKDX_EVENTLOG_EVENT_READER_H_
