/**
 * Batch progress: a bar on a terminal (documents, pages, rate, ETA), JSON lines on stderr
 * otherwise, or nothing.
 */
import cliProgress from 'cli-progress';
import { z } from 'zod';

export const ProgressMode = z.enum(['bar', 'json', 'none']);
export type ProgressMode = z.infer<typeof ProgressMode>;

export type ProgressEvent =
  | { event: 'start'; inputs: number }
  | { event: 'page'; input: string; page: number; pages: number; method: string }
  | { event: 'document'; input: string; status: 'done' | 'skipped' | 'failed'; pages: number | null; error?: string }
  | { event: 'interrupt' }
  | { event: 'end'; done: number; skipped: number; failed: number; seconds: number; exitCode: number };

export interface ProgressReporter {
  report(event: ProgressEvent): void;
  stop(): void;
}

export function defaultProgressMode(stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  return stream.isTTY ? 'bar' : 'json';
}

export function createProgress(mode: ProgressMode, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (mode === 'none') return { report: () => undefined, stop: () => undefined };
  const started = Date.now();
  if (mode === 'json') {
    return {
      report: (e) => stream.write(`${JSON.stringify({ ...e, elapsed: Math.round((Date.now() - started) / 100) / 10 })}\n`),
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {value}/{total} documents | {pages} pages | {rate} pages/min | {failed} failed | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let pages = 0;
  let failed = 0;
  let done = 0;
  const payload = () => {
    const minutes = (Date.now() - started) / 60_000;
    return { pages, failed, rate: minutes > 0 ? (pages / minutes).toFixed(1) : '0' };
  };
  return {
    report(e) {
      if (e.event === 'start') bar.start(e.inputs, 0, payload());
      else if (e.event === 'page') {
        pages++;
        bar.update(done, payload());
      } else if (e.event === 'document') {
        done++;
        if (e.status === 'failed') failed++;
        bar.update(done, payload());
      }
    },
    stop: () => bar.stop(),
  };
}
