/**
 * What a printed line opens with: a Roman-numeral heading, a numbered item (`1.`,
 * `1.1.`), a lettered item (`a)`), a bullet, or plain text. Tolerant of OCR damage
 * (`I11.` for `III.`, `V.TO CHUC`, `¢)` for `c)`).
 */
import { HEADING_OPENERS, LETTER_CONFUSIONS, ROMAN_I_CONFUSIONS, SECTION_KIND_CUES } from '../data/sections.js';
import { findCue, foldWords, upperRatio } from './text.js';

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

const ROMAN_LINE = /^([IVXivxl1L|!]{1,6})\s*(?:[.,:;)]|[-–](?=\s*\p{Lu}))\s*(?=\S)/u;
const ROMAN_LINE_NO_DOT = /^([IVX]{1,5})\s+(?=\p{Lu}{2})/u;
const SUBNUMBER_LINE = /^(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?\s*(?=\p{L})/u;
const ARABIC_LINE = /^(\d{1,2})\s*(?:[.)]\s*(?=[^\d\s]|\s+\S)|[-–]\s*(?=\p{L}))/u;
const LETTER_LINE = /^(?:[-+•]\s*)?(?:([a-zđ¢çðĐÐ])\s*\)|([a-zđ])\.\s+(?=\p{Lu}))\s*(?=\S)/u;
// Bullet marks, including the private-use glyphs Word's Symbol/Wingdings bullets become.
const BULLET_LINE = /^([-+*•·–—●○◦▪■❖✓➢>\uf0a7\uf0b7\uf0d8\uf0fc\uf02d]|\.(?=\s+\p{Lu}))\s*(?=\S)/u;

/** Classify a line's opening. `value` is the line's text (leading spaces allowed). */
export function classifyLine(value: string): LineLabel {
  const lead = value.length - value.trimStart().length;
  const s = value.slice(lead);
  let m = ROMAN_LINE.exec(s) ?? ROMAN_LINE_NO_DOT.exec(s);
  if (m) {
    const printed = m[1]!;
    const hasRomanLetter = /[IVX]/.test(printed);
    const repaired = printed.replace(ROMAN_I_CONFUSIONS, 'I').toUpperCase();
    const value = romanValue(repaired);
    const rest = s.slice(m[0].length);
    if (hasRomanLetter && value !== undefined && value <= 30 && looksLikeSectionHeading(rest)) {
      return { kind: 'roman', printed, label: repaired, value, restAt: lead + m[0].length };
    }
  }
  m = SUBNUMBER_LINE.exec(s);
  if (m) {
    return { kind: 'subnumber', printed: `${m[1]}.${m[2]}`, label: `${m[1]}.${m[2]}`, value: Number(m[2]), restAt: lead + m[0].length };
  }
  m = ARABIC_LINE.exec(s);
  if (m) {
    return { kind: 'arabic', printed: m[1]!, label: m[1]!, value: Number(m[1]), restAt: lead + m[0].length };
  }
  m = LETTER_LINE.exec(s);
  if (m) {
    const printed = m[1] ?? m[2]!;
    const label = LETTER_CONFUSIONS[printed] ?? printed.toLowerCase();
    return { kind: 'letter', printed, label, restAt: lead + m[0].length };
  }
  m = BULLET_LINE.exec(s);
  if (m) {
    const marker = /^[.–—\uf02d]$/u.test(m[1]!) ? '-' : /^[\uf0a7\uf0b7\uf0d8\uf0fc]$/u.test(m[1]!) ? '•' : m[1]!;
    return { kind: 'bullet', marker, restAt: lead + m[0].length };
  }
  return { kind: 'text', restAt: lead };
}
