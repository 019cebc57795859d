/**
 * The OCR engine seam: one page image in, its text, mean confidence and word boxes out.
 * Implementations: tesseract.js (a worker pool, the default) and the native `tesseract`
 * command. Engines are created once per run and shared by every document.
 */
import { z } from 'zod';
import { OcrWord } from '../input/source.js';

/** A page image ready for OCR: an encoded image (PGM, PNG, JPEG, TIFF) and its resolution. */
export interface OcrImage {
  data: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}

export const OcrPageResult = z.object({
  /** Text in reading order: lines joined by \n, paragraphs by a blank line. */
  text: z.string(),
  /** Mean word confidence, 0–100; null when no word was found. */
  confidence: z.number().min(0).max(100).nullable(),
  words: z.array(OcrWord),
});
export type OcrPageResult = z.infer<typeof OcrPageResult>;

export const OcrEngineName = z.enum(['tesseractjs', 'native']);
export type OcrEngineName = z.infer<typeof OcrEngineName>;

export interface OcrEngine {
  readonly name: OcrEngineName;
  /** Tesseract language string, e.g. `vie` or `vie+eng`. */
  readonly lang: string;
  /** How many pages it recognises at once. */
  readonly concurrency: number;
  recognize(image: OcrImage): Promise<OcrPageResult>;
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
