/**
 * A pool of worker threads that render documents (./document.ts). One document per worker
 * at a time; workers start when the first document needs one and keep their loaded models.
 * A worker that runs out of its memory (`maxOldGenerationSizeMb`) dies alone: its document
 * fails as `too-large` and the batch goes on. Aborting terminates the workers at once,
 * whatever they are doing: Ctrl-C never waits for a long text.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../input/source.js';
import type { ErrorRecord } from './manifest.js';
import type { Rendered, RenderTask } from './document.js';

export interface PoolOptions {
  /** Workers at most. */
  size: number;
  /** Heap of one worker, in MB. @default 4096 */
  maxOldGenerationSizeMb?: number;
}

/** A document's render failed; `record` says why (as the worker saw it). */
export class RenderError extends Error {
  constructor(readonly record: ErrorRecord) {
    super(record.message);
  }
}

interface Slot {
  worker: Worker;
  busy: { id: number; file: string; resolve: (r: Rendered) => void; reject: (e: unknown) => void } | null;
}

const here = import.meta.url;
// From the sources (tests, tsx) the worker is TypeScript too.
const fromSources = here.endsWith('.ts');

export class PipelinePool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<() => void> = [];
  private seq = 0;
  private closed = false;
  readonly maxOldGenerationSizeMb: number;

  constructor(readonly options: PoolOptions) {
    this.maxOldGenerationSizeMb = options.maxOldGenerationSizeMb ?? 4096;
  }

  /**
   * Render one document; rejects with `RenderError` (its record), or an AbortError. A
   * document still rendering after `timeoutSeconds` is stopped (its worker ends) and fails
   * as `timeout`.
   */
  async run(task: RenderTask, signal?: AbortSignal, timeoutSeconds?: number): Promise<Rendered> {
    signal?.throwIfAborted();
    const slot = await this.acquire(signal);
    const id = ++this.seq;
    return new Promise<Rendered>((resolve, reject) => {
      const onAbort = () => {
        // Stop the work now; the slot gets a new worker when next needed.
        this.kill(slot, signal!.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const timer = timeoutSeconds === undefined ? undefined : setTimeout(() => {
        this.kill(slot, new RenderError({ code: 'timeout', message: `${task.file}: its text work was not done after ${timeoutSeconds} s (--timeout), and was stopped` }));
      }, timeoutSeconds * 1000);
      const done = (fn: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        slot.busy = null;
        this.release();
        fn();
      };
      slot.busy = { id, file: task.file, resolve: (r) => done(() => resolve(r)), reject: (e) => done(() => reject(e)) };
      const transfer = task.bytes && task.bytes.byteOffset === 0 && task.bytes.byteLength === task.bytes.buffer.byteLength ? [task.bytes.buffer as ArrayBuffer] : [];
      slot.worker.postMessage({ id, task }, transfer);
    });
  }

  /** Terminate every worker (what is running is abandoned). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
    for (const wake of this.waiting.splice(0)) wake();
  }

  private async acquire(signal?: AbortSignal): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new Error('the worker pool is closed');
      signal?.throwIfAborted();
      const free = this.slots.find((s) => !s.busy);
      if (free) return free;
      if (this.slots.length < this.options.size) {
        const slot = this.spawn();
        this.slots.push(slot);
        return slot;
      }
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  }

  private release(): void {
    this.waiting.shift()?.();
  }

  private spawn(): Slot {
    const limits = { resourceLimits: { maxOldGenerationSizeMb: this.maxOldGenerationSizeMb }, execArgv: [] as string[] };
    let worker: Worker;
    if (fromSources) {
      // Register tsx's loader inside the worker, then load the TypeScript entry.
      const tsx = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
      const entry = new URL('./pipeline-worker.ts', here).href;
      worker = new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, { ...limits, eval: true });
    } else {
      worker = new Worker(new URL('./pipeline-worker.js', here), limits);
    }
    const slot: Slot = { worker, busy: null };
    worker.on('message', (m: { id: number; ok: boolean; rendered?: Rendered; error?: ErrorRecord }) => {
      const busy = slot.busy;
      if (!busy || busy.id !== m.id) return;
      if (m.ok) busy.resolve(m.rendered!);
      else busy.reject(new RenderError(m.error!));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const busy = slot.busy;
      this.drop(slot);
      if (!busy) return;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        busy.reject(new RenderError({ code: 'too-large', message: new InputError(busy.file, 'too-large', `processing it needed more than the ${this.maxOldGenerationSizeMb} MB of memory one document may use`).message }));
      } else busy.reject(new RenderError({ code: 'internal', message: `${busy.file}: ${error.message}` }));
    });
    worker.on('exit', (code) => {
      const busy = slot.busy;
      this.drop(slot);
      busy?.reject(new RenderError({ code: 'internal', message: `${busy.file}: the worker stopped (exit code ${code})` }));
    });
    return slot;
  }

  private kill(slot: Slot, reason: unknown): void {
    const busy = slot.busy;
    this.drop(slot);
    void slot.worker.terminate();
    busy?.reject(reason);
  }

  private drop(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    this.release();
  }
}
