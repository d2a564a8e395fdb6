#include "report/html/html_charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "report/html/html_page.h"
#include "report/json_read.h"

namespace sparkdx::html {
namespace {

using Json = nlohmann::ordered_json;
using namespace report_json;

std::string Fixed(double value, int decimals) {
  if (!std::isfinite(value)) value = 0;
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

bool IsCssNameByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// A CSS identifier made of the part name's safe bytes (the part comes from
// the report; anything unexpected cannot escape the var() call).
std::string PartVariable(const std::string& part) {
  std::string name;
  for (char c : part) {
    if (IsCssNameByte(c)) name.push_back(c);
  }
  return "var(--sdx-part-" + name + ", var(--sdx-muted))";
}

}  // namespace

std::string BreakdownBar(const Json& breakdown) {
  const Json& parts = Items(At(breakdown, "parts"));
  if (parts.empty()) return "";
  std::string bar = "<div class=\"sdx-bar\" role=\"img\" aria-label=\"wall-clock breakdown\">";
  std::string legend = "<div class=\"sdx-legend\">";
  for (const Json& part : parts) {
    const double share = std::clamp(Number(At(part, "share")), 0.0, 1.0);
    const std::string color = PartVariable(Str(At(part, "part"), ""));
    const std::string label = Escape(Str(At(part, "label"), Str(At(part, "part")).c_str()));
    const std::string percent = HumanPercent(share);
    if (share > 0) {
      bar += "<span style=\"width:" + Fixed(share * 100, 2) + "%;background:" + color + "\" title=\"" + label + " " +
             percent + "\"></span>";
    }
    if (share >= 0.0005) {
      legend += "<span><i style=\"background:" + color + "\"></i>" + label + " " + percent + " (" +
                Duration(At(part, "ms")) + ")</span>";
    }
  }
  return bar + "</div>\n" + legend + "</div>\n";
}

std::string SlotsChart(const Json& slots) {
  const Json& alive = Items(At(slots, "alive"));
  const Json& busy = Items(At(slots, "busy"));
  const size_t points = std::max(alive.size(), busy.size());
  if (points < 2) return "";
  double top = 0;
  for (const Json* series : {&alive, &busy}) {
    for (const Json& v : *series) top = std::max(top, Number(v));
  }
  if (!(top > 0) || !std::isfinite(top)) return "";
  constexpr double kWidth = 720, kHeight = 180, kLeft = 44, kBottom = 22, kTop = 8, kRight = 8;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto polyline = [&](const Json& series, const char* color, const char* dash) {
    if (series.size() < 2) return std::string();
    std::string out = "<polyline fill=\"none\" stroke=\"" + std::string(color) + "\" stroke-width=\"1.6\"";
    if (*dash) out += " stroke-dasharray=\"" + std::string(dash) + "\"";
    out += " points=\"";
    for (size_t i = 0; i < series.size(); ++i) {
      const double x = kLeft + plot_w * static_cast<double>(i) / static_cast<double>(series.size() - 1);
      const double y = kTop + plot_h * (1 - std::clamp(Number(series[i]), 0.0, top) / top);
      out += Fixed(x, 1) + "," + Fixed(y, 1) + " ";
    }
    return out + "\"/>";
  };
  const double interval_ms = Number(At(slots, "interval_ms"));
  const int64_t span_ms = static_cast<int64_t>(std::min(interval_ms * static_cast<double>(points), 9.0e15));
  std::string svg = "<svg class=\"sdx-chart\" viewBox=\"0 0 " + Fixed(kWidth, 0) + " " + Fixed(kHeight, 0) +
                    "\" width=\"100%\" role=\"img\" aria-label=\"executor slots alive and busy over time\">";
  svg += "<line x1=\"" + Fixed(kLeft, 0) + "\" y1=\"" + Fixed(kTop + plot_h, 0) + "\" x2=\"" + Fixed(kWidth - kRight, 0) +
         "\" y2=\"" + Fixed(kTop + plot_h, 0) + "\" stroke=\"#9aa4ad\"/>";
  svg += "<line x1=\"" + Fixed(kLeft, 0) + "\" y1=\"" + Fixed(kTop, 0) + "\" x2=\"" + Fixed(kLeft, 0) + "\" y2=\"" +
         Fixed(kTop + plot_h, 0) + "\" stroke=\"#9aa4ad\"/>";
  svg += "<text x=\"" + Fixed(kLeft - 4, 0) + "\" y=\"" + Fixed(kTop + 10, 0) + "\" text-anchor=\"end\" font-size=\"11\">" +
         Fixed(top, top < 10 ? 1 : 0) + "</text>";
  svg += "<text x=\"" + Fixed(kLeft - 4, 0) + "\" y=\"" + Fixed(kTop + plot_h, 0) +
         "\" text-anchor=\"end\" font-size=\"11\">0</text>";
  svg += "<text x=\"" + Fixed(kLeft, 0) + "\" y=\"" + Fixed(kHeight - 6, 0) + "\" font-size=\"11\">0</text>";
  svg += "<text x=\"" + Fixed(kWidth - kRight, 0) + "\" y=\"" + Fixed(kHeight - 6, 0) +
         "\" text-anchor=\"end\" font-size=\"11\">" + Escape(HumanDuration(span_ms)) + "</text>";
  svg += polyline(alive, "#2457a6", "");
  svg += polyline(busy, "#4c9a5b", "4 2");
  svg += "</svg>\n";
  svg += "<div class=\"sdx-legend\"><span><i style=\"background:#2457a6\"></i>slots alive</span>"
         "<span><i style=\"background:#4c9a5b\"></i>slots busy</span></div>\n";
  return svg;
}

}  // namespace sparkdx::html
