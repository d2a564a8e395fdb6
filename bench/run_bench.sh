#!/usr/bin/env bash
# run_bench.sh: sparkdx's ingestion benchmark, end to end, with one summary.
#
#   bench/run_bench.sh [SIZE] [--big] [--big-size 10G] [--repeat N] [--seed N]
#                      [--build DIR] [--wasm-build DIR]
#
# SIZE defaults to 1G; --repeat (default 3) is the number of interleaved runs
# per in-process mode, the best kept. SPARKDX_BENCH_NO_GNU_TIME=1 measures
# peak RSS with bench/peak_rss even when /usr/bin/time exists.
#
# Builds nothing: expects a native build in build/ (cmake -B build -G Ninja &&
# cmake --build build -j2) and optionally the node WebAssembly build
# (scripts/build-wasm.sh -> build-wasm/bin/sparkdx-node.cjs).
#
# 1. generates bench/data/bench-<SIZE>.json and .zstd once (cached; redone
#    when gen_eventlog is newer) and measures the generator's speed;
# 2. bench_ingest on both: floor / ceiling / sparkdx in one process;
# 3. the CLI (sparkdx analyze --format json -q) on each file in its own
#    process: MB/s and peak RSS (GNU time, or bench/peak_rss);
# 4. the WebAssembly build under node on the plain file, and JSON.parse;
# 5. with --big: gen_eventlog --bytes 10G | sparkdx analyze - , sparkdx's
#    peak RSS (not the generator's).
# Prints a markdown summary at the end (also saved to bench/data/summary-<SIZE>.md).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE=1G
BIG=0
REPEAT=3
SEED=1
BUILD=$ROOT/build
WASM_BUILD=$ROOT/build-wasm
BIG_SIZE=10G
while [ $# -gt 0 ]; do
  case "$1" in
    --big) BIG=1 ;;
    --big-size) BIG_SIZE=$2; shift ;;
    --repeat) REPEAT=$2; shift ;;
    --seed) SEED=$2; shift ;;
    --build) BUILD=$(cd "$2" && pwd); shift ;;
    --wasm-build) WASM_BUILD=$2; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    -*) echo "run_bench: unknown option $1" >&2; exit 2 ;;
    *) SIZE=$1 ;;
  esac
  shift
done

BIN=$BUILD/bin
for tool in gen_eventlog bench_ingest sparkdx; do
  [ -x "$BIN/$tool" ] || { echo "run_bench: $BIN/$tool missing; build first: cmake -B build -G Ninja && cmake --build build -j2" >&2; exit 1; }
done

DATA=$ROOT/bench/data
mkdir -p "$DATA"
PLAIN=$DATA/bench-$SIZE.json
ZSTD=$DATA/bench-$SIZE.zstd
[ "$SEED" = 1 ] || { PLAIN=$DATA/bench-$SIZE-seed$SEED.json; ZSTD=$DATA/bench-$SIZE-seed$SEED.zstd; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sparkdx-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

# Peak RSS of a command: "kib wall_s cpu_s" into $1, the command's stdin/stdout untouched.
# GNU time when present (SPARKDX_BENCH_NO_GNU_TIME=1 forces bench/peak_rss).
measure() {
  local out=$1; shift
  local start end
  start=$(now)
  if [ -x /usr/bin/time ] && [ -z "${SPARKDX_BENCH_NO_GNU_TIME:-}" ]; then
    /usr/bin/time -v -o "$WORK/time.txt" "$@"
    end=$(now)
    echo "$(awk -F': ' '/Maximum resident set size/ {r=$2} /User time/ {u=$2} /System time/ {s=$2} END {print r, u + s}' "$WORK/time.txt" | awk -v w="$(calc '%.3f' "$end - $start")" '{print $1, w, $2}')" > "$out"
  else
    [ -x "$BIN/peak_rss" ] || { echo "run_bench: neither /usr/bin/time nor $BIN/peak_rss" >&2; exit 1; }
    rm -f "$WORK/peak.txt"
    "$BIN/peak_rss" --out "$WORK/peak.txt" -- "$@"
    end=$(now)
    sed -n 's/.*max_rss_kib=\([0-9]*\).*user_s=\([0-9.]*\) sys_s=\([0-9.]*\).*/\1 \2 \3/p' "$WORK/peak.txt" \
      | awk -v w="$(calc '%.3f' "$end - $start")" '{print $1, w, $2 + $3}' > "$out"
  fi
}

echo "== sparkdx ingestion benchmark: $SIZE (seed $SEED), $(nproc) cores, $(uname -m)"
echo "   build: $BUILD"

# --- 1. data ---------------------------------------------------------------
generate() {  # file codec
  local file=$1 codec=$2
  if [ -s "$file" ] && [ ! "$BIN/gen_eventlog" -nt "$file" ]; then
    echo "-- cached: $file"
  else
    echo "-- generating $file"
    "$BIN/gen_eventlog" --bytes "$SIZE" --seed "$SEED" --codec "$codec" --out "$file.tmp"
    mv "$file.tmp" "$file"
  fi
}
generate "$PLAIN" none
generate "$ZSTD" zstd
echo "-- generator speed (to /dev/null)"
GEN_PLAIN=$( { "$BIN/gen_eventlog" --bytes "$SIZE" --seed "$SEED" > /dev/null; } 2>&1 | sed -n 's/.* \([0-9]*\) MB\/s$/\1/p')
GEN_ZSTD=$( { "$BIN/gen_eventlog" --bytes "$SIZE" --seed "$SEED" --codec zstd > /dev/null; } 2>&1 | sed -n 's/.* \([0-9]*\) MB\/s$/\1/p')
echo "   plain $GEN_PLAIN MB/s, zstd $GEN_ZSTD MB/s (decompressed bytes per second)"
PLAIN_BYTES=$(stat -c %s "$PLAIN")
ZSTD_BYTES=$(stat -c %s "$ZSTD")

# --- 2. in-process: floor / ceiling / sparkdx --------------------------------
echo
echo "-- bench_ingest (in-process, best of $REPEAT, interleaved)"
TSV=$WORK/ingest.tsv
"$BIN/bench_ingest" --repeat "$REPEAT" --tsv "$TSV" "$PLAIN" "$ZSTD"
field() {  # codec mode column
  awk -F'\t' -v c="$1" -v m="$2" -v k="$3" '$2 == c && $3 == m { print $k }' "$TSV"
}

# --- 3. the CLI in its own process ---------------------------------------------
echo
echo "-- CLI: sparkdx analyze --format json -q (peak RSS per process)"
cli() {  # file label
  local file=$1 label=$2
  measure "$WORK/cli-$label.txt" "$BIN/sparkdx" analyze --format json -q --out "$WORK/report-$label.json" "$file"
  local rss wall cpu decoded tasks
  read -r rss wall cpu < "$WORK/cli-$label.txt"
  decoded=$(grep -m1 -o '"bytes_decoded": [0-9]*' "$WORK/report-$label.json" | grep -o '[0-9]*$')
  tasks=$(grep -m1 -o '"tasks": [0-9]*' "$WORK/report-$label.json" | grep -o '[0-9]*$')
  echo "$decoded $wall $rss $tasks $cpu" > "$WORK/cli-$label.res"
  echo "   $label: $(calc '%.0f' "$decoded / 1e6 / $wall") MB/s ($wall s wall, $cpu s cpu), peak RSS $(calc '%.1f' "$rss / 1024") MiB, $tasks tasks"
}
cli "$PLAIN" plain
cli "$ZSTD" zstd

# --- 4. WebAssembly ----------------------------------------------------------------
WASM_MODULE=$WASM_BUILD/bin/sparkdx-node.cjs
WASM_DONE=0
if [ -f "$WASM_MODULE" ] && command -v node > /dev/null; then
  echo
  echo "-- WebAssembly (node) on the plain file, and JS JSON.parse per line"
  node "$ROOT/bench/wasm_bench.cjs" "$WASM_MODULE" "$PLAIN" --repeat "$REPEAT" --tsv "$WORK/wasm.tsv"
  node "$ROOT/bench/wasm_bench.cjs" "$WASM_MODULE" "$ZSTD" --repeat 1 --skip-json-parse --tsv "$WORK/wasm.tsv"
  WASM_DONE=1
else
  echo
  echo "-- WebAssembly: skipped ($WASM_MODULE not found; scripts/build-wasm.sh builds it)"
fi

# --- 5. memory on a big stream -------------------------------------------------
BIG_DONE=0
if [ "$BIG" = 1 ]; then
  echo
  echo "-- memory: gen_eventlog --bytes $BIG_SIZE | sparkdx analyze -   (sparkdx's peak RSS)"
  BIG_START=$(now)
  "$BIN/gen_eventlog" --bytes "$BIG_SIZE" --seed "$SEED" -q \
    | measure "$WORK/big.txt" "$BIN/sparkdx" analyze --format json -q --out "$WORK/report-big.json" -
  read -r BIG_RSS BIG_WALL BIG_CPU < "$WORK/big.txt"
  BIG_DECODED=$(grep -m1 -o '"bytes_decoded": [0-9]*' "$WORK/report-big.json" | grep -o '[0-9]*$')
  BIG_TASKS=$(grep -m1 -o '"tasks": [0-9]*' "$WORK/report-big.json" | grep -o '[0-9]*$')
  BIG_ISSUES=$(grep -c '"kind":' "$WORK/report-big.json" || true)
  echo "   $BIG_DECODED bytes decoded, $BIG_TASKS tasks, peak RSS $(calc '%.1f' "$BIG_RSS / 1024") MiB, $BIG_WALL s ($(calc '%.0f' "$BIG_DECODED / 1e6 / $BIG_WALL") MB/s through the pipe), $BIG_ISSUES issues listed"
  BIG_DONE=1
fi

# --- summary -------------------------------------------------------------------------
SUMMARY=$DATA/summary-$SIZE.md
verdict() { awk "BEGIN { print ($1) ? \"met\" : \"**not met**\" }"; }
{
  echo "### sparkdx ingestion benchmark ($(date -u +%Y-%m-%d), $SIZE, seed $SEED)"
  echo
  echo "Machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1); generated Spark 3.5 log:"
  echo "plain $(calc '%.1f' "$PLAIN_BYTES / 1e6") MB, zstd $(calc '%.1f' "$ZSTD_BYTES / 1e6") MB on disk;" \
       "generator $GEN_PLAIN MB/s plain, $GEN_ZSTD MB/s zstd. MB = 10^6 bytes of decompressed log; in-process numbers are the best of $REPEAT interleaved runs."
  echo
  echo "| input | mode | MB/s | cpu MB/s | vs ceiling | vs floor | note |"
  echo "|---|---|---:|---:|---:|---:|---|"
  for codec in plain zstd; do
    for mode in floor ceiling sparkdx; do
      echo "| $codec | $mode (in-process) | $(calc '%.0f' "$(field $codec $mode 5)") | $(calc '%.0f' "$(field $codec $mode 12)") | $(calc '%.0f%%' "100 * $(field $codec $mode 6)") | $(calc '%.1f%%' "100 * $(field $codec $mode 7)") | |"
    done
    read -r d w r t c < "$WORK/cli-$codec.res"
    echo "| $codec | sparkdx CLI (own process) | $(calc '%.0f' "$d / 1e6 / $w") | $(calc '%.0f' "$d / 1e6 / $c") | | | one run; includes process start and writing the report |"
  done
  if [ "$WASM_DONE" = 1 ]; then
    while IFS=$'\t' read -r name kind secs mbps decoded tasks json; do
      codec=plain; case "$name" in *.zstd) codec=zstd ;; esac
      native=$(field $codec sparkdx 5)
      echo "| $codec | sparkdx WASM (node) | $(calc '%.0f' "$mbps") | | | | $(calc '%.0f%%' "100 * $mbps / $native") of native sparkdx (in-process) |"
      if [ "$json" != "0.0" ]; then
        echo "| $codec | JS JSON.parse per line (node) | $(calc '%.0f' "$json") | | | | reference: utf-8 decoding included |"
      fi
    done < "$WORK/wasm.tsv"
  fi
  echo
  read -r pd pw pr pt pc < "$WORK/cli-plain.res"
  read -r zd zw zr zt zc < "$WORK/cli-zstd.res"
  BPT=$(field plain sparkdx 10)
  echo "| memory | value |"
  echo "|---|---:|"
  echo "| tasks in the log | $pt |"
  echo "| bytes retained per task (records, messages, accumulators, index sets / tasks) | $BPT |"
  echo "| CLI peak RSS, plain $SIZE | $(calc '%.1f' "$pr / 1024") MiB |"
  echo "| CLI peak RSS, zstd $SIZE | $(calc '%.1f' "$zr / 1024") MiB |"
  if [ "$BIG_DONE" = 1 ]; then
    echo "| CLI peak RSS, $BIG_SIZE piped on stdin ($BIG_TASKS tasks) | $(calc '%.1f' "$BIG_RSS / 1024") MiB |"
  fi
  echo
  echo "| target | measured | verdict |"
  echo "|---|---:|---|"
  SP=$(field plain sparkdx 5); SZ=$(field zstd sparkdx 5); SC=$(field plain sparkdx 6)
  echo "| native plain >= 1000 MB/s | $(calc '%.0f' "$SP") MB/s | $(verdict "$SP >= 1000") |"
  echo "| native plain >= 40% of ceiling | $(calc '%.0f%%' "100 * $SC") | $(verdict "$SC >= 0.40") |"
  echo "| native zstd >= 800 MB/s | $(calc '%.0f' "$SZ") MB/s | $(verdict "$SZ >= 800") |"
  if [ "$WASM_DONE" = 1 ]; then
    WP=$(awk -F'\t' '$1 !~ /\.zstd$/ { print $4 }' "$WORK/wasm.tsv")
    echo "| WASM plain >= 300 MB/s | $(calc '%.0f' "$WP") MB/s | $(verdict "$WP >= 300") |"
  else
    echo "| WASM plain >= 300 MB/s | not run | |"
  fi
  echo "| <= 64 bytes retained per task | $BPT | $(verdict "$BPT <= 64") |"
  if [ "$BIG_DONE" = 1 ]; then
    echo "| peak RSS for a $BIG_SIZE log <= 256 MiB | $(calc '%.1f' "$BIG_RSS / 1024") MiB | $(verdict "$BIG_RSS <= 256 * 1024") |"
  else
    echo "| peak RSS for a 10G log <= 256 MiB | not run (use --big) | |"
  fi
} > "$SUMMARY"
echo
echo "================================================================"
cat "$SUMMARY"
echo "(saved to $SUMMARY)"
