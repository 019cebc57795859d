/**
 * `vnplan ingest`: a batch of files and folders → per document its contract JSON, restored
 * text, Markdown and raw OCR text, a ledger (`vnplan.db`), and its exports `manifest.json`
 * and `report.json`.
 *
 * An input that cannot be read becomes an error record and the batch goes on. A document is
 * done once its four outputs are in place (each written whole, then renamed) and the ledger
 * says so, which is what a re-run (or a run after Ctrl-C, `kill -9`, a full disk) trusts to
 * skip it. Text work runs in worker threads, so Ctrl-C is obeyed at once. When the output
 * folder cannot be written (disk full, read-only, permissions) the batch stops with exit 6:
 * the document that met it has an error record, nothing is half-written, and the next run
 * finishes the rest.
 */
import { accessSync, closeSync, constants, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ExitCode } from '../exit-codes.js';
import { loadSourceFromBytes, sniffMediaType } from '../input/load.js';
import { InputError, joinPages, type SourceDocument } from '../input/source.js';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TEXT_BYTES, readBytes, sha256 } from '../input/text.js';
import { OcrEngineName, OcrUnavailableError, createOcrEngine, type OcrEngine } from '../ocr/index.js';
import { OcrMode, type PageEvent } from '../ocr/load-options.js';
import { VERSION } from '../version.js';
import { AtomicWriter, TMP_DIR, ensureReserve, releaseReserve, sweepTemporaries, writeIntoReserve } from './atomic.js';
import { GroupMode, discoverInputs, type DiscoveredInput, type InputPart, type WalkNote } from './discover.js';
import { commitDocument } from './commit.js';
import { errorRecord, textTooLarge, type Rendered } from './document.js';
import { LEDGER_FILE, Ledger, LedgerError, isStorageError } from './ledger.js';
import { MANIFEST_FILE, REPORT_FILE, REVIEW_FILE, RunReport, manifestEntry, type ErrorRecord } from './manifest.js';
import { reviewColumn, reviewCsv, reviewRows, reviewsOnDisk, type DocumentReview } from './review-list.js';
import { ARCHIVE_KINDS, type ArchiveKind } from './names.js';
import { createProgress, defaultProgressMode, ProgressMode, type ProgressEvent } from './progress.js';
import { createLocalQueue, type JobQueue } from './queue.js';
import { PipelinePool, RenderError } from './workers.js';
import { backfillStore, mergeAfterRun } from '../store/write.js';

export { rawText } from './document.js';
export { OUTPUT_SUFFIX } from './names.js';

/** Seconds of text work one document may take: a text of the largest size (16 MiB) takes a few minutes on a busy 2-core machine. */
export const DEFAULT_TIMEOUT_SECONDS = 1200;

export const IngestOptions = z.object({
  paths: z.array(z.string().min(1)).min(1),
  outDir: z.string().min(1),
  jobs: z.number().int().positive().max(64).optional(),
  force: z.boolean().default(false),
  ocrMode: OcrMode.default('skip'),
  lang: z.string().default('vie'),
  engine: OcrEngineName.default('tesseractjs'),
  progress: ProgressMode.optional(),
  /** An input file larger than this is refused (`too-large`) without being read. */
  maxFileBytes: z.number().int().positive().default(DEFAULT_MAX_FILE_BYTES),
  /** A document whose text (UTF-8) is larger than this is refused (`too-large`). */
  maxTextBytes: z.number().int().positive().default(DEFAULT_MAX_TEXT_BYTES),
  /** Seconds the text work of one document may take (OCR not counted); then it fails as `timeout`. */
  timeoutSeconds: z.number().positive().default(DEFAULT_TIMEOUT_SECONDS),
  /** Archive formats of each scan: searchable PDF, ALTO v4, hOCR (docs/archive.md). */
  archive: z.array(z.enum(ARCHIVE_KINDS as [ArchiveKind, ...ArchiveKind[]])).default([]),
  /** Globs a file must match one of to be an input (none: every file). */
  include: z.array(z.string().min(1)).default([]),
  /** Globs that leave files and folders out. */
  exclude: z.array(z.string().min(1)).default([]),
  /** Page images into one document: by name (`plan-p1.jpg`, `plan-p2.jpg`), every image of a folder, or never. */
  group: GroupMode.default('name'),
  /** A line per document on stderr (bar and none modes). */
  verbose: z.boolean().default(false),
});

export type IngestOptions = z.input<typeof IngestOptions>;

export interface IngestHooks {
  /** Every progress event, besides the reporter (tests use it to act mid-run). */
  onEvent?: (event: ProgressEvent) => void;
  /** Called once an input's bytes are read, before its work (tests change files here). */
  onRead?: (input: string) => void | Promise<void>;
  /** Aborting stops the run as Ctrl-C does. */
  signal?: AbortSignal;
  /** Install SIGINT/SIGTERM handlers (the CLI does). */
  handleSignals?: boolean;
  /** Use this engine instead of making one (it is not closed). */
  engine?: OcrEngine;
  /** Use these render workers instead of starting some (they are not closed). */
  pool?: PipelinePool;
  queue?: JobQueue;
}

export interface IngestResult {
  exitCode: number;
  report: RunReport;
}

/** The output folder cannot be written at all (the run could not start). */
export class OutputUnwritableError extends Error {
  override readonly name = 'OutputUnwritableError';
}

type DocumentOutcome = RunReport['documents'][number] & { error?: ErrorRecord; ocrPages: number; textPages: number; reviews?: DocumentReview[] | null };

const errnoOf = (error: unknown): string => {
  const e = error as { code?: unknown; message?: unknown };
  return typeof e?.code === 'string' ? e.code : 'error';
};

/**
 * What went wrong with the storage, as an errno: SQLite says only that it cannot open or
 * write its file, so the folder itself is asked (free space, then write permission).
 */
export function storageCause(outDir: string, error: unknown): string {
  const code = errnoOf(error);
  if (/^E[A-Z]+$/.test(code) && code !== 'EIO') return code;
  if (code === 'SQLITE_FULL') return 'ENOSPC';
  try {
    const fs = statfsSync(outDir);
    if (fs.bavail === 0) return 'ENOSPC';
  } catch {
    // no answer: go on asking
  }
  try {
    accessSync(outDir, constants.W_OK);
  } catch (probe) {
    return errnoOf(probe);
  }
  return code;
}

/** A storage failure in words: what an archivist can act on. */
export function describeStorageError(outDir: string, error: unknown): string {
  const code = storageCause(outDir, error);
  if (/ENOSPC|EDQUOT/.test(code)) return `no space left on the device holding ${outDir} (${code}): free some space and run again to finish the rest`;
  if (/EROFS/.test(code)) return `${outDir} is on a read-only file system (${code}): ingest into a writable folder`;
  if (/EACCES|EPERM/.test(code)) return `no permission to write in ${outDir} (${code})`;
  if (/ENOTDIR|EEXIST/.test(code)) return `${outDir} is not a folder (${code})`;
  return `${outDir} cannot be written (${code}: ${(error as Error)?.message ?? String(error)})`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runIngest(optionsInput: IngestOptions, hooks: IngestHooks = {}): Promise<IngestResult> {
  const options = IngestOptions.parse(optionsInput);
  const startedAt = new Date();
  const jobs = options.jobs ?? availableParallelism();
  const settings = `lang=${options.lang};ocr=${options.ocrMode}`;
  const outDir = options.outDir;

  let ledger: Ledger | undefined;
  try {
    await mkdir(outDir, { recursive: true });
    ledger = Ledger.open(outDir);
    ledger.startRun(VERSION, settings);
    // Documents done before the store existed go into it from their outputs.
    backfillStore(ledger.db, outDir);
    mkdirSync(join(outDir, TMP_DIR), { recursive: true });
  } catch (error) {
    ledger?.close();
    if (error instanceof LedgerError) throw new OutputUnwritableError(error.message, { cause: error });
    if (typeof (error as { code?: unknown })?.code === 'string') throw new OutputUnwritableError(describeStorageError(outDir, error), { cause: error });
    throw error;
  }
  ensureReserve(outDir);
  const writer = new AtomicWriter(outDir, `${ledger.runId}-${process.pid}`);
  const progress = createProgress(options.progress ?? defaultProgressMode(), process.stderr, { verbose: options.verbose });
  const emit = (event: ProgressEvent) => {
    progress.report(event);
    hooks.onEvent?.(event);
  };

  const abort = new AbortController();
  if (hooks.signal) {
    if (hooks.signal.aborted) abort.abort(hooks.signal.reason);
    else hooks.signal.addEventListener('abort', () => abort.abort(hooks.signal!.reason), { once: true });
  }
  const pool = hooks.pool ?? new PipelinePool({ size: jobs });
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
  /** Why the batch stopped before its end (not Ctrl-C). */
  let stopped: { code: string; message: string; exitCode: number } | undefined;
  const outcomes: DocumentOutcome[] = [];
  let inputs: DiscoveredInput[] = [];
  let notes: WalkNote[] = [];
  let excluded: Array<{ path: string; reason: string }> = [];
  let unsupported: string[] = [];

  // The reserve stays until the report is written into it, at the end. Given back here (as it
  // was), its room went to whatever still ran: the documents in flight, and the ledger, whose
  // checkpoint grows the database by up to its WAL's size (1 MB) at once. A run with more
  // documents in flight than cores then ended with no report.json.
  const stopForStorage = (error: unknown) => {
    if (!stopped) {
      stopped = { code: 'write-failed', message: describeStorageError(outDir, error), exitCode: ExitCode.outputUnwritable };
      try {
        // A checkpoint on a full disk would grow the database into the room freed for the
        // last words; the WAL is checkpointed on close where it fits, or by the next run.
        ledger.db.pragma('wal_autocheckpoint = 0');
      } catch {
        // closed already
      }
    }
    abort.abort(error);
  };

  /** Failure records the full disk refused: written after the report, in the room it frees. */
  const deferred: Array<() => void> = [];
  const recordFailure = (input: DiscoveredInput, record: ErrorRecord, t0: number, facts: { sha: string | null; size: number | null; mediaType: string | null }) => {
    const seconds = Math.round((performance.now() - t0) / 10) / 100;
    const write = () => ledger.fail(input, VERSION, settings, { sha256: facts.sha, size: facts.size, mediaType: facts.mediaType, code: record.code, message: record.message, seconds });
    try {
      write();
    } catch (error) {
      if (!isStorageError(error)) throw error;
      stopForStorage(error);
      deferred.push(write);
    }
    outcomes.push({ input: input.display, stem: null, status: 'failed', pages: null, meanConfidence: null, seconds, error: record, ocrPages: 0, textPages: 0 });
    emit({ event: 'document', input: input.display, status: 'failed', pages: null, error: `${record.code}: ${record.message}` });
  };

  /** One document. Returns 'busy' when another live run holds it. */
  const processOne = async (input: DiscoveredInput): Promise<'busy' | void> => {
    if (abort.signal.aborted) return;
    const t0 = performance.now();
    const seconds = () => Math.round((performance.now() - t0) / 10) / 100;
    const facts: { sha: string | null; size: number | null; mediaType: string | null } = { sha: null, size: null, mediaType: null };
    let claimed: number | undefined;
    try {
      if (input.problem) throw new InputError(input.display, input.problem.code, input.problem.message.replace(`${input.display}: `, ''));
      const files = input.parts ?? [{ path: input.path, display: input.display }];
      const before = await Promise.all(files.map((f) => stat(f.path, { bigint: true }).catch(() => null)));
      let chunks: Uint8Array[] | undefined = [];
      for (const f of files) chunks.push(await readBytes(f.display, { maxBytes: options.maxFileBytes }, f.path));
      // A group's hash is over its pages' bytes, in page order.
      const sha = chunks.length === 1 ? sha256(chunks[0]!) : chunks.reduce((h, c) => h.update(c), createHash('sha256')).digest('hex');
      let bytes: Uint8Array | undefined = chunks[0]!;
      facts.sha = sha;
      facts.size = chunks.reduce((a, c) => a + c.length, 0);
      const row = ledger.get(input.key);
      if (!options.force && ledger.isDone(row, sha, VERSION, settings, options.archive)) {
        const reviews = reviewsOnDisk(outDir, ledger.outputsOf(row.id));
        outcomes.push({ input: input.display, stem: row.stem, status: 'skipped', pages: row.pages, meanConfidence: row.mean_confidence, seconds: seconds(), ocrPages: 0, textPages: 0, reviews });
        emit({ event: 'document', input: input.display, status: 'skipped', pages: row.pages, review: reviewColumn(reviews)?.reasons ?? [] });
        return;
      }
      const mediaType = sniffMediaType(bytes);
      if (mediaType === null && bytes.length > options.maxTextBytes) throw textTooLarge(input.display, bytes.length, options.maxTextBytes);
      const claim = ledger.claim(input, sha, VERSION, settings, options.force, options.archive);
      if (claim.kind === 'busy') return 'busy';
      if (claim.kind === 'done') {
        const reviews = reviewsOnDisk(outDir, ledger.outputsOf(claim.row.id));
        outcomes.push({ input: input.display, stem: claim.row.stem, status: 'skipped', pages: claim.row.pages, meanConfidence: claim.row.mean_confidence, seconds: seconds(), ocrPages: 0, textPages: 0, reviews });
        emit({ event: 'document', input: input.display, status: 'skipped', pages: claim.row.pages, review: reviewColumn(reviews)?.reasons ?? [] });
        return;
      }
      claimed = claim.id;
      emit({ event: 'reading', input: input.display });
      await hooks.onRead?.(input.display);

      let rendered: Rendered;
      if (input.parts) {
        engine ??= createOcrEngine({ engine: options.engine, lang: options.lang, jobs });
        const source = await loadPages(input, files, chunks, engine, sha, (page, pages) => emit({ event: 'page', input: input.display, page, pages, method: 'ocr' }), abort.signal, options.ocrMode);
        bytes = undefined;
        chunks = undefined;
        abort.signal.throwIfAborted();
        facts.mediaType = source.mediaType;
        rendered = await pool.run({ file: input.display, source, maxTextBytes: options.maxTextBytes }, abort.signal, options.timeoutSeconds);
      } else if (mediaType === 'application/pdf' || mediaType?.startsWith('image/')) {
        engine ??= createOcrEngine({ engine: options.engine, lang: options.lang, jobs });
        const original = options.archive.length ? bytes : undefined;
        const source = await loadSourceFromBytes(input.display, bytes, {
          ocr: engine,
          ocrMode: options.ocrMode,
          signal: abort.signal,
          onPage: (e: PageEvent) => emit({ event: 'page', input: input.display, page: e.page, pages: e.pages, method: e.method }),
        });
        bytes = undefined;
        chunks = undefined;
        abort.signal.throwIfAborted();
        facts.mediaType = source.mediaType;
        const archive = original ? { formats: [...options.archive], original } : undefined;
        rendered = await pool.run({ file: input.display, source, maxTextBytes: options.maxTextBytes, ...(archive ? { archive } : {}) }, abort.signal, options.timeoutSeconds);
      } else {
        chunks = undefined;
        rendered = await pool.run({ file: input.display, bytes, maxTextBytes: options.maxTextBytes }, abort.signal, options.timeoutSeconds);
        bytes = undefined;
      }
      facts.mediaType = rendered.mediaType;
      abort.signal.throwIfAborted();

      // The input must be what was read: a file rewritten meanwhile is read again next run.
      for (const [i, f] of files.entries()) {
        const was = before[i];
        const after = await stat(f.path, { bigint: true }).catch(() => null);
        if (!was || !after || after.size !== was.size || after.mtimeNs !== was.mtimeNs || after.ino !== was.ino) {
          throw new InputError(f.display, after ? 'changed' : 'not-found', after ? 'the file changed while it was processed; run again to read it as it is now' : 'the file was removed while it was processed');
        }
      }

      // Every output whole in the work folder first (what can fill a disk), then renamed into place.
      let jsons: string[];
      try {
        jsons = await commitDocument({
          ledger, writer, outDir, claim, rendered,
          record: { sha256: sha, size: facts.size, mediaType: rendered.mediaType, pages: rendered.pages, ocrPages: rendered.ocrPages, meanConfidence: rendered.meanConfidence, seconds: seconds(), archive: options.archive },
        });
      } catch (error) {
        if (isStorageError(error)) {
          stopForStorage(error);
          const record: ErrorRecord = { code: 'write-failed', message: `${input.display}: its outputs could not be written: ${describeStorageError(outDir, error)}` };
          recordFailure(input, record, t0, facts);
          return;
        }
        throw error;
      }
      const reviews = jsons.map((json, i) => ({ part: i + 1, json, review: rendered.reviews[i] ?? { needed: false, reasons: [] } }));
      outcomes.push({ input: input.display, stem: claim.stem, status: 'done', pages: rendered.pages, meanConfidence: rendered.meanConfidence, seconds: seconds(), ocrPages: rendered.ocrPages, textPages: rendered.textLayerPages, reviews });
      emit({ event: 'document', input: input.display, status: 'done', pages: rendered.pages, review: reviewColumn(reviews)?.reasons ?? [] });
    } catch (error) {
      if (abort.signal.aborted && !(error instanceof InputError) && !(error instanceof RenderError)) {
        // Interrupted (or stopped): not done, not failed; the next run does it.
        if (claimed !== undefined) {
          try {
            ledger.release(claimed);
          } catch {
            // a full disk: the claim goes stale with this run
          }
        }
        return;
      }
      if (error instanceof OcrUnavailableError) {
        stopped ??= { code: 'ocr-failed', message: error.message, exitCode: ExitCode.ocrUnavailable };
        abort.abort(error);
        if (claimed !== undefined) ledger.release(claimed);
        return;
      }
      if (isStorageError(error) && !(error instanceof InputError)) {
        stopForStorage(error);
        recordFailure(input, { code: 'write-failed', message: `${input.display}: ${describeStorageError(outDir, error)}` }, t0, facts);
        return;
      }
      recordFailure(input, error instanceof RenderError ? error.record : errorRecord(error), t0, facts);
    }
  };

  try {
    engine ??= createOcrEngine({ engine: options.engine, lang: options.lang, jobs });
    await sweepTemporaries(outDir, (id) => ledger.runAlive(id));
    ({ inputs, notes, excluded, unsupported } = await discoverInputs(options.paths, outDir, { include: options.include, exclude: options.exclude, group: options.group }));
    emit({ event: 'start', inputs: inputs.length });
    const queue = hooks.queue ?? createLocalQueue(jobs + 1);

    // Inputs another run is working on are looked at again until that run is done with them.
    let todo = inputs;
    while (todo.length && !abort.signal.aborted) {
      const busy: DiscoveredInput[] = [];
      for (const input of todo) {
        void queue.add(() =>
          processOne(input).then(
            (r) => void (r === 'busy' && busy.push(input)),
            (error: unknown) => {
              // A bug in the bookkeeping itself: reported, and the batch goes on.
              const record: ErrorRecord = { code: 'internal', message: `${input.display}: ${error instanceof Error ? error.message : String(error)}` };
              outcomes.push({ input: input.display, stem: null, status: 'failed', pages: null, meanConfidence: null, seconds: 0, error: record, ocrPages: 0, textPages: 0 });
            },
          ),
        );
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          queue.clear();
          resolve();
        };
        abort.signal.addEventListener('abort', stop, { once: true });
        queue.onIdle().then(resolve, resolve);
      });
      // After an abort, let the documents in flight settle (they stop at once).
      await queue.onIdle();
      todo = busy;
      if (todo.length && !abort.signal.aborted) await sleep(250);
    }
  } catch (error) {
    if (!isStorageError(error)) {
      ledger.close();
      throw error;
    }
    stopForStorage(error);
  } finally {
    clearInterval(sampler);
    if (!hooks.pool) await pool.close();
    if (!hooks.engine) await engine?.close();
    progress.stop();
    if (hooks.handleSignals) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }

  const interrupted = abort.signal.aborted && !stopped;
  const count = (s: DocumentOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  const failures = outcomes.filter((o) => o.error).map((o) => ({ input: o.input, error: o.error! }));
  const exitCode = stopped ? stopped.exitCode : interrupted ? ExitCode.interrupted : failures.length ? ExitCode.someFailed : ExitCode.ok;
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
      review: outcomes.filter((o) => o.status !== 'failed' && o.reviews?.some((r) => r.review.needed)).length,
    },
    pages: { total: ocrPages + textPages, ocr: ocrPages, textLayer: textPages },
    pagesPerMinute: seconds > 0 && ocrPages + textPages > 0 ? Math.round(((ocrPages + textPages) / (seconds / 60)) * 10) / 10 : null,
    peakRssMb: Math.round(peakRss / 1048576),
    failures: stopped?.code === 'ocr-failed' ? [...failures, { input: '(engine)', error: { code: 'ocr-failed', message: stopped.message } }] : failures,
    stopped: stopped ? { code: stopped.code, message: stopped.message } : null,
    notes,
    excluded,
    unsupported,
    runId: ledger.runId,
    documents: outcomes.map(({ input, stem, status, pages, meanConfidence, seconds, reviews }) => ({ input, stem, status, pages, meanConfidence, seconds, review: reviewColumn(reviews ?? null) })),
    exitCode,
  });
  const reportJson = `${JSON.stringify(report, null, 2)}\n`;
  ledger.stopHeartbeat(); // a beat writes the ledger: none between the report and the records
  try {
    // The report first, over the reserve's own blocks: on a full disk it is what the user
    // reads, and it needs no room that the documents in flight or the ledger took meanwhile.
    // What it leaves of the reserve takes the records the disk refused, and the manifest.
    if (!writeIntoReserve(outDir, REPORT_FILE, reportJson)) {
      releaseReserve(outDir);
      await writer.write(REPORT_FILE, reportJson);
    }
    for (const write of deferred) {
      try {
        write();
      } catch (error) {
        if (!isStorageError(error)) throw error; // the report has it
      }
    }
    await writer.write(REVIEW_FILE, reviewCsv(reviewRows(outcomes)));
    exportManifest(ledger, outDir, writer.tag);
    ledger.finishRun(exitCode, reportJson);
    // Last: a run stopped while it merges loses nothing (one transaction), and a full disk
    // (the merge writes the index anew) leaves the index as it was.
    if (!stopped && !interrupted) {
      const db = ledger.db;
      const stored = count('done');
      try {
        ledger.exclusive(() => mergeAfterRun(db, stored));
      } catch (error) {
        if (!isStorageError(error)) throw error;
      }
    }
  } catch (error) {
    if (!isStorageError(error)) throw error;
    // The disk is full even for these: the ledger has every record it could take.
    if (!stopped) {
      stopped = { code: 'write-failed', message: describeStorageError(outDir, error), exitCode: ExitCode.outputUnwritable };
      report.stopped = { code: stopped.code, message: stopped.message };
      report.exitCode = stopped.exitCode;
    }
    report.exitCode = ExitCode.outputUnwritable;
  } finally {
    ledger.close();
  }
  emit({ event: 'end', done: report.counts.done, skipped: report.counts.skipped, failed: report.counts.failed, seconds, exitCode: report.exitCode });
  return { exitCode: report.exitCode, report };
}

/**
 * Write `manifest.json` from the ledger: streamed (memory stays flat at any size), holding
 * the ledger's write lock so that two runs finishing together write one after the other,
 * the later export holding everything either did.
 */
export function exportManifest(ledger: Ledger, outDir: string, tag: string): void {
  ledger.exclusive(() => {
    mkdirSync(join(outDir, TMP_DIR), { recursive: true });
    const tmp = join(outDir, TMP_DIR, `${tag}-manifest`);
    const fd = openSync(tmp, 'w');
    let ok = false;
    try {
      let buffered = '';
      const put = (s: string) => {
        buffered += s;
        if (buffered.length > 1 << 16) {
          writeSync(fd, buffered);
          buffered = '';
        }
      };
      put(`{\n  "vnplanVersion": ${JSON.stringify(VERSION)},\n  "updatedAt": ${JSON.stringify(new Date().toISOString())},\n  "ledger": ${JSON.stringify(LEDGER_FILE)},\n  "documents": [`);
      let first = true;
      for (const row of ledger.rows()) {
        const entry = manifestEntry(row, ledger.outputsOf(row.id));
        put(`${first ? '' : ','}\n    ${JSON.stringify(entry, null, 2).replace(/\n/g, '\n    ')}`);
        first = false;
      }
      put(`${first ? ']' : '\n  ]'}\n}\n`);
      writeSync(fd, buffered);
      fsyncSync(fd);
      ok = true;
    } finally {
      closeSync(fd);
      if (!ok) rmSync(tmp, { force: true });
    }
    renameSync(tmp, join(outDir, MANIFEST_FILE));
  });
}

/**
 * Page images grouped into one document (./discover.ts): each file loaded (OCRed) as it is, the
 * OCR engine's queue taking the pages of all of them at once, then their pages joined in order
 * and numbered 1, 2 …. Every file must be an image.
 */
async function loadPages(
  input: DiscoveredInput, files: readonly InputPart[], chunks: readonly Uint8Array[], engine: OcrEngine, sha: string,
  onPage: (page: number, pages: number) => void, signal: AbortSignal, ocrMode: OcrMode,
): Promise<SourceDocument> {
  const types = chunks.map((c) => sniffMediaType(c));
  types.forEach((t, i) => {
    if (!t?.startsWith('image/')) throw new InputError(files[i]!.display, 'unsupported-type', `a page of ${input.display} that is not a PNG, JPEG or TIFF image`);
  });
  let done = 0;
  const sources = await Promise.all(
    files.map((f, i) => loadSourceFromBytes(f.display, chunks[i]!, { ocr: engine, ocrMode, signal, onPage: () => onPage(++done, Math.max(done, files.length)) })),
  );
  const pages = sources.flatMap((s) => s.pages ?? []).map((p, i) => ({ ...p, number: i + 1 }));
  const mediaType = types.every((t) => t === types[0]) ? types[0]! : 'image/*';
  return { file: input.display, sha256: sha, mediaType, pages, text: joinPages(pages) };
}
