#include "eventlog/event_reader.h"

#include <cctype>
#include <string>

#include "base/format.h"
#include "base/padded_buffer.h"
#include "eventlog/keys.h"

namespace sparkdx {
namespace {

static_assert(kPaddingBytes == simdjson::SIMDJSON_PADDING, "buffers are padded for simdjson");

bool IsBlank(const uint8_t* data, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    uint8_t c = data[i];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f') return false;
  }
  return true;
}

std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Our own lower-case wording for the simdjson errors a line can hit.
std::string JsonErrorText(json::Error error) {
  switch (error) {
    case simdjson::UNCLOSED_STRING: return "unclosed string";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "incomplete object or array";
    case simdjson::TAPE_ERROR: return "malformed structure";
    case simdjson::STRING_ERROR: return "invalid string";
    case simdjson::UNESCAPED_CHARS: return "control character inside a string";
    case simdjson::NUMBER_ERROR: return "invalid number";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR: return "invalid literal";
    case simdjson::UTF8_ERROR: return "invalid utf-8";
    case simdjson::DEPTH_ERROR: return "nesting too deep";
    case simdjson::EMPTY: return "no json value";
    case simdjson::INCORRECT_TYPE: return "not a json object";
    case simdjson::TRAILING_CONTENT: return "content after the json object";
    case simdjson::CAPACITY: return "line too large for the parser";
    case simdjson::MEMALLOC: return "out of memory";
    default: {
      std::string text = simdjson::error_message(error);
      for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      while (!text.empty() && text.back() == '.') text.pop_back();
      return text;
    }
  }
}

}  // namespace

EventReader::EventReader(simdjson::ondemand::parser* parser, StatusListener* listener, IssueLog* issues,
                         std::string input_name, LineAccounting* accounting)
    : parser_(parser),
      listener_(listener),
      issues_(issues),
      input_name_(std::move(input_name)),
      accounting_(accounting),
      context_{listener, this} {}

void EventReader::Reject(std::string why) {
  rejection_ = std::move(why);
  Issue issue;
  issue.kind = IssueKind::kNotAnEventLog;
  issue.input = input_name_;
  issue.message = input_name_ + ": " + rejection_;
  issue.excerpt = first_line_excerpt_;
  issue.line = 1;
  issue.byte_offset = 0;
  issues_->Add(std::move(issue));
}

void EventReader::Malformed(IssueKind kind, std::string message, const uint8_t* data, size_t size,
                            const LineInfo& info) {
  ++accounting_->malformed_lines;
  FlushHeldIssue();
  Issue issue;
  issue.kind = kind;
  issue.input = input_name_;
  issue.line = info.number;
  issue.byte_offset = static_cast<int64_t>(info.byte_offset);
  issue.message = input_name_ + ": " + message + " at line " + std::to_string(info.number) + " (byte " +
                  std::to_string(info.byte_offset) + ")";
  issue.excerpt = Excerpt(AsText(data, size), IssueLog::kExcerptBytes);
  held_issue_ = std::move(issue);
  if (events_in_file_ == 0) {
    if (first_line_excerpt_.empty()) first_line_excerpt_ = Excerpt(AsText(data, size), IssueLog::kExcerptBytes);
    if (++leading_non_event_lines_ >= kMaxLeadingNonEventLines) {
      rejected_at_byte_ = info.byte_offset + info.length + (info.terminated ? 1 : 0);
      Reject("not a spark event log: none of its first " + std::to_string(kMaxLeadingNonEventLines) +
             " non-blank lines is a JSON object with an \"Event\" field");
    }
  }
}

void EventReader::FlushHeldIssue() {
  if (held_issue_) issues_->Add(std::move(*held_issue_));
  held_issue_.reset();
}

void EventReader::OnBadField(std::string_view field) {
  Issue issue;
  issue.kind = IssueKind::kEventBadField;
  issue.input = input_name_;
  issue.line = line_info_->number;
  issue.byte_offset = static_cast<int64_t>(line_info_->byte_offset);
  issue.message = input_name_ + ": " + std::string(event_name_) + " at line " + std::to_string(line_info_->number) +
                  " has no usable \"" + std::string(field) + "\" field";
  issue.excerpt = Excerpt(AsText(line_data_, line_size_), IssueLog::kExcerptBytes);
  issues_->Add(std::move(issue));
}

void EventReader::OnLine(const uint8_t* data, size_t size, const LineInfo& info) {
  if (rejected()) return;
  ++accounting_->lines;
  if (info.too_long) {
    Malformed(IssueKind::kLineTooLong,
              "line of " + std::to_string(info.length) + " bytes exceeds the maximum line length", data, size, info);
    return;
  }
  if (IsBlank(data, size)) {
    ++accounting_->blank_lines;
    return;
  }
  FlushHeldIssue();

  simdjson::ondemand::document doc;
  json::Error error = parser_->iterate(reinterpret_cast<const char*>(data), size, size + kPaddingBytes).get(doc);
  json::Object object;
  if (!error) error = doc.get_object().get(object);
  if (error) {
    Malformed(IssueKind::kJsonMalformedLine, "invalid json (" + JsonErrorText(error) + ")", data, size, info);
  } else {
    // Spark writes "Event" first; look further only for hand-edited logs.
    std::string_view name;
    bool found = false;
    for (auto item : object) {
      json::Field field;
      error = std::move(item).get(field);
      if (error) break;
      if (json::RawKey(field) == keys::kEvent) {
        error = json::ReadString(field.value(), &name);
        found = !error;
      }
      break;
    }
    if (!found && !json::IsSyntaxError(error)) {
      error = object.reset().error();
      if (!error) {
        json::Value value;
        error = object.find_field_unordered(keys::kEvent).get(value);
        if (!error) {
          error = json::ReadString(value, &name);
          found = !error;
        }
      }
    }
    if (json::IsSyntaxError(error)) {
      Malformed(IssueKind::kJsonMalformedLine, "invalid json (" + JsonErrorText(error) + ")", data, size, info);
    } else if (!found) {
      Malformed(IssueKind::kEventFieldMissing, "json object without a string \"Event\" field", data, size, info);
    } else {
      EventType type = EventTypeFromName(name);
      line_data_ = data;
      line_size_ = size;
      line_info_ = &info;
      event_name_ = name;
      error = object.reset().error();
      if (!error) {
        EventHandler handler = type == EventType::kUnknown ? &Ignore : HandlerFor(static_cast<int>(type));
        error = handler(object, context_);
      }
      if (!error && doc.current_location().error() != simdjson::OUT_OF_BOUNDS) error = simdjson::TRAILING_CONTENT;
      if (error) {
        Malformed(IssueKind::kJsonMalformedLine,
                  "invalid json in " + Excerpt(name, 200) + " (" + JsonErrorText(error) + ")", data, size, info);
      } else {
        ++accounting_->events;
        ++events_in_file_;
        if (type == EventType::kUnknown) {
          ++accounting_->unknown_events;
          bool first = accounting_->unknown_event_counts.find(name) == accounting_->unknown_event_counts.end();
          accounting_->CountUnknownEvent(name);
          if (first) {
            Issue issue;
            issue.kind = IssueKind::kUnknownEvent;
            issue.input = input_name_;
            issue.line = info.number;
            issue.byte_offset = static_cast<int64_t>(info.byte_offset);
            issue.message = input_name_ + ": unknown event type \"" + Excerpt(name, 200) + "\" first seen at line " +
                            std::to_string(info.number) + "; every occurrence is counted under accounting";
            issue.excerpt = Excerpt(AsText(data, size), IssueLog::kExcerptBytes);
            issues_->Add(std::move(issue));
          }
        } else {
          ++accounting_->known_event_counts[static_cast<int>(type)];
          if (type == EventType::kApplicationStart && listener_->status().application_starts > 1) {
            Issue issue;
            issue.kind = IssueKind::kDuplicateApplicationStart;
            issue.input = input_name_;
            issue.line = info.number;
            issue.byte_offset = static_cast<int64_t>(info.byte_offset);
            issue.message = input_name_ + ": another SparkListenerApplicationStart at line " +
                            std::to_string(info.number) + "; the first one is kept";
            issue.excerpt = Excerpt(AsText(data, size), IssueLog::kExcerptBytes);
            issues_->Add(std::move(issue));
          }
        }
      }
      line_info_ = nullptr;
    }
  }
  if (parser_->capacity() > kParserKeepCapacityBytes) {
    *parser_ = simdjson::ondemand::parser();
  }
}

void EventReader::Finish(bool input_complete) {
  // The last non-blank line was malformed: it is the line the input ended in.
  if (held_issue_ && held_issue_->kind == IssueKind::kJsonMalformedLine && events_in_file_ > 0) {
    held_issue_->kind = IssueKind::kTruncatedLastLine;
    std::string where = " " + std::to_string(held_issue_->line) + " (byte " + std::to_string(held_issue_->byte_offset) + ")";
    if (input_complete) {
      held_issue_->message = input_name_ + ": torn last line" + where + ": the log was cut while being written";
      last_line_torn_ = true;
    } else {
      held_issue_->message = input_name_ + ": line" + where + " is cut where decoding stopped";
    }
  }
  FlushHeldIssue();
  if (!input_complete || rejected() || events_in_file_ > 0) return;
  if (accounting_->lines == 0) {
    Reject("not a spark event log: it decodes to no text at all");
  } else if (accounting_->lines == accounting_->blank_lines) {
    Reject("not a spark event log: it holds only blank lines");
  } else {
    Reject("not a spark event log: no line is a JSON object with an \"Event\" field");
  }
}

}  // namespace sparkdx
