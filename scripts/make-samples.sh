#!/usr/bin/env bash
# Regenerates samples/ with the project's own generators: bench/gen_eventlog
# (synthetic Spark 3.5 logs), the zstd and gzip tools, and
# tests/java/SparkCodecWriter.java (lz4, snappy, lzf and a History Server zip
# written by the Java libraries Spark itself uses). Nothing here comes from
# real logs. Needs a native build (make build) and the packages setup.sh
# installs. The samples are committed; rerun this only to change them.
set -euo pipefail
cd "$(dirname "$0")/.."
GEN=${BUILD:-build}/bin/gen_eventlog
[ -x "$GEN" ] || { echo "make-samples: build first (make build)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

rm -rf samples/demo samples/plain samples/rolling samples/databricks samples/codecs samples/zip samples/broken
mkdir -p samples/{demo,plain,rolling,databricks,codecs,zip,broken}

# Splits file $1 into $2 parts at line boundaries: $3.1 ... $3.N
split_lines() {
  local lines; lines=$(wc -l < "$1")
  split -d -a 1 --numeric-suffixes=1 -l $(( (lines + $2 - 1) / $2 )) "$1" "$3."
}

# demo: the sample `make demo` analyses (zstd in many frames, like Spark 3.2+)
"$GEN" --quiet --bytes 3M --seed 7 --app-id app-20250301120000-0007 --codec zstd \
  --out samples/demo/app-20250301120000-0007.zstd

# plain: an uncompressed single-file log
"$GEN" --quiet --bytes 400K --seed 8 --app-id app-20250301130000-0008 --out samples/plain/app-20250301130000-0008

# rolling: eventlog_v2_<app>/events_<N>_<app>.zstd + appstatus (Spark 4 default layout)
app=app-20250301140000-0009
dir=samples/rolling/eventlog_v2_$app
mkdir -p "$dir"
"$GEN" --quiet --bytes 1200K --seed 9 --app-id $app --out "$TMP/rolling.json"
split_lines "$TMP/rolling.json" 3 "$TMP/part"
for n in 1 2 3; do zstd -q -1 "$TMP/part.$n" -o "$dir/events_${n}_$app.zstd"; done
: > "$dir/appstatus_$app"

# databricks: cluster log delivery, rotated gzip chunks then the live file
cluster=0301-150000-abcd1234
dir=samples/databricks/$cluster/eventlog/${cluster}_10_0_0_1/7201234567890123456
mkdir -p "$dir"
"$GEN" --quiet --bytes 500K --seed 10 --app-id app-20250301150000-0010 --out "$TMP/databricks.json"
split_lines "$TMP/databricks.json" 3 "$TMP/db"
gzip -n -9 -c "$TMP/db.1" > "$dir/eventlog-2025-03-01--15-00.gz"
gzip -n -9 -c "$TMP/db.2" > "$dir/eventlog-2025-03-01--16-00.gz"
cp "$TMP/db.3" "$dir/eventlog"

# codecs and zip: written by lz4-java, snappy-java, compress-lzf and java.util.zip
"$GEN" --quiet --bytes 300K --seed 11 --app-id application_1740830400000_0011 --out "$TMP/codecs.json"
"$GEN" --quiet --bytes 200K --seed 12 --app-id application_1740830400000_0011 --out "$TMP/attempt2.json"
CP=/usr/share/java/lz4-java.jar:/usr/share/java/snappy-java.jar:/usr/share/java/compress-lzf.jar:/usr/share/java/zstd-jni.jar
java -cp "$CP" tests/java/SparkCodecWriter.java "$TMP/codecs.json" "$TMP/java" "$TMP/attempt2.json" >/dev/null
for codec in lz4 snappy lzf; do cp "$TMP/java/app.$codec" "samples/codecs/application_1740830400000_0011_1.$codec"; done
cp "$TMP/java/logs.zip" samples/zip/eventLogs-application_1740830400000_0011.zip

# broken: what a log cut while being written, or a damaged download, looks like
"$GEN" --quiet --bytes 300K --seed 13 --app-id app-20250301160000-0013 --out "$TMP/broken.json"
head -c $(( $(stat -c %s "$TMP/broken.json") * 2 / 3 )) "$TMP/broken.json" \
  > samples/broken/app-20250301160000-0013.inprogress                 # torn last line, no ApplicationEnd
"$GEN" --quiet --bytes 1M --seed 13 --app-id app-20250301160000-0013 --codec zstd --out "$TMP/broken.zstd"
head -c $(( $(stat -c %s "$TMP/broken.zstd") * 2 / 3 )) "$TMP/broken.zstd" \
  > samples/broken/app-20250301160000-0013-truncated.zstd             # torn zstd frame
echo "made:"; find samples -type f | sort | xargs ls -la | awk '{printf "  %8d  %s\n", $5, $9}'
