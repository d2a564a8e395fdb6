#include "redact/plan_names.h"

#include <string>

namespace sparkdx::redact {
namespace {

bool IsNameByte(char c) { return IsWordByte(c) || c == '_' || c == '$'; }

// Registers a dotted name and its qualified suffixes: a.b.c, b.c.
void AddQualified(std::string_view name, RedactionDictionary* dictionary) {
  while (!name.empty() && name.back() == '.') name.remove_suffix(1);
  const size_t dot = name.find('.');
  if (dot == std::string_view::npos || dot == 0 || !(IsWordByte(name[0]) || name[0] == '_')) return;
  bool has_letter = false;
  for (char c : name) has_letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  if (!has_letter) return;  // 1.5, a number
  size_t components = 1;
  for (char c : name) components += c == '.';
  if (components > 3) return;  // a class name (org.apache...), not catalog.db.table
  while (name.find('.') != std::string_view::npos) {
    dictionary->Add(name, RedactionKind::kTable);
    name.remove_prefix(name.find('.') + 1);
  }
}

// A name token at text[pos]: [A-Za-z0-9_$.]*
std::string_view NameAt(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end < text.size() && (IsNameByte(text[end]) || text[end] == '.')) ++end;
  return text.substr(pos, end - pos);
}

void AddBackquoted(std::string_view text, RedactionDictionary* dictionary) {
  size_t pos = 0;
  while ((pos = text.find('`', pos)) != std::string_view::npos) {
    std::string dotted;
    std::string quoted;
    size_t parts = 0;
    size_t i = pos;
    while (i < text.size() && text[i] == '`') {
      size_t close = text.find('`', i + 1);
      if (close == std::string_view::npos || close - i > 256) break;
      if (parts > 0) {
        dotted += '.';
        quoted += '.';
      }
      dotted.append(text.substr(i + 1, close - i - 1));
      quoted.append(text.substr(i, close + 1 - i));
      ++parts;
      i = close + 1;
      if (i + 1 < text.size() && text[i] == '.' && text[i + 1] == '`') {
        ++i;
      } else {
        break;
      }
    }
    if (parts >= 2) {
      dictionary->Add(quoted, RedactionKind::kTable);
      AddQualified(dotted, dictionary);
    }
    pos = i > pos ? i : pos + 1;
  }
}

}  // namespace

void AddTableNames(std::string_view plan_text, RedactionDictionary* dictionary) {
  static constexpr std::string_view kOperators[] = {
      "FileScan ", "Scan ", "Relation ", "BatchScan ", "SubqueryAlias ", "InsertIntoHiveTable ",
      "HiveTableRelation ", "CreateHiveTableAsSelectCommand ", "InsertIntoDataSourceCommand ",
  };
  for (std::string_view op : kOperators) {
    size_t pos = 0;
    while ((pos = plan_text.find(op, pos)) != std::string_view::npos) {
      size_t at = pos + op.size();
      pos = at;
      const size_t op_at = at - op.size();
      if (op_at > 0 && IsWordByte(plan_text[op_at - 1])) continue;  // LogicalRelation, HiveTableRelation
      std::string_view first = NameAt(plan_text, at);
      if (first.find('.') != std::string_view::npos) {
        AddQualified(first, dictionary);
        continue;
      }
      // A format word first: "FileScan parquet db.t", "Scan hive db.t".
      size_t second_at = at + first.size();
      if (!first.empty() && second_at < plan_text.size() && plan_text[second_at] == ' ') {
        std::string_view second = NameAt(plan_text, second_at + 1);
        if (second.find('.') != std::string_view::npos) AddQualified(second, dictionary);
      }
    }
  }
  AddBackquoted(plan_text, dictionary);
}

void AddPathUserNames(std::string_view text, RedactionDictionary* dictionary) {
  static constexpr std::string_view kHomes[] = {"/user/", "/home/", "/Users/"};
  for (std::string_view home : kHomes) {
    size_t pos = 0;
    while ((pos = text.find(home, pos)) != std::string_view::npos) {
      size_t start = pos + home.size();
      size_t end = start;
      while (end < text.size() && (IsNameByte(text[end]) || text[end] == '.' || text[end] == '-' || text[end] == '@')) {
        ++end;
      }
      if (end > start) dictionary->Add(text.substr(start, end - start), RedactionKind::kUser);
      pos = start;
    }
  }
}

}  // namespace sparkdx::redact
