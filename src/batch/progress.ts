/**
 * Batch progress: a line on a terminal (documents, pages, rate, ETA, the file being read), JSON
 * lines on stderr otherwise, or nothing. With `verbose`, one line per document as it ends (and
 * its review reasons), above the bar.
 *
 * The rate and the ETA count from the first page or document finished, not from the start: the
 * OCR models take a while to load (seconds, more on a busy machine), and counting that time
 * made a first ETA of a few seconds that then grew. Until then the line says `loading`.
 */
import cliProgress from 'cli-progress';
import { z } from 'zod';

export const ProgressMode = z.enum(['bar', 'json', 'none']);
export type ProgressMode = z.infer<typeof ProgressMode>;

export type ProgressEvent =
  | { event: 'start'; inputs: number }
  /** A document's work begins (after its bytes are read and the ledger claims it). */
  | { event: 'reading'; input: string }
  | { event: 'page'; input: string; page: number; pages: number; method: string }
  | { event: 'document'; input: string; status: 'done' | 'skipped' | 'failed'; pages: number | null; error?: string; review?: string[] }
  | { event: 'interrupt' }
  | { event: 'end'; done: number; skipped: number; failed: number; seconds: number; exitCode: number };

export interface ProgressReporter {
  report(event: ProgressEvent): void;
  stop(): void;
}

export interface ProgressOptions {
  /** A line per document (done, skipped, failed; review reasons) — bar and none modes. */
  verbose?: boolean;
  /** The terminal's width in columns (the file name is cut to fit). */
  columns?: number;
}

export function defaultProgressMode(stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  return stream.isTTY ? 'bar' : 'json';
}

/** `1h 02m`, `4m 05s`, `12s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** A path cut from the left to at most `max` characters (`…/2023/plan-p1.jpg`). */
export function cutPath(path: string, max: number): string {
  if (path.length <= max) return path;
  return `…${path.slice(path.length - Math.max(1, max - 1))}`;
}

/**
 * The rate and ETA, counted from the first page or document that finished. `skipped` documents
 * are counted as finished but not as work (they take no time).
 */
export class Estimator {
  private since: number | null = null;
  private pagesAtStart = 0;
  private workedAtStart = 0;
  pages = 0;
  worked = 0;
  finished = 0;
  constructor(readonly total: number, private readonly now: () => number = Date.now) {}

  private mark(): void {
    if (this.since === null) {
      this.since = this.now();
      this.pagesAtStart = this.pages;
      this.workedAtStart = this.worked;
    }
  }

  page(): void {
    this.pages++;
    this.mark();
  }

  document(status: 'done' | 'skipped' | 'failed'): void {
    this.finished++;
    if (status !== 'skipped') {
      this.worked++;
      this.mark();
    }
  }

  /** True once a page or a document was finished (the models are loaded). */
  get counting(): boolean {
    return this.since !== null;
  }

  /** Pages per minute since the first finished, or null while the models load. */
  rate(): number | null {
    if (this.since === null) return null;
    const minutes = (this.now() - this.since) / 60_000;
    return minutes > 0 ? (this.pages - this.pagesAtStart) / minutes : null;
  }

  /** Seconds left, or null while nothing has finished since the models loaded. */
  eta(): number | null {
    if (this.since === null) return null;
    const remaining = this.total - this.finished;
    if (remaining <= 0) return 0;
    const worked = this.worked - this.workedAtStart;
    if (worked <= 0) return null;
    return ((this.now() - this.since) / 1000 / worked) * remaining;
  }
}

function documentLine(e: Extract<ProgressEvent, { event: 'document' }>): string {
  if (e.status === 'failed') return `vnplan: failed   ${e.input}: ${e.error ?? ''}`;
  const review = e.review?.length ? ` — review: ${e.review.join('; ')}` : '';
  return `vnplan: ${e.status === 'done' ? 'done   ' : 'skipped'}  ${e.input}${e.pages ? ` (${e.pages} page${e.pages === 1 ? '' : 's'})` : ''}${review}`;
}

export function createProgress(mode: ProgressMode, stream: NodeJS.WriteStream = process.stderr, options: ProgressOptions = {}): ProgressReporter {
  const started = Date.now();
  if (mode === 'json') {
    return {
      report: (e) => stream.write(`${JSON.stringify({ ...e, elapsed: Math.round((Date.now() - started) / 100) / 10 })}\n`),
      stop: () => undefined,
    };
  }
  if (mode === 'none') {
    return {
      report: (e) => {
        if (options.verbose && e.event === 'document') stream.write(`${documentLine(e)}\n`);
      },
      stop: () => undefined,
    };
  }
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: '{bar} {value}/{total} documents | {pages} pages | {rate} | {failed} failed | {remaining} | {file}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let bar: cliProgress.SingleBar | undefined;
  let estimator = new Estimator(0);
  let failed = 0;
  let file = '';
  const width = () => Math.max(20, (options.columns ?? stream.columns ?? 100) - 100);
  const payload = () => {
    const rate = estimator.rate();
    const eta = estimator.eta();
    return {
      pages: estimator.pages,
      failed,
      rate: !estimator.counting ? 'loading' : rate === null ? '… pages/min' : `${rate.toFixed(1)} pages/min`,
      remaining: !estimator.counting ? 'ETA after the first page' : eta === null ? 'ETA …' : `ETA ${formatDuration(eta)}`,
      file: cutPath(file, width()),
    };
  };
  return {
    report(e) {
      if (e.event === 'start') {
        estimator = new Estimator(e.inputs);
        bar = multi.create(e.inputs, 0, payload());
      } else if (e.event === 'reading') {
        file = e.input;
        bar?.update(estimator.finished, payload());
      } else if (e.event === 'page') {
        estimator.page();
        file = e.input;
        bar?.update(estimator.finished, payload());
      } else if (e.event === 'document') {
        estimator.document(e.status);
        if (e.status === 'failed') failed++;
        if (options.verbose) multi.log(`${documentLine(e)}\n`);
        bar?.update(estimator.finished, payload());
      }
    },
    stop: () => multi.stop(),
  };
}
