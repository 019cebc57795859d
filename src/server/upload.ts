/**
 * Uploads: a file sent to `POST /v1/documents` is read as `vnplan ingest` reads an input and
 * stored in the same ledger, through the same claim and record. Nothing from the request
 * becomes a path: the input's identity is `upload:<sha256>` (no file), its outputs are named
 * `uploads/<first 16 hex digits of its sha256>.<type>` (`.json`, `.txt`, `.md`, `.ocr.txt`
 * after it), and the name the client gives is only recorded (`source.file` = `upload:NAME`).
 * Uploads are read one at a time, in a worker thread, with a time limit.
 */
import { join } from 'node:path';
import { AtomicWriter, TMP_DIR } from '../batch/atomic.js';
import { commitDocument } from '../batch/commit.js';
import { errorRecord, type Rendered } from '../batch/document.js';
import { Ledger } from '../batch/ledger.js';
import type { ErrorRecord } from '../batch/manifest.js';
import { PipelinePool, RenderError } from '../batch/workers.js';
import { loadSourceFromBytes, sniffMediaType } from '../input/load.js';
import { DOCX_MEDIA_TYPE, DOC_MEDIA_TYPE } from '../data/word.js';
import { sha256 } from '../input/text.js';
import { createOcrEngine, type OcrEngine } from '../ocr/index.js';
import { VERSION } from '../version.js';
import { mkdirSync } from 'node:fs';

export interface UploadOptions {
  /** Seconds the reading of one upload may take (OCR included). */
  timeoutSeconds: number;
  /** The text of one document may be no larger (UTF-8 bytes). */
  maxTextBytes: number;
}

/** An upload that could not be read as a plan: its error record, as ingest would write it. */
export class UploadError extends Error {
  constructor(readonly record: ErrorRecord, readonly status: number) {
    super(record.message);
  }
}

const EXTENSION: Record<string, string> = {
  'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg', 'image/tiff': '.tif', [DOCX_MEDIA_TYPE]: '.docx', [DOC_MEDIA_TYPE]: '.doc',
};

/** The client's file name made harmless for the record: its last part, printable, short. */
export function recordedName(name: string | undefined, sha: string): string {
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = last.replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 200);
  return clean && clean !== '.' && clean !== '..' ? clean : `${sha.slice(0, 16)}`;
}

export class Uploader {
  private readonly ledger: Ledger;
  private readonly writer: AtomicWriter;
  private readonly pool = new PipelinePool({ size: 1 });
  private engine: OcrEngine | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly settings = 'lang=vie;ocr=skip';

  constructor(readonly outDir: string, readonly options: UploadOptions) {
    this.ledger = Ledger.open(outDir);
    this.ledger.startRun(VERSION, this.settings);
    mkdirSync(join(outDir, TMP_DIR), { recursive: true });
    this.writer = new AtomicWriter(outDir, `${this.ledger.runId}-${process.pid}`);
  }

  /** Read and store one upload (one at a time); resolves with its document id. */
  add(bytes: Uint8Array, name: string | undefined): Promise<{ id: number; created: boolean }> {
    const run = this.queue.then(() => this.addNow(bytes, name));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async addNow(bytes: Uint8Array, name: string | undefined): Promise<{ id: number; created: boolean }> {
    const t0 = performance.now();
    const sha = sha256(bytes);
    const key = Buffer.from(`upload:${sha}`);
    const mediaType = sniffMediaType(bytes);
    const display = `upload:${recordedName(name, sha)}`;
    const input = { key, display, relative: `uploads/${sha.slice(0, 16)}${EXTENSION[mediaType ?? ''] ?? '.txt'}` };
    const seconds = () => Math.round((performance.now() - t0) / 10) / 100;
    const failed = (record: ErrorRecord, status: number) => {
      this.ledger.fail(input, VERSION, this.settings, { sha256: sha, size: bytes.length, mediaType, code: record.code, message: record.message, seconds: seconds() });
      return new UploadError(record, status);
    };
    const known = this.ledger.get(key);
    if (this.ledger.isDone(known, sha, VERSION, this.settings)) return { id: known.id, created: false };
    const claim = this.ledger.claim(input, sha, VERSION, this.settings);
    if (claim.kind === 'done') return { id: claim.row.id, created: false };
    if (claim.kind === 'busy') throw new UploadError({ code: 'changed', message: `${display}: another run is reading the same bytes; try again shortly` }, 409);

    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new RenderError({ code: 'timeout', message: `${display}: it was not read within ${this.options.timeoutSeconds} s (the upload timeout)` })), this.options.timeoutSeconds * 1000);
    let rendered: Rendered;
    try {
      if (bytes.length > this.options.maxTextBytes && mediaType === null) throw new RenderError({ code: 'too-large', message: `${display}: its text is larger than the limit per document` });
      if (mediaType === 'application/pdf' || mediaType?.startsWith('image/')) {
        this.engine ??= createOcrEngine({ engine: 'tesseractjs', lang: 'vie', jobs: 1 });
        const source = await loadSourceFromBytes(display, bytes, { ocr: this.engine, ocrMode: 'skip', signal: abort.signal });
        rendered = await this.pool.run({ file: display, source, maxTextBytes: this.options.maxTextBytes }, abort.signal);
      } else {
        rendered = await this.pool.run({ file: display, bytes: bytes.slice(), maxTextBytes: this.options.maxTextBytes }, abort.signal);
      }
    } catch (error) {
      const reason = abort.signal.aborted ? (abort.signal.reason as RenderError) : error;
      const record = reason instanceof RenderError ? reason.record : errorRecord(reason);
      throw failed(record, record.code === 'timeout' ? 504 : record.code === 'internal' ? 500 : 422);
    } finally {
      clearTimeout(timer);
    }

    try {
      await commitDocument({
        ledger: this.ledger, writer: this.writer, outDir: this.outDir, claim, rendered,
        record: { sha256: sha, size: bytes.length, mediaType: rendered.mediaType, pages: rendered.pages, ocrPages: rendered.ocrPages, meanConfidence: rendered.meanConfidence, seconds: seconds() },
      });
      return { id: claim.id, created: true };
    } catch (error) {
      throw failed({ code: 'write-failed', message: `${display}: its outputs could not be written (${(error as Error).message})` }, 500);
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await this.pool.close();
    await this.engine?.close();
    try {
      this.ledger.finishRun(0, JSON.stringify({ uploads: true }));
    } catch {
      // a closed or full database: the run goes stale and is taken for dead
    }
    this.ledger.close();
  }
}
