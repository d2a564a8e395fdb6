// RedactionDictionary: the sensitive values of one report and their stable
// pseudonyms. Values found in the model are registered before the report is
// walked; values found by patterns while walking are numbered as they are
// met. The same value always gets the same pseudonym within one report, so
// relations stay readable ("host-3" is the same machine everywhere).
#ifndef SPARKDX_REDACT_REDACTION_DICTIONARY_H_
#define SPARKDX_REDACT_REDACTION_DICTIONARY_H_

#include <array>
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "redact/redaction_kind.h"

namespace sparkdx::redact {

// Values never replaced inside longer text, only where a whole string (or
// an object key) equals them: too common to mean anything on their own
// ("spark", "root", "localhost", "driver", ...) and replacing them inside
// prose or configuration keys would garble the report. Listed in
// docs/redaction.md.
bool IsGenericWord(std::string_view value);

class RedactionDictionary {
 public:
  struct Entry {
    std::string value;
    std::string pseudonym;
    bool inside_text = false;  // also replaced where it appears inside a longer string
  };

  // Registers a value from the model. Empty values, and for kSecret plain
  // booleans, are ignored. Values of at least kMinInsideTextBytes bytes that
  // are not all digits and not generic words are also replaced inside
  // longer strings, at token boundaries (no letter or digit next to them).
  // The first kind a value is registered with wins.
  static constexpr size_t kMinInsideTextBytes = 3;
  void Add(std::string_view value, RedactionKind kind);

  // The pseudonym of `value`, registering it (whole-string only) if new.
  const std::string& PseudonymFor(std::string_view value, RedactionKind kind);

  // The pseudonym when `value` as a whole is registered, else nullptr.
  const std::string* Whole(std::string_view value) const;

  // The longest value replaceable inside text that occurs at text[pos] with
  // token boundaries on both sides, or nullptr.
  const Entry* MatchAt(std::string_view text, size_t pos) const;

  size_t size() const { return entries_.size(); }

 private:
  Entry& Insert(std::string_view value, RedactionKind kind);

  std::deque<Entry> entries_;
  std::unordered_map<std::string, size_t> by_value_;
  // Inside-text entries by their first kMinInsideTextBytes bytes, longest first.
  std::unordered_map<std::string, std::vector<size_t>> by_prefix_;
  std::array<int, kRedactionKindCount> next_number_{};
};

// A token boundary: not an ASCII letter or digit.
inline bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace sparkdx::redact

#endif  // SPARKDX_REDACT_REDACTION_DICTIONARY_H_
