/**
 * OCR of the pages of one document: each page is decoded, straightened and recognised,
 * a few pages ahead of the engine (so workers never wait) but never the whole document in
 * memory at once.
 */
import { availableParallelism } from 'node:os';
import PQueue from 'p-queue';
import { InputError, type SourcePage } from '../input/source.js';
import { OcrUnavailableError, type OcrEngine } from './engine.js';
import { createOcrEngine } from './index.js';
import type { OcrLoadOptions } from './load-options.js';
import { prepareForOcr, type GrayPage } from './prepare.js';

export type PageTask =
  | { kind: 'text'; text: string }
  | { kind: 'ocr'; render: () => Promise<GrayPage> };

/** `promise`, or the abort reason as soon as `signal` aborts (an engine being shut down may never answer). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Runs `task(i)` for pages 1..count and returns the pages in order. */
/**
 * Pages in flight (decoded, waiting for or inside the engine) across every document that
 * shares an engine: the workers' count plus two, so a worker never waits for a page to be
 * decoded, and memory stays flat however many documents run at once.
 */
const pageSlots = new WeakMap<OcrEngine, PQueue>();

function slotsFor(engine: OcrEngine | undefined): PQueue {
  if (!engine) return new PQueue({ concurrency: availableParallelism() + 1 });
  let slots = pageSlots.get(engine);
  if (!slots) {
    slots = new PQueue({ concurrency: engine.concurrency + 2 });
    pageSlots.set(engine, slots);
  }
  return slots;
}

/** Runs `task(i)` for pages 1..count and returns the pages in order. */
export async function readPages(
  file: string,
  count: number,
  task: (pageNumber: number) => Promise<PageTask>,
  options: OcrLoadOptions,
): Promise<SourcePage[]> {
  let engine: OcrEngine | undefined = options.ocr;
  const owned = !engine;
  const getEngine = () => (engine ??= createOcrEngine(options.ocrEngine));
  const slots = slotsFor(options.ocr);
  const pages: SourcePage[] = new Array(count);
  // Once a page fails, this document's pages still queued give their slots back at once.
  let failed = false;
  const readPage = async (index: number): Promise<void> => {
    if (failed) return;
    if (options.signal?.aborted) throw options.signal.reason;
    const number = index + 1;
    const job = await task(number);
    if (job.kind === 'text') {
      pages[index] = { number, text: job.text, method: 'text-layer', confidence: null, rawText: job.text };
    } else {
      const { image } = await prepareForOcr(await job.render());
      if (options.signal?.aborted) throw options.signal.reason;
      let result;
      try {
        result = await abortable(getEngine().recognize(image), options.signal);
      } catch (cause) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (cause instanceof OcrUnavailableError) throw cause;
        throw new InputError(file, 'ocr-failed', `OCR of page ${number} failed: ${(cause as Error).message}`, { cause });
      }
      pages[index] = {
        number,
        text: result.text,
        method: 'ocr',
        confidence: result.confidence === null ? null : Math.round(result.confidence * 10) / 10,
        words: result.words,
        rawText: result.text,
      };
    }
    options.onPage?.({ file, page: number, pages: count, method: pages[index]!.method === 'ocr' ? 'ocr' : 'text-layer' });
  };
  const running = Array.from({ length: count }, (_, index) =>
    slots.add(() =>
      readPage(index).catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    ),
  );
  try {
    await Promise.all(running);
  } catch (error) {
    await Promise.allSettled(running);
    throw error;
  } finally {
    if (owned && engine) await engine.close();
  }
  return pages;
}
