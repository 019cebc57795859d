/**
 * `vnplan ingest`: a batch of files and folders → per document its contract JSON, restored
 * text, Markdown and raw OCR text, plus `manifest.json` and `report.json`.
 *
 * An input that cannot be read becomes an error record and the batch goes on. Outputs are
 * written atomically; a document counts as done only once all four are in place and the
 * manifest says so, which is what a re-run (or a run after Ctrl-C) trusts to skip it.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ExitCode } from '../exit-codes.js';
import { loadSourceFromBytes } from '../input/load.js';
import { InputError, PAGE_BREAK, type SourceDocument } from '../input/source.js';
import { splitDocuments } from '../input/split.js';
import { readBytes, sha256 } from '../input/text.js';
import { OcrEngineName, OcrUnavailableError, createOcrEngine, type OcrEngine } from '../ocr/index.js';
import { OcrMode, type PageEvent } from '../ocr/load-options.js';
import { processSource } from '../pipeline.js';
import { renderMarkdown } from '../stages/compile.js';
import { ContractError } from '../stages/validate.js';
import { VERSION } from '../version.js';
import { AtomicWriter, sweepTemporaries } from './atomic.js';
import { discoverInputs, type DiscoveredInput } from './discover.js';
import {
  MANIFEST_FILE, REPORT_FILE, RunReport, isDone, readManifest, serializeManifest,
  type ErrorRecord, type ManifestEntry, type OutputFiles,
} from './manifest.js';
import { createProgress, defaultProgressMode, ProgressMode, type ProgressEvent } from './progress.js';
import { createLocalQueue, type JobQueue } from './queue.js';

export const IngestOptions = z.object({
  paths: z.array(z.string().min(1)).min(1),
  outDir: z.string().min(1),
  jobs: z.number().int().positive().max(64).optional(),
  force: z.boolean().default(false),
  ocrMode: OcrMode.default('skip'),
  lang: z.string().default('vie'),
  engine: OcrEngineName.default('tesseractjs'),
  progress: ProgressMode.optional(),
});
export type IngestOptions = z.input<typeof IngestOptions>;

export interface IngestHooks {
  /** Every progress event, besides the reporter (tests use it to act mid-run). */
  onEvent?: (event: ProgressEvent) => void;
  /** Aborting stops the run as Ctrl-C does. */
  signal?: AbortSignal;
  /** Install SIGINT/SIGTERM handlers (the CLI does). */
  handleSignals?: boolean;
  /** Use this engine instead of making one (it is not closed). */
  engine?: OcrEngine;
  queue?: JobQueue;
}

export interface IngestResult {
  exitCode: number;
  report: RunReport;
}

type DocumentOutcome = RunReport['documents'][number] & { error?: ErrorRecord; ocrPages: number; textPages: number };

export const OUTPUT_SUFFIX = { json: '.json', text: '.txt', markdown: '.md', ocr: '.ocr.txt' } as const;

function errorRecord(error: unknown): ErrorRecord {
  if (error instanceof InputError) return { code: error.code, message: error.message };
  if (error instanceof ContractError) return { code: 'contract', message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** The raw OCR text of a document: per page what the OCR (or text layer) gave, before any repair. */
export function rawText(source: SourceDocument): string {
  if (!source.pages) return source.text;
  return `${source.pages.map((p) => (p.rawText ?? p.text).replace(/\n+$/, '')).join(`\n${PAGE_BREAK}\n`)}\n`;
}

function meanConfidence(source: SourceDocument): number | null {
  const values = (source.pages ?? []).map((p) => p.confidence).filter((c): c is number => c !== null);
  return values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null;
}

export async function runIngest(optionsInput: IngestOptions, hooks: IngestHooks = {}): Promise<IngestResult> {
  const options = IngestOptions.parse(optionsInput);
  const startedAt = new Date();
  const jobs = options.jobs ?? availableParallelism();
  const settings = `lang=${options.lang};ocr=${options.ocrMode}`;
  const outDir = options.outDir;
  const writer = new AtomicWriter();
  const progress = createProgress(options.progress ?? defaultProgressMode());
  const emit = (event: ProgressEvent) => {
    progress.report(event);
    hooks.onEvent?.(event);
  };

  const abort = new AbortController();
  if (hooks.signal) {
    if (hooks.signal.aborted) abort.abort(hooks.signal.reason);
    else hooks.signal.addEventListener('abort', () => abort.abort(hooks.signal!.reason), { once: true });
  }
  let interruptions = 0;
  const onSignal = () => {
    interruptions++;
    if (interruptions > 1) {
      // A second Ctrl-C: stop now, still without leaving half-written files.
      writer.discardInFlight();
      process.exit(ExitCode.interrupted);
    }
    emit({ event: 'interrupt' });
    abort.abort(new Error('interrupted'));
  };
  if (hooks.handleSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);
  sampler.unref();

  let engine: OcrEngine | undefined = hooks.engine;
  let fatal: OcrUnavailableError | undefined;
  const outcomes: DocumentOutcome[] = [];
  let inputs: DiscoveredInput[] = [];
  const manifest = await readManifest(outDir);
  let persisting: Promise<void> = Promise.resolve();
  const persistManifest = () => {
    persisting = persisting.then(() => writer.write(join(outDir, MANIFEST_FILE), serializeManifest(manifest, VERSION)));
    return persisting;
  };

  try {
    await sweepTemporaries(outDir);
    inputs = await discoverInputs(options.paths, outDir);
    engine ??= createOcrEngine({ engine: options.engine, lang: options.lang, jobs });
    emit({ event: 'start', inputs: inputs.length });
    const queue = hooks.queue ?? createLocalQueue(jobs + 1);

    const processOne = async (input: DiscoveredInput): Promise<void> => {
      if (abort.signal.aborted) return;
      const t0 = performance.now();
      const seconds = () => Math.round((performance.now() - t0) / 10) / 100;
      let sha: string | null = null;
      let source: SourceDocument | undefined;
      try {
        let bytes: Uint8Array | undefined = await readBytes(input.path);
        sha = sha256(bytes);
        if (!options.force && isDone(manifest.get(input.stem), sha, VERSION, settings, outDir)) {
          const entry = manifest.get(input.stem)!;
          outcomes.push({ input: input.path, status: 'skipped', pages: entry.pages, meanConfidence: entry.meanConfidence, seconds: seconds(), ocrPages: 0, textPages: 0 });
          emit({ event: 'document', input: input.path, status: 'skipped', pages: entry.pages });
          return;
        }
        source = await loadSourceFromBytes(input.path, bytes, {
          ocr: engine,
          ocrMode: options.ocrMode,
          signal: abort.signal,
          onPage: (e: PageEvent) => emit({ event: 'page', input: input.path, page: e.page, pages: e.pages, method: e.method }),
        });
        bytes = undefined;
        if (abort.signal.aborted) return;
        // A file holding several documents (a Tờ trình with its draft decision) gives one set of outputs per part.
        const documents = splitDocuments(source);
        const parts: OutputFiles[] = [];
        for (const doc of documents) {
          const result = await processSource(doc, { format: 'json' });
          const stem = documents.length > 1 ? `${input.stem}.part${doc.part}` : input.stem;
          const files: OutputFiles = {
            json: stem + OUTPUT_SUFFIX.json,
            text: stem + OUTPUT_SUFFIX.text,
            markdown: stem + OUTPUT_SUFFIX.markdown,
            ocr: stem + OUTPUT_SUFFIX.ocr,
          };
          await writer.write(join(outDir, files.json), result.output.endsWith('\n') ? result.output : `${result.output}\n`);
          await writer.write(join(outDir, files.text), result.restoredText);
          await writer.write(join(outDir, files.markdown), renderMarkdown(result.tree));
          await writer.write(join(outDir, files.ocr), rawText(doc));
          parts.push(files);
        }
        const outputs = parts[0]!;
        const pages = source.pages?.length ?? null;
        const ocrPages = source.pages?.filter((p) => p.method === 'ocr' || p.method === 'blank').length ?? 0; // blank pages went through the OCR layer, which skipped them
        const textLayerPages = source.pages?.filter((p) => p.method === 'text-layer').length ?? 0;
        const entry: ManifestEntry = {
          input: input.path, stem: input.stem, sha256: sha, vnplanVersion: VERSION, settings, status: 'done',
          mediaType: source.mediaType, pages, ocrPages, meanConfidence: meanConfidence(source), outputs, ...(parts.length > 1 ? { parts } : {}), error: null,
          seconds: seconds(), finishedAt: new Date().toISOString(),
        };
        manifest.set(input.stem, entry);
        await persistManifest();
        outcomes.push({ input: input.path, status: 'done', pages, meanConfidence: entry.meanConfidence, seconds: entry.seconds, ocrPages, textPages: source.pages ? textLayerPages : 0 });
        emit({ event: 'document', input: input.path, status: 'done', pages });
      } catch (error) {
        if (abort.signal.aborted) return; // interrupted: not done, not failed; the next run redoes it
        if (error instanceof OcrUnavailableError) {
          fatal ??= error;
          abort.abort(error);
          return;
        }
        const record = errorRecord(error);
        manifest.set(input.stem, {
          input: input.path, stem: input.stem, sha256: sha, vnplanVersion: VERSION, settings, status: 'failed',
          mediaType: source?.mediaType ?? null, pages: null, ocrPages: 0, meanConfidence: null, outputs: null, error: record,
          seconds: seconds(), finishedAt: new Date().toISOString(),
        });
        await persistManifest();
        outcomes.push({ input: input.path, status: 'failed', pages: null, meanConfidence: null, seconds: seconds(), error: record, ocrPages: 0, textPages: 0 });
        emit({ event: 'document', input: input.path, status: 'failed', pages: null, error: `${record.code}: ${record.message}` });
      }
    };

    for (const input of inputs) void queue.add(() => processOne(input));
    await new Promise<void>((resolve) => {
      const stop = () => {
        queue.clear();
        resolve();
      };
      abort.signal.addEventListener('abort', stop, { once: true });
      queue.onIdle().then(resolve, resolve);
    });
    // After an abort, let the documents in flight settle (they stop at their next page).
    await queue.onIdle();
    await persisting;
  } finally {
    clearInterval(sampler);
    if (!hooks.engine) await engine?.close();
    progress.stop();
    if (hooks.handleSignals) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }

  const interrupted = abort.signal.aborted && !fatal;
  const count = (s: DocumentOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  const failures = outcomes.filter((o) => o.error).map((o) => ({ input: o.input, error: o.error! }));
  const exitCode = fatal ? ExitCode.ocrUnavailable : interrupted ? ExitCode.interrupted : failures.length ? ExitCode.someFailed : ExitCode.ok;
  const finishedAt = new Date();
  const seconds = (finishedAt.getTime() - startedAt.getTime()) / 1000;
  const worked = outcomes.filter((o) => o.status === 'done');
  const ocrPages = worked.reduce((a, o) => a + o.ocrPages, 0);
  const textPages = worked.reduce((a, o) => a + o.textPages, 0);
  peakRss = Math.max(peakRss, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
  const report = RunReport.parse({
    vnplanVersion: VERSION,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    seconds,
    interrupted,
    settings: { engine: engine?.name ?? options.engine, lang: options.lang, ocrMode: options.ocrMode, jobs, force: options.force },
    counts: {
      inputs: inputs.length, done: count('done'), skipped: count('skipped'), failed: count('failed'),
      notStarted: inputs.length - outcomes.length,
    },
    pages: { total: ocrPages + textPages, ocr: ocrPages, textLayer: textPages },
    pagesPerMinute: seconds > 0 && ocrPages + textPages > 0 ? Math.round(((ocrPages + textPages) / (seconds / 60)) * 10) / 10 : null,
    peakRssMb: Math.round(peakRss / 1048576),
    failures: fatal ? [...failures, { input: '(engine)', error: { code: 'ocr-failed', message: fatal.message } }] : failures,
    documents: outcomes.map(({ input, status, pages, meanConfidence, seconds }) => ({ input, status, pages, meanConfidence, seconds })),
    exitCode,
  });
  await writer.write(join(outDir, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
  emit({ event: 'end', done: report.counts.done, skipped: report.counts.skipped, failed: report.counts.failed, seconds, exitCode });
  return { exitCode, report };
}
