#include "base/json_syntax.h"

#include <nlohmann/json.hpp>

namespace sparkdx {
namespace {

using Json = nlohmann::json;

// Accepts every value and keeps the first syntax error's message.
class SyntaxCheck : public nlohmann::json_sax<Json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) override {
    message_ = error.what();
    size_t bracket = message_.find("] ");
    if (message_.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) message_.erase(0, bracket + 2);
    return false;
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

}  // namespace

std::string JsonSyntaxError(std::string_view text) {
  SyntaxCheck check;
  if (Json::sax_parse(text, &check)) return "";
  return check.message().empty() ? std::string("not valid JSON") : check.message();
}

}  // namespace sparkdx
