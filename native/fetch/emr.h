// AWS EMR (on EC2) as a source of event logs, through the cluster's
// persistent application UI (PROTOCOLS.md §2.2-2.3): the EMR JSON API
// (signed with SigV4) creates the UI and mints a presigned URL; opening it
// with a cookie-keeping client establishes a session; the History Server
// API then answers under <presigned URL's origin>/shs with those cookies.
//
//   EmrSession session = OpenPersistentUi(client, source);   // polls until ready
//   ListApplications(client, session.history_server, filter);
//   FetchEmrLogs(client, source, &session, app, attempt, sink);   // re-mints once on 401/403
//
// The HttpClient must allow the EMR endpoint's host and the UI's host
// (*.emrappui-prod.<region>.amazonaws.com); its cookie jar carries the session.
#ifndef SPARKDX_NATIVE_FETCH_EMR_H_
#define SPARKDX_NATIVE_FETCH_EMR_H_

#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "history_server.h"
#include "http_client.h"
#include "sigv4.h"

namespace sparkdx::fetch {

struct EmrSource {
  std::string region;                // "us-east-1"
  Url endpoint;                      // https://elasticmapreduce.<region>.amazonaws.com (tests: a fake)
  AwsCredentials credentials;
  std::string cluster_id;            // "j-..."
  int poll_interval_ms = 10'000;     // between DescribePersistentAppUI / presigned-URL polls
  int max_wait_ms = 300'000;         // for the UI to attach and the URL to be ready
  std::function<int64_t()> now_s;    // the clock SigV4 signs with (default: system time)
  std::function<void(int)> sleep_ms; // how to wait between polls (default: sleep)
};

// The default endpoint for a region.
Url EmrEndpoint(const std::string& region);

struct EmrCallResult {
  bool ok = false;
  nlohmann::json response;  // the parsed JSON answer when ok
  std::string error;        // "EMR <Action>: <type>: <message>" or the transport error
};

// One signed call of the EMR JSON 1.1 API.
EmrCallResult CallEmr(HttpClient& client, const EmrSource& source, const std::string& action,
                      const nlohmann::json& request);

struct EmrSession {
  bool ok = false;
  std::string error;
  std::string cluster_arn;
  std::string persistent_ui_id;
  HistoryServerSource history_server;  // <UI origin>/shs; cookies live in the client
};

// DescribeCluster -> CreatePersistentAppUI -> DescribePersistentAppUI until
// ATTACHED -> GetPersistentAppUIPresignedURL until ready -> GET it.
EmrSession OpenPersistentUi(HttpClient& client, const EmrSource& source);

// Mints a fresh presigned URL for an open session and opens it (the session
// cookies rotate).
bool RefreshSession(HttpClient& client, const EmrSource& source, EmrSession* session);

// The logs zip through the session; on 401 or 403 the session is refreshed
// once and the download retried (only if nothing was delivered yet).
HttpResponse FetchEmrLogs(HttpClient& client, const EmrSource& source, EmrSession* session, const std::string& app_id,
                          const std::string& attempt_id, const BodySink& sink);

}  // namespace sparkdx::fetch

#endif  // SPARKDX_NATIVE_FETCH_EMR_H_
