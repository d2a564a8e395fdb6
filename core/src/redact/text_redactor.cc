#include "redact/text_redactor.h"

#include <cstring>

namespace sparkdx::redact {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(char c) { return IsLower(c) || (c >= 'A' && c <= 'Z'); }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Where a path or URL ends.
bool EndsLocation(char c) { return std::strchr(" \t\r\n\"'`,;()[]{}<>|", c) != nullptr || c == '\0'; }

// Characters after which a '/' starts an absolute path.
bool OpensPath(char c) { return std::strchr(" \t\r\n([{=,;:\"'<|", c) != nullptr; }

// Schemes written with a single slash (file:/tmp/x, dbfs:/mnt/x).
constexpr std::string_view kSingleSlashSchemes[] = {
    "file", "dbfs", "hdfs", "s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "adl", "oss",
    "viewfs", "maprfs", "jar", "local", "alluxio", "cos", "obs",
};

// Last labels that make a dotted lower-case name a host.
constexpr std::string_view kHostSuffixes[] = {
    "com", "net", "org", "io", "edu", "gov", "mil", "int", "info", "biz", "co", "uk", "de", "fr", "nl", "be", "ch",
    "at", "se", "no", "dk", "fi", "es", "it", "pl", "cz", "ru", "cn", "jp", "kr", "in", "us", "ca", "au", "nz",
    "br", "mx", "ar", "za", "sg", "hk", "tw", "eu", "ai", "app", "dev", "cloud", "tech", "site", "online",
    "internal", "local", "localdomain", "lan", "intra", "intranet", "corp", "private", "home", "cluster", "svc",
};

// First labels of configuration keys and packages, which look like host names.
constexpr std::string_view kNotHostPrefixes[] = {
    "spark", "java", "javax", "jdk", "sun", "scala", "hadoop", "yarn", "mapreduce", "mapred", "fs", "dfs", "hive",
    "parquet", "orc", "avro", "io", "log4j", "log4j2", "akka", "netty", "os", "user", "file", "line", "path",
    "org", "com", "net", "delta", "iceberg", "hoodie", "kafka", "jetty", "python", "pyspark", "py4j",
};

template <size_t N>
bool InList(std::string_view word, const std::string_view (&list)[N]) {
  for (std::string_view item : list) {
    if (word == item) return true;
  }
  return false;
}

class Scanner {
 public:
  Scanner(std::string_view text, RedactionDictionary* dictionary) : text_(text), dictionary_(dictionary) {}

  std::string Run() {
    out_.reserve(text_.size());
    while (pos_ < text_.size()) {
      if (!TryAt()) out_.push_back(text_[pos_++]);
    }
    return std::move(out_);
  }

 private:
  char At(size_t i) const { return i < text_.size() ? text_[i] : '\0'; }
  bool BoundaryBefore() const { return pos_ == 0 || !IsWordByte(text_[pos_ - 1]); }

  void Emit(size_t end, RedactionKind kind) {
    out_ += dictionary_->PseudonymFor(text_.substr(pos_, end - pos_), kind);
    pos_ = end;
  }

  size_t LocationEnd(size_t from, bool colon_ends) const {
    size_t end = from;
    while (end < text_.size() && !EndsLocation(text_[end]) && !(colon_ends && text_[end] == ':')) ++end;
    // Sentence punctuation after a path is not part of it.
    while (end > from && (text_[end - 1] == '.' || text_[end - 1] == ':')) --end;
    return end;
  }

  bool TryAt() {
    if (const RedactionDictionary::Entry* entry = dictionary_->MatchAt(text_, pos_)) {
      out_ += entry->pseudonym;
      pos_ += entry->value.size();
      return true;
    }
    const char c = text_[pos_];
    if (BoundaryBefore() && IsWordByte(c)) {
      // Dotted names are judged from their first label: "spark.foo.example.com"
      // is a configuration key, not the host "foo.example.com".
      const bool after_dot = pos_ > 0 && text_[pos_ - 1] == '.';
      if (TryScheme() || TryWindowsPath() || TryEmail() || TryIpv6()) return true;
      if (!after_dot && (TryIpv4() || TryHost())) return true;
      // Inside a word nothing starts: copy the word whole.
      size_t end = pos_;
      while (end < text_.size() && IsWordByte(text_[end])) ++end;
      out_.append(text_.substr(pos_, end - pos_));
      pos_ = end;
      return true;
    }
    if (c == ':' && BoundaryBefore() && TryIpv6()) return true;
    if (c == '/' && (pos_ == 0 || OpensPath(text_[pos_ - 1])) && TryAbsolutePath()) return true;
    if (c == '\'' && BoundaryBefore() && TryLiteral()) return true;
    return false;
  }

  bool TryScheme() {
    size_t i = pos_;
    while (i < text_.size() && (IsAlpha(text_[i]) || IsDigit(text_[i]) || text_[i] == '+' || text_[i] == '-' ||
                                text_[i] == '.')) {
      ++i;
    }
    if (!IsAlpha(text_[pos_]) || i - pos_ > 16 || At(i) != ':') return false;
    std::string scheme(text_.substr(pos_, i - pos_));
    for (char& ch : scheme) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    const bool two_slashes = At(i + 1) == '/' && At(i + 2) == '/';
    const bool one_slash = At(i + 1) == '/' && InList(scheme, kSingleSlashSchemes);
    if (!two_slashes && !one_slash) return false;
    size_t end = LocationEnd(i + 1, /*colon_ends=*/false);
    if (end <= i + 2 && !two_slashes) return false;
    const bool web = scheme == "http" || scheme == "https" || scheme == "ftp";
    Emit(end, web ? RedactionKind::kUrl : RedactionKind::kPath);
    return true;
  }

  bool TryWindowsPath() {
    if (!IsAlpha(text_[pos_]) || At(pos_ + 1) != ':' || At(pos_ + 2) != '\\') return false;
    Emit(LocationEnd(pos_ + 3, /*colon_ends=*/true), RedactionKind::kPath);
    return true;
  }

  bool TryAbsolutePath() {
    const char next = At(pos_ + 1);
    if (!(IsWordByte(next) || next == '.' || next == '_' || next == '~' || next == '$' || next == '/')) return false;
    size_t end = LocationEnd(pos_ + 1, /*colon_ends=*/true);
    if (end - pos_ < 3) return false;
    Emit(end, RedactionKind::kPath);
    return true;
  }

  bool TryEmail() {
    auto local_byte = [](char ch) { return IsWordByte(ch) || std::strchr("._%+-", ch) != nullptr; };
    // At most 64 bytes before '@' (RFC 5321), which also bounds the work per word.
    size_t at = pos_;
    while (at < text_.size() && local_byte(text_[at]) && at - pos_ <= 64) ++at;
    if (At(at) != '@') return false;
    size_t end = at + 1;
    int dots = 0;
    while (end < text_.size() && end - at <= 255 && (IsWordByte(text_[end]) || text_[end] == '-' || text_[end] == '.')) {
      if (text_[end] == '.') ++dots;
      ++end;
    }
    while (end > at + 1 && text_[end - 1] == '.') {
      --end;
      --dots;
    }
    if (dots < 1 || end == at + 1) return false;
    Emit(end, RedactionKind::kEmail);
    return true;
  }

  bool TryIpv4() {
    size_t i = pos_;
    for (int group = 0; group < 4; ++group) {
      if (group > 0) {
        if (At(i) != '.') return false;
        ++i;
      }
      size_t start = i;
      int value = 0;
      while (IsDigit(At(i)) && i - start < 3) value = value * 10 + (text_[i++] - '0');
      if (i == start || value > 255 || IsDigit(At(i))) return false;
    }
    // "1.2.3.4.5" or "1.2.3.4a" is something else (a version, an id).
    if (IsWordByte(At(i)) || (At(i) == '.' && IsDigit(At(i + 1)))) return false;
    Emit(i, RedactionKind::kIp);
    return true;
  }

  bool TryIpv6() {
    size_t i = pos_;
    int colons = 0;
    bool double_colon = false, hex_digit = false;
    while ((IsHex(At(i)) || At(i) == ':') && i - pos_ <= 45) {
      if (text_[i] == ':') {
        ++colons;
        if (At(i + 1) == ':') double_colon = true;
      } else {
        hex_digit = true;
      }
      ++i;
    }
    // An embedded IPv4 tail (::ffff:10.0.0.1).
    if (At(i) == '.' && colons >= 2) {
      while (IsDigit(At(i)) || At(i) == '.') ++i;
    }
    if (IsWordByte(At(i)) || !hex_digit || colons > 7) return false;
    if (!(colons == 7 || (double_colon && colons >= 2))) return false;
    // Group sizes: at most four hex digits between colons.
    size_t run = 0;
    for (size_t k = pos_; k < i; ++k) {
      if (text_[k] == ':' || text_[k] == '.') {
        run = 0;
      } else if (++run > 4) {
        return false;
      }
    }
    Emit(i, RedactionKind::kIp);
    return true;
  }

  bool TryHost() {
    size_t i = pos_;
    size_t labels = 0, last_start = pos_;
    bool lower_only = true;
    while (true) {
      size_t start = i;
      if (i - pos_ > 253) return false;  // longer than any DNS name
      while (i < text_.size() && (IsWordByte(text_[i]) || text_[i] == '-')) {
        if (text_[i] >= 'A' && text_[i] <= 'Z') lower_only = false;
        ++i;
      }
      if (i == start) return false;
      ++labels;
      last_start = start;
      if (At(i) == '.' && IsWordByte(At(i + 1))) {
        ++i;
        continue;
      }
      break;
    }
    if (labels < 2 || !lower_only) return false;
    std::string_view first = text_.substr(pos_, text_.find('.', pos_) - pos_);
    std::string_view last = text_.substr(last_start, i - last_start);
    if (InList(first, kNotHostPrefixes) || !InList(last, kHostSuffixes)) return false;
    Emit(i, RedactionKind::kHost);
    return true;
  }

  bool TryLiteral() {
    constexpr size_t kMaxLiteralBytes = 1024;
    size_t close = pos_ + 1;
    while (close < text_.size() && close - pos_ <= kMaxLiteralBytes) {
      const char ch = text_[close];
      if (ch == '\n') return false;
      if (ch == '\'') {
        if (At(close + 1) == '\'') {  // SQL's escaped quote
          close += 2;
          continue;
        }
        break;
      }
      ++close;
    }
    if (At(close) != '\'' || close == pos_ + 1 || IsWordByte(At(close + 1))) return false;
    out_ += dictionary_->PseudonymFor(text_.substr(pos_, close + 1 - pos_), RedactionKind::kLiteral);
    pos_ = close + 1;
    return true;
  }

  std::string_view text_;
  RedactionDictionary* dictionary_;
  std::string out_;
  size_t pos_ = 0;
};

}  // namespace

std::string RedactText(std::string_view text, RedactionDictionary* dictionary) {
  return Scanner(text, dictionary).Run();
}

}  // namespace sparkdx::redact
