// Checks that text is well-formed JSON without exceptions (the WebAssembly
// build has none), for inputs users write: budgets files, price catalogs.
#ifndef SPARKDX_BASE_JSON_SYNTAX_H_
#define SPARKDX_BASE_JSON_SYNTAX_H_

#include <string>
#include <string_view>

namespace sparkdx {

// "" when `text` is one well-formed JSON value; otherwise nlohmann's first
// syntax error without its "[json.exception...] " prefix, e.g.
// "parse error at line 1, column 2: ...".
std::string JsonSyntaxError(std::string_view text);

}  // namespace sparkdx

#endif  // SPARKDX_BASE_JSON_SYNTAX_H_
