#!/usr/bin/env bash
# Regenerates samples/diagnosis/*.zstd with samples/gen (the gen_samples
# tool): one small Spark 3.5 event log per pathology, plus a healthy
# control, zstd-compressed as Spark 3.2+ writes logs (40 MB of JSON would
# be 2 MB); and samples/compare/*.zstd, slower variants of some of them for
# `sparkdx compare` (samples/gen/scenario_variants.h). The output is deterministic, and the unit tests
# (tests/unit/samples/) fail when a committed sample differs from what the
# generator writes: run this after changing a scenario, then commit both.
#   BUILD=build-b scripts/make-diagnosis-samples.sh     (default BUILD=build)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER="${NATIVE_CC:-clang-14}" -DCMAKE_CXX_COMPILER="${NATIVE_CXX:-clang++-14}" >/dev/null
fi
cmake --build "$BUILD" --target gen_samples -j "${JOBS:-$(nproc)}"
mkdir -p samples/diagnosis
rm -f samples/diagnosis/*.json samples/diagnosis/*.zstd
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$BUILD/bin/gen_samples" --out-dir "$TMP"
for log in "$TMP"/*.json; do
  name=$(basename "$log" .json)
  zstd -q -19 --no-progress "$log" -o "samples/diagnosis/$name.zstd"
done
mkdir -p samples/compare
rm -f samples/compare/*.zstd
mkdir -p "$TMP/compare"
"$BUILD/bin/gen_samples" --variants-out-dir "$TMP/compare"
for log in "$TMP"/compare/*.json; do
  name=$(basename "$log" .json)
  zstd -q -19 --no-progress "$log" -o "samples/compare/$name.zstd"
done
