/**
 * The restored text put back on the page: every OCRed line's restored form, word by word,
 * on the boxes OCR found. The restorer keeps one output line per input line, and each
 * restored line knows the line of the source text it came from (`restoredSourceLines`), so
 * a restored line meets its OCR line exactly. Within a line, restored words take the OCR
 * words' boxes one to one when both have as many words (the usual case: the restorer
 * changes marks and letters, not word breaks); otherwise (words the restorer joined or split)
 * the restored words are spread over the line's extent in proportion to their length.
 *
 * Lines the pipeline dropped (a page number, a digital-signature stamp) have no restored
 * form and are left out; so are stamps and seals (never in the page text).
 */
import type { BBox, OcrLine, PageFrame, SourceDocument, SourcePage } from '../input/source.js';
import { PAGE_BREAK } from '../input/source.js';
import { boundsOf, frameToImage, quadOf, type Affine, type Quad } from './geometry.js';

export interface ArchiveWord {
  /** The restored form (NFC). */
  text: string;
  /** What OCR read there, when this word has a box of its own (one to one). */
  ocr: string | null;
  /** OCR confidence 0–1 (the line's mean for spread words). */
  confidence: number;
  /** The box in the OCR frame. */
  frame: BBox;
  /** The box on the page image: corners, and the axis-aligned box around them (pixels). */
  quad: Quad;
  box: BBox;
}

export interface ArchiveLine {
  /** The restored line. */
  text: string;
  block: number;
  frame: BBox;
  quad: Quad;
  box: BBox;
  words: ArchiveWord[];
}

export interface ArchivePage {
  /** The page's number in the file (1-based). */
  number: number;
  method: SourcePage['method'];
  /** The page image: pixels and resolution (null for pages read from a text layer). */
  width: number | null;
  height: number | null;
  dpi: number | null;
  /** Degrees OCR turned the page image to read it (0 for an upright scan). */
  angle: number;
  /** Frame pixels → page image pixels. */
  toImage: Affine | null;
  lines: ArchiveLine[];
}

/** One document of the input (a part of a file holding several), as the pipeline left it. */
export interface RestoredDocument {
  source: SourceDocument;
  /** The restored text's lines… */
  restoredLines: readonly string[];
  /** …and for each, its 1-based line in `source.text`. */
  restoredSourceLines: readonly number[];
}

const NFC = (s: string) => s.normalize('NFC');

function unionBox(boxes: readonly BBox[]): BBox {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/**
 * The restored words of one OCR line, on boxes in the frame: one to one with the OCR words
 * when the counts agree, else spread over the line's extent by length (a space counts as
 * one character).
 */
export function placeWords(line: OcrLine, restored: string): Array<{ text: string; ocr: string | null; confidence: number; frame: BBox }> {
  const tokens = NFC(restored).split(/\s+/u).filter((t) => t !== '');
  const words = line.words.filter((w) => w.text.trim() !== '');
  if (!tokens.length || !words.length) return [];
  if (tokens.length === words.length) {
    return tokens.map((text, i) => ({ text, ocr: words[i]!.text, confidence: words[i]!.confidence / 100, frame: words[i]!.bbox }));
  }
  const extent = unionBox(words.map((w) => w.bbox));
  const top = Math.min(extent.y0, line.bbox.y0), bottom = Math.max(extent.y1, line.bbox.y1);
  const lengths = tokens.map((t) => [...t].length);
  const units = lengths.reduce((a, n) => a + n, 0) + tokens.length - 1;
  const unit = (extent.x1 - extent.x0) / Math.max(1, units);
  const confidence = words.reduce((a, w) => a + w.confidence, 0) / words.length / 100;
  let x = extent.x0;
  return tokens.map((text, i) => {
    const x0 = x, x1 = x + lengths[i]! * unit;
    x = x1 + unit;
    return { text, ocr: null, confidence, frame: { x0, y0: top, x1, y1: bottom } };
  });
}

/** The pages of one document, with their restored lines placed. */
export function archivePages(doc: RestoredDocument): ArchivePage[] {
  const pages = doc.source.pages ?? [];
  // Source line (1-based) → its restored form.
  const restoredOf = new Map<number, string>();
  doc.restoredSourceLines.forEach((sourceLine, i) => restoredOf.set(sourceLine, doc.restoredLines[i] ?? ''));
  // Source line → (page index, index among the page's non-empty lines).
  const placeOf = new Map<number, { page: number; k: number }>();
  let page = 0, k = 0;
  doc.source.text.split('\n').forEach((value, i) => {
    if (value === PAGE_BREAK) {
      page++;
      k = 0;
      return;
    }
    if (value.trim() === '') return;
    placeOf.set(i + 1, { page, k: k++ });
  });
  const restoredByPage = pages.map(() => new Map<number, string>());
  for (const [sourceLine, at] of placeOf) {
    const restored = restoredOf.get(sourceLine);
    if (restored !== undefined && restored.trim() !== '') restoredByPage[at.page]?.set(at.k, restored);
  }
  return pages.map((p, index) => pageOf(p, restoredByPage[index]!));
}

function pageOf(page: SourcePage, restored: Map<number, string>): ArchivePage {
  const frame: PageFrame | undefined = page.frame;
  if (!frame || page.method === 'text-layer' || page.method === 'plain') {
    return { number: page.number, method: page.method, width: frame?.imageWidth ?? null, height: frame?.imageHeight ?? null, dpi: frame?.imageDpi ?? null, angle: frame?.angle ?? 0, toImage: frame ? frameToImage(frame) : null, lines: [] };
  }
  const toImage = frameToImage(frame);
  const W = frame.imageWidth, H = frame.imageHeight;
  const lines: ArchiveLine[] = [];
  (page.lines ?? []).forEach((line, k) => {
    const text = restored.get(k);
    if (text === undefined) return;
    const placed = placeWords(line, text);
    if (!placed.length) return;
    const words = placed.map((w) => {
      const quad = quadOf(w.frame, toImage);
      return { ...w, quad, box: boundsOf(quad, W, H) };
    });
    const lineFrame = unionBox([line.bbox, ...placed.map((w) => w.frame)]);
    const quad = quadOf(lineFrame, toImage);
    lines.push({ text: NFC(text), block: line.block, frame: lineFrame, quad, box: boundsOf(quad, W, H), words });
  });
  return { number: page.number, method: page.method, width: W, height: H, dpi: frame.imageDpi, angle: frame.angle, toImage, lines };
}
