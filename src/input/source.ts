/**
 * What every input becomes before the pipeline sees it: its text, and for paged inputs
 * (PDF, TIFF, images) the text of each page with what OCR measured. Loaders for each
 * media type live beside this file; they throw `InputError` only for inputs that cannot
 * be read at all.
 */
import { z } from 'zod';
import { INPUT_ERROR_CODES, InputError } from './errors.js';

export const BBox = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });

export const OcrWord = z.object({
  text: z.string(),
  confidence: z.number(),
  bbox: BBox,
});

/**
 * A line of an OCRed page in reading order (src/ocr/layout.ts), with its words. `block`
 * numbers the page's layout blocks 1, 2 … in reading order: a column of a two-column band
 * (the header table, the footer table) is a block of its own, `column` says which.
 */
export const OcrLine = z.object({
  text: z.string(),
  bbox: BBox,
  /** Mean word confidence, 0–100. */
  confidence: z.number(),
  block: z.number().int().positive(),
  column: z.enum(['left', 'right']).optional(),
  words: z.array(OcrWord),
});

/** Ink on the page that is not the document's text: an incoming stamp, a seal, a digital-signature box, a certified-copy box. */
export const PageStamp = z.object({
  kind: z.enum(['incoming', 'seal', 'signature-box', 'copy']),
  /** What OCR read of it, lines joined by \n (may be garbage for a seal). */
  text: z.string(),
  bbox: BBox.optional(),
  /** An incoming stamp's registry number (`Số: 4644`) and date, when readable. */
  registryNumber: z.string().optional(),
  date: z.string().optional(),
});

/** What a loader noticed on a page; the pipeline turns these into messages on the file (src/stages/source-layout.ts). */
export const PageMessage = z.object({
  ruleId: z.string(),
  reason: z.string(),
  severity: z.enum(['info', 'warning']),
  /** 0-based index of the page's non-empty text line (the same index in `lines`) it is about. */
  line: z.number().int().nonnegative().optional(),
});

/**
 * Where an OCRed page's boxes are measured. OCR reads the page image straightened (turned by
 * `angle` degrees clockwise about its centre, the canvas grown to hold it) and brought to at
 * most 300 dpi: `width` × `height` at `dpi`. The page image itself (the input's own pixels,
 * or the PDF page rendered) is `imageWidth` × `imageHeight` at `imageDpi`. The archive
 * formats map the boxes back onto the page image (src/archive/geometry.ts).
 */
export const PageFrame = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  dpi: z.number().positive(),
  angle: z.number(),
  imageWidth: z.number().int().positive(),
  imageHeight: z.number().int().positive(),
  imageDpi: z.number().positive(),
});

export const SourcePage = z.object({
  number: z.number().int().positive(),
  text: z.string(),
  /** How the page's text was obtained; `blank`: a blank page (a duplex back), not OCRed, no text. */
  method: z.enum(['text-layer', 'ocr', 'plain', 'blank']),
  /** Mean OCR word confidence, 0–100; null for text layers. */
  confidence: z.number().nullable(),
  words: z.array(OcrWord).optional(),
  /** OCR pages: the lines of `text` (every non-empty line, in order) with their words and layout block. */
  lines: z.array(OcrLine).optional(),
  /** Stamps, seals and signature boxes found on the page and kept out of `text`. */
  stamps: z.array(PageStamp).optional(),
  messages: z.array(PageMessage).optional(),
  /** Raw OCR text before any repair, kept for the archive. */
  rawText: z.string().optional(),
  /** OCRed (and blank) pages: the frame their boxes are measured in. */
  frame: PageFrame.optional(),
});

/** How a text input's bytes were read: UTF-8, UTF-16, or an encoding from before Unicode. */
export const TextEncoding = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'tcvn3', 'vni', 'viscii', 'windows-1258']);
export type TextEncoding = z.infer<typeof TextEncoding>;

export const SourceDocument = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mediaType: z.string(),
  /** 1, 2 … when the file holds several documents and this is one of them (src/input/split.ts). */
  part: z.number().int().positive().optional(),
  /** null for unpaged text inputs. */
  pages: z.array(SourcePage).nullable(),
  /** The whole text; for paged inputs the pages joined by a form feed line. */
  text: z.string(),
  /** Text inputs: the encoding their bytes were read in (`text` is Unicode either way). */
  encoding: TextEncoding.optional(),
});

export type BBox = z.infer<typeof BBox>;
export type OcrWord = z.infer<typeof OcrWord>;
export type OcrLine = z.infer<typeof OcrLine>;
export type PageStamp = z.infer<typeof PageStamp>;
export type PageMessage = z.infer<typeof PageMessage>;
export type PageFrame = z.infer<typeof PageFrame>;
export type SourcePage = z.infer<typeof SourcePage>;
export type SourceDocument = z.infer<typeof SourceDocument>;

/** Page separator inside `SourceDocument.text` for paged inputs. */
export const PAGE_BREAK = '\f';

export const InputErrorCode = z.enum(INPUT_ERROR_CODES);
export type InputErrorCode = z.infer<typeof InputErrorCode>;

export { InputError };

/** Join page texts the way `SourceDocument.text` expects. */
export function joinPages(pages: readonly SourcePage[]): string {
  return pages.map((p) => p.text.replace(/\n+$/, '')).join(`\n${PAGE_BREAK}\n`);
}
