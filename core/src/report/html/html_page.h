// The frame every self-contained HTML output shares (the analyze report, the
// comparison): escaping, and a document that carries its own stylesheet
// (report/report.css, the one the web page uses) and loads nothing at all.
#ifndef SPARKDX_REPORT_HTML_HTML_PAGE_H_
#define SPARKDX_REPORT_HTML_HTML_PAGE_H_

#include <string>
#include <string_view>

namespace sparkdx::html {

// Text made safe inside an element or a double-quoted attribute: & < > " '
// are escaped, and bytes that are not valid UTF-8 become U+FFFD, so any
// string from a log can be shown.
std::string Escape(std::string_view text);

// A whole document: doctype, UTF-8, a Content-Security-Policy that forbids
// every fetch (default-src 'none'; inline styles and data: images only), the
// shared stylesheet inline, and `body_html` inside <body class="sdx"><main>.
// `title` is escaped here; `body_html` must already be safe HTML.
std::string Document(std::string_view title, std::string_view body_html);

}  // namespace sparkdx::html

#endif  // SPARKDX_REPORT_HTML_HTML_PAGE_H_
