/**
 * Agency keys: one canonical key for every way a plan prints an agency's name, so that
 * `Phòng Văn hóa và Thông tin`, `Phòng Văn hóa - TT huyện` and `Phòng VH&TT` are one agency.
 *
 * A name's key is made in four steps:
 * 1. asides in parentheses go (`Sở Nội vụ (cơ quan thường trực …)`), and abbreviations
 *    printed in capitals are written out from the table in src/data/agency-abbreviations.ts,
 *    by their neighbours where they are ambiguous (`TT` is Trung tâm, Thường trực, Thông tin,
 *    Truyền thông or Thị trấn);
 * 2. the trailing place is set apart: an administrative unit ending the name, alone or with
 *    its proper name (`… huyện`, `… tỉnh Bắc Kạn`, `… xã Chư Pơng`), unless it is a list
 *    (`các xã, thị trấn`) or part of a name (`Xã hội`, `Tỉnh ủy`);
 * 3. the name is folded (no marks, `đ` → `d`, lower case; `hoá` = `hóa`);
 * 4. conjunctions (`và`, `&`) and punctuation (`-`, `,`, `–`) go: words joined by one space.
 *
 * So the key of all three names above is `phong van hoa thong tin`, the place of the second
 * `huyen`. A printed list of agencies (`Sở Tài chính, Sở Nội vụ, UBND các xã`) is split into
 * its names first (`splitAgencies`).
 */
import { ABBREVIATION_RULES, AGENCY_ABBREVIATIONS, NAME_CONJUNCTIONS, NOT_PLACE_AFTER, PLACE_UNITS } from '../data/agency-abbreviations.js';
import { searchFold } from './fold.js';

export interface AgencyKey {
  /** The canonical key: folded words of the name written out, without its place. */
  key: string;
  /** The name written out, as printed otherwise (abbreviations expanded, place removed). */
  name: string;
  /** The trailing place as printed (`huyện`, `tỉnh Bắc Kạn`), or null. */
  place: string | null;
  /** The place folded (`huyen`, `tinh bac kan`), or null. */
  placeKey: string | null;
}

const WORD = /[\p{L}\p{N}]+(?:[&\-/][\p{L}\p{N}]+)*/gu;
const isCapitals = (s: string) => /^[\p{Lu}\p{N}&\-/]+$/u.test(s) && /\p{Lu}/u.test(s);

/** Expand one printed word (maybe a compound `LĐ-TB&XH`, `Lao động-TB&XH`) given what came before it and the next word. */
function expandWord(word: string, before: string, next: string | undefined, first: boolean): string {
  const isRuled = (w: string) => ABBREVIATION_RULES.some((r) => r.abbreviation === w);
  if (isCapitals(word)) {
    const whole = AGENCY_ABBREVIATIONS[word] ?? AGENCY_ABBREVIATIONS[word.replace(/[-/]/g, '')];
    if (whole && !isRuled(word)) return whole;
  }
  const parts = word.split(/([&\-/])/);
  const pieces = parts.filter((_, i) => i % 2 === 0);
  // A compound of capitals expands only when every part is an abbreviation (`COVID-19` stays).
  if (pieces.every(isCapitals) && !pieces.every((p) => AGENCY_ABBREVIATIONS[p] || isRuled(p))) return word;
  let written = before;
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const part = parts[i]!;
    const following = i + 2 < parts.length ? parts[i + 2] : next;
    const expansion = isCapitals(part) ? expandPart(part, written, following, first && i === 0) : part;
    out.push(expansion);
    written = `${written} ${searchFold(expansion)}`.trim();
  }
  return out.join(' - ');
}

function expandPart(part: string, before: string, next: string | undefined, first: boolean): string {
  const folded = before.replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  for (const rule of ABBREVIATION_RULES) {
    if (rule.abbreviation !== part) continue;
    if (rule.first !== undefined && rule.first !== first) continue;
    if (rule.after && !rule.after.test(folded)) continue;
    if (rule.before && !(next !== undefined && rule.before.test(next))) continue;
    return rule.expansion;
  }
  return AGENCY_ABBREVIATIONS[part] ?? part;
}

/** The name with its abbreviations written out (punctuation and case as printed). */
export function expandAbbreviations(name: string): string {
  const words = [...name.matchAll(WORD)];
  let out = '';
  let last = 0;
  let written = '';
  words.forEach((m, i) => {
    const expansion = expandWord(m[0], written, words[i + 1]?.[0], i === 0);
    out += name.slice(last, m.index) + expansion;
    last = m.index + m[0].length;
    written = `${written} ${searchFold(expansion)}`.trim();
  });
  return out + name.slice(last);
}

const UNIT_RE = new RegExp(`(?<![\\p{L}])(${PLACE_UNITS.join('|')})(?![\\p{L}])`, 'giu');

/** Split off the trailing place: `Phòng Văn hóa - TT huyện` → [`Phòng Văn hóa - TT`, `huyện`]. */
export function splitPlace(name: string): [string, string | null] {
  const lower = name.normalize('NFC').toLocaleLowerCase('vi');
  let found: RegExpExecArray | null = null;
  for (const m of lower.matchAll(UNIT_RE)) found = m as RegExpExecArray;
  if (!found || found.index === 0) return [name, null];
  const rest = name.slice(found.index + found[0].length).trim();
  const nextWord = rest.split(/\s+/)[0]!.toLocaleLowerCase('vi');
  if (NOT_PLACE_AFTER.includes(nextWord)) return [name, null];
  // After the unit: nothing, or a proper name (capitalised words, numbers: `Bắc Kạn`, `1`, `XIII`).
  if (rest && (rest.split(/\s+/).length > 5 || !/^(?:(?:\p{Lu}[\p{L}'’]*|\d+|[IVXLC]+)[\s-]*)+$/u.test(rest))) return [name, null];
  const head = name.slice(0, found.index).replace(/[\s,;:\-–]+$/u, '');
  // A list of units (`các xã, thị trấn`, `xã, phường`) is no place, nor is a name that is only a unit.
  const before = head.normalize('NFC').toLocaleLowerCase('vi');
  if (!head || /(?:^|\s)(?:các|cấp|mỗi|từng|những)$/u.test(before) || new RegExp(`(?:^|\\s)(?:${PLACE_UNITS.join('|')})$`, 'u').test(before)) return [name, null];
  const place = name.slice(found.index).trim();
  return [head, place.charAt(0).toLocaleLowerCase('vi') + place.slice(1)];
}

/** Folded words of a written-out name without conjunctions and punctuation. */
export function keyWords(written: string): string {
  const conj = new Set(NAME_CONJUNCTIONS.map(searchFold));
  return (searchFold(written).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !conj.has(w)).join(' ');
}

/** The key of one agency name. */
export function agencyKey(printed: string): AgencyKey {
  const cleaned = printed
    .normalize('NFC')
    .replace(/\s*\([^()]*\)\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-–•+*.,;:]+|[\s\-–.,;:]+$/gu, '');
  const [name, place] = splitPlace(expandAbbreviations(cleaned));
  const placeKey = place === null ? null : keyWords(place);
  return { key: keyWords(name), name, place, placeKey: placeKey || null };
}

/** Words that open an agency's name in a printed list (folded), besides `các`. */
const LIST_OPENERS = [
  'so', 'phong', 'ban', 'bo', 'cuc', 'chi cuc', 'tong cuc', 'vu', 'vien', 'uy ban', 'ubnd', 'ubmttq', 'mttq', 'mat tran', 'hdnd',
  'hoi dong', 'trung tam', 'van phong', 'cong an', 'bo chi huy', 'ban chi huy', 'toa an', 'vien kiem sat', 'thanh tra', 'kho bac',
  'ngan hang', 'lien doan', 'hoi', 'tinh doan', 'huyen doan', 'doan', 'bao', 'dai', 'cong ty', 'tap chi', 'thu truong', 'chu tich',
  'bo tu lenh', 'ban quan ly', 'cong thong tin', 'lien minh', 'cac',
];
const OPENER_RE = new RegExp(`^(?:${LIST_OPENERS.join('|')})(?![a-z0-9])`);

/**
 * The names in a printed list of agencies: split at `;`, and at `,` or `và` where a new
 * name starts (`Sở Tài chính, Sở Nội vụ, UBND các xã, phường` → three names), never inside one
 * (`Sở Văn hóa, Thể thao và Du lịch`, `các sở, ban, ngành`).
 */
export function splitAgencies(text: string): string[] {
  const out: string[] = [];
  for (const chunk of text.split(/\s*;\s*/)) {
    let current = '';
    const pieces = chunk.split(/(\s*,\s*|\s+và\s+)/u);
    for (let i = 0; i < pieces.length; i += 2) {
      const piece = pieces[i]!;
      const joiner = i > 0 ? pieces[i - 1]! : '';
      const folded = searchFold(piece.trim());
      const opens = OPENER_RE.test(folded) && (/^\p{Lu}/u.test(piece.trim()) || folded.startsWith('cac '));
      // `các sở, ban, ngành`: the words after `các …,` stay in its list.
      const inList = /^(?:cac|nhung)\b/.test(searchFold(current.trim())) && !/^\p{Lu}/u.test(piece.trim());
      if (current && opens && !inList) {
        out.push(current.trim());
        current = piece;
      } else current += joiner + piece;
    }
    if (current.trim()) out.push(current.trim());
  }
  return out.filter((n) => /\p{L}/u.test(n));
}
