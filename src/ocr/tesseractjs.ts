/**
 * tesseract.js engine: a pool of workers (one per core by default) started once and fed by
 * a p-queue, so every core stays busy across the pages of all documents of a run.
 * Offline by construction: `langPath` is a local folder, `cacheMethod: 'none'` keeps the
 * worker from writing or preferring a stale `./<lang>.traineddata`.
 */
import { availableParallelism } from 'node:os';
import PQueue from 'p-queue';
import { createWorker, type Worker } from 'tesseract.js';
import { OcrEngineOptions, OcrUnavailableError, PSM, type OcrEngine, type OcrImage, type OcrPageResult, type RecognizeOptions } from './engine.js';
import { tesseractJsLangPath } from './models.js';
import { parseTesseractTsv } from './tsv.js';

/** LSTM only: the best_int models carry no legacy engine. */
const OEM_LSTM_ONLY = 1;
/** Fully automatic page segmentation by default; tesseract.js's own default (6) reads margin specks as text. */
const PSM_AUTO = PSM.auto;

interface PooledWorker {
  worker: Worker;
  dpi: number;
  psm: string;
}

export class TesseractJsEngine implements OcrEngine {
  readonly name = 'tesseractjs' as const;
  readonly lang: string;
  readonly concurrency: number;
  private readonly startTimeoutMs: number;
  private readonly queue: PQueue;
  private idle: PooledWorker[] = [];
  private all: PooledWorker[] = [];
  private starting: Promise<void> | null = null;
  private closed = false;

  constructor(options: OcrEngineOptions = {}) {
    const o = OcrEngineOptions.parse(options);
    this.lang = o.lang;
    this.concurrency = o.jobs ?? availableParallelism();
    this.startTimeoutMs = o.startTimeoutMs;
    this.queue = new PQueue({ concurrency: this.concurrency });
  }

  /** Start every worker (once). Called by the first recognition; call it early to fail fast. */
  start(): Promise<void> {
    this.starting ??= this.startWorkers();
    return this.starting;
  }

  private async startWorkers(): Promise<void> {
    const { langPath, gzip } = tesseractJsLangPath(this.lang);
    const startOne = async (): Promise<PooledWorker> => {
      let timer: NodeJS.Timeout | undefined;
      let failure: unknown;
      const created = createWorker(this.lang, OEM_LSTM_ONLY, {
        langPath,
        gzip,
        cacheMethod: 'none',
        // Without a handler a worker error is an uncaught exception that kills the process.
        errorHandler: (error: unknown) => (failure = error),
      });
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new OcrUnavailableError(`tesseract.js worker did not start within ${this.startTimeoutMs} ms${failure ? `: ${String(failure)}` : ''}`)),
          this.startTimeoutMs,
        );
      });
      try {
        const worker = await Promise.race([created, timeout]);
        // debug_file: tesseract prints notes such as "Detected 436 diacritics" to stdout, where `extract` writes JSON.
        await worker.setParameters({ tessedit_pageseg_mode: PSM_AUTO as never, user_defined_dpi: '300', debug_file: '/dev/null' });
        return { worker, dpi: 300, psm: PSM_AUTO };
      } finally {
        clearTimeout(timer);
      }
    };
    const results = await Promise.allSettled(Array.from({ length: this.concurrency }, startOne));
    for (const r of results) if (r.status === 'fulfilled') this.all.push(r.value);
    this.idle = [...this.all];
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await this.close();
      throw failed.reason instanceof OcrUnavailableError ? failed.reason : new OcrUnavailableError(`tesseract.js: ${String(failed.reason)}`);
    }
  }

  recognize(image: OcrImage, options: RecognizeOptions = {}): Promise<OcrPageResult> {
    if (this.closed) return Promise.reject(new OcrUnavailableError('the OCR engine is closed'));
    return this.queue.add(async () => {
      await this.start();
      const pooled = this.idle.pop();
      if (!pooled) throw new OcrUnavailableError('the OCR engine is closed');
      try {
        const dpi = Math.round(image.dpi);
        const psm = PSM[options.segmentation ?? 'auto'];
        if (pooled.dpi !== dpi || pooled.psm !== psm) {
          await pooled.worker.setParameters({ user_defined_dpi: String(dpi), tessedit_pageseg_mode: psm as never });
          pooled.dpi = dpi;
          pooled.psm = psm;
        }
        const { data } = await pooled.worker.recognize(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {}, { text: false, tsv: true, blocks: false });
        return parseTesseractTsv(data.tsv ?? '');
      } finally {
        if (!this.closed) this.idle.push(pooled);
      }
    }) as Promise<OcrPageResult>;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.clear();
    const workers = this.all;
    this.all = [];
    this.idle = [];
    await Promise.allSettled(workers.map((w) => w.worker.terminate()));
  }
}
