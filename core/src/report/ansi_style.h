// ANSI colour for the text rendering (FormatOptions::ansi_color): bold
// headings, severities and budget statuses in colour, and a breakdown bar.
// When off, every function returns its text unchanged (the bar is empty),
// so the plain rendering is byte-identical with or without this helper.
#ifndef SPARKDX_REPORT_ANSI_STYLE_H_
#define SPARKDX_REPORT_ANSI_STYLE_H_

#include <nlohmann/json.hpp>

#include <string>

namespace sparkdx {

class AnsiStyle {
 public:
  explicit AnsiStyle(bool on) : on_(on) {}
  bool on() const { return on_; }

  std::string Heading(const std::string& text) const;
  // `status` picks the colour (critical, warning, info, violated,
  // inconclusive, pass); `text` is what is shown.
  std::string Status(const std::string& status, const std::string& text) const;
  // One line of kBarCells coloured blocks, one run per breakdown part in
  // proportion to its share, indented by `indent`; "" when off.
  std::string BreakdownBar(const nlohmann::ordered_json& parts, const std::string& indent) const;

  static constexpr int kBarCells = 60;

 private:
  bool on_;
};

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_ANSI_STYLE_H_
