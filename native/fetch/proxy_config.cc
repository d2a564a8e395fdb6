#include "proxy_config.h"

#include <nlohmann/json.hpp>

#include "databricks.h"

namespace sparkdx::fetch {
namespace {

bool ValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  }
  return true;
}

std::string Text(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> Strings(const nlohmann::json& object, const char* key, std::string* error,
                                 const std::string& where) {
  std::vector<std::string> out;
  auto it = object.find(key);
  if (it == object.end()) return out;
  if (!it->is_array()) {
    *error = where + ": \"" + key + "\" must be an array of strings";
    return out;
  }
  for (const nlohmann::json& item : *it) {
    if (!item.is_string()) {
      *error = where + ": \"" + key + "\" must be an array of strings";
      return out;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

ProxyConfig ParseProxyConfig(const std::string& text, const std::string& file_name,
                             const AwsCredentialSources& environment) {
  ProxyConfig config;
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    config.error = file_name + ": not valid JSON (byte " + std::to_string(e.byte) + ")";
    return config;
  }
  if (!root.is_object() || !root.contains("sources") || !root["sources"].is_array()) {
    config.error = file_name + ": expected an object with a \"sources\" array";
    return config;
  }
  auto variable = [&](const std::string& name) -> std::optional<std::string> {
    auto it = environment.environment.find(name);
    if (it == environment.environment.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
  config.allow_hosts = Strings(root, "allow_hosts", &config.error, file_name);
  if (!config.error.empty()) return config;
  config.allow_origins = Strings(root, "allow_origins", &config.error, file_name);
  if (!config.error.empty()) return config;

  for (size_t i = 0; i < root["sources"].size(); ++i) {
    const nlohmann::json& item = root["sources"][i];
    const std::string where = file_name + ": sources[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      config.error = where + ": must be an object";
      return config;
    }
    ProxySource source;
    source.name = Text(item, "name");
    source.kind = Text(item, "kind");
    if (!ValidName(source.name)) {
      config.error = where + ": \"name\" must be 1-64 letters, digits, '-' or '_'";
      return config;
    }
    for (const ProxySource& other : config.sources) {
      if (other.name == source.name) {
        config.error = where + ": the name \"" + source.name + "\" is used twice";
        return config;
      }
    }
    // Credentials: each *_env key names a variable that must be set.
    for (const char* key : {"basic_auth_env", "bearer_token_env", "cookie_env", "token_env"}) {
      std::string name = Text(item, key);
      if (name.empty()) continue;
      std::optional<std::string> value = variable(name);
      if (!value) {
        config.error = where + " (" + source.name + "): \"" + key + "\" names " + name + ", which is not set";
        return config;
      }
      std::string k = key;
      if (k == "basic_auth_env") {
        size_t colon = value->find(':');
        if (colon == std::string::npos) {
          config.error = where + " (" + source.name + "): " + name + " must hold user:password";
          return config;
        }
        source.credentials.basic_user = value->substr(0, colon);
        source.credentials.basic_password = value->substr(colon + 1);
      } else if (k == "cookie_env") {
        source.credentials.cookie = *value;
      } else {
        source.credentials.bearer_token = *value;
      }
    }
    if (source.kind == "history-server" || source.kind == "databricks") {
      std::string error;
      std::optional<Url> url = ParseUrl(Text(item, "url"), &error);
      if (!url) {
        config.error = where + " (" + source.name + "): \"url\": " + error;
        return config;
      }
      source.url = *url;
      if (source.kind == "databricks" && source.credentials.bearer_token.empty()) {
        config.error = where + " (" + source.name + "): databricks needs \"token_env\"";
        return config;
      }
      if (source.kind == "databricks") {
        const std::string dataplane = Text(item, "dataplane_url");
        if (!dataplane.empty()) {
          std::optional<Url> parsed = ParseUrl(dataplane, &error);
          if (!parsed) {
            config.error = where + " (" + source.name + "): \"dataplane_url\": " + error;
            return config;
          }
          source.dataplane = *parsed;
        } else if (!DataPlaneHost(source.url.host).empty()) {
          source.dataplane = source.url;
          source.dataplane.host = DataPlaneHost(source.url.host);
        }
        source.org_id = Text(item, "org_id").empty() ? OrgIdOfWorkspace(source.url.host) : Text(item, "org_id");
        auto port = item.find("ui_port");
        if (port != item.end()) {
          if (!port->is_number_integer() || port->get<int64_t>() < 1 || port->get<int64_t>() > 65535) {
            config.error = where + " (" + source.name + "): \"ui_port\" must be a port number";
            return config;
          }
          source.ui_port = port->get<int>();
        }
      }
    } else if (source.kind == "emr") {
      source.cluster_id = Text(item, "cluster_id");
      if (source.cluster_id.empty()) {
        config.error = where + " (" + source.name + "): emr needs \"cluster_id\"";
        return config;
      }
      AwsCredentialsResult aws = LoadAwsCredentials(environment);
      if (!aws.ok) {
        config.error = where + " (" + source.name + "): " + aws.error;
        return config;
      }
      source.aws = aws.credentials;
      source.region = Text(item, "region").empty() ? aws.region : Text(item, "region");
      if (source.region.empty()) {
        config.error = where + " (" + source.name + "): emr needs \"region\" (or AWS_REGION)";
        return config;
      }
      if (!Text(item, "endpoint").empty()) {
        std::string error;
        std::optional<Url> endpoint = ParseUrl(Text(item, "endpoint"), &error);
        if (!endpoint) {
          config.error = where + " (" + source.name + "): \"endpoint\": " + error;
          return config;
        }
        source.url = *endpoint;
      }
    } else {
      config.error = where + ": \"kind\" must be history-server, emr or databricks";
      return config;
    }
    config.sources.push_back(std::move(source));
  }
  config.ok = true;
  return config;
}

}  // namespace sparkdx::fetch
