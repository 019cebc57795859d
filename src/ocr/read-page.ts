/**
 * One page through OCR, from decoded pixels to a SourcePage:
 *
 *   colour page? ─ drop red and blue stamp ink (./colour.ts)
 *   straighten (./prepare.ts); blank? ─ report and skip (./blank.ts)
 *   recognise (PSM 3); nothing found ─ again in sparse mode (PSM 11): a signature-only page
 *   picture regions (a seal over a signature swallows the signer's name) ─ read again as a block
 *   stamps, seals, signature boxes out of the text, kept apart (./stamps.ts)
 *   reading order: two-column header and footer, left column first (./layout.ts)
 *   a number OCR could not read ─ left out and reported (./number.ts)
 */
import type { OcrLine, OcrWord, PageFrame, PageMessage, PageStamp, SourcePage } from '../input/source.js';
import { dropStampInk, MIN_COLOUR_SHARE, type RgbPage } from './colour.js';
import type { EngineLine, OcrEngine, OcrPageResult } from './engine.js';
import { readingOrder, linesText, wordHeight } from './layout.js';
import { checkDocumentNumber } from './number.js';
import { cropImage, encodePgm, paperLevel, prepareForOcr, type GrayPage } from './prepare.js';
import { findStampBoxes, separateStamps } from './stamps.js';

/** A decoded page: gray (1 byte a pixel) or colour (interleaved RGB). */
export type DecodedPage = (GrayPage & { channels?: 1 }) | (RgbPage & { channels: 3 });

/** Picture regions read again: at most this many a page, each at least this big (mm²). */
const MAX_PICTURE_REGIONS = 3;
const MIN_PICTURE_MM2 = 15 * 15;
/** Lines read with a mean confidence below this are read again alone, at most this many a page. */
const WEAK_LINE = 55;
const MAX_WEAK_LINES = 6;
/** A line of one word is read again when the word holds this many letters and digits (no speck). */
const MIN_WEAK_WORD = 4;
/** A page with fewer letters than this came back empty. */
const MIN_LETTERS = 3;

export type OcrPageRead = Omit<SourcePage, 'number'>;

/**
 * A line that is only dirt: a few letters at most, read with little confidence (`s`, `2Á F¬`,
 * `<<`: remnants of dropped ink where a signature crossed a seal, specks). Page numbers and
 * labels are read with confidence and stay.
 */
export function isJunk(line: Pick<EngineLine, 'words'>): boolean {
  const confidence = line.words.reduce((a, w) => a + w.confidence, 0) / Math.max(1, line.words.length);
  const letters = line.words.map((w) => w.text).join('').replace(/[^\p{L}\d]/gu, '').length;
  return confidence < 70 && letters <= 3;
}

const letters = (r: OcrPageResult) => r.words.reduce((n, w) => n + (w.text.match(/\p{L}/gu)?.length ?? 0), 0);

function info(ruleId: string, reason: string, line?: number): PageMessage {
  return { ruleId, reason, severity: 'info', ...(line === undefined ? {} : { line }) };
}

/** Words of a region's own OCR placed back on the page; words over text already read are dropped. */
function placeRegionLines(result: OcrPageResult, dx: number, dy: number, blockBase: number, known: readonly OcrWord[]): EngineLine[] {
  const overKnown = (w: OcrWord) => {
    const cx = (w.bbox.x0 + w.bbox.x1) / 2, cy = (w.bbox.y0 + w.bbox.y1) / 2;
    return known.some((k) => cx >= k.bbox.x0 && cx <= k.bbox.x1 && cy >= k.bbox.y0 && cy <= k.bbox.y1);
  };
  return result.lines
    .map((l) => {
      const words = l.words
        .map((w) => ({ ...w, bbox: { x0: w.bbox.x0 + dx, y0: w.bbox.y0 + dy, x1: w.bbox.x1 + dx, y1: w.bbox.y1 + dy } }))
        .filter((w) => !overKnown(w));
      return { ...l, block: blockBase + l.block, bbox: { x0: l.bbox.x0 + dx, y0: l.bbox.y0 + dy, x1: l.bbox.x1 + dx, y1: l.bbox.y1 + dy }, words };
    })
    .filter((l) => l.words.length);
}

/** A speck read as a letter at either end of a line (`KẾ HOẠCH S`): one or two characters, hardly any confidence. */
const isSpeckWord = (w: OcrWord) => w.confidence < 45 && w.text.replace(/[^\p{L}\d]/gu, '').length <= 2;

/**
 * What opens a heading or an item (`I.`, `II.`, `1.`, `2.3.`, `a)`, `-`): at a line's start a
 * label, however faintly read, not a speck (`I. NỘI DUNG` read `I.` at confidence 30).
 */
const LABEL_WORD = /^(?:[IVXLlH1|!]{1,5}[.,:)]|\d{1,2}(?:\.\d{1,2})?[.)]|[a-zđ]\)|[-–+•])$/u;

export function trimSpecks(line: OcrLine): OcrLine {
  let from = 0, to = line.words.length;
  while (from < to - 1 && isSpeckWord(line.words[from]!) && !(from === 0 && LABEL_WORD.test(line.words[0]!.text))) from++;
  while (to - 1 > from && isSpeckWord(line.words[to - 1]!)) to--;
  if (from === 0 && to === line.words.length) return line;
  const words = line.words.slice(from, to);
  return { ...line, words, text: words.map((w) => w.text).join(' '), confidence: Math.round((words.reduce((a, w) => a + w.confidence, 0) / words.length) * 10) / 10 };
}

/** Ordered lines without the junk ones (a cell of a table row is judged on its own), specks trimmed off their ends. */
function withoutJunk(ordered: ReturnType<typeof readingOrder>): ReturnType<typeof readingOrder> {
  const lines: OcrLine[] = [];
  const breakBefore: boolean[] = [];
  let pending = false;
  ordered.lines.forEach((whole, i) => {
    const l = trimSpecks(whole);
    if (isJunk(l)) {
      pending ||= ordered.breakBefore[i]!;
      return;
    }
    breakBefore.push(lines.length > 0 && (pending || ordered.breakBefore[i]!));
    pending = false;
    lines.push(l);
  });
  return { lines, breakBefore, text: linesText(lines, breakBefore) };
}

export async function readOcrPage(engine: OcrEngine, decoded: DecodedPage, recognize: OcrEngine['recognize'] = engine.recognize.bind(engine)): Promise<OcrPageRead> {
  const messages: PageMessage[] = [];
  let gray: GrayPage;
  if (decoded.channels === 3) {
    const dropped = dropStampInk(decoded);
    gray = dropped.page;
    if (dropped.red + dropped.blue >= MIN_COLOUR_SHARE) {
      const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
      messages.push(info('colour-dropout', `Colour scan: red ink (${pct(dropped.red)} of the page) and blue ink (${pct(dropped.blue)}) taken off before OCR (stamps, seals, signatures)`));
    }
  } else gray = decoded;
  const prepared = await prepareForOcr(gray);
  const frame: PageFrame = {
    width: prepared.image.width, height: prepared.image.height, dpi: prepared.image.dpi, angle: prepared.angle,
    imageWidth: gray.width, imageHeight: gray.height, imageDpi: gray.dpi,
  };
  if (prepared.blank?.blank) {
    messages.push(info('blank-page', `Blank page (ink on ${(prepared.blank.ink * 100).toFixed(3)} % of it: a duplex back or a separator): skipped`));
    return { text: '', method: 'blank', confidence: null, words: [], lines: [], rawText: '', messages, frame };
  }
  let result = await recognize(prepared.image);
  if (letters(result) < MIN_LETTERS) {
    const sparse = await recognize(prepared.image, { segmentation: 'sparse' });
    messages.push(info('ocr-sparse-retry', sparse.words.length
      ? `Nothing found in automatic page segmentation; read again as sparse text (PSM 11): ${sparse.words.length} words`
      : 'Nothing found in automatic page segmentation, nor as sparse text (PSM 11)'));
    if (letters(sparse) > letters(result)) result = sparse;
  }

  // Picture regions (a seal and a signature over the signer's name): read again as one block.
  const { width, height, dpi } = prepared.image;
  const mm2 = (dpi / 25.4) ** 2;
  const pictures = result.regions
    .filter((r) => r.kind === 'image')
    .filter((r) => {
      const area = (r.bbox.x1 - r.bbox.x0) * (r.bbox.y1 - r.bbox.y0);
      return area >= MIN_PICTURE_MM2 * mm2 && area <= 0.4 * width * height;
    })
    .slice(0, MAX_PICTURE_REGIONS);
  const regionLines: EngineLine[] = [];
  for (const [k, region] of pictures.entries()) {
    const crop = cropImage(prepared.gray, width, height, dpi, region.bbox);
    const read = await recognize(crop, { segmentation: 'block' });
    regionLines.push(...placeRegionLines(read, Math.max(0, Math.floor(region.bbox.x0)), Math.max(0, Math.floor(region.bbox.y0)), 1000 * (k + 1), result.words));
  }

  // A stamp's ruled box can make tesseract drop a line of print its sides cross: the strip of
  // the page the box spans is read again with the sides painted out, and lines the first
  // reading lacks are added.
  const h = wordHeight(result.lines);
  for (const box of findStampBoxes(result.lines, result.regions, dpi)) {
    let y0 = Math.max(0, Math.floor(box.y0 - h / 2)), y1 = Math.min(height, Math.ceil(box.y1 + h / 2));
    // Whole lines only: a line the strip's edge would cut is taken in.
    for (const l of result.lines) {
      if (l.bbox.y0 < y0 && l.bbox.y1 > y0) y0 = Math.max(0, l.bbox.y0 - 4);
      if (l.bbox.y0 < y1 && l.bbox.y1 > y1) y1 = Math.min(height, l.bbox.y1 + 4);
    }
    const strip = prepared.gray.slice(y0 * width, y1 * width);
    const paper = paperLevel(strip);
    for (const r of result.regions) {
      const w = r.bbox.x1 - r.bbox.x0, hh = r.bbox.y1 - r.bbox.y0;
      if (r.kind !== 'rule' && w * 3 > hh && hh * 3 > w) continue;
      if (r.bbox.y1 < y0 || r.bbox.y0 > y1 || r.bbox.x1 < box.x0 - h || r.bbox.x0 > box.x1 + h) continue;
      for (let y = Math.max(y0, r.bbox.y0 - 3); y < Math.min(y1, r.bbox.y1 + 3); y++) strip.fill(paper, (y - y0) * width + Math.max(0, r.bbox.x0 - 3), (y - y0) * width + Math.min(width, r.bbox.x1 + 3));
    }
    const read = await recognize({ data: encodePgm(strip, width, y1 - y0), width, height: y1 - y0, dpi }, { segmentation: 'block' });
    // A line the first reading lacks (no word read where its words stand) is added; a line read
    // better than the words it covers (`_ ........` for `KẾ HOẠCH` under the box) replaces them.
    const again = read.lines.map((l, i) => ({
      ...l,
      block: 2000 + i,
      bbox: { ...l.bbox, y0: l.bbox.y0 + y0, y1: l.bbox.y1 + y0 },
      words: l.words.map((w) => ({ ...w, bbox: { ...w.bbox, y0: w.bbox.y0 + y0, y1: w.bbox.y1 + y0 } })),
    }));
    const covers = (a: OcrWord, b: OcrWord) => {
      const cx = (b.bbox.x0 + b.bbox.x1) / 2, cy = (b.bbox.y0 + b.bbox.y1) / 2;
      return cx >= a.bbox.x0 && cx <= a.bbox.x1 && cy >= a.bbox.y0 && cy <= a.bbox.y1;
    };
    const mean = (ws: readonly OcrWord[]) => ws.reduce((a, w) => a + w.confidence, 0) / Math.max(1, ws.length);
    let lines = result.lines;
    const added: EngineLine[] = [];
    for (const l of again) {
      const known = lines.flatMap((k) => k.words);
      const under = known.filter((k) => l.words.some((w) => covers(w, k) || covers(k, w)));
      const unseen = l.words.filter((w) => !known.some((k) => covers(k, w))).length;
      if (unseen * 2 > l.words.length) {
        added.push(l);
      } else if (mean(l.words) >= mean(under) + 10) {
        lines = lines.map((k) => ({ ...k, words: k.words.filter((w) => !under.includes(w)) })).filter((k) => k.words.length);
        added.push(l);
      }
    }
    if (added.length) result = { ...result, lines: [...lines, ...added], words: [...lines, ...added].flatMap((l) => l.words) };
  }

  // Lines read with little confidence are read again on their own (PSM 7); the better reading stays.
  // A line read as one word of several characters is one too (`- Lưu: VT, CT.` read `-.UVUCUT`
  // at confidence 0), after the lines of several words.
  const weak = result.lines
    .map((l, i) => ({ l, i, c: l.words.reduce((a, w) => a + w.confidence, 0) / l.words.length, several: l.words.length >= 2 }))
    .filter((x) => x.c < WEAK_LINE && (x.several || x.l.words[0]!.text.replace(/[^\p{L}\d]/gu, '').length >= MIN_WEAK_WORD))
    .sort((a, b) => Number(b.several) - Number(a.several) || a.c - b.c)
    .slice(0, MAX_WEAK_LINES);
  if (weak.length) {
    const lines = [...result.lines];
    for (const { l, i, c } of weak) {
      const pad = Math.round(h * 0.35);
      const box = { x0: l.bbox.x0 - pad, y0: l.bbox.y0 - pad, x1: l.bbox.x1 + pad, y1: l.bbox.y1 + pad };
      const read = await recognize(cropImage(prepared.gray, width, height, dpi, box), { segmentation: 'line' });
      const words = read.words.map((w) => ({ ...w, bbox: { x0: w.bbox.x0 + Math.max(0, box.x0), y0: w.bbox.y0 + Math.max(0, box.y0), x1: w.bbox.x1 + Math.max(0, box.x0), y1: w.bbox.y1 + Math.max(0, box.y0) } }));
      const again = words.length ? words.reduce((a, w) => a + w.confidence, 0) / words.length : 0;
      if (again >= c + 15) lines[i] = { ...l, words };
    }
    result = { ...result, lines, words: lines.flatMap((l) => l.words) };
  }

  const separated = separateStamps(result.lines, result.regions, dpi, regionLines);
  const raw = readingOrder([...result.lines, ...regionLines]);
  const ordered = withoutJunk(readingOrder(separated.lines));
  const number = checkDocumentNumber(ordered.lines);
  if (number.message) messages.push(number.message);
  const lines: OcrLine[] = number.lines;
  const stamps: PageStamp[] = separated.stamps;
  for (const s of stamps) {
    const what = s.kind === 'incoming' ? `an incoming stamp${s.registryNumber ? ` (registry number ${s.registryNumber})` : ''}` : s.kind === 'seal' ? 'a seal or signature' : s.kind === 'signature-box' ? 'a digital-signature box' : 'a certified-copy box';
    messages.push(info('stamp-removed', `Text of ${what} kept out of the page text: \`${s.text.replace(/\n/g, ' / ').slice(0, 80)}\``));
  }
  const words = lines.flatMap((l) => l.words);
  const confidence = words.length ? Math.round((words.reduce((a, w) => a + w.confidence, 0) / words.length) * 10) / 10 : null;
  return {
    text: linesText(lines, ordered.breakBefore),
    method: 'ocr',
    confidence,
    words,
    lines,
    ...(stamps.length ? { stamps } : {}),
    rawText: raw.text,
    ...(messages.length ? { messages } : {}),
    frame,
  };
}
