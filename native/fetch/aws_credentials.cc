#include "aws_credentials.h"

#include <cctype>

namespace sparkdx::fetch {
namespace {

std::string Trim(const std::string& text) {
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Variable(const AwsCredentialSources& sources, const std::string& name) {
  auto it = sources.environment.find(name);
  return it == sources.environment.end() ? "" : it->second;
}

std::string HomePath(const AwsCredentialSources& sources, const std::string& relative) {
  std::string home = Variable(sources, "HOME");
  return home.empty() ? "" : home + "/" + relative;
}

}  // namespace

std::optional<std::map<std::string, std::string>> IniSection(const std::string& text, const std::string& section,
                                                             const std::string& name, std::string* error) {
  std::optional<std::map<std::string, std::string>> found;
  bool inside = false;
  size_t line_number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = Trim(text.substr(start, end - start));
    ++line_number;
    start = end + 1;
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      if (line.back() != ']') {
        *error = name + ":" + std::to_string(line_number) + ": a section header without ']'";
        return std::nullopt;
      }
      inside = Trim(line.substr(1, line.size() - 2)) == section;
      if (inside && !found) found.emplace();
      continue;
    }
    size_t equals = line.find('=');
    if (equals == std::string::npos) {
      // Continuation lines of nested settings (e.g. "s3 =" blocks) are indented.
      continue;
    }
    if (inside) (*found)[Lower(Trim(line.substr(0, equals)))] = Trim(line.substr(equals + 1));
  }
  return found;
}

AwsCredentialsResult LoadAwsCredentials(const AwsCredentialSources& sources) {
  AwsCredentialsResult result;
  const std::string profile = Variable(sources, "AWS_PROFILE").empty() ? "default" : Variable(sources, "AWS_PROFILE");
  std::string config_path = Variable(sources, "AWS_CONFIG_FILE");
  if (config_path.empty()) config_path = HomePath(sources, ".aws/config");
  const std::string config_section = profile == "default" ? "default" : "profile " + profile;

  // The config file's profile also gives the region.
  std::optional<std::map<std::string, std::string>> config;
  std::optional<std::string> config_text =
      config_path.empty() || !sources.read_file ? std::nullopt : sources.read_file(config_path);
  if (config_text) {
    std::string error;
    config = IniSection(*config_text, config_section, config_path, &error);
    if (!error.empty()) {
      result.error = error;
      return result;
    }
  }
  result.region = Variable(sources, "AWS_REGION");
  if (result.region.empty()) result.region = Variable(sources, "AWS_DEFAULT_REGION");
  if (result.region.empty() && config && config->count("region")) result.region = config->at("region");

  if (!Variable(sources, "AWS_ACCESS_KEY_ID").empty() || !Variable(sources, "AWS_SECRET_ACCESS_KEY").empty()) {
    if (Variable(sources, "AWS_ACCESS_KEY_ID").empty() || Variable(sources, "AWS_SECRET_ACCESS_KEY").empty()) {
      result.error = "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together";
      return result;
    }
    result.credentials = {Variable(sources, "AWS_ACCESS_KEY_ID"), Variable(sources, "AWS_SECRET_ACCESS_KEY"),
                          Variable(sources, "AWS_SESSION_TOKEN")};
    result.source = "environment";
    result.ok = true;
    return result;
  }

  std::string credentials_path = Variable(sources, "AWS_SHARED_CREDENTIALS_FILE");
  if (credentials_path.empty()) credentials_path = HomePath(sources, ".aws/credentials");
  std::optional<std::string> credentials_text =
      credentials_path.empty() || !sources.read_file ? std::nullopt : sources.read_file(credentials_path);
  auto take = [&](const std::map<std::string, std::string>& keys, const std::string& where) {
    auto id = keys.find("aws_access_key_id");
    auto secret = keys.find("aws_secret_access_key");
    if (id == keys.end() || secret == keys.end() || id->second.empty() || secret->second.empty()) return false;
    auto token = keys.find("aws_session_token");
    result.credentials = {id->second, secret->second, token == keys.end() ? "" : token->second};
    result.source = where;
    result.ok = true;
    return true;
  };
  if (credentials_text) {
    std::string error;
    auto keys = IniSection(*credentials_text, profile, credentials_path, &error);
    if (!error.empty()) {
      result.error = error;
      return result;
    }
    if (keys && take(*keys, credentials_path + " [" + profile + "]")) return result;
  }
  if (config && take(*config, config_path + " [" + config_section + "]")) return result;

  result.error = "no AWS credentials for profile '" + profile +
                 "': set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put aws_access_key_id and "
                 "aws_secret_access_key under [" + profile + "] in " +
                 (credentials_path.empty() ? std::string("~/.aws/credentials") : credentials_path) +
                 " (instance roles, SSO and credential_process are not supported)";
  return result;
}

}  // namespace sparkdx::fetch
