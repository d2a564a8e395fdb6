// WriteJackson: a JSON document as Spark's History Server sends it. Spark's
// REST layer serialises with Jackson and INDENT_OUTPUT, whose default pretty
// printer puts every object field on its own line (two spaces per object
// level) and keeps arrays inline ("[ 1, 2 ]", "[ {" ... "}, {" ... "} ]",
// "[ ]", "{ }"). Doubles are written as Java's Double.toString does
// (JavaDoubleText in java_number_text.h).
#ifndef SPARKDX_REPORT_REST_JACKSON_WRITER_H_
#define SPARKDX_REPORT_REST_JACKSON_WRITER_H_

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace sparkdx {

std::string WriteJackson(const nlohmann::ordered_json& document);

// Spark's REST date format, "yyyy-MM-dd'T'HH:mm:ss.SSS'GMT'", in UTC.
std::string RestDateText(int64_t epoch_ms);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_REST_JACKSON_WRITER_H_
