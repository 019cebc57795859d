/**
 * OCR of the pages of one document: each page is decoded, straightened and recognised,
 * a few pages ahead of the engine (so workers never wait) but never the whole document in
 * memory at once.
 */
import { availableParallelism } from 'node:os';
import PQueue from 'p-queue';
import { InputError, type PageMessage, type SourcePage } from '../input/source.js';
import { OcrUnavailableError, type OcrEngine } from './engine.js';
import { createOcrEngine } from './index.js';
import type { OcrLoadOptions } from './load-options.js';
import { readOcrPage, type DecodedPage } from './read-page.js';

/** A page's job: its text layer (with what was decided about it), or pixels to OCR. */
export type PageTask =
  | { kind: 'text'; text: string; messages?: PageMessage[] }
  | { kind: 'ocr'; render: () => Promise<DecodedPage>; messages?: PageMessage[] };

/** `promise`, or the abort reason as soon as `signal` aborts (an engine being shut down may never answer). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined); // its own failure no longer matters, and must not go unhandled
    return Promise.reject(signal.reason);
  }
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
      pages[index] = { number, text: job.text, method: 'text-layer', confidence: null, rawText: job.text, ...(job.messages?.length ? { messages: job.messages } : {}) };
    } else {
      const decoded = await job.render();
      if (options.signal?.aborted) throw options.signal.reason;
      const recognize: OcrEngine['recognize'] = async (image, o) => {
        try {
          return await abortable(getEngine().recognize(image, o), options.signal);
        } catch (cause) {
          if (options.signal?.aborted) throw options.signal.reason;
          if (cause instanceof OcrUnavailableError) throw cause;
          throw new InputError(file, 'ocr-failed', `OCR of page ${number} failed: ${(cause as Error).message}`, { cause });
        }
      };
      const read = await readOcrPage(getEngine(), decoded, recognize);
      const messages = [...(job.messages ?? []), ...(read.messages ?? [])];
      pages[index] = { number, ...read, ...(messages.length ? { messages } : {}) };
    }
    const method = pages[index]!.method;
    options.onPage?.({ file, page: number, pages: count, method: method === 'text-layer' ? 'text-layer' : method === 'blank' ? 'blank' : 'ocr' });
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
