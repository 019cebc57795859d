/**
 * Ink on a page that is not the document's text: the incoming stamp a receiving office puts
 * over the header (`UBND … / ĐẾN / Số: 4644 / Ngày: … / Chuyển: …`, in a ruled box), the box a
 * digital signature leaves on a printout (`Ký bởi: … / Thời gian ký: …`), a certified-copy
 * box (`SAO Y BẢN CHÍNH`) and the round seal over the signature. On colour scans the red and
 * blue inks are gone before OCR (./colour.ts); on gray and black-and-white scans their text
 * is read with the page and is taken out here, kept apart as the page's `stamps`.
 *
 * An incoming stamp is found by its ruled box (tesseract reports the box's sides as text-less
 * blocks) holding stamp words; words inside the box are the stamp's, except print the box
 * was stamped over, recognised as words that run on, word-space close, into the line's words
 * outside the box. A seal is a picture region to tesseract; the text read from it again
 * (./pages.ts) is kept when it reads as words, else it is the seal's.
 */
import type { BBox, OcrWord, PageStamp } from '../input/source.js';
import { fold, isValidSyllable } from '../restore/syllable.js';
import type { EngineLine, EngineRegion } from './engine.js';
import { wordHeight } from './layout.js';

const MM_PER_INCH = 25.4;

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Words a stamp prints (folded, upper case): the `ĐẾN` of an incoming stamp and its fields. */
const INCOMING_WORD = /^(?:DEN|ĐEN|ĐẾN|ĐÉN)$/u;
/** A stamp's fields, on folded text (marks dropped): `Số: 4644`, `Ngày 27/11`, `Chuyển:`, `Lưu hồ sơ số:` (colons are often lost). */
const STAMP_FIELD = /(?:^|\s)(?:so|ngay)\s*[:.]?\s*\d|(?:^|\s)(?:chuyen|luu ho so|nguoi nhan)(?=\s|[:.]|$)/iu;
const SIGNATURE_BOX_LINE = /^(?:Ký bởi|Ky boi|Người ký|Thời gian ký|Thoi gian ky|Cơ quan|Email|Chức vụ)\s*:/iu;
const COPY_LINE = /(?<!\p{L})SAO Y(?: BẢN CHÍNH)?(?!\p{L})/u;

const isIncomingWord = (w: OcrWord) => INCOMING_WORD.test(w.text.replace(/[^\p{L}]/gu, '').toUpperCase());

const inside = (b: BBox, box: BBox, pad = 0) => {
  const cx = (b.x0 + b.x1) / 2;
  const cy = (b.y0 + b.y1) / 2;
  return cx >= box.x0 - pad && cx <= box.x1 + pad && cy >= box.y0 - pad && cy <= box.y1 + pad;
};

/** Ruled boxes: two horizontal rules one above the other, joined by a vertical side. */
export function ruledBoxes(regions: readonly EngineRegion[], dpi: number): BBox[] {
  const mm = dpi / MM_PER_INCH;
  const thin = (b: BBox) => Math.min(b.x1 - b.x0, b.y1 - b.y0);
  const horizontal = regions.map((r) => r.bbox).filter((b) => b.x1 - b.x0 >= 20 * mm && b.x1 - b.x0 > 6 * (b.y1 - b.y0));
  const vertical = regions.map((r) => r.bbox).filter((b) => b.y1 - b.y0 >= 5 * mm && b.y1 - b.y0 > 3 * (b.x1 - b.x0) && thin(b) < 4 * mm);
  const boxes: BBox[] = [];
  for (const top of horizontal) {
    for (const bottom of horizontal) {
      if (bottom === top) continue;
      const dy = bottom.y0 - top.y1;
      if (dy < 10 * mm || dy > 70 * mm) continue;
      const overlap = Math.min(top.x1, bottom.x1) - Math.max(top.x0, bottom.x0);
      if (overlap < 0.7 * Math.min(top.x1 - top.x0, bottom.x1 - bottom.x0)) continue;
      const box = { x0: Math.min(top.x0, bottom.x0), y0: top.y0, x1: Math.max(top.x1, bottom.x1), y1: bottom.y1 };
      const side = vertical.some((v) => (Math.abs(v.x0 - box.x0) < 6 * mm || Math.abs(v.x1 - box.x1) < 6 * mm) && v.y0 < box.y1 && v.y1 > box.y0 && v.y1 - v.y0 > 0.3 * (box.y1 - box.y0));
      // Without a side found (a fax breaks thin sides into dots): rules of one length, one above the other.
      const matched = Math.abs(top.x0 - bottom.x0) < 6 * mm && Math.abs(top.x1 - bottom.x1) < 6 * mm && dy <= 45 * mm;
      if (side || matched) boxes.push(box);
    }
  }
  return boxes;
}

function stampOf(kind: PageStamp['kind'], words: OcrWord[], bbox?: BBox): PageStamp {
  const rows: OcrWord[][] = [];
  for (const w of [...words].sort((a, b) => a.bbox.y0 - b.bbox.y0)) {
    const row = rows.find((r) => Math.abs((r[0]!.bbox.y0 + r[0]!.bbox.y1) / 2 - (w.bbox.y0 + w.bbox.y1) / 2) < (w.bbox.y1 - w.bbox.y0) * 0.6);
    if (row) row.push(w);
    else rows.push([w]);
  }
  const text = rows.map((r) => r.sort((a, b) => a.bbox.x0 - b.bbox.x0).map((w) => w.text).join(' ')).join('\n');
  const stamp: PageStamp = { kind, text };
  if (bbox) stamp.bbox = bbox;
  if (kind === 'incoming') {
    const number = /S[ốoô6ó]\s*(?:đến)?\s*[:.]?\s*(\d{1,6})\b/u.exec(text);
    if (number) stamp.registryNumber = number[1]!;
    const date = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(text);
    if (date) stamp.date = `${date[3]}-${date[2]!.padStart(2, '0')}-${date[1]!.padStart(2, '0')}`;
  }
  return stamp;
}

/** Share of a line's words (of two letters or more) that are Vietnamese syllables, codes or numbers. */
export function wordShare(words: readonly OcrWord[]): number {
  const tokens = words.map((w) => w.text.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '')).filter((t) => t.length >= 2);
  if (!tokens.length) return 0;
  const good = tokens.filter((t) => isValidSyllable(t.toLowerCase()) || /^[\p{Lu}\d&/.-]{2,}$/u.test(t) || /^\d/.test(t));
  return good.length / tokens.length;
}

/** Words of a digital-signature box, folded: `Ký bởi`, `Thời gian ký`, `Người ký`. */
const SIGNATURE_BOX_WORDS = /(?:^|\s)(?:ky boi|thoi gian ky|nguoi ky)(?=\s|[:.]|$)/iu;

function stampKind(words: readonly OcrWord[], inTopMargin = false): PageStamp['kind'] | null {
  const text = words.map((w) => w.text).join(' ');
  const folded = fold(text).toLowerCase();
  if (SIGNATURE_BOX_WORDS.test(folded)) return 'signature-box';
  const incoming = words.some(isIncomingWord) || STAMP_FIELD.test(folded);
  if (incoming) return 'incoming';
  if (COPY_LINE.test(text)) return 'copy';
  // A ruled box holding no words, only text read with little confidence (a faxed stamp broken
  // into dots, a digital signature's box too small to read): not the document's either.
  const confidence = words.reduce((a, w) => a + w.confidence, 0) / Math.max(1, words.length);
  if (inTopMargin && (wordShare(words) < 0.6 || confidence < 65)) return 'signature-box';
  return words.length && confidence < 60 ? 'incoming' : null;
}

/** Ruled boxes of the page that hold a stamp's words (`ĐẾN`, `Số: 4644`, `SAO Y`). */
export function findStampBoxes(lines: readonly EngineLine[], regions: readonly EngineRegion[], dpi: number): BBox[] {
  return ruledBoxes(regions, dpi).filter((box) => stampKind(lines.flatMap((l) => l.words.filter((w) => inside(w.bbox, box))), aboveAll(box, lines)) === 'incoming');
}

/** The box stands above every line of print outside it. */
function aboveAll(box: BBox, lines: readonly EngineLine[]): boolean {
  const outside = lines.flatMap((l) => l.words).filter((w) => !inside(w.bbox, box) && /\p{L}{2}/u.test(w.text) && w.confidence >= 60);
  return outside.length > 0 && outside.every((w) => w.bbox.y0 >= box.y1 - 2);
}

export interface SeparatedStamps {
  lines: EngineLine[];
  stamps: PageStamp[];
}

/**
 * Take stamp, signature-box and seal text out of a page's lines. `sealLines` are the lines
 * read again from picture regions (seal and signature): kept when they read as text.
 */
export function separateStamps(engineLines: readonly EngineLine[], regions: readonly EngineRegion[], dpi: number, sealLines: readonly EngineLine[] = []): SeparatedStamps {
  const h = wordHeight(engineLines);
  const stamps: PageStamp[] = [];
  let lines = engineLines.map((l) => ({ ...l, words: [...l.words] }));

  // Incoming stamps and copy boxes: ruled boxes holding stamp words. Words inside the box are
  // the stamp's, except print the box was stamped over: a word standing on the same line as
  // print outside the box (its height band shared, its size the same, word-spaces away).
  const allWords = lines.flatMap((l) => l.words);
  for (const box of ruledBoxes(regions, dpi)) {
    const outside = allWords.filter((w) => !inside(w.bbox, box));
    const print = (w: OcrWord): boolean => {
      if (isIncomingWord(w)) return false;
      const h0 = w.bbox.y1 - w.bbox.y0;
      // (Its confidence says little: the box's side crossing the word lowers it.)
      return outside.some((o) => {
        const h1 = o.bbox.y1 - o.bbox.y0;
        const overlap = Math.min(o.bbox.y1, w.bbox.y1) - Math.max(o.bbox.y0, w.bbox.y0);
        const gap = Math.max(o.bbox.x0 - w.bbox.x1, w.bbox.x0 - o.bbox.x1);
        return overlap >= 0.75 * Math.min(h0, h1) && h0 >= 0.7 * h1 && h0 <= 1.45 * h1 && gap < 2 * h;
      });
    };
    const taken: OcrWord[] = [];
    const kept = lines.map((line) => {
      const stampWords = line.words.filter((w) => inside(w.bbox, box) && !print(w));
      if (!stampWords.length) return line;
      taken.push(...stampWords);
      return { ...line, words: line.words.filter((w) => !stampWords.includes(w)) };
    });
    const kind = stampKind(taken, aboveAll(box, lines));
    if (!taken.length || kind === null) continue;
    // (A low-confidence box is taken as a stamp only when its words are not print under it.)
    lines = kept;
    stamps.push(stampOf(kind, taken, box));
  }

  // Boxes of digital signatures: their lines wherever they stand.
  const boxWords: OcrWord[] = [];
  lines = lines.map((line) => {
    const text = line.words.map((w) => w.text).join(' ');
    if (!SIGNATURE_BOX_LINE.test(text)) return line;
    boxWords.push(...line.words);
    return { ...line, words: [] };
  });
  if (boxWords.length) stamps.push(stampOf('signature-box', boxWords));

  // Junk beside picture regions (the edge of a seal read as `:` or `⁄T g`) is the seal's.
  const sealWords: OcrWord[] = [];
  const pictures = regions.filter((r) => r.kind === 'image').map((r) => ({ x0: r.bbox.x0 - h, y0: r.bbox.y0 - h, x1: r.bbox.x1 + h, y1: r.bbox.y1 + h }));
  lines = lines.map((line) => {
    const junk = line.words.filter((w) => {
      if (!pictures.some((p) => inside(w.bbox, p))) return false;
      const letters = w.text.replace(/[^\p{L}]/gu, '').length;
      return w.confidence < 60 || letters < 2 || wordShare([w]) < 1;
    });
    if (!junk.length) return line;
    sealWords.push(...junk);
    return { ...line, words: line.words.filter((w) => !junk.includes(w)) };
  });
  // Text read again from picture regions: words, or the seal's garbage.
  const recovered: EngineLine[] = [];
  for (const line of sealLines) {
    // Words, one by one: confident and Vietnamese (the signer's name under the seal's edge).
    const words = line.words.filter((w) => w.confidence >= 75 && /\p{L}{2}/u.test(w.text) && wordShare([w]) === 1);
    const letters = words.map((w) => w.text).join('').replace(/[^\p{L}]/gu, '').length;
    if (words.length && letters >= 3) {
      recovered.push({ ...line, words });
      sealWords.push(...line.words.filter((w) => !words.includes(w)));
    } else sealWords.push(...line.words);
  }
  if (sealWords.length) stamps.push(stampOf('seal', sealWords));
  return { lines: [...lines.filter((l) => l.words.length), ...recovered], stamps };
}
