// JsonWriter: builds one compact JSON text the way Spark's Jackson generator
// writes event log lines: keys in the order written, no spaces, strings
// escaped as Jackson escapes them ('"', '\\' and control characters; '/'
// and non-ASCII bytes left alone). Commas are placed automatically.
//
//   JsonWriter w;
//   w.Object().Str("Event", "SparkListenerLogStart").Str("Spark Version", "3.5.1").End();
//   w.text()  // {"Event":"SparkListenerLogStart","Spark Version":"3.5.1"}
#ifndef SPARKDX_SAMPLES_GEN_JSON_WRITER_H_
#define SPARKDX_SAMPLES_GEN_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sparkdx::samples {

class JsonWriter {
 public:
  // Containers: as an array element (or the top level), or as a keyed member.
  JsonWriter& Object();
  JsonWriter& Object(std::string_view key);
  JsonWriter& Array();
  JsonWriter& Array(std::string_view key);
  JsonWriter& End();  // closes the innermost container

  // Members of an object.
  JsonWriter& Str(std::string_view key, std::string_view value);
  JsonWriter& Int(std::string_view key, int64_t value);
  JsonWriter& Bool(std::string_view key, bool value);
  JsonWriter& Raw(std::string_view key, std::string_view json);  // `json` is inserted as it is

  // Elements of an array.
  JsonWriter& Str(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Raw(std::string_view json);

  const std::string& text() const { return text_; }
  std::string Take() { return std::move(text_); }

  // Appends `value` as a JSON string literal (with the quotes).
  static void AppendQuoted(std::string* out, std::string_view value);

 private:
  void Separate();
  void Key(std::string_view key);

  void Open(char opener, char closer);

  struct Frame {
    char closer;  // '}' or ']'
    bool first;   // nothing written in it yet
  };
  std::string text_;
  std::vector<Frame> open_;
};

}  // namespace sparkdx::samples

#endif  // SPARKDX_SAMPLES_GEN_JSON_WRITER_H_
