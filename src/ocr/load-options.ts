/**
 * What the paged loaders (PDF, images) read from `LoadOptions`: the run's OCR engine, the
 * OCRmyPDF-style mode, and a progress hook. Without an engine a loader makes its own for
 * that one document (library use); a batch passes one engine for the whole run.
 */
import { z } from 'zod';
import type { OcrEngine, OcrEngineOptions } from './engine.js';

/** skip: keep pages' real text layers, OCR the rest; redo: also OCR again text layers over scanned images; force: OCR every page. */
export const OcrMode = z.enum(['skip', 'redo', 'force']);
export type OcrMode = z.infer<typeof OcrMode>;

export interface PageEvent {
  file: string;
  page: number;
  pages: number;
  /** `blank`: a blank page, reported and skipped. */
  method: 'text-layer' | 'ocr' | 'blank';
}

export interface OcrLoadOptions {
  ocr?: OcrEngine;
  /** Used to create an engine when `ocr` is not given. */
  ocrEngine?: OcrEngineOptions;
  ocrMode?: OcrMode;
  /** Called as each page is done. */
  onPage?: (event: PageEvent) => void;
  /** Aborting stops starting new pages. */
  signal?: AbortSignal;
}

export function ocrLoadOptions(options: Record<string, unknown>): OcrLoadOptions {
  const mode = OcrMode.optional().parse(options.ocrMode);
  return { ...(options as OcrLoadOptions), ocrMode: mode ?? 'skip' };
}
