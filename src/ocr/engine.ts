/**
 * The OCR engine seam: one page image in, its text, mean confidence and word boxes out.
 * Implementations: tesseract.js (a worker pool, the default) and the native `tesseract`
 * command. Engines are created once per run and shared by every document.
 */
import { z } from 'zod';
import { BBox, OcrWord } from '../input/source.js';

/** A page image ready for OCR: an encoded image (PGM, PNG, JPEG, TIFF) and its resolution. */
export interface OcrImage {
  data: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}

/** A line as the engine found it: its block, paragraph and line numbers (tesseract's), its words. */
export const EngineLine = z.object({
  block: z.number().int().nonnegative(),
  paragraph: z.number().int().nonnegative(),
  line: z.number().int().nonnegative(),
  bbox: BBox,
  words: z.array(OcrWord),
});
export type EngineLine = z.infer<typeof EngineLine>;

/** A block the engine found without text: a ruled line (`rule`) or a picture (`image`: a seal, a signature, a photo). */
export const EngineRegion = z.object({ kind: z.enum(['rule', 'image']), bbox: BBox });
export type EngineRegion = z.infer<typeof EngineRegion>;

export const OcrPageResult = z.object({
  /** Text in the engine's order: lines joined by \n, paragraphs by a blank line. */
  text: z.string(),
  /** Mean word confidence, 0–100; null when no word was found. */
  confidence: z.number().min(0).max(100).nullable(),
  words: z.array(OcrWord),
  /** The lines, in the engine's order, with their words. */
  lines: z.array(EngineLine).default([]),
  regions: z.array(EngineRegion).default([]),
});
export type OcrPageResult = z.infer<typeof OcrPageResult>;

/**
 * Page segmentation modes vnplan uses: `auto` (3, the default), `sparse` (11: text in no
 * particular order, for a page tesseract finds empty, such as a signature page), `block`
 * (6: one uniform block, for a region cut out of the page), `line` (7: one line, for a line
 * read again).
 */
export type PageSegmentation = 'auto' | 'sparse' | 'block' | 'line';
export const PSM: Record<PageSegmentation, string> = { auto: '3', sparse: '11', block: '6', line: '7' };

export interface RecognizeOptions {
  /** @default 'auto' */
  segmentation?: PageSegmentation;
}

export const OcrEngineName = z.enum(['tesseractjs', 'native']);
export type OcrEngineName = z.infer<typeof OcrEngineName>;

export interface OcrEngine {
  readonly name: OcrEngineName;
  /** Tesseract language string, e.g. `vie` or `vie+eng`. */
  readonly lang: string;
  /** How many pages it recognises at once. */
  readonly concurrency: number;
  recognize(image: OcrImage, options?: RecognizeOptions): Promise<OcrPageResult>;
  /** Stop every worker; pending recognitions reject. Safe to call twice. */
  close(): Promise<void>;
}

export const OcrEngineOptions = z.object({
  engine: OcrEngineName.default('tesseractjs'),
  lang: z.string().regex(/^[a-z_]{3,}(\+[a-z_]{3,})*$/, 'a tesseract language such as vie or vie+eng').default('vie'),
  jobs: z.number().int().positive().max(64).optional(),
  /** Bound on starting one worker (loading the model). */
  startTimeoutMs: z.number().int().positive().default(60_000),
});
export type OcrEngineOptions = z.input<typeof OcrEngineOptions>;

/** The engine cannot run at all (model missing, command not installed, worker won't start). */
export class OcrUnavailableError extends Error {
  override readonly name = 'OcrUnavailableError';
}
