#!/usr/bin/env bash
# Builds the pipeline fuzzer (clang, ASan, UBSan) and runs it for SECONDS
# (default 30), seeded with the samples and a few tiny inputs; it also runs the
# unit tests in the same instrumented build. Findings are kept in
# build-fuzz/crashes/; once fixed, copy each into tests/fuzz/regressions/
# (named after what it found), where every ctest run replays it.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-30}
BUILD=build-fuzz
if [ ! -f "$BUILD/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$BUILD" -G Ninja -DSPARKDX_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$BUILD" -j "$(nproc)" --target sparkdx_fuzz_analyzer sparkdx_unit_tests

echo "== unit tests under ASan + UBSan (clang)"
"$BUILD/bin/sparkdx_unit_tests" --gtest_brief=1

# Seeds: the first 64 KiB of every sample, behind the two selector bytes the
# harness reads (extension, chunk size), plus tiny hand-made inputs.
SEEDS="$BUILD/seeds"
rm -rf "$SEEDS" && mkdir -p "$SEEDS" "$BUILD/corpus" "$BUILD/crashes"
i=0
while IFS= read -r -d '' file; do
  i=$((i + 1))
  { printf "\\x$(printf %02x $((i % 8)))\\x$(printf %02x $((i * 37 % 256)))"; head -c 65536 "$file"; } > "$SEEDS/sample-$i"
done < <(find samples -type f -size +0 -print0 | sort -z)
printf '\x00\x05{"Event":"SparkListenerLogStart","Spark Version":"3.5.1"}\n{"Event":"X"}\n' > "$SEEDS/tiny-plain"
printf '\x06\x11PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00' > "$SEEDS/empty-zip"

echo "== fuzzing the pipeline for ${SECONDS_TO_RUN}s"
"$BUILD/bin/sparkdx_fuzz_analyzer" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -timeout=10 \
  -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$BUILD/crashes/" "$BUILD/corpus" "$SEEDS" \
  tests/fuzz/regressions 2>&1 |
  grep -E "^#[0-9]+ *(INITED|DONE)|stat::|ERROR|SUMMARY|crash|leak|timeout|deadly" || true
# libFuzzer exits non-zero on a finding; so do we.
if ls "$BUILD"/crashes/* >/dev/null 2>&1; then
  echo "fuzz: findings in $BUILD/crashes/" >&2
  exit 1
fi
echo "fuzz: no findings"
