// The page's handle on the analysis worker: starts it, turns its messages into
// promises and callbacks, and serialises requests. Nothing here touches the
// log's bytes; files are passed to the worker as File handles.
import type { Finished, NamedFile, Progress, Reply, Request, RestResponse } from './protocol';

export type Outcome =
  | { kind: 'done'; finished: Finished }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

type Waiter = (reply: Reply) => void;

export class SparkdxClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiters = new Map<number, Waiter>();
  private progressListener: ((progress: Progress) => void) | null = null;
  private runningId = 0;
  readonly ready: Promise<string>;

  constructor() {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    this.ready = new Promise<string>((resolve, reject) => {
      // Errors thrown while the worker module loads only show up here.
      this.worker.onerror = (event) => reject(new Error('the analysis worker failed to start: ' + (event.message || 'unknown error')));
      this.worker.onmessage = (event: MessageEvent<Reply>) => {
        const reply = event.data;
        if (reply.type === 'ready') resolve(reply.version);
        else if (reply.type === 'fatal') reject(new Error(reply.message));
        else if (reply.type === 'progress') this.progressListener?.(reply.progress);
        else {
          const waiter = this.waiters.get(reply.id);
          this.waiters.delete(reply.id);
          waiter?.(reply);
        }
      };
    });
  }

  private request(make: (id: number) => Request): Promise<Reply> {
    const id = this.nextId++;
    return new Promise<Reply>((resolve) => {
      this.waiters.set(id, resolve);
      this.worker.postMessage(make(id));
    });
  }

  analyze(label: string, files: NamedFile[], onProgress: (progress: Progress) => void): Promise<Outcome> {
    this.progressListener = onProgress;
    return this.request((id) => {
      this.runningId = id;
      return { type: 'analyze', id, label, files };
    }).then((reply): Outcome => {
      this.progressListener = null;
      if (reply.type === 'done') return { kind: 'done', finished: reply.finished };
      if (reply.type === 'cancelled') return { kind: 'cancelled' };
      return { kind: 'failed', message: reply.type === 'failed' ? reply.message : 'unexpected reply ' + reply.type };
    });
  }

  /** Ends the worker and its module (after an internal error the module cannot be trusted). */
  dispose() {
    this.worker.terminate();
  }

  /** Stops the running analysis between two 4 MiB pieces. */
  cancel() {
    if (this.runningId) this.worker.postMessage({ type: 'cancel', id: this.runningId } satisfies Request);
  }

  async rest(path: string): Promise<RestResponse> {
    const reply = await this.request((id) => ({ type: 'rest', id, path }));
    return reply.type === 'rest' ? reply.response : { status: 500, body: '', error: 'unexpected reply' };
  }

  /** The REST answer parsed, or null when the route has no answer (404, 400). */
  async restJson<T>(path: string): Promise<T | null> {
    const response = await this.rest(path);
    return response.status === 200 ? (JSON.parse(response.body) as T) : null;
  }

  /** formatReport in the core; null text with an error when the format is unknown to this build. */
  async format(json: string, format: string): Promise<{ text: string | null; error: string | null }> {
    const reply = await this.request((id) => ({ type: 'format', id, json, format }));
    return reply.type === 'format' ? { text: reply.text, error: reply.error } : { text: null, error: 'unexpected reply' };
  }
}
