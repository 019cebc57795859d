/**
 * The archive formats of a scan (`ingest --pdf --alto --hocr`): a searchable PDF, ALTO v4
 * and hOCR, all from the same placement of the restored words on the OCR boxes (./words.ts).
 * They are made per input file (all its pages), also when the file holds several documents.
 */
import type { PlanDocument } from '../contract/plan.js';
import { renderAlto } from './alto.js';
import { renderHocr } from './hocr.js';
import { renderSearchablePdf } from './pdf.js';
import { archivePages, type ArchivePage, type RestoredDocument } from './words.js';

export { archivePages, type ArchivePage, type RestoredDocument } from './words.js';

export const ARCHIVE_FORMATS = ['pdf', 'alto', 'hocr'] as const;
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

export interface ArchiveRequest {
  formats: readonly ArchiveFormat[];
  /** The input's bytes (the searchable PDF is built on them). */
  original: Uint8Array;
  mediaType: string;
  /** The input's name, as the formats cite it. */
  fileName: string;
}

export interface ArchiveOutputs {
  pdf?: Uint8Array;
  alto?: string;
  hocr?: string;
  /** What was made, for the record: pages with a text layer, PDF/A claimed, glyphs missing. */
  facts: { textPages: number; pdfa: boolean | null; missingGlyphs: number };
}

/** The formats asked for, of one input: its documents (parts) in file order, each with its plan. */
export async function renderArchive(request: ArchiveRequest, documents: ReadonlyArray<RestoredDocument & { plan: PlanDocument }>): Promise<ArchiveOutputs> {
  const pages: ArchivePage[] = documents.flatMap((d) => archivePages(d));
  const out: ArchiveOutputs = { facts: { textPages: pages.filter((p) => p.lines.length).length, pdfa: null, missingGlyphs: 0 } };
  // Nothing was OCRed (a born-digital PDF, read from its text layer): nothing to archive but what it is.
  if (!pages.some((p) => p.lines.length)) return out;
  const header = documents[0]?.plan.header;
  if (request.formats.includes('alto')) out.alto = renderAlto(pages, { fileName: request.fileName });
  if (request.formats.includes('hocr')) out.hocr = renderHocr(pages, { fileName: request.fileName, title: header?.title ?? null });
  if (request.formats.includes('pdf')) {
    const pdf = await renderSearchablePdf(request.original, request.mediaType, pages, {
      fileName: request.fileName, title: header?.title ?? null, number: header?.number ?? null, date: header?.issuedDate ?? null,
    });
    if (pdf) {
      out.pdf = pdf.bytes;
      out.facts = { textPages: pdf.textPages, pdfa: pdf.pdfa, missingGlyphs: pdf.missingGlyphs };
    }
  }
  return out;
}
