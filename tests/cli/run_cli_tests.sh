#!/usr/bin/env bash
# CLI tests: every directory under cases/ holds
#   setup          (optional) a bash script run first in $TMP, to create input files
#   env            (optional) NAME=value lines exported for the command (e.g. a test hook)
#   cmd            the arguments, one shell line run in $TMP; $SPARKDX is the binary, $CASE the case
#                  directory, $SAMPLES the repository's samples/ directory, $TMP a fresh scratch directory
#   exit           the expected exit code
#   stdout         the expected standard output, exactly (optional: absent means "not checked")
#   stderr         the expected standard error, exactly (optional)
# Usage: run_cli_tests.sh <sparkdx binary> <cases directory>
# SPARKDX_UPDATE_CLI=1 rewrites the stdout/stderr files that exist with what the binary
# printed (review the diff before committing: the expectations are the specification).
set -u
SPARKDX=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
CASES=$(cd "$2" && pwd)
SAMPLES=$(cd "$(dirname "$0")/../../samples" && pwd)
export SPARKDX SAMPLES
failed=0
count=0
for case_dir in "$CASES"/*/; do
  name=$(basename "$case_dir")
  count=$((count + 1))
  TMP=$(mktemp -d)
  export CASE=${case_dir%/} TMP
  if [ -f "$case_dir/setup" ] && ! (cd "$TMP" && bash "$case_dir/setup"); then
    echo "FAIL $name: setup failed"; failed=$((failed + 1)); rm -rf "$TMP"; continue
  fi
  (cd "$TMP" && if [ -f "$case_dir/env" ]; then set -a; . "$case_dir/env"; set +a; fi &&
    eval "\"\$SPARKDX\" $(cat "$case_dir/cmd")") >"$TMP/.stdout" 2>"$TMP/.stderr"
  code=$?
  expected_code=$(cat "$case_dir/exit")
  ok=1
  if [ "$code" != "$expected_code" ]; then
    echo "FAIL $name: exit code $code, expected $expected_code"; ok=0
  fi
  for stream in stdout stderr; do
    if [ -f "$case_dir/$stream" ] && [ "${SPARKDX_UPDATE_CLI:-}" = 1 ]; then
      cp "$TMP/.$stream" "$case_dir/$stream"
    fi
    if [ -f "$case_dir/$stream" ] && ! diff -u "$case_dir/$stream" "$TMP/.$stream" >"$TMP/.diff"; then
      echo "FAIL $name: $stream differs:"; sed 's/^/    /' "$TMP/.diff" | head -40; ok=0
    fi
  done
  [ $ok = 1 ] && echo "ok   $name" || failed=$((failed + 1))
  rm -rf "$TMP"
done
echo "$count cli cases, $failed failed"
[ "$count" -gt 0 ] && [ $failed = 0 ]
