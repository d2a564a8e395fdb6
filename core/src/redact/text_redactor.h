// RedactText: one string of the report with sensitive parts replaced.
// Left to right, at each position the first that applies wins:
//   1. a value registered in the dictionary (the longest, token-bounded);
//   2. a URL or file-system URI (scheme://..., and file:/, dbfs:/, s3:/...)
//      -> url-N for http(s)/ftp, path-N otherwise;
//   3. a Windows path (C:\...) or an absolute path (/a/b after a space,
//      bracket, quote, '=', ',' or ':') -> path-N;
//   4. an e-mail address or Kerberos principal (a@b.c) -> email-N;
//   5. an IPv6 address (with "::" or eight groups) or IPv4 address -> ip-N;
//   6. a host-like name: lower-case dotted labels ending in a top-level or
//      internal domain (.com, .net, .internal, .local, .cluster, ...), not
//      a configuration key or package (spark.*, java.*, ...) -> host-N;
//   7. a SQL string literal: '...' opened after a non-letter and closed
//      before one, on one line -> '<redacted>'.
// Everything else, numbers included, is copied. Pattern matches are
// registered (whole-string only), so the same text gets the same pseudonym.
#ifndef SPARKDX_REDACT_TEXT_REDACTOR_H_
#define SPARKDX_REDACT_TEXT_REDACTOR_H_

#include <string>
#include <string_view>

#include "redact/redaction_dictionary.h"

namespace sparkdx::redact {

std::string RedactText(std::string_view text, RedactionDictionary* dictionary);

}  // namespace sparkdx::redact

#endif  // SPARKDX_REDACT_TEXT_REDACTOR_H_
