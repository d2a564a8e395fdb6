#!/bin/sh
# Fetches the Debian *source* packages of the third-party libraries that the
# WebAssembly build compiles itself (cmake/WasmDeps.cmake), into DIR/src
# (default: .deps/src). Native builds use the installed -dev packages instead.
#
#   scripts/fetch-wasm-deps.sh [DIR]
#
# apt runs with a private state under DIR/apt built from the machine's own
# Debian entries turned into deb-src ones: nothing under /etc/apt or
# /var/lib/apt is written, and root is not needed (dpkg-dev must be installed
# to unpack). Only the Debian archive is contacted. Idempotent: when every
# package is already unpacked the script returns at once without touching
# the network. See TOOLCHAIN.md section 2 and Appendix A.
set -eu

DEPS=$(mkdir -p "${1:-.deps}" && cd "${1:-.deps}" && pwd)
PKGS="simdjson zlib libzstd lz4 snappy nlohmann-json3"

# A package counts as present when its .dsc and its unpacked tree both exist.
present() {
  for dsc in "$DEPS/src/$1"_*.dsc; do
    [ -e "$dsc" ] || return 1
    upstream=$(basename "$dsc" .dsc | sed 's/^[^_]*_//; s/-[^-]*$//; s/^[0-9]*://')
    [ -d "$DEPS/src/$1-$upstream" ] && return 0
  done
  return 1
}

missing=""
for p in $PKGS; do present "$p" || missing="$missing $p"; done
if [ -z "$missing" ]; then
  exit 0
fi

command -v dpkg-source >/dev/null 2>&1 || {
  echo "fetch-wasm-deps: dpkg-source not found; install dpkg-dev (build-essential brings it)" >&2
  exit 1
}

A="$DEPS/apt"
mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$A/parts" "$DEPS/src"
for f in /etc/apt/sources.list.d/*.sources; do
  [ -e "$f" ] || continue
  awk 'BEGIN{RS="";ORS="\n\n"} /URIs:[^\n]*debian/ {gsub(/Types:[^\n]*/,"Types: deb-src"); print}' "$f"
done > "$A/parts/debian-src.sources"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -e "$f" ] || continue
  sed -n 's/^deb \(.*debian.*\)$/deb-src \1/p' "$f"
done > "$A/parts/debian-src.list"
if [ ! -s "$A/parts/debian-src.sources" ] && [ ! -s "$A/parts/debian-src.list" ]; then
  echo "fetch-wasm-deps: no Debian entries found in /etc/apt/sources.list{,.d}" >&2
  exit 1
fi

APT="apt-get -q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$A/parts \
 -o Dir::State::Lists=$A/lists -o Dir::Cache=$A/cache -o APT::Sandbox::User=$(id -un)"

echo "fetch-wasm-deps: fetching Debian sources:$missing -> $DEPS/src"
log="$A/last-run.log"
: > "$log"
# Keep apt's chatter in a log; show it only when something fails.
if ! $APT update >>"$log" 2>&1; then
  cat "$log" >&2
  echo "fetch-wasm-deps: apt-get update failed (log: $log)" >&2
  exit 1
fi
cd "$DEPS/src"
for p in $missing; do
  # A half-unpacked earlier attempt would make dpkg-source refuse: start clean.
  rm -rf "$DEPS/src/$p"_* "$DEPS/src/$p"-[0-9]*
  if ! $APT source "$p" >>"$log" 2>&1; then
    cat "$log" >&2
    echo "fetch-wasm-deps: apt-get source $p failed (log: $log)" >&2
    exit 1
  fi
  present "$p" || { echo "fetch-wasm-deps: $p was fetched but its source tree is missing" >&2; exit 1; }
done
echo "fetch-wasm-deps: done"
