// The analysis worker: owns the WebAssembly core and reads the dropped files
// itself, in 4 MiB File.slice pieces, so the page's main thread never holds
// the log. It mirrors the CLI's input handling (native/cli/file_reader.cc:
// list, planInputs, then beginLog/beginFile/feed/endFile/endLog per planned
// file, addSkippedFiles, finish), so the report equals `sparkdx analyze
// --format json` for the same files under the same names. After finish() the
// Analyzer is kept to answer REST queries for the views until the next run.
import createSparkdx from './wasm/sparkdx.mjs';
import {
  FEED_CHUNK_BYTES, PROGRESS_INTERVAL_MS,
  type NamedFile, type Reply, type Request, type SparkdxModule, type WasmAnalyzer,
} from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: Reply) => scope.postMessage(reply);

let sparkdx: SparkdxModule | null = null;
let kept: WasmAnalyzer | null = null;   // the last finished analysis, for rest()
let running: { id: number; cancelled: boolean } | null = null;
const pending: Request[] = [];           // requests that arrived before the module loaded

const wasmMemoryBytes = () => sparkdx?.HEAPU8?.buffer.byteLength ?? 0;

// UTF-8 byte order, as the CLI sorts a directory listing.
const encoder = new TextEncoder();
function byUtf8Bytes(a: NamedFile, b: NamedFile): number {
  const x = encoder.encode(a.path), y = encoder.encode(b.path);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; ++i) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

class Cancelled extends Error {}

async function analyze(id: number, label: string, files: NamedFile[]) {
  const mod = sparkdx!;
  kept?.delete();
  kept = null;
  const job = { id, cancelled: false };
  running = job;
  const analyzer = new mod.Analyzer();
  const started = performance.now();
  let messages = 0;
  try {
    const sorted = [...files].sort(byUtf8Bytes);
    const byPath = new Map(sorted.map((f) => [f.path, f.file]));
    const plan = mod.planInputs(sorted.map((f) => ({ path: f.path, size: f.file.size })));
    const bytesTotal = plan.logs.reduce((sum, log) => sum + log.files.reduce((s, f) => s + f.size, 0), 0);
    let bytesBefore = 0;          // bytes of files already done
    let lastPost = -Infinity;
    const report = (fileDone: number, path: string, force = false) => {
      const now = performance.now();
      if (!force && now - lastPost < PROGRESS_INTERVAL_MS) return;
      lastPost = now;
      const elapsedMs = now - started;
      const bytesDone = bytesBefore + fileDone;
      const mbPerSec = elapsedMs > 0 ? bytesDone / 1e6 / (elapsedMs / 1000) : 0;
      const progress = analyzer.progress();
      ++messages;
      post({
        type: 'progress', id,
        progress: {
          bytesDone, bytesTotal, mbPerSec, elapsedMs, file: path,
          etaSec: mbPerSec > 0 ? (bytesTotal - bytesDone) / 1e6 / mbPerSec : null,
          lines: progress.lines, events: progress.events, wasmMemoryBytes: wasmMemoryBytes(),
        },
      });
    };

    if (plan.logs.length === 0) {
      analyzer.beginFile(label, 0);
      analyzer.failFile(files.length === 0 ? 'the directory holds no files' : 'the directory holds no event log files');
    }
    for (const log of plan.logs) {
      analyzer.beginLog(log);
      for (const planned of log.files) {
        const blob = byPath.get(planned.path)!;
        analyzer.beginFile(planned.path, planned.size);
        await feedFile(analyzer, blob, job, (done) => report(done, planned.path));
        analyzer.endFile();   // also after a read error, as the CLI does (native/cli/file_reader.cc)
        bytesBefore += planned.size;
        report(0, planned.path);
      }
      analyzer.endLog();
    }
    analyzer.addSkippedFiles(plan.skipped);
    report(0, '', true);
    const { reportJson, ...result } = analyzer.finish();
    kept = analyzer;
    post({
      type: 'done', id,
      finished: {
        reportJson, result, bytesTotal, elapsedMs: performance.now() - started,
        wasmMemoryBytes: wasmMemoryBytes(), progressMessages: messages,
      },
    });
  } catch (error) {
    if (error instanceof Cancelled) {
      analyzer.delete();
      post({ type: 'cancelled', id });
    } else {
      // A C++ exception arrives as a bare number, an abort as a RuntimeError; either
      // way the module's state is unknown now, so the page starts a fresh worker.
      const message = typeof error === 'number' ? `internal error in the core (C++ exception ${error})`
                                                : String((error as Error)?.message ?? error);
      post({ type: 'failed', id, message });
    }
  } finally {
    if (running === job) running = null;
  }
}

// Feeds one file in FEED_CHUNK_BYTES pieces, reading the next piece while the
// core parses the current one. Stops at the core's request (a corrupt file),
// on a read error (reported into the analysis with failFile, as the CLI does;
// returns false then) or on cancel (throws Cancelled).
async function feedFile(analyzer: WasmAnalyzer, blob: Blob, job: { cancelled: boolean },
                        onProgress: (bytesDone: number) => void): Promise<boolean> {
  const read = (offset: number) =>
    blob.slice(offset, Math.min(offset + FEED_CHUNK_BYTES, blob.size)).arrayBuffer();
  let offset = 0;
  let next: Promise<ArrayBuffer> | null = blob.size > 0 ? read(0) : null;
  while (next) {
    let bytes: ArrayBuffer;
    try {
      bytes = await next;
    } catch (error) {
      analyzer.failFile('read error: ' + String((error as Error)?.message ?? error));
      return false;
    }
    if (job.cancelled) throw new Cancelled();
    offset += bytes.byteLength;
    next = offset < blob.size && bytes.byteLength > 0 ? read(offset) : null;
    const more = analyzer.feed(new Uint8Array(bytes));
    onProgress(offset);
    if (!more) {
      next?.catch(() => undefined);
      return true;
    }
  }
  return true;
}

function handle(request: Request) {
  switch (request.type) {
    case 'analyze':
      void analyze(request.id, request.label, request.files);
      return;
    case 'cancel':
      if (running && running.id === request.id) running.cancelled = true;
      return;
    case 'rest': {
      const response = kept ? kept.rest(request.path) : { status: 404, body: '', error: 'no analysis yet' };
      post({ type: 'rest', id: request.id, response: { status: response.status, body: response.body, error: response.error } });
      return;
    }
    case 'format':
      try {
        post({ type: 'format', id: request.id, text: sparkdx!.formatReport(request.json, request.format), error: null });
      } catch (error) {
        post({ type: 'format', id: request.id, text: null, error: String((error as Error)?.message ?? error) });
      }
      return;
  }
}

scope.onmessage = (event: MessageEvent<Request>) => {
  if (sparkdx) handle(event.data);
  else pending.push(event.data);
};

createSparkdx().then(
  (mod) => {
    sparkdx = mod;
    post({ type: 'ready', version: mod.version() });
    for (const request of pending.splice(0)) handle(request);
  },
  (error: unknown) => post({ type: 'fatal', message: 'the WebAssembly core did not load: ' + String(error) }),
);
