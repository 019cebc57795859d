/**
 * What a printed line opens with: a Roman-numeral heading, a numbered item (`1.`,
 * `1.1.`), a lettered item (`a)`), a bullet, or plain text. Tolerant of OCR damage
 * (`I11.` for `III.`, `V.TO CHUC`, `¢)` for `c)`).
 */
import { HEADING_OPENERS, LETTER_CONFUSIONS, ROMAN_I_CONFUSIONS, SECTION_KIND_CUES } from '../data/sections.js';
import { BULLET_LOOKALIKES, LEADING_SPECKS, NON_CLOSING_SPECK, TRAILING_SPECK_GROUPS, WRAPPED_HYPHEN } from '../data/ocr.js';
import { findCue, foldWords, upperRatio } from '../text/index.js';

export type LineKind = 'roman' | 'arabic' | 'subnumber' | 'letter' | 'bullet' | 'text';

export interface LineLabel {
  kind: LineKind;
  /** The label as printed (Roman numeral, number, letter), for labelled lines. */
  printed?: string;
  /** The label read (`III` for a printed `I11`, `c` for `¢`). */
  label?: string;
  /** Numeric value of a Roman or Arabic label. */
  value?: number;
  /** Bullet mark. */
  marker?: string;
  /** Offset in the line where the text after the label or mark starts. */
  restAt: number;
  /** A number printed (or read) without its dot (`7 Ủy ban nhân dân …`): an item only where due. */
  bare?: boolean;
}

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
const VALID_ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;

export function romanValue(numeral: string): number | undefined {
  if (!numeral || !VALID_ROMAN.test(numeral)) return undefined;
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const v = ROMAN_VALUES[numeral[i]!]!;
    const next = ROMAN_VALUES[numeral[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

export function toRoman(n: number): string {
  const table: Array<[number, string]> = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

/** A heading after a Roman numeral: mostly upper case, or opening with a heading word. */
export function looksLikeSectionHeading(rest: string): boolean {
  const letters = rest.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  if (upperRatio(rest) >= 0.7) return true;
  const words = foldWords(rest).split(' ').slice(0, 4);
  const cues = [...SECTION_KIND_CUES.flatMap(([, c]) => c), ...HEADING_OPENERS];
  return cues.some((c) => findCue(words, c) === 0);
}

const ROMAN_LINE = /^([IVXivxl1L|!H]{1,6})\s*(?:[.,:;)]|[-–](?=\s*\p{Lu}))\s*(?=\S)/u;
const ROMAN_LINE_NO_DOT = /^([IVX]{1,5})\s+(?=\p{Lu}{2})/u;
/** `L MỤC ĐÍCH, YÊU CẦU`: OCR read `I.` as a letter and lost the dot. */
const CONFUSED_I_NO_DOT = /^([lL|!]{1,3})\s+(?=\p{Lu}{2})/u;

/** An upper-case heading that opens with a section-kind cue (`MỤC ĐÍCH`, `TỔ CHỨC THỰC HIỆN` …). */
function opensWithSectionCue(rest: string): boolean {
  if (upperRatio(rest) < 0.8) return false;
  const words = foldWords(rest).split(' ').slice(0, 5);
  return SECTION_KIND_CUES.some(([, cues]) => cues.some((c) => findCue(words, c) === 0));
}
const SUBNUMBER_LINE = /^(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?\s*(?=\p{L})/u;
// `3, Giải pháp`: OCR reads the label's dot as a comma before a capitalised title.
const ARABIC_LINE = /^(\d{1,2})\s*(?:[.)]\s*(?=[^\d\s]|\s+\S)|[-–]\s*(?=\p{L})|,\s+(?=\p{Lu}))/u;
const DOCUMENT_NUMBER = /^\d{1,4}\s*[-/]\s*[\p{Lu}\d&.-]*\p{Lu}[\p{Lu}\p{Ll}\d&.-]*\/\p{Lu}/u;
/** `7 Ủy ban nhân dân các xã`: OCR lost the dot; a capitalised word follows one space. */
const BARE_NUMBER_LINE = /^(\d{1,2}) (?=\p{Lu}\p{Ll})/u;
const LETTER_LINE = /^(?:[-+•]\s*)?(?:([a-zđ¢çðĐÐ])\s*\)|([a-zđ])\.\s+(?=\p{Lu}))\s*(?=\S)/u;
// Bullet marks, including the private-use glyphs Word's Symbol/Wingdings bullets become.
const BULLET_LINE = /^([-+*•·–—●○◦▪■❖✓➢>\uf0a7\uf0b7\uf0d8\uf0fc\uf02d]|[.~”=](?=\s+\p{Lu}))\s*(?=\S)/u;
/** A bullet mark printed (or read) twice: `- - Nội dung`, `- --Bố trí`. */
const SECOND_DASH = /^[-–—]+\s*(?=\S)/u;

/** Classify a line's opening. `value` is the line's text (leading spaces allowed). */
export function classifyLine(value: string): LineLabel {
  const lead = value.length - value.trimStart().length;
  const s = value.slice(lead);
  let m = ROMAN_LINE.exec(s) ?? ROMAN_LINE_NO_DOT.exec(s);
  if (m) {
    const printed = m[1]!;
    // OCR may print a numeral in lower case (`i.` for `II.`, `v.` for `V.`): only before an
    // upper-case heading, where an item letter (`i)`, `v)`) never stands.
    // `111.` (no item is numbered 111) before an upper-case heading is `III.`.
    const upperRest = upperRatio(s.slice(m[0].length)) >= 0.8;
    const hasRomanLetter = /[IVX]/.test(printed) || (/[ivx]/.test(printed) && upperRest) || (/^1{3}$/.test(printed) && upperRest);
    // `IH.` for `III.`: OCR joins two strokes of a numeral into an H.
    const repaired = printed.replace(/H/g, 'II').replace(ROMAN_I_CONFUSIONS, 'I').toUpperCase();
    const value = romanValue(repaired);
    const rest = s.slice(m[0].length);
    // `L. MỤC ĐÍCH`, `l. TỔ CHỨC THỰC HIỆN`: a letter OCR made of `I`, before a section's own heading.
    const confusedI = /^[lL|!H]{1,3}$/.test(printed) && opensWithSectionCue(rest);
    if ((hasRomanLetter || confusedI) && value !== undefined && value <= 30 && looksLikeSectionHeading(rest)) {
      const bare = !/[.,:;)\-–]/.test(m[0].slice(m[1]!.length));
      return { kind: 'roman', printed, label: repaired, value, restAt: lead + m[0].length, ...(bare ? { bare } : {}) };
    }
  }
  // Only before a heading that names a section kind: a lone `L` is otherwise nobody's numeral.
  m = CONFUSED_I_NO_DOT.exec(s);
  if (m && opensWithSectionCue(s.slice(m[0].length))) {
    const label = m[1]!.replace(ROMAN_I_CONFUSIONS, 'I');
    const value = romanValue(label);
    if (value !== undefined) return { kind: 'roman', printed: m[1]!, label, value, restAt: lead + m[0].length, bare: true };
  }
  m = SUBNUMBER_LINE.exec(s);
  if (m) {
    return { kind: 'subnumber', printed: `${m[1]}.${m[2]}`, label: `${m[1]}.${m[2]}`, value: Number(m[2]), restAt: lead + m[0].length };
  }
  m = ARABIC_LINE.exec(s);
  // `13-CTrHĐ/HU ngày …`: a document number wrapped to the start of a line, not an item.
  if (m && !DOCUMENT_NUMBER.test(s)) {
    return { kind: 'arabic', printed: m[1]!, label: m[1]!, value: Number(m[1]), restAt: lead + m[0].length };
  }
  m = BARE_NUMBER_LINE.exec(s);
  if (m) {
    return { kind: 'arabic', printed: m[1]!, label: m[1]!, value: Number(m[1]), restAt: lead + m[0].length, bare: true };
  }
  m = LETTER_LINE.exec(s);
  if (m) {
    const printed = m[1] ?? m[2]!;
    const label = LETTER_CONFUSIONS[printed] ?? printed.toLowerCase();
    return { kind: 'letter', printed, label, restAt: lead + m[0].length };
  }
  m = BULLET_LINE.exec(s);
  if (m) {
    const marker = /^[.–—\uf02d]$/u.test(m[1]!) || BULLET_LOOKALIKES.test(m[1]!) ? '-' : /^[\uf0a7\uf0b7\uf0d8\uf0fc]$/u.test(m[1]!) ? '•' : m[1]!;
    const again = marker === '-' ? SECOND_DASH.exec(s.slice(m[0].length)) : null;
    return { kind: 'bullet', marker, restAt: lead + m[0].length + (again ? again[0].length : 0) };
  }
  return { kind: 'text', restAt: lead };
}

/** A colon glued after a word's full stop at a line's end (`bền vững.:`). */
const GLUED_COLON = /\p{Ll}{2}\.:$/u;

/**
 * The part of a scanned line that is print, as `[from, to)`: specks in the margins read as
 * punctuation are left out. A leading speck goes when a label or bullet, a space, or a
 * lower-case word follows it, but not a lone `.` before a capital (a bullet read as `.`).
 */
export function printedExtent(value: string): [number, number] {
  let from = value.length - value.trimStart().length;
  let to = value.trimEnd().length;
  const specks = LEADING_SPECKS.exec(value.slice(from));
  if (specks) {
    const rest = value.slice(from + specks[0].length);
    const label = classifyLine(rest);
    // `. Các xã`, `~ Các đoàn thể`: the mark itself is a bullet as OCR reads it.
    const bulletDot = /^[.~”=]\s+\p{Lu}/u.test(value.slice(from)) && label.kind === 'text';
    const labelled = label.kind !== 'text' && !(label.kind === 'bullet' && label.marker === '-' && /^[.~”]/u.test(rest));
    // `“tương thân` wrapped onto a line is an opening quote, not a speck.
    const quote = /^[“"'‘]+$/u.test(specks[0]);
    if (rest.trim() && !bulletDot && (labelled || (!quote && (/\s$/u.test(specks[0]) || /^\p{Ll}/u.test(rest))))) from += specks[0].length;
  }
  // `* IV.KINH PHÍ`, `* 3. Phòng Văn hóa`: a mark before a section or item label is dirt;
  // no bullet opens a numbered section.
  const marked = /^[*•·>#]\s*/u.exec(value.slice(from));
  const markedKind = marked ? classifyLine(value.slice(from + marked[0].length)).kind : 'text';
  if (marked && (markedKind === 'roman' || markedKind === 'arabic' || markedKind === 'subnumber')) from += marked[0].length;
  const tail = TRAILING_SPECK_GROUPS.exec(value.slice(from, to));
  if (tail) {
    const groups = tail[0].trim().split(/\s+/u);
    const wrapped = groups.length === 1 && WRAPPED_HYPHEN.test(groups[0]!);
    if (!wrapped && (groups.length >= 2 || NON_CLOSING_SPECK.test(groups[0]!))) to -= tail[0].length;
  }
  // `… giảm nghèo bền vững.:`: a speck glued after a word's full stop (no sentence ends so),
  // which would make the line a lead-in (`… như sau:`).
  if (GLUED_COLON.test(value.slice(from, to))) to -= 1;
  return [from, Math.max(from, to)];
}
