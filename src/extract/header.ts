/**
 * Header of an administrative document (Nghị định 30/2020/NĐ-CP): a two-column block with the
 * issuing body and the number on the left, the national motto and `place, ngày …` on the right,
 * then the document type (`KẾ HOẠCH`) and the title (trích yếu).
 *
 * Text layers, OCR and Word print the block in every order: one line per cell joined with
 * ` | `, both columns interleaved on one line, one cell per line, each cell broken over lines.
 * So the block is read as one stream: the motto, the number and the place-date are found by
 * their own shapes wherever they stand (across line breaks), and what is left of the upper-case
 * text is the issuer. Where the header block is missing, the body sentence that issues the plan
 * (`UBND huyện Kon Rẫy ban hành Kế hoạch …`) names the issuer and the type.
 */
import type { Header } from '../contract/plan.js';
import { ISSUER_BODIES } from '../data/agencies.js';
import { HEADER_STAMP, MOTTO_PATTERNS, NUMBER_CODE_TYPES, OWN_DOCUMENT_TYPES, PREAMBLE_OPENERS, SEPARATOR_LINE, TITLE_CAPTION } from '../data/documents.js';
import { fold, foldWords, runOfLines, sentenceCase, startsWithCue, upperRatio } from '../text/index.js';
import type { BlockNode, LineNode } from '../tree.js';
import { parseDayMonthYear } from './dates.js';
import { issuerFromLines } from './issuer.js';

export { agencyCase, issuerFromLines, placeName } from './issuer.js';

/** The left column of a header line: what precedes the national motto. */
export function withoutMotto(value: string): string {
  const folded = fold(value);
  let cut = value.length;
  for (const re of MOTTO_PATTERNS) {
    const m = new RegExp(re.source).exec(folded);
    if (m && m.index < cut) cut = m.index;
  }
  return value.slice(0, cut).trim();
}

/** `KẾ HOẠCH` (any case, OCR-folded) → `Kế hoạch`. */
export function documentTypeOf(line: string): string | undefined {
  const words = foldWords(line);
  if (words === '' || upperRatio(line) < 0.6) return undefined;
  return OWN_DOCUMENT_TYPES.find((t) => foldWords(t) === words || foldWords(t).replace(/ /g, '') === words.replace(/ /g, ''));
}

/**
 * `HOẠCH` for `KẾ HOẠCH`: a type line whose first word a stamp or the scan's edge took. Only
 * the last words of a type of two words or more, upper case, alone on the line.
 */
export function truncatedTypeOf(line: string): string | undefined {
  const words = foldWords(line);
  if (words.replace(/ /g, '').length < 4 || upperRatio(line) < 0.9) return undefined;
  return OWN_DOCUMENT_TYPES.find((t) => {
    const full = foldWords(t);
    return full.includes(' ') && full !== words && full.endsWith(` ${words}`);
  });
}

/**
 * `Số: 94 /KH-UBND`, `Số:   84     /KH-UBND`, `S6:288 /KH-UBND`, `Số:` / `7360/KH-UBND` (the number
 * on the next line), `Số:      /KH-MTTQ-BTT` (a draft: blank). Group 1 the digits, 2 the code.
 */
const NUMBER = /\bS\S{0,2}\s*[:.]\s*(\d[\d.,\s]*?)?\s*(\/\s*(?:\d{4}\s*\/\s*)?[\p{L}\d][\p{L}\d&.]*(?:\s?[-–]\s?[\p{L}\d&.]+)*)/u;

/** `Số: 94 /KH-UBND` → `94/KH-UBND`; a blank number gives `number: null`. */
export function documentNumber(text: string): { number: string | null; index: number; end: number } | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const digits = (m[1] ?? '').replace(/[\s.,]+$/g, '').replace(/\s+/g, '');
  const code = m[2]!.replace(/\s+/g, '').replace(/–/g, '-').replace(/\.$/, '');
  return { number: digits ? `${digits}${code}` : null, index: m.index, end: m.index + m[0].length };
}

/** `place, ngày dd tháng mm năm yyyy` with blanks allowed, possibly broken over lines (folded). */
const PLACE_DATE = /,?[ \t]*ngay[\s.…_]*(\d{1,2})?[\s.…_]*th\S{0,3}ng[\s.…_]*(\d{1,2})?[\s.…_]*,?[\s]*n\S{0,2}m[\s]*(\d{4})/;

const pad = (n: string) => n.padStart(2, '0');

interface Zone {
  /** The block's lines (cells of ` | ` lines as lines of their own), joined with `\n`. */
  text: string;
  /** Characters claimed by a field (motto, number, place-date) or page furniture. */
  claimed: boolean[];
}

function claim(zone: Zone, from: number, to: number): void {
  for (let i = from; i < to; i++) zone.claimed[i] = true;
}

/** Unclaimed pieces of the zone, line by line, in order. */
function leftovers(zone: Zone): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i <= zone.text.length; i++) {
    const ch = zone.text[i];
    if (ch === undefined || ch === '\n' || zone.claimed[i]) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  return out;
}

/** The place before `, ngày`: on the same line, or wrapped from the line above (`Thành phố Hồ` / `Chí Minh, ngày`). */
function placeBefore(zone: Zone, at: number): { place: string | null; from: number } {
  let from = at;
  while (from > 0 && zone.text[from - 1] !== '\n' && !zone.claimed[from - 1]) from--;
  let place = zone.text.slice(from, at).replace(/[,\s]+$/u, '').trim();
  const titled = (s: string) => /^\p{Lu}/u.test(s) && upperRatio(s) < 0.6 && !/\d/.test(s);
  if (place && titled(place) && from > 0 && zone.text[from - 1] === '\n') {
    let above = from - 1;
    while (above > 0 && zone.text[above - 1] !== '\n' && !zone.claimed[above - 1]) above--;
    const prev = zone.text.slice(above, from - 1).trim();
    // The line above is a piece of the same name when it is title case and ends without a stop.
    if (prev && titled(prev) && !/[.;:,]$/.test(prev) && prev.split(/\s+/).length <= 4 && !zone.claimed.slice(above, from - 1).some(Boolean)) {
      place = `${prev} ${place}`;
      from = above;
    }
  }
  return { place: place && !/\d/.test(place) && place.length <= 60 ? place : null, from };
}

export interface HeaderReading {
  header: Header;
  /** The number is printed blank (`Số:    /KH-UBND`): a draft, not a reading failure. */
  blankNumber: boolean;
  /** No header block precedes the type line (the text opens with `KẾ HOẠCH`): number, date and issuer were never there to read. */
  noHeaderBlock: boolean;
  /** The type line as printed when it was cut short (`HOẠCH`) and read as its type. */
  truncatedType?: string;
}

/** Read the header block: the lines above the document type (or the first lines when none). */
function readBlock(lines: readonly string[]): { issuer: string | null; number: string | null; blankNumber: boolean; place: string | null; issuedDate: string | null } {
  // ` | ` cells (an empty middle cell too: `Số: /KH-SCT |  | Lào Cai, ngày …`) are lines of their own.
  const pieces = lines.flatMap((l) => (/(?:^|\s)\|(?:\s|$)/.test(l) ? l.split(/\s*\|\s*/) : [l])).map((p) => p.trim()).filter((p) => p && !SEPARATOR_LINE.test(p));
  const zone: Zone = { text: pieces.join('\n'), claimed: [] };
  const folded = fold(zone.text);
  for (const re of MOTTO_PATTERNS) for (const m of folded.matchAll(new RegExp(re.source, 'g'))) claim(zone, m.index, m.index + m[0].length);
  for (const re of HEADER_STAMP) for (const m of zone.text.matchAll(new RegExp(re.source, `${re.flags.replace('g', '')}g`))) claim(zone, m.index, m.index + m[0].length);

  let number: string | null = null;
  let blankNumber = false;
  const num = documentNumber(zone.text);
  if (num) {
    number = num.number;
    blankNumber = num.number === null;
    claim(zone, num.index, num.end);
  }

  let place: string | null = null;
  let issuedDate: string | null = null;
  const date = PLACE_DATE.exec(folded);
  if (date) {
    const [, day, month, year] = date;
    issuedDate = day && month ? `${year}-${pad(month)}-${pad(day)}` : month ? `${year}-${pad(month)}` : year!;
    if (month && (Number(month) < 1 || Number(month) > 12)) issuedDate = year!;
    const found = placeBefore(zone, date.index);
    place = found.place;
    claim(zone, found.from, date.index + date[0].length);
  }
  const issuerLines = leftovers(zone).filter((p) => upperRatio(p) >= 0.6 && /\p{L}{2}/u.test(p));
  return { issuer: issuerFromLines(issuerLines), number, blankNumber, place, issuedDate };
}

/** The trích yếu: the lines after the type line, until the preamble, a caption or a section. */
function readTitle(lines: readonly LineNode[]): string | null {
  const titleLines: LineNode[] = [];
  let upper: boolean | undefined;
  for (const line of lines) {
    const t = line.value.trim();
    if (SEPARATOR_LINE.test(t)) {
      if (titleLines.length) break;
      continue;
    }
    if (TITLE_CAPTION.test(t)) {
      if (titleLines.length) break;
      continue;
    }
    const letters = /\p{L}/u.test(t);
    const isUpper = upperRatio(t) >= 0.8;
    if (titleLines.length) {
      const prev = titleLines[titleLines.length - 1]!.value.trim();
      if (/[.;:]$/.test(prev) || titleLines.length >= 6) break;
      // An upper-case title runs on while its lines stay upper case (a wrapped `2030` too).
      if (upper) {
        if (letters && !isUpper) break;
      } else if (titleLines.length >= 4 || PREAMBLE_OPENERS.some((cue) => startsWithCue(t, cue)) || isUpper) break;
    }
    upper ??= isUpper;
    titleLines.push(line);
  }
  const title = runOfLines(titleLines).text.replace(/^(?:V\/v|Về việc)\s*/iu, '');
  return title || null;
}

/**
 * Read the header from the front region (its blocks of lines) and the body's opening text.
 * A plan issued by a decision (`QUYẾT ĐỊNH … Ban hành Kế hoạch`, then `KẾ HOẠCH …` with no
 * header of its own) is the plan: type and title are the plan's; issuer, number, place and date
 * are the decision's, which issues it.
 */
export function readHeader(front: readonly BlockNode[], bodyText: string): HeaderReading {
  const header: Header = { issuer: null, documentType: null, number: null, place: null, issuedDate: null, title: null };
  const lines: LineNode[] = front.flatMap((b) => b.children);
  let typeLine = lines.findIndex((l) => documentTypeOf(l.value) !== undefined);
  // No whole type line: one cut short, just after the place and date.
  let truncatedType: string | undefined;
  if (typeLine < 0) {
    const dated = lines.findIndex((l) => /\bngay\b.*\bthang\b.*\bnam\b/.test(foldWords(l.value)));
    const next = dated >= 0 ? lines.findIndex((l, i) => i > dated && i <= dated + 2 && truncatedTypeOf(l.value) !== undefined) : -1;
    if (next >= 0) {
      typeLine = next;
      truncatedType = truncatedTypeOf(lines[next]!.value);
    }
  }
  const blockLines = typeLine >= 0 ? lines.slice(0, typeLine) : lines.slice(0, Math.min(lines.length, 8));
  const block = readBlock(blockLines.map((l) => l.value));
  if (typeLine >= 0 || block.number !== null || block.blankNumber || block.issuedDate !== null) {
    header.issuer = block.issuer;
    header.number = block.number;
    header.place = block.place;
    header.issuedDate = block.issuedDate;
  }
  if (typeLine >= 0) {
    let type = typeLine;
    // The decision that issues the plan: read the plan's own type line and title.
    const planLine = lines.findIndex((l, i) => i > typeLine && documentTypeOf(l.value) === 'Kế hoạch');
    if ((truncatedType ?? documentTypeOf(lines[typeLine]!.value)) !== 'Kế hoạch' && planLine > 0) type = planLine;
    header.documentType = (type === typeLine ? truncatedType : undefined) ?? documentTypeOf(lines[type]!.value)!;
    header.title = readTitle(lines.slice(type + 1));
  }
  // The type line lost altogether (a stamp over it): the number's code names the type, and the
  // upper-case block after the place and date is the title.
  let typeFromNumber: string | undefined;
  if (typeLine < 0) {
    const numberLine = lines.slice(0, 10).find((l) => /^\s*S\S{0,2}\s*[:.]/u.test(l.value));
    const dated = lines.findIndex((l) => /\bngay\b.*\bthang\b.*\bnam\b/.test(foldWords(l.value)));
    typeFromNumber = numberLine ? NUMBER_CODE_TYPES.find(([re]) => re.test(numberLine.value))?.[1] : undefined;
    const title = typeFromNumber && dated >= 0 ? readTitle(lines.slice(dated + 1)) : null;
    if (typeFromNumber && title && upperRatio(title) >= 0.8) {
      header.documentType = typeFromNumber;
      header.title = title;
      // The header block ends at the place and date: the upper-case title lines after it are
      // no part of the issuer's name (`… Cần Thơ Truyền Thông Về Giảm Nghèo …`).
      header.issuer = readBlock(lines.slice(0, dated + 1).map((l) => l.value)).issuer ?? header.issuer;
    } else typeFromNumber = undefined;
  }
  // A header that starts at the unit (`HUYỆN HỚN QUẢN`) lost its body line to the scan.
  const partialIssuer = header.issuer !== null && /^(?:huyện|xã|tỉnh|thành phố|thị trấn|thị xã|quận|phường)\s/iu.test(header.issuer);
  if (header.issuer === null || header.documentType === null || partialIssuer) {
    const found = issuerFromSentence(bodyText);
    if (found) {
      if (header.issuer === null || partialIssuer) header.issuer = found.issuer;
      header.documentType ??= found.documentType;
    }
  }
  const noHeaderBlock = typeLine >= 0 && !blockLines.some((l) => /\p{L}/u.test(l.value));
  return {
    header, blankNumber: block.blankNumber, noHeaderBlock,
    ...(truncatedType ? { truncatedType: lines[typeLine]!.value.trim() } : {}),
    ...(typeFromNumber ? { truncatedType: '' } : {}),
  };
}

/** As `readHeader`, the header alone. */
export function extractHeader(front: readonly BlockNode[], bodyText: string): Header {
  return readHeader(front, bodyText).header;
}

const BODY_ISSUE = /\b(ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan)\s+(thanh pho|thi tran|thi xa|huyen|tinh|quan|phuong|xa)\s+(.{2,40}?)\s+(?:ban hanh|xay dung|trien khai|to chuc)\s+(ke hoach|chuong trinh|de an|phuong an|huong dan)\b/;

/** The sentence that issues the plan: `UBND huyện Kon Rẫy ban hành Kế hoạch …`. */
export function issuerFromSentence(text: string): { issuer: string; documentType: string } | undefined {
  const folded = fold(text);
  const m = BODY_ISSUE.exec(folded);
  if (!m) return undefined;
  const at = (g: number) => folded.indexOf(m[g]!, m.index + (g === 1 ? 0 : m[1]!.length));
  const bodyPrinted = ISSUER_BODIES.find(([cue]) => cue === m[1])?.[1] ?? sentenceCase(m[1]!);
  const unitAt = at(2);
  const unit = text.slice(unitAt, unitAt + m[2]!.length).toLocaleLowerCase('vi');
  const nameAt = folded.indexOf(m[3]!, unitAt + m[2]!.length);
  const name = text.slice(nameAt, nameAt + m[3]!.length).trim();
  const typeAt = folded.indexOf(m[4]!, nameAt + m[3]!.length);
  const documentType = sentenceCase(text.slice(typeAt, typeAt + m[4]!.length));
  return { issuer: `${bodyPrinted} ${unit} ${name}`, documentType };
}

export { parseDayMonthYear };
