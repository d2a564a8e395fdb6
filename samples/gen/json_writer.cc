#include "json_writer.h"

namespace sparkdx::samples {

void JsonWriter::AppendQuoted(std::string* out, std::string_view value) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        if (u < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[u >> 4]);
          out->push_back(kHex[u & 15]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void JsonWriter::Separate() {
  if (open_.empty()) return;
  if (!open_.back().first) text_.push_back(',');
  open_.back().first = false;
}

void JsonWriter::Open(char opener, char closer) {
  text_.push_back(opener);
  open_.push_back(Frame{closer, true});
}

void JsonWriter::Key(std::string_view key) {
  Separate();
  AppendQuoted(&text_, key);
  text_.push_back(':');
}

JsonWriter& JsonWriter::Object() {
  Separate();
  Open('{', '}');
  return *this;
}

JsonWriter& JsonWriter::Object(std::string_view key) {
  Key(key);
  Open('{', '}');
  return *this;
}

JsonWriter& JsonWriter::Array() {
  Separate();
  Open('[', ']');
  return *this;
}

JsonWriter& JsonWriter::Array(std::string_view key) {
  Key(key);
  Open('[', ']');
  return *this;
}

JsonWriter& JsonWriter::End() {
  text_.push_back(open_.back().closer);
  open_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::Str(std::string_view key, std::string_view value) {
  Key(key);
  AppendQuoted(&text_, value);
  return *this;
}

JsonWriter& JsonWriter::Int(std::string_view key, int64_t value) {
  Key(key);
  text_.append(std::to_string(value));
  return *this;
}

JsonWriter& JsonWriter::Bool(std::string_view key, bool value) {
  Key(key);
  text_.append(value ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view key, std::string_view json) {
  Key(key);
  text_.append(json);
  return *this;
}

JsonWriter& JsonWriter::Str(std::string_view value) {
  Separate();
  AppendQuoted(&text_, value);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  Separate();
  text_.append(std::to_string(value));
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json) {
  Separate();
  text_.append(json);
  return *this;
}

}  // namespace sparkdx::samples
