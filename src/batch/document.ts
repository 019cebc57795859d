/**
 * One document's work, from bytes (or a loaded scan) to its four outputs. It runs in a
 * worker thread (./workers.ts), so that the batch's main thread stays free to hear Ctrl-C,
 * keep its heartbeat and write the ledger, and so that `--jobs` runs text inputs in parallel.
 */
import { loadSourceFromBytes } from '../input/load.js';
import { InputError, PAGE_BREAK, type SourceDocument } from '../input/source.js';
import { splitDocuments } from '../input/split.js';
import { formatBytes } from '../input/text.js';
import { processSource } from '../pipeline.js';
import { renderMarkdown } from '../stages/compile.js';
import { ContractError } from '../stages/validate.js';
import type { ErrorRecord } from './manifest.js';

export interface RenderTask {
  /** The input's readable path (what messages and `source.file` name). */
  file: string;
  /** Bytes of an input that needs no OCR (text, Word)… */
  bytes?: Uint8Array;
  /** …or a scan already loaded (OCR runs on the main thread's engine). */
  source?: SourceDocument;
  /** The text of one document may be no larger (UTF-8 bytes). */
  maxTextBytes: number;
}

/** One document's four outputs. */
export interface RenderedOutputs {
  json: string;
  text: string;
  markdown: string;
  ocr: string;
}

/** The first (usually only) document's outputs, and those of each further document the file holds. */
export interface Rendered extends RenderedOutputs {
  /** Documents 2, 3 … of a file holding several (a Tờ trình with its draft decision). */
  parts: RenderedOutputs[];
  mediaType: string;
  pages: number | null;
  ocrPages: number;
  /** Pages read from a PDF's text layer. */
  textLayerPages: number;
  meanConfidence: number | null;
}

/** The raw OCR text of a document: per page what the OCR (or text layer) gave, before any repair. */
export function rawText(source: SourceDocument): string {
  if (!source.pages) return source.text;
  return `${source.pages.map((p) => (p.rawText ?? p.text).replace(/\n+$/, '')).join(`\n${PAGE_BREAK}\n`)}\n`;
}

export function meanConfidence(source: SourceDocument): number | null {
  const values = (source.pages ?? []).map((p) => p.confidence).filter((c): c is number => c !== null);
  return values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null;
}

export function errorRecord(error: unknown): ErrorRecord {
  if (error instanceof InputError) return { code: error.code, message: error.message };
  if (error instanceof ContractError) return { code: 'contract', message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export function textTooLarge(file: string, size: number, limit: number): InputError {
  return new InputError(file, 'too-large', `its text is ${formatBytes(size)}, above the limit of ${formatBytes(limit)} per document (--max-text-size)`);
}

export async function renderDocument(task: RenderTask): Promise<Rendered> {
  const source = task.source ?? (await loadSourceFromBytes(task.file, task.bytes!, {}));
  const size = Buffer.byteLength(source.text);
  if (size > task.maxTextBytes) throw textTooLarge(task.file, size, task.maxTextBytes);
  // A file holding several documents gives one set of outputs per document.
  const outputs: RenderedOutputs[] = [];
  for (const doc of splitDocuments(source)) {
    const result = await processSource(doc, { format: 'json' });
    outputs.push({
      json: result.output.endsWith('\n') ? result.output : `${result.output}\n`,
      text: result.restoredText,
      markdown: renderMarkdown(result.tree),
      ocr: rawText(doc),
    });
  }
  const [first, ...parts] = outputs;
  return {
    ...first!,
    parts,
    mediaType: source.mediaType,
    pages: source.pages?.length ?? null,
    // blank pages (duplex backs) went through the OCR layer, which found them blank
    ocrPages: source.pages?.filter((p) => p.method === 'ocr' || p.method === 'blank').length ?? 0,
    textLayerPages: source.pages?.filter((p) => p.method === 'text-layer').length ?? 0,
    meanConfidence: meanConfidence(source),
  };
}
