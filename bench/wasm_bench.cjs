#!/usr/bin/env node
// wasm_bench.cjs: sparkdx's WebAssembly build (node) on one event log, and
// JavaScript's JSON.parse per line on the same file as a reference.
//
//   node bench/wasm_bench.cjs build-wasm/bin/sparkdx-node.cjs <file> [--repeat N] [--skip-json-parse] [--tsv FILE]
//
// The file is fed in 4 MiB slices read with fs.readSync, as the web worker
// feeds File.slice() chunks. MB/s are of decompressed bytes (1 MB = 10^6 B,
// bytes_decoded from the report's inputs[0]); each measurement is repeated
// (default 3 times, interleaved) and the best kept.
'use strict';

const fs = require('fs');
const path = require('path');

const kChunkBytes = 4 << 20;

function usage() {
  console.error('usage: node wasm_bench.cjs <sparkdx-node.cjs> <file> [--repeat N] [--skip-json-parse] [--tsv FILE]');
  process.exit(2);
}

const args = process.argv.slice(2);
let repeat = 3;
let jsonParse = true;
let tsvPath = null;
const positional = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--repeat') repeat = Math.max(1, parseInt(args[++i], 10) || 1);
  else if (args[i] === '--skip-json-parse') jsonParse = false;
  else if (args[i] === '--tsv') tsvPath = args[++i];
  else if (args[i].startsWith('-')) usage();
  else positional.push(args[i]);
}
if (positional.length !== 2) usage();
const [modulePath, file] = positional.map((p) => path.resolve(p));

function now() {
  return Number(process.hrtime.bigint()) / 1e9;
}

// One pass of the wasm Analyzer over the file.
function runWasm(mod) {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(kChunkBytes);
  const start = now();
  const analyzer = new mod.Analyzer({});
  let result;
  try {
    analyzer.beginFile(path.basename(file), size);
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, kChunkBytes, null);
      if (n === 0) break;
      const view = new Uint8Array(chunk.buffer, chunk.byteOffset, n);
      if (!analyzer.feed(view)) break;
    }
    analyzer.endFile();
    result = analyzer.finish();
  } finally {
    analyzer.delete();
    fs.closeSync(fd);
  }
  const seconds = now() - start;
  const report = JSON.parse(result.reportJson);
  const input = report.inputs[0];
  return {
    seconds,
    bytesDecoded: input.bytes_decoded,
    tasks: result.tasks,
    taskBytes: result.taskBytes,
    status: input.status,
    malformed: report.accounting.malformed_lines,
    issues: Object.values(report.issue_counts).reduce((a, b) => a + b, 0),
  };
}

// JSON.parse of every line (UTF-8 decoding included), for plain files.
function runJsonParse() {
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(kChunkBytes);
  let carry = null;
  let bytes = 0;
  let lines = 0;
  let taskEnds = 0;
  const start = now();
  const onLine = (text) => {
    if (text.length === 0) return;
    const event = JSON.parse(text);
    ++lines;
    if (event.Event === 'SparkListenerTaskEnd') ++taskEnds;
  };
  for (;;) {
    const n = fs.readSync(fd, chunk, 0, kChunkBytes, null);
    if (n === 0) break;
    bytes += n;
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(10, from);
      if (nl < 0 || nl >= n) break;
      if (carry !== null) {
        onLine(Buffer.concat([carry, chunk.subarray(from, nl)]).toString('utf8'));
        carry = null;
      } else {
        onLine(chunk.toString('utf8', from, nl));
      }
      from = nl + 1;
    }
    if (from < n) {
      const rest = Buffer.from(chunk.subarray(from, n));
      carry = carry === null ? rest : Buffer.concat([carry, rest]);
    }
  }
  if (carry !== null) onLine(carry.toString('utf8'));
  fs.closeSync(fd);
  return { seconds: now() - start, bytes, lines, taskEnds };
}

function isZstd() {
  const fd = fs.openSync(file, 'r');
  const magic = Buffer.alloc(4);
  fs.readSync(fd, magic, 0, 4, 0);
  fs.closeSync(fd);
  return magic.readUInt32LE(0) === 0xfd2fb528;
}

async function main() {
  const createSparkdx = require(modulePath);
  const mod = await createSparkdx({ wasmBinary: fs.readFileSync(modulePath.replace(/\.cjs$/, '.wasm')) });
  const doJson = jsonParse && !isZstd();
  const wasmRuns = [];
  const jsonRuns = [];
  let last = null;
  let json = null;
  for (let r = 0; r < repeat; ++r) {
    last = runWasm(mod);
    wasmRuns.push(last.seconds);
    if (doJson) {
      json = runJsonParse();
      jsonRuns.push(json.seconds);
    }
  }
  const best = (runs) => Math.min(...runs);
  const wasmMBps = last.bytesDecoded / 1e6 / best(wasmRuns);
  const fmt = (runs) => runs.map((s) => s.toFixed(3)).join(' ');
  console.log(`${path.basename(file)} (node ${process.version}, sparkdx ${mod.version()} wasm)`);
  console.log(`  wasm sparkdx: ${wasmMBps.toFixed(0)} MB/s decoded (best ${best(wasmRuns).toFixed(3)} s; runs ${fmt(wasmRuns)})`);
  console.log(`    ${last.bytesDecoded} bytes decoded, status ${last.status}, ${last.tasks} tasks, ` +
              `${(last.taskBytes / Math.max(1, last.tasks)).toFixed(1)} bytes/task, ` +
              `malformed lines ${last.malformed}, issues ${last.issues}`);
  let jsonMBps = 0;
  if (doJson) {
    jsonMBps = json.bytes / 1e6 / best(jsonRuns);
    console.log(`  JS JSON.parse per line: ${jsonMBps.toFixed(0)} MB/s (best ${best(jsonRuns).toFixed(3)} s; runs ${fmt(jsonRuns)}; ` +
                `${json.lines} lines, ${json.taskEnds} TaskEnd)`);
  }
  if (tsvPath) {
    fs.appendFileSync(tsvPath, `${path.basename(file)}\twasm\t${best(wasmRuns).toFixed(4)}\t${wasmMBps.toFixed(1)}\t` +
                      `${last.bytesDecoded}\t${last.tasks}\t${jsonMBps.toFixed(1)}\n`);
  }
}

main().catch((error) => {
  console.error(`wasm_bench: ${error && error.stack ? error.stack : error}`);
  process.exit(1);
});
