#include "redact/redact_report.h"

#include "redact/collect_sensitive_values.h"
#include "redact/secret_keys.h"
#include "redact/text_redactor.h"

namespace sparkdx::redact {
namespace {

using Json = nlohmann::ordered_json;

bool IsSafeKey(std::string_view key) {
  for (std::string_view safe : kSafeKeys) {
    if (key == safe) return true;
  }
  return false;
}

const char* const kSecretText = "<redacted>";

void RedactValue(Json* value, RedactionDictionary* dictionary);

std::string RedactString(const std::string& text, RedactionDictionary* dictionary) {
  if (const std::string* whole = dictionary->Whole(text)) return *whole;
  return RedactText(text, dictionary);
}

// {key|name: <secret-looking>, value: "..."}: a configuration entry.
bool IsSecretPair(const Json& object) {
  for (const char* name_key : {"key", "name"}) {
    auto name = object.find(name_key);
    if (name != object.end() && name->is_string() && IsSecretKey(name->get_ref<const std::string&>())) return true;
  }
  return false;
}

void RedactObject(Json* object, RedactionDictionary* dictionary) {
  const bool secret_pair = IsSecretPair(*object);
  Json out = Json::object();
  for (auto& [key, value] : object->items()) {
    std::string out_key = key;
    if (const std::string* whole = dictionary->Whole(key)) out_key = *whole;
    if (key == "excerpt") {
      out[out_key] = nullptr;
    } else if (value.is_string() && ((secret_pair && key == "value") || (!IsSafeKey(key) && IsSecretKey(key)))) {
      out[out_key] = kSecretText;
    } else if (IsSafeKey(key) && (value.is_string() || value.is_array())) {
      out[out_key] = std::move(value);
    } else {
      RedactValue(&value, dictionary);
      out[out_key] = std::move(value);
    }
  }
  *object = std::move(out);
}

void RedactValue(Json* value, RedactionDictionary* dictionary) {
  if (value->is_string()) {
    *value = RedactString(value->get_ref<const std::string&>(), dictionary);
  } else if (value->is_object()) {
    RedactObject(value, dictionary);
  } else if (value->is_array()) {
    // ["<secret-looking key>", "value"]: a configuration entry as a pair.
    if (value->size() == 2 && (*value)[0].is_string() && (*value)[1].is_string() &&
        IsSecretKey((*value)[0].get_ref<const std::string&>())) {
      (*value)[1] = kSecretText;
      return;
    }
    for (Json& item : *value) RedactValue(&item, dictionary);
  }
}

// Registers a name and the parts a reader would recognise: for
// "<archive>:<entry>" both sides, and each side's last path component.
void AddName(const std::string& name, RedactionDictionary* dictionary) {
  dictionary->Add(name, RedactionKind::kPath);
  auto add_base = [&](std::string_view part) {
    dictionary->Add(part, RedactionKind::kPath);
    size_t slash = part.find_last_of("/\\");
    if (slash != std::string_view::npos && slash + 1 < part.size()) {
      dictionary->Add(part.substr(slash + 1), RedactionKind::kPath);
    }
  };
  size_t colon = name.find(':');
  // Not "C:\..." and not a URI's "scheme:/".
  if (colon != std::string::npos && colon > 1 && colon + 1 < name.size() && name[colon + 1] != '/' &&
      name[colon + 1] != '\\') {
    add_base(std::string_view(name).substr(0, colon));
    add_base(std::string_view(name).substr(colon + 1));
  } else {
    add_base(name);
  }
}

}  // namespace

void CollectReportNames(const Json& report, RedactionDictionary* dictionary) {
  if (!report.is_object()) return;
  auto add = [&](const Json& value) {
    if (value.is_string()) AddName(value.get<std::string>(), dictionary);
  };
  auto inputs = report.find("inputs");
  if (inputs != report.end() && inputs->is_array()) {
    for (const Json& input : *inputs) {
      if (input.is_object() && input.contains("name")) add(input["name"]);
    }
  }
  auto applications = report.find("applications");
  if (applications != report.end() && applications->is_array()) {
    for (const Json& app : *applications) {
      if (!app.is_object()) continue;
      if (app.contains("log")) add(app["log"]);
      if (app.contains("files") && app["files"].is_array()) {
        for (const Json& file : app["files"]) add(file);
      }
    }
  }
}

void RedactReport(Json* report, RedactionDictionary* dictionary) {
  RedactValue(report, dictionary);
  if (!report->is_object()) return;
  // "redacted": true right after "generator" (or first).
  Json out = Json::object();
  bool placed = false;
  for (auto& [key, value] : report->items()) {
    if (key == "redacted") continue;
    out[key] = std::move(value);
    if (key == "generator") {
      out["redacted"] = true;
      placed = true;
    }
  }
  if (!placed) out["redacted"] = true;
  *report = std::move(out);
}

std::string RedactReportJson(const std::string& report_json, const std::vector<const AppStatus*>& applications) {
  Json report = Json::parse(report_json, nullptr, /*allow_exceptions=*/false);
  if (report.is_discarded()) return "{}";
  RedactionDictionary dictionary;
  for (const AppStatus* status : applications) CollectSensitiveValues(*status, &dictionary);
  CollectReportNames(report, &dictionary);
  RedactReport(&report, &dictionary);
  return report.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace sparkdx::redact
