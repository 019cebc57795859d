/**
 * Reading order of an OCRed page from the boxes tesseract found. Plans are one column of
 * text with two two-column tables: the header (issuer and number left; motto, place and date
 * right) and the footer (`Nơi nhận` left; the signature right). Tesseract often reads such a
 * table row by row across both cells (`ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI …`), so the columns
 * come out interleaved. Here every line is cut where its words leave a gap wider than a
 * column gutter; runs of lines cut at the same place (a shared gutter) form a band, and a
 * band is read left column first, then right column. Lines that stand wholly in one column
 * of an open band join that column (a recipient line below the signature, the signer's name
 * after the blank of the signature).
 *
 * Each output line keeps its words (boxes and confidences) and says which layout block it
 * belongs to (`block`, 1-based in reading order) and, inside a band, which `column`.
 */
import type { BBox, OcrLine, OcrWord } from '../input/source.js';
import type { EngineLine } from './engine.js';

/** A gap this many word heights wide cuts a line (word spaces of justified lines stay far below). */
const GUTTER_HEIGHTS = 1.6;
/** A band needs this many rows cut at a shared gutter. */
const MIN_BAND_ROWS = 2;
/** A row further below a band's last row than this many word heights ends it (the signature blank is about six). */
const MAX_BAND_GAP_HEIGHTS = 9;

interface Segment {
  words: OcrWord[];
  bbox: BBox;
  /** Engine block and paragraph of the line it was cut from. */
  block: number;
  paragraph: number;
}

interface Row {
  segments: Segment[];
  bbox: BBox;
  block: number;
  paragraph: number;
}

function union(boxes: readonly BBox[]): BBox {
  return boxes.reduce((a, b) => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) }), { ...boxes[0]! });
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The typical word height of a page: the scale of every threshold here. */
export function wordHeight(lines: readonly EngineLine[]): number {
  return median(lines.flatMap((l) => l.words.filter((w) => /[\p{L}\d]{2}/u.test(w.text)).map((w) => w.bbox.y1 - w.bbox.y0))) || 40;
}

/**
 * Lines the engine found apart that stand on one row are one row: the two cells of a table
 * row read as two blocks (`Nơi nhận:` and `TM. ỦY BAN NHÂN DÂN`), a word read again from a
 * picture region beside the rest of its line. Lines sharing most of their height, side by
 * side without overlapping, are joined (their words keep their boxes; the cut into columns
 * comes after).
 */
function mergeRows(lines: readonly EngineLine[]): EngineLine[] {
  const out: EngineLine[] = [];
  for (const line of [...lines].sort((a, b) => a.bbox.x0 - b.bbox.x0)) {
    const h = line.bbox.y1 - line.bbox.y0;
    const mate = out.find((o) => {
      const overlap = Math.min(o.bbox.y1, line.bbox.y1) - Math.max(o.bbox.y0, line.bbox.y0);
      return overlap > 0.5 * Math.min(h, o.bbox.y1 - o.bbox.y0) && line.bbox.x0 >= o.bbox.x1 - 2;
    });
    if (mate) {
      mate.words = [...mate.words, ...line.words];
      mate.bbox = union([mate.bbox, line.bbox]);
    } else out.push({ ...line, words: [...line.words] });
  }
  return out;
}

function segmentsOf(line: EngineLine, gutter: number): Segment[] {
  const words = [...line.words].sort((a, b) => a.bbox.x0 - b.bbox.x0);
  const out: OcrWord[][] = [];
  for (const w of words) {
    const cur = out[out.length - 1];
    const prev = cur?.[cur.length - 1];
    if (cur && prev && w.bbox.x0 - prev.bbox.x1 < gutter) cur.push(w);
    else out.push([w]);
  }
  return out.map((ws) => ({ words: ws, bbox: union(ws.map((w) => w.bbox)), block: line.block, paragraph: line.paragraph }));
}

interface Band {
  gutter: [number, number];
  rows: Array<{ left: Segment[]; right: Segment[] }>;
  /** Rows cut at the gutter (the evidence that this is a table). */
  cutRows: number;
  bottom: number;
}

const centre = (b: BBox) => (b.x0 + b.x1) / 2;

type Item = { kind: 'row'; row: Row } | { kind: 'band'; band: Band };

export interface ReadingOrderResult {
  lines: OcrLine[];
  /** For each line: a blank line goes before it (a new block, or a new paragraph of a block). */
  breakBefore: boolean[];
  /** Lines joined by \n; a blank line between blocks and between paragraphs of a block. */
  text: string;
}

/** The page text of ordered lines: joined by \n, a blank line where `breakBefore` says. */
export function linesText(lines: readonly OcrLine[], breakBefore: readonly boolean[]): string {
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (i > 0 && breakBefore[i]) out.push('');
    out.push(l.text);
  });
  return out.length ? `${out.join('\n')}\n` : '';
}

/** Lines in reading order, each with its layout block and column. */
export function readingOrder(engineLines: readonly EngineLine[]): ReadingOrderResult {
  const lines = engineLines.filter((l) => l.words.length);
  if (!lines.length) return { lines: [], breakBefore: [], text: '' };
  const h = wordHeight(lines);
  const gutter = GUTTER_HEIGHTS * h;
  const rows: Row[] = mergeRows(lines)
    .map((l) => ({ segments: segmentsOf(l, gutter), bbox: l.bbox, block: l.block, paragraph: l.paragraph }))
    .sort((a, b) => (a.bbox.y0 + a.bbox.y1) / 2 - (b.bbox.y0 + b.bbox.y1) / 2);
  const textLeft = Math.min(...rows.map((r) => r.bbox.x0));
  const textRight = Math.max(...rows.map((r) => r.bbox.x1));
  const pageCentre = (textLeft + textRight) / 2;

  const items: Item[] = [];
  let band: Band | null = null;
  const closeBand = () => {
    if (!band) return;
    if (band.cutRows >= MIN_BAND_ROWS) items.push({ kind: 'band', band });
    else {
      // Not a table after all: its rows go back as they were, in order.
      for (const r of band.rows) {
        const segments = [...r.left, ...r.right];
        items.push({ kind: 'row', row: { segments, bbox: union(segments.map((s) => s.bbox)), block: segments[0]!.block, paragraph: segments[0]!.paragraph } });
      }
    }
    band = null;
  };
  /** The widest gap between segments of a row that lies inside `within` (or any, when null). */
  const cut = (row: Row, within: [number, number] | null): { at: number; gap: [number, number] } | null => {
    let best: { at: number; gap: [number, number] } | null = null;
    for (let i = 0; i + 1 < row.segments.length; i++) {
      const gap: [number, number] = [row.segments[i]!.bbox.x1, row.segments[i + 1]!.bbox.x0];
      if (within && (gap[1] <= within[0] || gap[0] >= within[1])) continue;
      if (!best || gap[1] - gap[0] > best.gap[1] - best.gap[0]) best = { at: i + 1, gap };
    }
    return best;
  };
  for (const row of rows) {
    const b = band as Band | null;
    if (b && row.bbox.y0 - b.bottom > MAX_BAND_GAP_HEIGHTS * h) closeBand();
    const open = band as Band | null;
    if (row.segments.length >= 2) {
      const c = cut(row, open ? open.gutter : null);
      if (c) {
        const left = row.segments.slice(0, c.at);
        const right = row.segments.slice(c.at);
        if (open) {
          open.gutter = [Math.max(open.gutter[0], c.gap[0]), Math.min(open.gutter[1], c.gap[1])];
          open.rows.push({ left, right });
          open.cutRows++;
          open.bottom = Math.max(open.bottom, row.bbox.y1);
        } else band = { gutter: c.gap, rows: [{ left, right }], cutRows: 1, bottom: row.bbox.y1 };
        continue;
      }
    }
    if (open) {
      // A line wholly on one side of the gutter, nearer that column's centre than the page's, joins the column.
      const seg = union(row.segments.map((s) => s.bbox));
      const leftSegs = open.rows.flatMap((r) => r.left);
      const rightSegs = open.rows.flatMap((r) => r.right);
      const leftCentre = leftSegs.length ? centre(union(leftSegs.map((s) => s.bbox))) : (textLeft + open.gutter[0]) / 2;
      const rightCentre = rightSegs.length ? centre(union(rightSegs.map((s) => s.bbox))) : (open.gutter[1] + textRight) / 2;
      const c = centre(seg);
      const tol = h * 0.5;
      if (seg.x1 <= open.gutter[1] + tol && Math.abs(c - leftCentre) < Math.abs(c - pageCentre)) {
        open.rows.push({ left: row.segments, right: [] });
        open.bottom = Math.max(open.bottom, row.bbox.y1);
        continue;
      }
      if (seg.x0 >= open.gutter[0] - tol && Math.abs(c - rightCentre) < Math.abs(c - pageCentre)) {
        open.rows.push({ left: [], right: row.segments });
        open.bottom = Math.max(open.bottom, row.bbox.y1);
        continue;
      }
      closeBand();
    }
    items.push({ kind: 'row', row });
  }
  closeBand();

  // Number blocks in reading order and write the lines out.
  const out: OcrLine[] = [];
  const breakBefore: boolean[] = [];
  let pendingBreak = false;
  let block = 0;
  let lastKey = '';
  const text = { push: (s: string) => { if (s === '') pendingBreak = true; }, get length() { return out.length; } };
  const emit = (segments: Segment[], blockNo: number, column?: 'left' | 'right') => {
    const words = segments.flatMap((s) => s.words);
    const bbox = union(segments.map((s) => s.bbox));
    const confidence = words.reduce((a, w) => a + w.confidence, 0) / words.length;
    const line: OcrLine = { text: words.map((w) => w.text).join(' '), bbox, confidence: Math.round(confidence * 10) / 10, block: blockNo, words };
    if (column) line.column = column;
    breakBefore.push(out.length > 0 && pendingBreak);
    pendingBreak = false;
    out.push(line);
  };
  for (const item of items) {
    if (item.kind === 'row') {
      const key = `${item.row.block}.${item.row.paragraph}`;
      const engineBlock = key.split('.')[0];
      if (lastKey === '' || engineBlock !== lastKey.split('.')[0] || lastKey === 'band') {
        block++;
        if (text.length) text.push('');
      } else if (key !== lastKey) text.push('');
      lastKey = key;
      emit(item.row.segments, block);
      continue;
    }
    for (const side of ['left', 'right'] as const) {
      const segs = item.band.rows.map((r) => r[side]).filter((s) => s.length);
      if (!segs.length) continue;
      block++;
      if (text.length) text.push('');
      for (const s of segs) emit(s, block, side);
    }
    lastKey = 'band';
  }
  return { lines: out, breakBefore, text: linesText(out, breakBefore) };
}
