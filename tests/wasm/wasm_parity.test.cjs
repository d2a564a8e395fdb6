#!/usr/bin/env node
// WASM/native parity: the WebAssembly build must produce the same report as
// the native CLI for the same input.
//
//   node tests/wasm/wasm_parity.test.cjs <build-wasm/bin/sparkdx-node.cjs> <build/bin/sparkdx>
//
// For every input, the native side runs `sparkdx analyze --format json <input>`
// and the wasm side repeats what the CLI does (native/cli/file_reader.cc):
// list the input (a file: itself; a directory: "<dirname>/<relative>", sorted
// by bytes), planInputs(), then beginLog/beginFile/feed/endFile/endLog per
// planned file and addSkippedFiles(), with the same path strings. The wasm
// side feeds in chunks whose size changes from case to case (1 and 7 bytes,
// 4 KiB, 64 KiB, 1 MiB, an irregular mix, and more than the 4 MiB slice), so
// the test also checks that the report does not depend on the split.
// Reports are compared as parsed JSON (deep equality). For every
// application the native report names, the REST answers (a.rest(path) vs
// `sparkdx rest <input> <path>`) are compared too, for a few routes.
//
// Inputs: every file under samples/, every event-log file under
// ../shared/eventlogs (or $SPARKDX_CORPUS) when present, log directories of
// the corpus, and error cases made here (empty, garbage, truncated and
// corrupted compressed files, zip archives, odd directories).
// Files named *.md or *.json and 0-byte files are not file cases.
// Exit status: 0 when every case matched, 1 otherwise, 2 on usage errors.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const util = require('util');
const { spawnSync } = require('child_process');

const REPO = path.resolve(__dirname, '..', '..');
const SAMPLES = path.join(REPO, 'samples');
const CORPUS = process.env.SPARKDX_CORPUS || path.resolve(REPO, '..', 'shared', 'eventlogs');
const MiB = 1 << 20;
const CLI_CHUNK_BYTES = 4 * MiB;  // sparkdx::kFeedChunkBytes (core/include/sparkdx/options.h)
// A report does not depend on how its input was split, with one documented
// exception (options.h, docs/report.md): `bytes_read` of a file whose reading
// stopped early counts the whole piece being read. So every case is compared
// exactly at the shells' chunk size, and at the case's own chunk size with
// only that field of non-ok inputs left out.

// The report without `bytes_read` of inputs whose status is not ok.
function withoutStoppedBytesRead(report) {
  const copy = JSON.parse(JSON.stringify(report));
  for (const input of copy.inputs || []) {
    if (input.status !== 'ok') delete input.bytes_read;
  }
  return copy;
}

// ---------------------------------------------------------------- arguments

if (process.argv.length < 4) {
  console.error('usage: node tests/wasm/wasm_parity.test.cjs <path to sparkdx-node.cjs> <path to native sparkdx>');
  process.exit(2);
}
const gluePath = path.resolve(process.argv[2]);
const wasmPath = gluePath.replace(/\.c?js$/, '') + '.wasm';
const nativeCli = path.resolve(process.argv[3]);
for (const p of [gluePath, wasmPath, nativeCli]) {
  if (!fs.existsSync(p)) {
    console.error(`wasm_parity: ${p} does not exist`);
    process.exit(2);
  }
}

// ------------------------------------------------- the CLI's input handling

// strerror() texts for the errno values node may report when opening a file.
const STRERROR = {
  ENOENT: 'No such file or directory', EACCES: 'Permission denied', EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory', ELOOP: 'Too many levels of symbolic links', EMFILE: 'Too many open files',
  ENAMETOOLONG: 'File name too long', EIO: 'Input/output error', EPERM: 'Operation not permitted',
};

const byBytes = (a, b) => Buffer.compare(Buffer.from(a.path, 'utf8'), Buffer.from(b.path, 'utf8'));

// Mirrors cli::ListInput: {files, directory} or {error}.
function listInput(argument, cwd) {
  const root = path.resolve(cwd, argument);
  let status;
  try {
    status = fs.statSync(root);
  } catch {
    return { error: 'no such file or directory' };
  }
  if (!status.isDirectory()) {
    return { files: [{ path: argument, size: status.isFile() ? status.size : 0 }], directory: false };
  }
  // fs::path(argument).lexically_normal().filename(), else the parent's name.
  const normal = path.posix.normalize(argument);
  let prefix = normal.endsWith('/') ? '' : path.posix.basename(normal);
  if (prefix === '' || prefix === '.') prefix = path.basename(path.resolve(cwd, argument));
  if (prefix === '') prefix = '.';
  // fs::relative resolves symlinks on both sides (weakly_canonical).
  const realRoot = fs.realpathSync(root);
  const files = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;  // skip_permission_denied
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {  // directory symlinks are not followed
        walk(full);
        continue;
      }
      let st;
      try {
        st = fs.statSync(full);  // is_regular_file() follows symlinks
      } catch {
        continue;
      }
      if (!st.isFile()) continue;
      const relative = path.relative(realRoot, fs.realpathSync(full)).split(path.sep).join('/');
      files.push({ path: prefix + '/' + relative, size: st.size });
    }
  };
  walk(root);
  files.sort(byBytes);
  return { files, directory: true };
}

// Chunk sizes for one case: a number, or 'mixed' (an irregular, repeatable sequence).
function chunker(spec, seed) {
  if (spec !== 'mixed') return () => spec;
  let state = (seed * 2654435761 + 12345) >>> 0;
  const sizes = [1, 2, 3, 5, 7, 64, 255, 4093, 4096, 65537, 300001, MiB + 1];
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return sizes[state % sizes.length];
  };
}

// Mirrors cli::FeedPath with the wasm Analyzer; chunk sizes from nextChunk().
function feedPath(analyzer, displayPath, realPath, size, nextChunk) {
  analyzer.beginFile(displayPath, size);
  let fd;
  try {
    fd = fs.openSync(realPath, 'r');
  } catch (e) {
    analyzer.failFile('cannot open: ' + (STRERROR[e.code] || e.message));
    return;
  }
  try {
    const buffer = Buffer.alloc(8 * MiB);
    let filled = 0;
    let eof = false;
    let more = true;
    while (more) {
      const want = nextChunk();
      // Top the buffer up so that a whole chunk is available (or EOF is reached).
      while (!eof && filled < Math.min(want, buffer.length)) {
        let n;
        try {
          n = fs.readSync(fd, buffer, filled, buffer.length - filled, null);
        } catch (e) {
          analyzer.failFile('read error: ' + (STRERROR[e.code] || e.message));
          return;
        }
        if (n === 0) eof = true;
        filled += n;
      }
      if (filled === 0) break;
      const n = Math.min(want, filled);
      more = analyzer.feed(buffer.subarray(0, n));
      buffer.copy(buffer, 0, n, filled);
      filled -= n;
    }
  } finally {
    fs.closeSync(fd);
  }
  analyzer.endFile();
}

// Mirrors cli::AnalyzeArgument + Finish for one input argument.
function analyzeWasm(mod, argument, { cwd = process.cwd(), spec = 65536, seed = 1, options, afterFinish } = {}) {
  const analyzer = options ? new mod.Analyzer(options) : new mod.Analyzer();
  try {
    const nextChunk = chunker(spec, seed);
    const listed = listInput(argument, cwd);
    if (listed.error) {
      analyzer.beginFile(argument, 0);
      analyzer.failFile(listed.error);
    } else {
      const plan = mod.planInputs(listed.files);
      if (plan.logs.length === 0) {
        analyzer.beginFile(argument, 0);
        analyzer.failFile(listed.files.length === 0 ? 'the directory holds no files'
                                                    : 'the directory holds no event log files');
      }
      for (const log of plan.logs) {
        analyzer.beginLog(log);
        for (const file of log.files) {
          let real = file.path;
          if (listed.directory) {
            const relative = file.path.slice(file.path.indexOf('/') + 1);
            real = argument.endsWith('/') ? argument + relative : argument + '/' + relative;
          }
          feedPath(analyzer, file.path, path.resolve(cwd, real), file.size, nextChunk);
        }
        analyzer.endLog();
      }
      analyzer.addSkippedFiles(plan.skipped);
    }
    const result = analyzer.finish();
    if (afterFinish) afterFinish(analyzer);
    return result;
  } finally {
    analyzer.delete();
  }
}

function analyzeNative(argument, { cwd = process.cwd(), args = [] } = {}) {
  const run = spawnSync(nativeCli, ['analyze', '--format', 'json', ...args, argument],
                        { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error) throw run.error;
  if (run.status !== 0 && run.status !== 4) {
    throw new Error(`native exit ${run.status}: ${run.stderr.trim()}`);
  }
  return { report: JSON.parse(run.stdout), status: run.status };
}

// The REST paths compared for an application of a native report.
const REST_ROUTES = ['jobs', 'stages?details=true', 'executors', 'sql'];

function restPaths(report) {
  const paths = [];
  for (const app of report.applications || []) {
    if (!app.id) continue;
    const base = `applications/${app.id}` + (app.attempt_id ? `/${app.attempt_id}` : '');
    for (const route of REST_ROUTES) paths.push(`${base}/${route}`);
  }
  return paths;
}

function restNative(argument, restPath, cwd, args) {
  const run = spawnSync(nativeCli, ['rest', ...args, argument, restPath], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error) throw run.error;
  return { status: run.status, body: run.status === 0 ? JSON.parse(run.stdout) : null, stderr: run.stderr.trim() };
}

// ------------------------------------------------------------- comparison

// Up to `limit` differences between two parsed reports, as "json.path: wasm X vs native Y".
function differences(a, b, limit = 6, where = '$', out = []) {
  if (out.length >= limit || util.isDeepStrictEqual(a, b)) return out;
  const show = (v) => { const s = JSON.stringify(v); return s && s.length > 160 ? s.slice(0, 160) + '...' : s; };
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    out.push(`${where}: wasm ${show(a)} vs native ${show(b)}`);
    return out;
  }
  if (Array.isArray(a) && a.length !== b.length) out.push(`${where}: wasm has ${a.length} elements, native ${b.length}`);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) differences(a[key], b[key], limit, Array.isArray(a) ? `${where}[${key}]` : `${where}.${key}`, out);
  if (!Array.isArray(a) && Object.keys(a).join(',') !== Object.keys(b).join(',') && out.length < limit) {
    out.push(`${where}: key order differs: wasm ${Object.keys(a).join(',')} vs native ${Object.keys(b).join(',')}`);
  }
  return out;
}

// The counters finish() returns must agree with the report itself.
function checkCounters(result, report) {
  const count = (status) => report.inputs.filter((input) => input.status === status).length;
  const expected = {
    filesOk: count('ok'), filesPartial: count('partial'), filesError: count('error'),
    applications: report.applications.length,
  };
  for (const [key, value] of Object.entries(expected)) {
    if (result[key] !== value) return `finish().${key} is ${result[key]} but the report says ${value}`;
  }
  for (const key of ['tasks', 'taskStoreBytes', 'taskBytes']) {
    if (typeof result[key] !== 'number' || result[key] < 0) return `finish().${key} is ${result[key]}`;
  }
  return null;
}

// ------------------------------------------------------------- the cases

const SPECS = [1, 7, 4096, 65536, MiB, 'mixed', 5 * MiB + 3];
const specName = (spec) => (spec === 'mixed' ? 'mixed chunks' : spec >= MiB ? `${(spec / MiB).toFixed(spec % MiB ? 2 : 0)} MiB chunks`
                                                 : spec >= 1024 ? `${spec / 1024} KiB chunks` : `${spec}-byte chunks`);

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

function listDirs(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      if (!entry.isDirectory()) continue;
      out.push(path.join(d, entry.name));
      walk(path.join(d, entry.name));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

// Directories that hold one log of several files: rolling, Databricks-style, legacy.
function logDirectories(root) {
  return listDirs(root).filter((dir) => {
    const names = fs.readdirSync(dir);
    return path.basename(dir).startsWith('eventlog_v2_') || names.some((n) => n.startsWith('EVENT_LOG_')) ||
           names.includes('eventlog');
  });
}

const isFileCase = (file) => !/\.(md|json)$/i.test(file) && fs.statSync(file).size > 0;

// Deterministic bytes that look like nothing in particular.
function pseudoRandomBytes(n, seed) {
  const out = Buffer.alloc(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; ++i) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

// A small, plausible Spark event log (one job, one stage, a few tasks).
function syntheticLog() {
  const lines = [];
  const e = (o) => lines.push(JSON.stringify(o));
  const t0 = 1700000000000;
  e({ Event: 'SparkListenerLogStart', 'Spark Version': '3.5.1' });
  e({ Event: 'SparkListenerApplicationStart', 'App Name': 'parity', 'App ID': 'app-parity-0001', Timestamp: t0, User: 'u' });
  e({ Event: 'SparkListenerExecutorAdded', Timestamp: t0 + 5, 'Executor ID': '1',
      'Executor Info': { Host: 'h1', 'Total Cores': 4, 'Log Urls': {} } });
  e({ Event: 'SparkListenerJobStart', 'Job ID': 0, 'Submission Time': t0 + 10, 'Stage IDs': [0], Properties: {} });
  e({ Event: 'SparkListenerStageSubmitted', 'Stage Info': { 'Stage ID': 0, 'Stage Attempt ID': 0, 'Stage Name': 's0',
      'Number of Tasks': 40, 'Submission Time': t0 + 11 }, Properties: {} });
  for (let i = 0; i < 40; ++i) {
    const info = { 'Task ID': i, Index: i, Attempt: 0, 'Launch Time': t0 + 20 + i, 'Executor ID': '1', Host: 'h1',
                   Locality: 'PROCESS_LOCAL', Speculative: false, 'Getting Result Time': 0, 'Finish Time': 0, Failed: false, Killed: false };
    e({ Event: 'SparkListenerTaskStart', 'Stage ID': 0, 'Stage Attempt ID': 0, 'Task Info': info });
    e({ Event: 'SparkListenerTaskEnd', 'Stage ID': 0, 'Stage Attempt ID': 0, 'Task Type': 'ResultTask',
        'Task End Reason': { Reason: 'Success' }, 'Task Info': { ...info, 'Finish Time': t0 + 500 + 7 * i },
        'Task Metrics': { 'Executor Run Time': 400 + i, 'Executor CPU Time': 300000000, 'JVM GC Time': i,
                          'Result Size': 1000, 'Memory Bytes Spilled': 0, 'Disk Bytes Spilled': 0,
                          'Shuffle Read Metrics': { 'Remote Bytes Read': 0, 'Local Bytes Read': 0, 'Fetch Wait Time': 0 },
                          'Shuffle Write Metrics': { 'Shuffle Bytes Written': 0, 'Shuffle Write Time': 0 },
                          'Input Metrics': { 'Bytes Read': 1 << 20, 'Records Read': 1000 } } });
  }
  e({ Event: 'SparkListenerStageCompleted', 'Stage Info': { 'Stage ID': 0, 'Stage Attempt ID': 0, 'Stage Name': 's0',
      'Number of Tasks': 40, 'Submission Time': t0 + 11, 'Completion Time': t0 + 900 } });
  e({ Event: 'SparkListenerJobEnd', 'Job ID': 0, 'Completion Time': t0 + 901, 'Job Result': { Result: 'JobSucceeded' } });
  e({ Event: 'SparkListenerApplicationEnd', Timestamp: t0 + 1000 });
  return Buffer.from(lines.join('\n') + '\n');
}

// A minimal zip writer (local headers, central directory, end record).
function crc32(buffer) {
  let table = crc32.table;
  if (!table) {
    table = crc32.table = new Int32Array(256);
    for (let i = 0; i < 256; ++i) {
      let c = i;
      for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[i] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < buffer.length; ++i) crc = table[(crc ^ buffer[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

function makeZip(entries) {  // [{name, data, deflate}]
  const parts = [];
  const central = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const body = entry.deflate ? zlib.deflateRawSync(entry.data) : entry.data;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);  // UTF-8 names
    local.writeUInt16LE(entry.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(entry.deflate ? 8 : 0, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(entry.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, centralBytes, end]);
}

// Splits text at line boundaries into `n` parts of about equal size.
function splitLines(buffer, n) {
  const parts = [];
  let start = 0;
  for (let i = 1; i <= n; ++i) {
    let cut = i === n ? buffer.length : Math.floor((buffer.length * i) / n);
    if (i < n) {
      const nl = buffer.indexOf(0x0a, cut);
      cut = nl < 0 ? buffer.length : nl + 1;
    }
    parts.push(buffer.subarray(start, cut));
    start = cut;
  }
  return parts;
}

function buildCases(tmp) {
  const cases = [];
  const add = (c) => cases.push(c);

  // samples/
  // samples/gen/ holds the diagnosis samples' generator (C++ sources), not logs.
  const generator = path.join(SAMPLES, 'gen') + path.sep;
  const samples = listFiles(SAMPLES).filter((file) => isFileCase(file) && !file.startsWith(generator));
  for (const file of samples) add({ label: `sample ${path.relative(REPO, file)}`, argument: file });
  if (samples.length === 0) console.log('note: samples/ holds no event-log files yet');
  for (const dir of logDirectories(SAMPLES)) add({ label: `sample dir ${path.relative(REPO, dir)}/`, argument: dir });

  // the corpus
  const haveCorpus = fs.existsSync(CORPUS) && fs.statSync(CORPUS).isDirectory();
  if (!haveCorpus) {
    console.log(`corpus not found, skipping corpus cases (looked in ${CORPUS})`);
  } else {
    for (const file of listFiles(CORPUS).filter(isFileCase)) {
      add({ label: `corpus ${path.relative(CORPUS, file)}`, argument: file });
    }
    // Log directories (rolling, Databricks-style, legacy), then bigger trees.
    for (const dir of logDirectories(CORPUS)) add({ label: `corpus dir ${path.relative(CORPUS, dir)}/`, argument: dir });
    const rollingParent = path.join(CORPUS, 'mcp-spark-history-server', 'basic', 'events');
    if (fs.existsSync(rollingParent)) add({ label: 'corpus dir with two rolling logs', argument: rollingParent });
    const rapids = path.join(CORPUS, 'spark-rapids-tools', 'spark-events-qualification');
    const rollingDir = 'eventlog_v2_local-1623876083964';
    if (fs.existsSync(path.join(rapids, rollingDir))) {
      // A relative argument with a trailing slash: the name comes from the path.
      add({ label: `corpus dir, relative "${rollingDir}/"`, argument: rollingDir + '/', cwd: rapids });
      add({ label: 'corpus dir, relative "."', argument: '.', cwd: path.join(rapids, rollingDir) });
    }
    // Every corpus application's REST answers are compared in its own case;
    // here each answer would re-read the whole corpus natively (minutes).
    add({ label: 'corpus root as one input', argument: CORPUS, spec: MiB, restPaths: 'first application' });
  }

  // Error and edge cases, written to a temporary directory; both sides read the same file.
  const write = (name, bytes) => {
    const file = path.join(tmp, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    return file;
  };
  const corpusFiles = haveCorpus ? listFiles(CORPUS).filter(isFileCase) : [];
  const sourceFiles = [...samples, ...corpusFiles];
  const zstdFiles = sourceFiles.filter((f) => f.endsWith('.zstd')).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  const plainFiles = sourceFiles.filter((f) => {
    const head = Buffer.alloc(1);
    const fd = fs.openSync(f, 'r');
    fs.readSync(fd, head, 0, 1, 0);
    fs.closeSync(fd);
    return head[0] === 0x7b;  // '{'
  }).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  const gzFiles = sourceFiles.filter((f) => f.endsWith('.gz'));
  if (plainFiles.length === 0) {
    // No real log at hand: a small synthetic one keeps the error and zip cases.
    plainFiles.push(write('synthetic-app', syntheticLog()));
    gzFiles.push(write('synthetic-app.gz', zlib.gzipSync(fs.readFileSync(plainFiles[0]))));
    const zstd = spawnSync('zstd', ['-q', '-f', '-o', path.join(tmp, 'synthetic-app.zstd'), plainFiles[0]]);
    if (zstd.status === 0) zstdFiles.push(path.join(tmp, 'synthetic-app.zstd'));
    console.log('note: no plain event log found, using a synthetic one for the error and zip cases');
  }

  add({ label: 'error: empty file', argument: write('empty.log', Buffer.alloc(0)) });
  add({ label: 'error: garbage bytes', argument: write('garbage.bin', pseudoRandomBytes(100000, 7)) });
  add({ label: 'error: zstd magic then garbage', argument:
        write('fake.zstd', Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), pseudoRandomBytes(5000, 9)])) });
  add({ label: 'error: a single newline', argument: write('newline.log', Buffer.from('\n')) });
  add({ label: 'error: not JSON lines', argument: write('text.log', Buffer.from('hello\nworld\n{"Event":\n')) });
  add({ label: 'error: no such file', argument: path.join(tmp, 'does-not-exist') });
  fs.mkdirSync(path.join(tmp, 'empty-dir'));
  add({ label: 'error: empty directory', argument: path.join(tmp, 'empty-dir') });
  write('no-logs/README.md', Buffer.from('# nothing\n'));
  write('no-logs/.hidden', Buffer.from('x'));
  write('no-logs/eventlog_v2_x/appstatus_x', Buffer.alloc(0));
  add({ label: 'error: directory without event logs', argument: path.join(tmp, 'no-logs') });

  if (zstdFiles.length === 0) {
    console.log('note: no .zstd input found, skipping the truncated/corrupted zstd cases');
  } else {
    const big = fs.readFileSync(zstdFiles[0]);
    const small = fs.readFileSync(zstdFiles[zstdFiles.length - 1]);
    add({ label: `error: truncated zstd (${path.basename(zstdFiles[0])} cut at 55%)`,
          argument: write('cut55.zstd', big.subarray(0, Math.floor(big.length * 0.55))) });
    add({ label: 'error: truncated zstd (first 1000 bytes)', argument: write('cut1000.zstd', big.subarray(0, 1000)) });
    add({ label: 'error: truncated zstd (5 bytes)', argument: write('cut5.zstd', small.subarray(0, 5)) });
    const corrupt = Buffer.from(big);
    for (let i = 0; i < 64; ++i) corrupt[Math.floor(corrupt.length / 2) + i * 7] ^= 0x5a;
    add({ label: 'error: corrupted zstd (bytes flipped mid-file)', argument: write('corrupt.zstd', corrupt) });
    add({ label: 'error: zstd followed by garbage', argument:
          write('trailing.zstd', Buffer.concat([small, pseudoRandomBytes(3000, 3)])) });
    add({ label: 'options: --max-decoded-bytes 1048576', argument: zstdFiles[0],
          args: ['--max-decoded-bytes', '1048576'], options: { maxDecodedBytes: 1048576 } });
  }
  if (gzFiles.length > 0) {
    const gz = fs.readFileSync(gzFiles[0]);
    add({ label: 'error: truncated gzip', argument: write('cut.gz', gz.subarray(0, Math.floor(gz.length * 0.4))) });
  }
  if (plainFiles.length > 0) {
    const plain = fs.readFileSync(plainFiles[0]);
    add({ label: 'error: plain log cut mid-line', argument: write('cut-plain', plain.subarray(0, Math.floor(plain.length * 0.6) + 17)) });
    const lines = splitLines(plain, 4);
    add({ label: 'error: malformed and blank lines inserted', argument: write('malformed-lines', Buffer.concat([
      lines[0], Buffer.from('\n\r\n{"Event": "SparkListenerNoSuchEvent"}\n{not json\n\n'), lines[1], Buffer.from('\u00ff\u00fe\n'),
      lines[2], lines[3]])) });
    add({ label: 'options: --max-line-bytes 2000', argument: plainFiles[0],
          args: ['--max-line-bytes', '2000'], options: { maxLineBytes: 2000 } });

    // A rolling log in a directory, split from one plain log, with a gap and no appstatus marker.
    const parts = splitLines(plain, 4);
    const rolling = 'eventlog_v2_app-parity-0001';
    const names = [1, 2, 3, 10].map((n) => `events_${n}_app-parity-0001`);
    names.forEach((name, i) => write(`rolling-gap/${rolling}/${name}`, parts[i]));
    add({ label: 'rolling directory with a gap and no appstatus', argument: path.join(tmp, 'rolling-gap', rolling) });

    // The same rolling log in a zip archive, entries out of order, plus a single-file log.
    const zipEntries = [
      { name: `${rolling}/${names[0]}`, data: parts[0], deflate: true },
      { name: `${rolling}/events_3_app-parity-0001`, data: parts[2], deflate: false },
      { name: `${rolling}/events_2_app-parity-0001`, data: parts[1], deflate: true },
      { name: `${rolling}/events_4_app-parity-0001`, data: parts[3], deflate: true },
      { name: `${rolling}/appstatus_app-parity-0001`, data: Buffer.alloc(0), deflate: false },
    ];
    if (zstdFiles.length > 0) {
      zipEntries.push({ name: path.basename(zstdFiles[zstdFiles.length - 1]), data: fs.readFileSync(zstdFiles[zstdFiles.length - 1]), deflate: false });
    }
    const zip = makeZip(zipEntries);
    add({ label: 'zip: rolling log out of order + single log', argument: write('history.zip', zip) });
    add({ label: 'zip: truncated archive', argument: write('history-cut.zip', zip.subarray(0, Math.floor(zip.length * 0.7))) });
    const badCrc = Buffer.from(zip);
    badCrc[30 + zipEntries[0].name.length + 10] ^= 0xff;  // inside the first entry's data
    add({ label: 'zip: damaged entry data', argument: write('history-damaged.zip', badCrc) });
  }
  return cases;
}

// ------------------------------------------------------------- main

async function main() {
  const createSparkdx = require(gluePath);  // the CJS glue exports the factory itself
  const mod = await createSparkdx({ wasmBinary: fs.readFileSync(wasmPath) });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkdx-parity-'));
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  try {
    const cases = buildCases(tmp);
    cases.forEach((c, i) => {
      let spec = c.spec || SPECS[i % SPECS.length];
      const cwd = c.cwd || process.cwd();
      // 1-byte chunks only for small inputs (one Embind call per byte).
      if (spec === 1) {
        const st = fs.statSync(path.resolve(cwd, c.argument), { throwIfNoEntry: false });
        if (st && (st.isDirectory() || st.size > 256 * 1024)) spec = 7;
      }
      const t0 = Date.now();
      let problem = null;
      try {
        const native = analyzeNative(c.argument, { cwd, args: c.args || [] });
        const run = (chunks, normalise) => {
          const result = analyzeWasm(mod, c.argument, { cwd, spec: chunks, seed: i + 1, options: c.options });
          const report = JSON.parse(result.reportJson);
          let found = normalise ? differences(withoutStoppedBytesRead(report), withoutStoppedBytesRead(native.report))
                                : differences(report, native.report);
          if (found.length === 0) {
            const counters = checkCounters(result, report);
            if (counters) found = [counters];
          }
          if (found.length === 0 && (native.status === 4) !== (result.filesOk + result.filesPartial === 0)) {
            found = [`native exit status ${native.status} but wasm files ok/partial ${result.filesOk}/${result.filesPartial}`];
          }
          return found;
        };
        let found = run(spec, spec !== CLI_CHUNK_BYTES);
        const stopped = (native.report.inputs || []).some((input) => input.status !== 'ok');
        if (found.length === 0 && spec !== CLI_CHUNK_BYTES && stopped) {
          found = run(CLI_CHUNK_BYTES, false).map((d) => `with ${specName(CLI_CHUNK_BYTES)}: ${d}`);
        }
        const paths = c.restPaths === 'first application' ? restPaths(native.report).slice(0, REST_ROUTES.length)
                                                         : restPaths(native.report);
        if (found.length === 0 && paths.length > 0) {
          analyzeWasm(mod, c.argument, {
            cwd, spec: CLI_CHUNK_BYTES, options: c.options,
            afterFinish: (analyzer) => {
              for (const restPath of paths) {
                const wasm = analyzer.rest(restPath);
                const nativeAnswer = restNative(c.argument, restPath, cwd, c.args || []);
                const nativeOk = nativeAnswer.status === 0;
                if ((wasm.status === 200) !== nativeOk) {
                  found.push(`rest ${restPath}: wasm status ${wasm.status} (${wasm.error}) but native exit ` +
                             `${nativeAnswer.status} (${nativeAnswer.stderr})`);
                } else if (nativeOk) {
                  const d = differences(JSON.parse(wasm.body), nativeAnswer.body, 3, '$');
                  if (d.length > 0) found.push(`rest ${restPath}: ${d.join('; ')}`);
                }
                if (found.length > 0) break;
              }
            },
          });
        }
        if (found.length > 0) problem = found.join('\n     ');
      } catch (e) {
        problem = `exception: ${e && e.stack ? e.stack : e}`;
      }
      const ms = Date.now() - t0;
      if (problem) {
        ++failed;
        console.log(`FAIL ${c.label}  [${specName(spec)}, ${ms} ms]\n     ${problem}`);
      } else {
        ++passed;
        console.log(`ok   ${c.label}  [${specName(spec)}, ${ms} ms]`);
      }
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nwasm parity: ${passed + failed} cases, ${passed} passed, ${failed} failed (${seconds} s)`);
  const ok = failed === 0 && passed > 0;
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
