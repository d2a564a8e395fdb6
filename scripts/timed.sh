#!/usr/bin/env bash
# Runs a command and then says how long it took, so a CI log shows where the
# time goes:  scripts/timed.sh "native build" make build
set -uo pipefail
name=$1
shift
start=$(date +%s)
"$@"
status=$?
echo "== ${name}: $(( $(date +%s) - start )) s (exit ${status})"
exit $status
