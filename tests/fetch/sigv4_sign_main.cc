// Signs requests read from stdin with sparkdx's SigV4 signer and prints one
// signature per request, for sigv4_vs_botocore.py. Input, per request:
//   a line "request <method> <region> <service> <time_s> <header count>"
//   then the path, the query, each header as "name<TAB>value", and the body
//   in hex, one per line. Credentials come first: "credentials <akid> <secret> [token]".
#include <iostream>
#include <sstream>
#include <string>

#include "sigv4.h"

namespace {

std::string FromHex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

}  // namespace

int main() {
  sparkdx::fetch::AwsCredentials credentials;
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream words(line);
    std::string kind;
    words >> kind;
    if (kind == "credentials") {
      credentials = {};
      words >> credentials.access_key_id >> credentials.secret_access_key >> credentials.session_token;
      continue;
    }
    if (kind != "request") return 2;
    sparkdx::fetch::SigV4Request request;
    sparkdx::fetch::SigV4Scope scope;
    int headers = 0;
    words >> request.method >> scope.region >> scope.service >> scope.time_s >> headers;
    std::getline(std::cin, request.path);
    std::getline(std::cin, request.query);
    for (int i = 0; i < headers; ++i) {
      std::getline(std::cin, line);
      size_t tab = line.find('\t');
      request.headers.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    }
    std::getline(std::cin, line);
    request.body = FromHex(line);
    std::cout << sparkdx::fetch::SignV4(request, credentials, scope).signature << "\n";
  }
  return 0;
}
