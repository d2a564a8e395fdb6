#include "report/html/html_page.h"

#include <gtest/gtest.h>

namespace sparkdx::html {
namespace {

TEST(HtmlEscape, EscapesMarkupAndQuotes) {
  EXPECT_EQ(Escape("<a href=\"x\">Tom & Jerry's</a>"), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
}

TEST(HtmlEscape, KeepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(Escape("caf\xC3\xA9 \xE2\x82\xAC"), "caf\xC3\xA9 \xE2\x82\xAC");
  EXPECT_EQ(Escape("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(Escape("\xC3"), "\xEF\xBF\xBD");                   // cut sequence
  EXPECT_EQ(Escape("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");   // overlong '/'
  EXPECT_EQ(Escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
}

TEST(HtmlDocument, IsSelfContainedWithTheSharedStylesheet) {
  std::string page = Document("run <1>", "<p>hello</p>");
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("<title>run &lt;1&gt;</title>"), std::string::npos);
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(page.find("--sdx-critical"), std::string::npos);  // report.css is inline
  EXPECT_NE(page.find("<main>\n<p>hello</p>\n</main>"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find("<script src"), std::string::npos);
}

}  // namespace
}  // namespace sparkdx::html
