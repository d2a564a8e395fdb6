#!/usr/bin/env python3
"""Differential test: sparkdx's SigV4 signer against botocore, AWS's own
Python signer (Debian's python3-botocore). Random requests (methods, paths
with dot segments, spaces and UTF-8, queries, repeated and padded headers,
bodies, session tokens) must get identical signatures.

usage: sigv4_vs_botocore.py <sigv4_sign binary> [count]
"""
import datetime
import random
import subprocess
import sys
import urllib.parse
from unittest import mock

try:
    import botocore
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError:
    print("sigv4_vs_botocore: SKIPPED: python3-botocore is not installed (apt-get install python3-botocore)")
    sys.exit(0)

FIXED_TIME = datetime.datetime(2015, 8, 30, 12, 36, 0)
FIXED_TIME_S = 1440938160


def random_segment(rng):
    pool = ["example", "a b", "ሴ", "..", ".", "", "x~y", "p%q", "data-1", "Z_9"]
    return rng.choice(pool)


def random_request(rng):
    method = rng.choice(["GET", "POST", "PUT"])
    raw_segments = [random_segment(rng) for _ in range(rng.randint(0, 4))]
    path = "/" + "/".join(urllib.parse.quote(s, safe="") for s in raw_segments)
    if rng.random() < 0.3:
        path += "/"
    params = []
    for _ in range(rng.randint(0, 4)):
        key = rng.choice(["Param1", "param1", "a", "b b", "ሴ", "Action", "x"])
        value = rng.choice(["", "value", "v 1", "ሴ", "List/Users", "2010-05-08"])
        params.append((key, value))
    # Duplicate keys sort differently in the two signers' inputs; keep them unique.
    seen = set()
    params = [(k, v) for k, v in params if not (k in seen or seen.add(k))]
    query = "&".join(urllib.parse.quote(k, safe="-_.~") + "=" + urllib.parse.quote(v, safe="-_.~")
                     for k, v in params)
    headers = [("Host", rng.choice(["example.amazonaws.com", "elasticmapreduce.us-east-1.amazonaws.com"]))]
    for _ in range(rng.randint(0, 3)):
        name = rng.choice(["My-Header1", "x-amz-target", "Content-Type", "X-Custom"])
        if any(n.lower() == name.lower() for n, _ in headers):
            continue
        value = rng.choice(["value1", "  padded  value ", "application/x-amz-json-1.1", "a,b"])
        headers.append((name, value))
    body = rng.choice([b"", b'{"ClusterStates":["TERMINATED"]}', "ሴ".encode(), b"x" * 100])
    if method == "GET":
        body = b""
    region = rng.choice(["us-east-1", "eu-west-1"])
    service = rng.choice(["service", "elasticmapreduce", "emr-serverless"])
    return method, path, query, headers, body, region, service


def botocore_signature(credentials, request):
    method, path, query, headers, body, region, service = request
    url = "https://" + headers[0][1] + path + ("?" + query if query else "")
    aws_request = AWSRequest(method=method, url=url, data=body, headers=dict(headers))
    # Pin the clock: botocore reads it inside add_auth.
    with mock.patch("botocore.auth.datetime") as fake:
        fake.datetime.utcnow.return_value = FIXED_TIME
        fake.datetime.now.return_value = FIXED_TIME.replace(tzinfo=datetime.timezone.utc)
        fake.timezone = datetime.timezone
        SigV4Auth(credentials, service, region).add_auth(aws_request)
    if aws_request.headers.get("X-Amz-Date") != "20150830T123600Z":
        raise SystemExit("sigv4_vs_botocore: could not pin botocore's clock (botocore %s reads it elsewhere); "
                         "run with Debian's python3-botocore" % botocore.__version__)
    authorization = aws_request.headers["Authorization"]
    return authorization.rsplit("Signature=", 1)[1]


def main():
    binary = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    rng = random.Random(20150830)
    cases = []
    lines = []
    for i in range(count):
        token = "EXAMPLESESSIONTOKEN" if i % 3 == 0 else None
        credentials = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token)
        request = random_request(rng)
        method, path, query, headers, body, region, service = request
        lines.append("credentials AKIDEXAMPLE wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" + (" " + token if token else ""))
        lines.append("request %s %s %s %d %d" % (method, region, service, FIXED_TIME_S, len(headers)))
        lines.append(path)
        lines.append(query)
        lines.extend(name + "\t" + value for name, value in headers)
        lines.append(body.hex())
        cases.append((credentials, request))
    output = subprocess.run([binary], input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
    ours = output.stdout.split()
    if len(ours) != count:
        print("sigv4_vs_botocore: expected %d signatures, got %d" % (count, len(ours)))
        return 1
    mismatches = 0
    for (credentials, request), signature in zip(cases, ours):
        expected = botocore_signature(credentials, request)
        if signature != expected:
            mismatches += 1
            if mismatches <= 5:
                print("mismatch for", request, "\n  sparkdx ", signature, "\n  botocore", expected)
    print("sigv4_vs_botocore: %d requests, %d mismatches" % (count, mismatches))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
