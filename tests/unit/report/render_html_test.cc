#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "sparkdx/analyzer.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

// A report shaped like docs/report.md, with strings a log could carry.
Json HostileReport() {
  return Json::parse(R"({
    "schema_version": 1, "generator": "sparkdx 0.1.0",
    "inputs": [{"name": "logs/<img src=x onerror=alert(1)>.zstd", "codec": "zstd", "bytes_read": 2048,
                "bytes_decoded": 4096, "status": "partial", "error": "cut at byte 7 \"quoted\""}],
    "accounting": {"lines": 10, "events": 9, "blank_lines": 0, "malformed_lines": 1, "unknown_events": 0},
    "issue_counts": {"malformed_json": 1},
    "issues": [{"kind": "malformed_json", "severity": "warning", "message": "line 3: bad", "excerpt": "</code><script>x()</script>"}],
    "applications": [{
      "id": "app-1", "name": "<script>alert('pwned')</script>", "user": "u & \"me\"", "spark_version": "3.5.1",
      "duration_ms": 65000, "completed": false, "jobs": 2, "stages": 3, "tasks": 40, "executors": 3, "sql_executions": 1,
      "log": "logs/x", "layout": "single_file", "files": ["logs/x"],
      "breakdown": {"wall_clock_ms": 65000, "core_efficiency": 0.4,
        "parts": [{"part": "compute", "label": "task compute", "ms": 30000, "share": 0.4615},
                  {"part": "idle_slots\"><script>", "label": "idle <b>slots</b>", "ms": 35000, "share": 0.5385}],
        "slots_over_time": {"start_ms": 0, "interval_ms": 325, "alive": [0, 4, 8, 8], "busy": [0, 2, 8, 1]}},
      "findings": [
        {"rule_id": "stage.task_skew", "severity": "critical", "entity": {"kind": "stage", "id": "2.0", "name": "join at <x>"},
         "evidence": [{"key": "max_task", "value": 12000, "unit": "ms"}, {"key": "ratio", "value": 9.5, "unit": "ratio"}],
         "explanation": "one task ran 9.5x the median", "recommendation": [{"text": "salt the key", "conf_line": null},
           {"text": "enable AQE skew join", "conf_line": "--conf spark.sql.adaptive.skewJoin.enabled=true"}],
         "impact": {"saving_ms": 9000, "estimate": "about 9 s"}, "confidence": "high"},
        {"rule_id": "stage.spill", "severity": "warning\" onclick=\"x", "entity": {"kind": "stage", "id": "1.0"},
         "evidence": [], "explanation": "spilled", "recommendation": [], "impact": {"saving_ms": 100, "estimate": "tiny"},
         "confidence": "low"},
        {"rule_id": "app.idle_cores", "severity": "info", "entity": {"kind": "application"}, "explanation": "idle",
         "impact": {"estimate": "some"}, "confidence": "medium"}],
      "checks_passed": ["stage.retries"], "checks_not_run": [{"rule_id": "sql.broadcast_candidate", "reason": "no SQL"}],
      "stage_summaries": [{"stage_id": 1, "name": "<i>map</i>", "run_time_ms": 5000, "bytes_read": 1048576}],
      "simulation": {"scenarios": [{"label": "8 executors", "wall_clock_ms": 40000}]}
    }],
    "budgets": {"status": "violated", "checks": [{"budget": "max_runtime", "application": "app-1", "status": "violated",
                "reason": "runtime 1 min 05 s exceeds 1 min"}]}
  })");
}

TEST(RenderHtml, EscapesEverythingFromTheLog) {
  const std::string page = FormatReport(HostileReport().dump(), ReportFormat::kHtml);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(page.find("<script"), std::string::npos) << page;
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_EQ(page.find("<b>slots"), std::string::npos);
  EXPECT_EQ(page.find("onclick=\""), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page.find("u &amp; &quot;me&quot;"), std::string::npos);
  // A hostile part name cannot leave its CSS variable.
  EXPECT_NE(page.find("var(--sdx-part-idle_slotsscript, var(--sdx-muted))"), std::string::npos);
  EXPECT_EQ(page.find("<title>sparkdx report: &lt;script&gt;"), page.find("<title>"));
}

TEST(RenderHtml, ShowsEveryFindingAndSection) {
  const std::string page = FormatReport(HostileReport().dump(), ReportFormat::kHtml);
  for (const char* rule : {"stage.task_skew", "stage.spill", "app.idle_cores"}) {
    EXPECT_EQ(Count(page, std::string("<code>") + rule + "</code>"), 2u) << rule;  // summary row and card
  }
  EXPECT_EQ(Count(page, "<article class=\"sdx-card sdx-finding "), 3u);
  EXPECT_NE(page.find("sdx-finding critical"), std::string::npos);
  EXPECT_NE(page.find("sdx-finding info\">\n<h3>2."), std::string::npos);  // unknown severity -> info class
  EXPECT_NE(page.find("<code class=\"sdx-conf\">--conf spark.sql.adaptive.skewJoin.enabled=true</code>"),
            std::string::npos);
  EXPECT_NE(page.find("<div class=\"sdx-bar\""), std::string::npos);
  EXPECT_NE(page.find("width:46.15%;background:var(--sdx-part-compute"), std::string::npos);
  EXPECT_NE(page.find("<svg class=\"sdx-chart\""), std::string::npos);
  EXPECT_EQ(Count(page, "<polyline"), 2u);
  EXPECT_NE(page.find("12.0 s"), std::string::npos);  // evidence in its unit
  EXPECT_NE(page.find("<code>stage.retries</code>"), std::string::npos);
  EXPECT_NE(page.find("no SQL"), std::string::npos);
  EXPECT_NE(page.find("&lt;i&gt;map&lt;/i&gt;"), std::string::npos);  // stage_summaries, generically
  EXPECT_NE(page.find("8 executors"), std::string::npos);             // simulation, generically
  EXPECT_NE(page.find("1.0 MiB"), std::string::npos);
  EXPECT_NE(page.find("Budgets <span class=\"sdx-badge violated\">violated</span>"), std::string::npos);
  EXPECT_NE(page.find("lines 10 = events 9 + blank 0 + malformed 1"), std::string::npos);
  EXPECT_NE(page.find("&lt;/code&gt;&lt;script&gt;"), std::string::npos);  // the excerpt, escaped
}

TEST(RenderHtml, LoadsNothing) {
  const std::string page = FormatReport(HostileReport().dump(), ReportFormat::kHtml);
  // (The hostile input name's "<img src=x" is there, escaped, as text.)
  for (const char* fetch : {"http:", "https:", "//", "<link", "<script", "@import", "url(", " src=\"", " href=\""}) {
    EXPECT_EQ(page.find(fetch), std::string::npos) << fetch;
  }
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos);
}

TEST(RenderHtml, ToleratesAnyJson) {
  for (const char* text : {"{\"schema_version\":1}", "{\"schema_version\":1,\"applications\":[1,{\"breakdown\":[]}]}",
                           "{\"schema_version\":1,\"applications\":[{\"breakdown\":{\"parts\":{},"
                           "\"slots_over_time\":{\"alive\":[1e308,-1,\"x\"],\"busy\":null,\"interval_ms\":1e300}},"
                           "\"findings\":{},\"simulation\":[[[[[[1]]]]]],\"cost\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}}]}"}) {
    std::string page;
    EXPECT_NO_THROW(page = FormatReport(text, ReportFormat::kHtml)) << text;
    EXPECT_NE(page.find("</html>"), std::string::npos) << text;
  }
  EXPECT_EQ(FormatReport("[]", ReportFormat::kHtml), "sparkdx: not a sparkdx report\n");
}

TEST(TextColor, OnlyWhenAsked) {
  const std::string json = HostileReport().dump();
  const std::string plain = FormatReport(json, ReportFormat::kText);
  EXPECT_EQ(plain, FormatReport(json, ReportFormat::kText, FormatOptions{}));
  EXPECT_EQ(plain.find('\033'), std::string::npos);
  FormatOptions color;
  color.ansi_color = true;
  const std::string colored = FormatReport(json, ReportFormat::kText, color);
  EXPECT_NE(colored.find("[\033[1;31mcritical\033[0m]"), std::string::npos) << colored;
  EXPECT_NE(colored.find("\033[1mWhere the time went\033[0m"), std::string::npos);
  EXPECT_NE(colored.find("\u2588"), std::string::npos);  // the breakdown bar
  // Without the escapes and the bar line, the coloured text is the plain one.
  std::string stripped;
  for (size_t i = 0; i < colored.size(); ++i) {
    if (colored[i] == '\033') {
      while (i < colored.size() && colored[i] != 'm') ++i;
      continue;
    }
    stripped.push_back(colored[i]);
  }
  const size_t bar = stripped.find("\u2588");
  ASSERT_NE(bar, std::string::npos);
  stripped.erase(stripped.rfind('\n', bar) + 1, stripped.find('\n', bar) - stripped.rfind('\n', bar));
  EXPECT_EQ(stripped, plain);
}

}  // namespace
}  // namespace sparkdx
