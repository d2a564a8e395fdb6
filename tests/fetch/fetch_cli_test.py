#!/usr/bin/env python3
"""`sparkdx fetch` end to end, against fakes on 127.0.0.1 (Python's
http.server): a History Server that answers as Spark's REST API does (the
application list, logs as a zip streamed without a length), and AWS EMR
(its JSON API, every request's SigV4 signature checked with botocore, AWS's
own signer, then the persistent UI's presigned URL, session cookie and
History Server under /shs). Checks exit codes and messages for the happy
paths, missing applications, basic authentication, SSRF through a redirect,
a truncated download, and bad AWS credentials.

usage: fetch_cli_test.py <sparkdx binary> <repository root>
"""
import base64
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import zipfile

APP_ID = "app-20250301120000-0007"
FAILURES = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        FAILURES.append(what)


def make_handler(zip_bytes, state):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # the body ends when the connection closes, as Spark streams it

        def log_message(self, *args):
            pass

        def authorised(self):
            required = state.get("basic")
            if not required:
                return True
            expected = "Basic " + base64.b64encode(required.encode()).decode()
            if self.headers.get("Authorization") == expected:
                return True
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="shs"')
            self.end_headers()
            self.wfile.write(b"login required: upstream-secret-page")
            return False

        def do_GET(self):
            path = self.path.split("?")[0]
            if path == "/api/v1/applications":
                if not self.authorised():
                    return
                body = json.dumps([{"id": APP_ID, "name": "demo", "attempts": [
                    {"startTime": "2025-03-01T12:00:00.000GMT", "duration": 1709070, "sparkUser": "hadoop",
                     "completed": True}]}]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)
            elif path == "/api/v1/applications/%s/logs" % APP_ID:
                if not self.authorised():
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Disposition", "attachment; filename=eventLogs-%s.zip" % APP_ID)
                self.end_headers()
                for i in range(0, len(zip_bytes), 8192):
                    self.wfile.write(zip_bytes[i:i + 8192])
            elif path == "/api/v1/applications/app-redirect/logs":
                self.send_response(302)
                self.send_header("Location", "http://localhost:%d/api/v1/applications/%s/logs"
                                 % (self.server.server_address[1], APP_ID))
                self.end_headers()
            elif path == "/api/v1/applications/app-truncated/logs":
                self.send_response(200)
                self.send_header("Content-Length", str(len(zip_bytes)))
                self.end_headers()
                self.wfile.write(zip_bytes[:5000])
            else:
                self.send_response(404)
                self.end_headers()
                self.wfile.write(b"no such application: upstream-secret-404")
    return Handler


def have_botocore():
    try:
        import botocore  # noqa: F401
        return True
    except ImportError:
        return False


def botocore_signature_ok(headers, body):
    """Recomputes the request's signature with botocore (Debian's 1.29),
    pinned to the request's own X-Amz-Date; None when botocore is absent."""
    try:
        import datetime
        from unittest import mock
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
    except ImportError:
        return None
    when = datetime.datetime.strptime(headers.get("X-Amz-Date", ""), "%Y%m%dT%H%M%SZ")
    request = AWSRequest(method="POST", url="http://" + headers["Host"] + "/", data=body,
                         headers={"Content-Type": headers.get("Content-Type"),
                                  "X-Amz-Target": headers.get("X-Amz-Target")})
    token = headers.get("X-Amz-Security-Token")
    with mock.patch("botocore.auth.datetime") as fake:
        fake.datetime.utcnow.return_value = when
        SigV4Auth(Credentials("AKIDEXAMPLE", "emr-test-secret", token), "elasticmapreduce", "us-east-1").add_auth(request)
    return request.headers["Authorization"] == headers.get("Authorization")


def make_emr_handler(zip_bytes, state):
    history = make_handler(zip_bytes, state)

    class EmrHandler(history):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            valid = botocore_signature_ok(self.headers, body)
            if valid is False:
                return self.answer(403, {"__type": "InvalidSignatureException",
                                         "message": "The request signature we calculated does not match"})
            action = self.headers.get("X-Amz-Target", "").split(".")[-1]
            request = json.loads(body)
            if action == "DescribeCluster":
                if request.get("ClusterId") != "j-TESTCLUSTER":
                    return self.answer(400, {"__type": "com.amazonaws.emr#InvalidRequestException",
                                             "message": "Cluster id '%s' is not valid." % request.get("ClusterId")})
                return self.answer(200, {"Cluster": {"Id": "j-TESTCLUSTER",
                                                     "ClusterArn": "arn:aws:elasticmapreduce:us-east-1:1:cluster/j-TESTCLUSTER"}})
            if action == "CreatePersistentAppUI":
                return self.answer(200, {"PersistentAppUIId": "p-testui"})
            if action == "DescribePersistentAppUI":
                return self.answer(200, {"PersistentAppUI": {"PersistentAppUIStatus": "ATTACHED"}})
            if action == "GetPersistentAppUIPresignedURL":
                state["token"] = "t%d" % (state.get("sessions", 0) + 1)
                return self.answer(200, {"PresignedURLReady": True, "PresignedURL": "http://127.0.0.1:%d/p-testui/?authToken=%s"
                                         % (self.server.server_address[1], state["token"])})
            return self.answer(400, {"__type": "UnknownOperationException"})

        def answer(self, status, document):
            data = json.dumps(document).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            path = self.path.split("?")[0]
            if path == "/p-testui/":
                if "authToken=" + state.get("token", "-") not in self.path:
                    self.send_response(403)
                    self.end_headers()
                    return
                state["sessions"] = state.get("sessions", 0) + 1
                self.send_response(302)
                self.send_header("Set-Cookie", "emr_session=s%d; Path=/; HttpOnly" % state["sessions"])
                self.send_header("Location", "/shs/")
                self.end_headers()
                return
            if path == "/shs/":
                self.send_response(200)
                self.end_headers()
                return
            if path.startswith("/shs/"):
                if "emr_session=s%d" % state.get("sessions", -1) not in (self.headers.get("Cookie") or ""):
                    self.send_response(403)
                    self.end_headers()
                    return
                self.path = self.path[len("/shs"):]
            return history.do_GET(self)
    return EmrHandler


def make_databricks_handler(dbfs_root, binary, cluster_state):
    """A workspace whose DBFS /cluster-logs is `dbfs_root`; bearer token dapi-test.
    Its driver proxy serves the delivered application's live Spark UI, and
    /sparkui/ its historical UI (as the data-plane host does: cookie, and a
    loading page first); both answer the REST API with `sparkdx rest`, and
    their logs zip is empty, as a live UI's is."""
    loading_pages = {"left": 1}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, status, document):
            self.send_bytes(status, "application/json", json.dumps(document).encode())

        def send_bytes(self, status, content_type, data):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def spark_ui(self, api_path):
            if api_path.endswith("/logs"):
                return self.send_bytes(200, "application/octet-stream", b"PK\x05\x06" + bytes(18))
            cluster_dir = os.path.join(dbfs_root, os.listdir(dbfs_root)[0])
            got = subprocess.run([binary, "rest", cluster_dir, api_path], capture_output=True, timeout=60)
            if got.returncode != 0:
                return self.answer(404, {"message": got.stderr.decode()})
            self.send_bytes(200, "application/json", got.stdout)

        def do_GET(self):
            import urllib.parse
            url = urllib.parse.urlsplit(self.path)
            historical = "/sparkui/0301-150000-abcd1234/driver-7201234567890123456/api/v1/"
            if url.path.startswith(historical):
                if "DATAPLANE_DOMAIN_DBAUTH=dp-cookie" not in self.headers.get("Cookie", ""):
                    self.send_response(302)
                    self.send_header("Location", "/login")
                    self.send_header("Content-Length", "0")
                    return self.end_headers()
                if loading_pages["left"] > 0:
                    loading_pages["left"] -= 1
                    return self.send_bytes(200, "text/html", b"<html><body>Loading historical Spark UI...</body></html>")
                return self.spark_ui(self.path[len(historical):])
            if url.path == "/login":
                return self.send_bytes(200, "text/html", b"<!DOCTYPE html><html><body>Sign in</body></html>")
            if self.headers.get("Authorization") != "Bearer dapi-test":
                return self.answer(403, {"error_code": "PERMISSION_DENIED", "message": "Invalid access token."})
            live = "/driver-proxy-api/o/0/0301-150000-abcd1234/40001/api/v1/"
            if url.path.startswith(live):
                return self.spark_ui(self.path[len(live):])
            query = dict(urllib.parse.parse_qsl(url.query))
            if url.path == "/api/2.1/clusters/get":
                return self.answer(200, {"cluster_id": query.get("cluster_id"), "state": cluster_state["state"],
                                         "spark_context_id": 7201234567890123456,
                                         "cluster_log_conf": cluster_state["log_conf"]})
            volume = "/Volumes/main/ops/logs"
            for api in ("/api/2.0/fs/directories", "/api/2.0/fs/files"):
                path = urllib.parse.unquote(url.path[len(api):])
                if not url.path.startswith(api + volume) or ".." in path:
                    continue
                local = os.path.join(dbfs_root, path[len(volume):].lstrip("/"))
                if api.endswith("directories") and os.path.isdir(local):
                    names = sorted(os.listdir(local))
                    start = int(query.get("page_token", "0"))  # one entry a page: paging is exercised
                    page = {"contents": [{"path": path + "/" + name, "name": name,
                                          "is_directory": os.path.isdir(os.path.join(local, name)),
                                          "file_size": os.path.getsize(os.path.join(local, name))}
                                         for name in names[start:start + 1]]}
                    if start + 1 < len(names):
                        page["next_page_token"] = str(start + 1)
                    return self.answer(200, page)
                if api.endswith("files") and os.path.isfile(local):
                    return self.send_bytes(200, "application/octet-stream", open(local, "rb").read())
                return self.answer(404, {"error_code": "NOT_FOUND"})
            path = query.get("path", "")
            if not path.startswith("/cluster-logs") or ".." in path:
                return self.answer(404, {"error_code": "RESOURCE_DOES_NOT_EXIST"})
            local = os.path.join(dbfs_root, path[len("/cluster-logs"):].lstrip("/"))
            if url.path == "/api/2.0/dbfs/list" and os.path.isdir(local):
                return self.answer(200, {"files": [{"path": path + "/" + name, "is_dir": os.path.isdir(os.path.join(local, name)),
                                                    "file_size": os.path.getsize(os.path.join(local, name))}
                                                   for name in sorted(os.listdir(local))]})
            if url.path == "/api/2.0/dbfs/read" and os.path.isfile(local):
                offset, length = int(query["offset"]), int(query["length"])
                data = open(local, "rb").read()[offset:offset + length]
                return self.answer(200, {"bytes_read": len(data), "data": base64.b64encode(data).decode()})
            return self.answer(404, {"error_code": "RESOURCE_DOES_NOT_EXIST"})
    return Handler


def run(binary, *args, env_extra=None):
    env = dict(os.environ)
    env.update(env_extra or {})
    return subprocess.run([binary, *args], capture_output=True, env=env, timeout=120)


def main():
    binary, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    with open(os.path.join(root, "samples/demo", APP_ID + ".zstd"), "rb") as log:
        log_bytes = log.read()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(APP_ID + ".zstd", log_bytes)
    zip_bytes = buffer.getvalue()

    state = {}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(zip_bytes, state))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d" % server.server_address[1]

    with tempfile.TemporaryDirectory() as work:
        listed = run(binary, "fetch", "history-server", url, "--list", "--status", "completed")
        check(listed.returncode == 0 and APP_ID.encode() in listed.stdout and b"hadoop" in listed.stdout,
              "--list prints the applications")

        out = os.path.join(work, "logs.zip")
        fetched = run(binary, "fetch", "history-server", url, "--app", APP_ID, "-o", out)
        check(fetched.returncode == 0, "--app downloads (exit 0)")
        check(os.path.exists(out) and open(out, "rb").read() == zip_bytes, "the file is the served zip, byte for byte")
        check(not os.path.exists(out + ".part"), "no .part file is left after success")
        report = run(binary, "analyze", "--format", "json", out)
        apps = json.loads(report.stdout)["applications"] if report.returncode == 0 else []
        check(len(apps) == 1 and apps[0]["id"] == APP_ID and apps[0]["tasks"] == 516,
              "the download analyses: 1 application, 516 tasks")

        piped = subprocess.run("%s fetch history-server %s --app %s -o - | %s analyze --format json -"
                               % (binary, url, APP_ID, binary), shell=True, capture_output=True, timeout=120)
        check(piped.returncode == 0 and json.loads(piped.stdout)["applications"][0]["tasks"] == 516,
              "-o - pipes into sparkdx analyze -")

        missing = run(binary, "fetch", "history-server", url, "--app", "app-missing", "-o", os.path.join(work, "m.zip"))
        check(missing.returncode == 4, "a missing application exits 4")
        check(missing.stderr.decode().strip() ==
              "sparkdx fetch: GET %s/api/v1/applications/app-missing/logs: HTTP 404" % url,
              "and says which request got which status")
        check(b"upstream-secret" not in missing.stderr, "without echoing the upstream body")
        check(not os.path.exists(os.path.join(work, "m.zip")) and not os.path.exists(os.path.join(work, "m.zip.part")),
              "and leaves no file")

        state["basic"] = "alice:s3cret"
        refused = run(binary, "fetch", "history-server", url, "--list")
        check(refused.returncode == 4 and b"HTTP 401" in refused.stderr, "without credentials: HTTP 401, exit 4")
        allowed = run(binary, "fetch", "history-server", url, "--list", "--basic-auth-env", "SHS_AUTH",
                      env_extra={"SHS_AUTH": "alice:s3cret"})
        check(allowed.returncode == 0 and APP_ID.encode() in allowed.stdout, "--basic-auth-env authenticates")
        unset = run(binary, "fetch", "history-server", url, "--list", "--basic-auth-env", "SHS_AUTH_UNSET")
        check(unset.returncode == 2 and b"SHS_AUTH_UNSET, which is not set" in unset.stderr,
              "an unset credential variable is a usage error")
        state.pop("basic")

        redirected = run(binary, "fetch", "history-server", url, "--app", "app-redirect", "-o", os.path.join(work, "r.zip"))
        check(redirected.returncode == 4 and b"host 'localhost' is not on the allowlist (reached by a redirect)"
              in redirected.stderr, "a redirect to another host is refused (exit 4)")
        followed = run(binary, "fetch", "history-server", url, "--app", "app-redirect", "--allow-host", "localhost",
                       "-o", os.path.join(work, "r.zip"))
        check(followed.returncode == 0, "--allow-host lets that redirect through")

        truncated_path = os.path.join(work, "t.zip")
        truncated = run(binary, "fetch", "history-server", url, "--app", "app-truncated", "-o", truncated_path)
        check(truncated.returncode == 4 and b"truncated response" in truncated.stderr,
              "a truncated download exits 4 and says so")
        check(not os.path.exists(truncated_path) and os.path.getsize(truncated_path + ".part") == 5000,
              "the bytes received are kept in .part, never under the final name")

        usage = run(binary, "fetch", "history-server", url)
        check(usage.returncode == 2 and b"give either --list or --app ID" in usage.stderr, "usage errors exit 2")
        bad_url = run(binary, "fetch", "history-server", "https://user:pw@host/", "--list")
        check(bad_url.returncode == 2 and b"pw" not in bad_url.stderr, "URLs with credentials are refused unechoed")

        emr_state = {}
        emr = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_emr_handler(zip_bytes, emr_state))
        threading.Thread(target=emr.serve_forever, daemon=True).start()
        endpoint = "http://127.0.0.1:%d" % emr.server_address[1]
        aws = {"HOME": work, "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "emr-test-secret",
               "AWS_REGION": "us-east-1", "AWS_PROFILE": "", "AWS_SESSION_TOKEN": ""}
        if not have_botocore():
            print("SKIPPED the EMR part: python3-botocore is not installed (apt-get install python3-botocore)")
        else:
            emr_list = run(binary, "fetch", "emr", "j-TESTCLUSTER", "--endpoint", endpoint, "--list", env_extra=aws)
            check(emr_list.returncode == 0 and APP_ID.encode() in emr_list.stdout,
                  "emr --list: signed calls accepted by botocore's check, session opened, applications listed")
            emr_out = os.path.join(work, "emr.zip")
            emr_get = run(binary, "fetch", "emr", "j-TESTCLUSTER", "--endpoint", endpoint, "--app", APP_ID,
                          "-o", emr_out, env_extra=aws)
            check(emr_get.returncode == 0 and open(emr_out, "rb").read() == zip_bytes, "emr --app downloads the zip")
            with_token = dict(aws, AWS_SESSION_TOKEN="EXAMPLESESSIONTOKEN")
            check(run(binary, "fetch", "emr", "j-TESTCLUSTER", "--endpoint", endpoint, "--list",
                      env_extra=with_token).returncode == 0, "emr with a session token (signed)")
            wrong = dict(aws, AWS_SECRET_ACCESS_KEY="not-the-secret")
            refused = run(binary, "fetch", "emr", "j-TESTCLUSTER", "--endpoint", endpoint, "--list", env_extra=wrong)
            check(refused.returncode == 4 and b"HTTP 403: InvalidSignatureException" in refused.stderr
                  and b"not-the-secret" not in refused.stderr, "a wrong secret: AWS's reason, exit 4, secret not shown")
            unknown = run(binary, "fetch", "emr", "j-NOPE", "--endpoint", endpoint, "--list", env_extra=aws)
            check(unknown.returncode == 4 and b"InvalidRequestException: Cluster id 'j-NOPE' is not valid." in unknown.stderr,
                  "an unknown cluster: AWS's reason, exit 4")
        no_credentials = run(binary, "fetch", "emr", "j-TESTCLUSTER", "--endpoint", endpoint, "--list",
                             env_extra={"HOME": work, "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "",
                                        "AWS_PROFILE": "", "AWS_REGION": "us-east-1"})
        check(no_credentials.returncode == 2 and b"no AWS credentials for profile 'default'" in no_credentials.stderr,
              "no AWS credentials: usage error naming where they were looked for")

        cluster_state = {"state": "TERMINATED", "log_conf": {"dbfs": {"destination": "dbfs:/cluster-logs"}}}
        workspace = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                    make_databricks_handler(os.path.join(root, "samples/databricks"),
                                                                            binary, cluster_state))
        threading.Thread(target=workspace.serve_forever, daemon=True).start()
        workspace_url = "http://127.0.0.1:%d" % workspace.server_address[1]
        cluster = "0301-150000-abcd1234"
        delivered = os.path.join(work, "delivered")
        got = run(binary, "fetch", "databricks", workspace_url, "--cluster", cluster, "-o", delivered,
                  env_extra={"DATABRICKS_TOKEN": "dapi-test"})
        check(got.returncode == 0 and b"wrote 3 event-log files" in got.stderr, "databricks: 3 delivered files fetched")
        fetched_report = run(binary, "analyze", "--format", "json", delivered)
        direct_report = run(binary, "analyze", "--format", "json", os.path.join(root, "samples/databricks", cluster))
        if fetched_report.returncode == 0 and direct_report.returncode == 0:
            a = json.loads(fetched_report.stdout)["applications"]
            b = json.loads(direct_report.stdout)["applications"]
            same = len(a) == 1 and a[0]["layout"] == "databricks" and a[0]["findings"] == b[0]["findings"] \
                and a[0]["tasks"] == b[0]["tasks"]
        else:
            same = False
        check(same, "and they analyse like the delivered folder itself")
        denied = run(binary, "fetch", "databricks", workspace_url, "--cluster", cluster, "-o", delivered,
                     env_extra={"DATABRICKS_TOKEN": "dapi-expired"})
        check(denied.returncode == 4 and b"HTTP 403: PERMISSION_DENIED" in denied.stderr
              and b"dapi-expired" not in denied.stderr, "databricks: an expired token exits 4, token not shown")
        no_token = run(binary, "fetch", "databricks", workspace_url, "--cluster", cluster,
                       env_extra={"DATABRICKS_TOKEN": ""})
        check(no_token.returncode == 2 and b"DATABRICKS_TOKEN" in no_token.stderr, "databricks without a token: exit 2")

        # Without log delivery: a running cluster through the driver proxy, a
        # terminated one through its historical UI; both rebuilt from the API.
        def same_analysis(path):
            fetched = run(binary, "analyze", "--format", "json", path)
            if fetched.returncode != 0 or direct_report.returncode != 0:
                return False
            a = json.loads(fetched.stdout)["applications"]
            b = json.loads(direct_report.stdout)["applications"]
            return len(a) == 1 and a[0]["findings"] == b[0]["findings"] and a[0]["tasks"] == b[0]["tasks"] \
                and a[0]["breakdown"] == b[0]["breakdown"]
        token = {"DATABRICKS_TOKEN": "dapi-test"}
        cluster_state.update(state="RUNNING", log_conf={})
        listed = run(binary, "fetch", "databricks", workspace_url, "--cluster", cluster, "--list", env_extra=token)
        check(listed.returncode == 0 and b"via live" in listed.stderr and b"app-" in listed.stdout,
              "databricks live: lists the running cluster's application through the driver proxy")
        live_dir = os.path.join(work, "live")
        os.makedirs(live_dir)
        live = subprocess.run([binary, "fetch", "databricks", workspace_url, "--cluster", cluster],
                              capture_output=True, env=dict(os.environ, **token), timeout=120, cwd=live_dir)
        rebuilt = [name for name in os.listdir(live_dir) if name.endswith(".json")]
        check(live.returncode == 0 and b"rebuilt from its REST API" in live.stderr and len(rebuilt) == 1,
              "databricks live: the log is rebuilt from the UI's REST API into eventLogs-<app>.json")
        check(len(rebuilt) == 1 and same_analysis(os.path.join(live_dir, rebuilt[0])),
              "databricks live: the rebuilt log analyses like the delivered one")
        cluster_state.update(state="TERMINATED")
        no_cookie = run(binary, "fetch", "databricks", workspace_url, "--cluster", cluster, env_extra=token)
        check(no_cookie.returncode == 2 and b"--cookie-env" in no_cookie.stderr and b"via history" in no_cookie.stderr,
              "databricks history: without the data-plane cookie, a usage error that says how to give it")
        expired = run(binary, "fetch", "databricks", workspace_url, "--cluster", cluster, "--cookie-env", "DP",
                      "--dataplane-url", workspace_url, "--warm-up", "1", "-o", os.path.join(work, "h.json"),
                      env_extra=dict(token, DP="DATAPLANE_DOMAIN_DBAUTH=old"))
        check(expired.returncode == 4 and b"web page, not JSON" in expired.stderr and b"=old" not in expired.stderr,
              "databricks history: an expired cookie (a sign-in page) exits 4, cookie not shown")
        history = run(binary, "fetch", "databricks", workspace_url, "--cluster", cluster, "--cookie-env", "DP",
                      "--dataplane-url", workspace_url, "--warm-up", "1", "-o", os.path.join(work, "h.json"),
                      env_extra=dict(token, DP="dp-cookie"))
        check(history.returncode == 0 and same_analysis(os.path.join(work, "h.json")),
              "databricks history: waits out the loading page; the rebuilt log analyses like the delivered one")
        cluster_state.update(log_conf={"volumes": {"destination": "/Volumes/main/ops/logs"}})
        from_volume = os.path.join(work, "volume")
        got = run(binary, "fetch", "databricks", workspace_url, "--cluster", cluster, "-o", from_volume, env_extra=token)
        check(got.returncode == 0 and b"via delivered" in got.stderr and b"wrote 3 event-log files" in got.stderr
              and same_analysis(from_volume), "databricks: logs delivered to a Unity Catalog volume, via the Files API")

        # sparkdx proxy: the page's way to the same History Server, credentials kept inside.
        import socket
        import time
        import urllib.error
        import urllib.request
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        proxy_port = probe.getsockname()[1]
        probe.close()
        config = os.path.join(work, "proxy.json")
        with open(config, "w") as out:
            json.dump({"sources": [{"name": "prod", "kind": "history-server", "url": url,
                                    "basic_auth_env": "SHS_AUTH"},
                                   {"name": "emr", "kind": "emr", "cluster_id": "j-TESTCLUSTER",
                                    "region": "us-east-1", "endpoint": endpoint},
                                   {"name": "dbx", "kind": "databricks", "url": workspace_url,
                                    "token_env": "DBX_TOKEN", "cookie_env": "DBX_DP",
                                    "dataplane_url": workspace_url}]}, out)
        state["basic"] = "alice:s3cret"
        env = dict(os.environ, SHS_AUTH="alice:s3cret", DBX_TOKEN="dapi-test", DBX_DP="dp-cookie", **aws)
        proxy = subprocess.Popen([binary, "proxy", "--config", config, "--port", str(proxy_port), "--web", root + "/samples"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        try:
            proxy_url = "http://127.0.0.1:%d" % proxy_port
            for _ in range(100):
                try:
                    announced = json.loads(urllib.request.urlopen(proxy_url + "/api/proxy", timeout=5).read())
                    break
                except (urllib.error.URLError, ConnectionError):
                    time.sleep(0.1)
            else:
                announced = {}
            def proxy_get(path):
                try:
                    answer = urllib.request.urlopen(proxy_url + path, timeout=60)
                    return answer.status, answer.read()
                except urllib.error.HTTPError as error:
                    return error.code, error.read()
            check(announced.get("sources") == [{"name": "prod", "kind": "history-server"},
                                               {"name": "emr", "kind": "emr"},
                                               {"name": "dbx", "kind": "databricks"}],
                  "proxy: announces its sources")
            # EMR through the proxy: it signs the EMR calls, opens the persistent UI, keeps the session.
            status, listing = proxy_get("/api/sources/emr/applications")
            check(status == 200 and APP_ID in [a["id"] for a in json.loads(listing)["applications"]],
                  "proxy emr: lists the applications through the persistent UI (signed calls)")
            status, body = proxy_get("/api/sources/emr/applications/%s/logs" % APP_ID)
            check(status == 200 and body == zip_bytes, "proxy emr: streams the logs zip")
            # Databricks through the proxy: delivered files (a volume), then a
            # cluster without delivery, running (driver proxy) and terminated
            # (historical UI with the configured cookie).
            clusters = "/api/sources/dbx/clusters/" + cluster
            status, listing = proxy_get(clusters + "/files")
            files = json.loads(listing).get("files", []) if status == 200 else []
            first_local = os.path.join(root, "samples/databricks", files[0]["path"]) if files else ""
            check(status == 200 and len(files) == 3 and proxy_get(clusters + "/files/0")[1] == open(first_local, "rb").read(),
                  "proxy databricks: lists and streams the delivered files")
            for state_name, way in (("RUNNING", "the driver proxy"), ("TERMINATED", "the historical UI")):
                cluster_state.update(state=state_name, log_conf={})
                status, body = proxy_get(clusters + "/files")
                check(status == 409 and b"no log delivery" in body, "proxy databricks: no delivery is a 409 (%s)" % state_name)
                status, body = proxy_get(clusters + "/log")
                rebuilt_path = os.path.join(work, "proxy-%s.json" % state_name)
                with open(rebuilt_path, "wb") as out:
                    out.write(body)
                check(status == 200 and body[:1] == b"{" and same_analysis(rebuilt_path),
                      "proxy databricks: a %s cluster's log, rebuilt through %s, analyses like the delivered one"
                      % (state_name.lower(), way))
            zipped = urllib.request.urlopen(proxy_url + "/api/sources/prod/applications/%s/logs" % APP_ID, timeout=30).read()
            check(zipped == zip_bytes, "proxy: streams the logs zip, authenticating upstream itself")
            try:
                urllib.request.urlopen(urllib.request.Request(proxy_url + "/api/proxy",
                                                              headers={"Origin": "https://evil.example"}), timeout=5)
                check(False, "proxy: refuses other web sites")
            except urllib.error.HTTPError as error:
                check(error.code == 403 and b"alice" not in error.read(), "proxy: refuses other web sites")
        finally:
            proxy.terminate()
            proxy.wait(timeout=30)
        check(proxy.returncode == 0, "proxy: stops cleanly on SIGTERM")
        workspace.shutdown()
        emr.shutdown()
        state.pop("basic")
        bad_config = run(binary, "proxy", "--config", config)
        check(bad_config.returncode == 2 and b"names SHS_AUTH, which is not set" in bad_config.stderr,
              "proxy: a credential variable that is not set is a configuration error (exit 2)")

    server.shutdown()
    print("fetch_cli_test: %d failure(s)" % len(FAILURES))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
