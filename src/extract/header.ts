/**
 * Header of an administrative document: issuing body (two upper-case lines on the left,
 * the national motto on the right), number, place and date, document type, title
 * (trích yếu). Where the header block is missing, the body sentence that issues the plan
 * (`UBND huyện Kon Rẫy ban hành Kế hoạch …`) names the issuer and the type.
 */
import type { Header } from '../contract/plan.js';
import { ADMIN_UNITS, BODY_TYPE_WORDS, ISSUER_BODIES } from '../data/agencies.js';
import { MOTTO_PATTERNS, OWN_DOCUMENT_TYPES, PREAMBLE_OPENERS, SEPARATOR_LINE } from '../data/documents.js';
import type { BlockNode, LineNode } from '../tree.js';
import { parseDayMonthYear } from './dates.js';
import { fold, foldWords, runOfLines, sentenceCase, startsWithCue, titleCase, upperRatio } from '../text/index.js';

/** The left column of a header line: what precedes the national motto. */
export function withoutMotto(value: string): string {
  const folded = fold(value);
  let cut = value.length;
  for (const re of MOTTO_PATTERNS) {
    const m = re.exec(folded);
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

const NUMBER = /\bS\S{0,2}\s*[:.]\s*(\d[\p{L}\d/\-–.\s]*?)(?=\s{2,}|\s+\p{Lu}\p{Ll}|\s+\p{Lu}\s|,|$)/u;

/** `Số: 94 /KH-UBND` → `94/KH-UBND`. */
export function documentNumber(line: string): { number: string; end: number } | undefined {
  const m = NUMBER.exec(line);
  if (!m || !/\//.test(m[1]!)) return undefined;
  const number = m[1]!.replace(/\s+/g, '').replace(/–/g, '-').replace(/\.$/, '');
  return { number, end: m.index + m[0].length };
}

/** Compact folded form: no spaces, for OCR that merges words (`UY BANNHANDAN`). */
const compact = (s: string) => fold(s).replace(/[^a-z0-9]/g, '');

/** Offset in `s` after the first `n` compact characters. */
function afterCompact(s: string, n: number): number {
  let seen = 0;
  for (let i = 0; i < s.length; i++) {
    if (seen === n) return i;
    if (/[a-z0-9]/.test(fold(s[i]!))) seen++;
  }
  return s.length;
}

/** `ỦY BAN NHÂN DÂN` + `XÃ CHƯ PƠNG` → `Ủy ban nhân dân xã Chư Pơng`. */
export function issuerFromLines(lines: readonly string[]): string | null {
  const parts = lines.map((l) => l.trim()).filter((l) => l && !SEPARATOR_LINE.test(l));
  if (parts.length === 0) return null;
  // A parent body above the issuer (`UBND TỈNH X` over `SỞ Y`): the lower body issues.
  if (parts.length >= 2 && !startsWithAdminUnit(parts[1]!)) {
    const parent = ISSUER_BODIES.find(([cue]) => compact(parts[0]!).startsWith(cue.replace(/ /g, '')));
    if (parent && compact(parts[0]!).length > parent[0].replace(/ /g, '').length + 2) {
      return issuerFromLines(parts.slice(1));
    }
  }
  const joined = parts.join(' ').replace(/\s+/g, ' ');
  const c = compact(joined);
  for (const [cue, printed] of ISSUER_BODIES) {
    const cueCompact = cue.replace(/ /g, '');
    if (!c.startsWith(cueCompact)) continue;
    const rest = joined.slice(afterCompact(joined, cueCompact.length)).trim();
    return [printed, placeName(rest)].filter(Boolean).join(' ');
  }
  return agencyCase(joined);
}

/**
 * An upper-case body name written as names of bodies are: `SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ
 * HỘI` → `Sở Lao động - Thương binh và Xã hội` (capitals on the body, on its field, and
 * after `và` / `-` joining fields).
 */
export function agencyCase(upper: string): string {
  let s = sentenceCase(upper.replace(/\s+/g, ' ').trim());
  const lower = s.toLocaleLowerCase('vi');
  const type = BODY_TYPE_WORDS.find((w) => lower.startsWith(`${w} `));
  const cap = (at: number) => {
    if (at < s.length) s = s.slice(0, at) + s.charAt(at).toLocaleUpperCase('vi') + s.slice(at + 1);
  };
  if (type) {
    cap(type.length + 1);
    for (const m of s.matchAll(/ (?:và|-|–) (?=\p{L})/gu)) cap(m.index + m[0].length);
  }
  return s;
}

function startsWithAdminUnit(s: string): boolean {
  return ADMIN_UNITS.some((u) => startsWithCue(s, foldWords(u)));
}

/** `XÃ CHƯ PƠNG` → `xã Chư Pơng`; `HUYỆN HỚN QUẢN` → `huyện Hớn Quản`. */
export function placeName(s: string): string {
  const t = s.trim();
  if (!t) return '';
  for (const unit of ADMIN_UNITS) {
    const cue = compact(unit);
    if (!compact(t).startsWith(cue)) continue;
    const rest = t.slice(afterCompact(t, cue.length)).trim();
    const isUpper = upperRatio(rest) > 0.8;
    return `${unit} ${isUpper ? titleCase(rest) : rest}`.trim();
  }
  return upperRatio(t) > 0.8 ? titleCase(t) : t;
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

/** Read the header from the front region (its blocks of lines) and the body's opening text. */
export function extractHeader(front: readonly BlockNode[], bodyText: string): Header {
  const header: Header = { issuer: null, documentType: null, number: null, place: null, issuedDate: null, title: null };
  const lines: LineNode[] = front.flatMap((b) => b.children);
  const typeLine = lines.findIndex((l) => documentTypeOf(l.value) !== undefined);
  const headLines = typeLine >= 0 ? lines.slice(0, typeLine) : lines.slice(0, Math.min(lines.length, 6));
  if (typeLine >= 0) header.documentType = documentTypeOf(lines[typeLine]!.value)!;

  const issuerLines: string[] = [];
  let numberSeen = false;
  for (const line of headLines) {
    const left = withoutMotto(line.value);
    const num = documentNumber(line.value);
    const date = parseDayMonthYear(fold(line.value));
    if (num) {
      header.number = num.number;
      numberSeen = true;
    }
    if (date && /ngay/.test(fold(line.value))) {
      header.issuedDate = date.iso;
      const folded = fold(line.value);
      const ngay = folded.lastIndexOf('ngay', date.index + 1);
      const from = num && num.end <= ngay ? num.end : 0;
      const place = line.value.slice(from, ngay).replace(/[,\s]+$/u, '').trim();
      if (place && !/\d/.test(place)) header.place = place;
    }
    if (!numberSeen && !date && left && upperRatio(left) >= 0.6 && !SEPARATOR_LINE.test(left)) issuerLines.push(left);
  }
  if (typeLine >= 0 && issuerLines.length) header.issuer = issuerFromLines(issuerLines);

  if (typeLine >= 0) {
    // The trích yếu: up to four centred lines, until the preamble or a separator.
    const titleLines: LineNode[] = [];
    for (const line of lines.slice(typeLine + 1)) {
      const t = line.value.trim();
      if (SEPARATOR_LINE.test(t)) {
        if (titleLines.length) break;
        continue;
      }
      if (titleLines.length) {
        const prev = titleLines[titleLines.length - 1]!.value.trim();
        if (titleLines.length >= 4 || /[.;:]$/.test(prev) || PREAMBLE_OPENERS.some((cue) => startsWithCue(t, cue))) break;
      }
      titleLines.push(line);
    }
    const title = runOfLines(titleLines).text.replace(/^(?:V\/v|Về việc)\s*/iu, '');
    if (title) header.title = title;
  }
  // A header that starts at the unit (`HUYỆN HỚN QUẢN`) lost its body line to the scan.
  const partialIssuer = header.issuer !== null && startsWithAdminUnit(header.issuer);
  if (header.issuer === null || header.documentType === null || partialIssuer) {
    const found = issuerFromSentence(bodyText);
    if (found) {
      if (header.issuer === null || partialIssuer) header.issuer = found.issuer;
      header.documentType ??= found.documentType;
    }
  }
  return header;
}
