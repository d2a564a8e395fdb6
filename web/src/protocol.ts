// Messages between the page (main thread) and the analysis worker, and the
// slice of the WebAssembly module's Embind API the worker uses
// (wasm/bindings.cc documents it). The page never holds the log: it posts
// File objects (structured-cloneable handles) and gets the report back.

export interface InputFile { path: string; size: number }
export interface PlannedLog {
  name: string; layout: string; files: InputFile[]; inProgress: boolean;
  sparkVersionHint: string; notes: string[];
}
export interface InputPlan { logs: PlannedLog[]; skipped: { path: string; reason: string }[] }
export interface AnalysisResult {
  reportJson: string; filesOk: number; filesPartial: number; filesError: number;
  applications: number; tasks: number; taskStoreBytes: number; taskBytes: number;
}
export interface RestResponse { status: number; body: string; error: string }
export interface WasmAnalyzer {
  beginLog(log: PlannedLog): void; endLog(): void;
  beginFile(path: string, size: number): void; feed(bytes: Uint8Array): boolean;
  failFile(message: string): void; endFile(): void;
  addSkippedFiles(skipped: InputPlan['skipped']): void;
  progress(): { bytesRead: number; bytesExpected: number; bytesDecoded: number; lines: number; events: number };
  finish(): AnalysisResult; rest(path: string): RestResponse; delete(): void;
}
export interface SparkdxModule {
  version(): string;
  planInputs(files: InputFile[]): InputPlan;
  formatReport(json: string, format: string): string;
  Analyzer: new (options?: object) => WasmAnalyzer;
  HEAPU8?: Uint8Array;
}

/** One dropped or chosen file with the path the CLI would give it. */
export interface NamedFile { path: string; file: Blob }

/** Page -> worker. */
export type Request =
  | { type: 'analyze'; id: number; label: string; files: NamedFile[] }
  | { type: 'cancel'; id: number }
  | { type: 'rest'; id: number; path: string }
  | { type: 'format'; id: number; json: string; format: string };

export interface Progress {
  bytesDone: number; bytesTotal: number; mbPerSec: number; etaSec: number | null;
  lines: number; events: number; file: string; elapsedMs: number; wasmMemoryBytes: number;
}

export interface Finished {
  reportJson: string; result: Omit<AnalysisResult, 'reportJson'>;
  elapsedMs: number; bytesTotal: number; wasmMemoryBytes: number; progressMessages: number;
}

/** Worker -> page. */
export type Reply =
  | { type: 'ready'; version: string }
  | { type: 'fatal'; message: string }
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'done'; id: number; finished: Finished }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string }
  | { type: 'rest'; id: number; response: RestResponse }
  | { type: 'format'; id: number; text: string | null; error: string | null };

/** sparkdx::kFeedChunkBytes: every shell pushes 4 MiB pieces, so a partial
 *  file's `bytes_read` equals the CLI's (docs/report.md, inputs[]). */
export const FEED_CHUNK_BYTES = 4 * 1024 * 1024;
/** At most this many progress messages per second reach the page. */
export const PROGRESS_INTERVAL_MS = 100;
