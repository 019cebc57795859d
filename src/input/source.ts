/**
 * What every input becomes before the pipeline sees it: its text, and for paged inputs
 * (PDF, TIFF, images) the text of each page with what OCR measured. Loaders for each
 * media type live beside this file; they throw `InputError` only for inputs that cannot
 * be read at all.
 */
import { z } from 'zod';

export const OcrWord = z.object({
  text: z.string(),
  confidence: z.number(),
  bbox: z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }),
});

export const SourcePage = z.object({
  number: z.number().int().positive(),
  text: z.string(),
  /** How the page's text was obtained. */
  method: z.enum(['text-layer', 'ocr', 'plain']),
  /** Mean OCR word confidence, 0–100; null for text layers. */
  confidence: z.number().nullable(),
  words: z.array(OcrWord).optional(),
  /** Raw OCR text before any repair, kept for the archive. */
  rawText: z.string().optional(),
});

/** How a text input's bytes were read: UTF-8, UTF-16, or an encoding from before Unicode. */
export const TextEncoding = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'tcvn3', 'vni', 'viscii', 'windows-1258']);
export type TextEncoding = z.infer<typeof TextEncoding>;

export const SourceDocument = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mediaType: z.string(),
  /** null for unpaged text inputs. */
  pages: z.array(SourcePage).nullable(),
  /** The whole text; for paged inputs the pages joined by a form feed line. */
  text: z.string(),
  /** Text inputs: the encoding their bytes were read in (`text` is Unicode either way). */
  encoding: TextEncoding.optional(),
});

export type OcrWord = z.infer<typeof OcrWord>;
export type SourcePage = z.infer<typeof SourcePage>;
export type SourceDocument = z.infer<typeof SourceDocument>;

/** Page separator inside `SourceDocument.text` for paged inputs. */
export const PAGE_BREAK = '\f';

export const InputErrorCode = z.enum([
  'not-found', 'not-a-file', 'empty', 'unknown-encoding', 'unsupported-type', 'corrupt',
  'encrypted', 'too-large', 'ocr-failed', 'unreadable', 'tool-missing',
  // The file changed while it was read (a batch sees this; a rerun reads it again).
  'changed',
  // Written by vnplan before it read other encodings than UTF-8; still found in old manifests.
  'not-utf8',
]);
export type InputErrorCode = z.infer<typeof InputErrorCode>;

/** An input that cannot be read at all. Names the file and why. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly file: string,
    readonly code: InputErrorCode,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }
}

/** Join page texts the way `SourceDocument.text` expects. */
export function joinPages(pages: readonly SourcePage[]): string {
  return pages.map((p) => p.text.replace(/\n+$/, '')).join(`\n${PAGE_BREAK}\n`);
}
