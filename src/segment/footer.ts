/**
 * The two-column footer of an administrative document: `Nơi nhận` on the left, the signature
 * column (authority marks, the signer's title and name) on the right. Scans and text layers
 * print both columns on one line; each back line is split into its left and right parts.
 */
import { AUTHORITY_MARK, NOT_NAME_PHRASES, POSITIONS } from '../data/signature.js';
import { fold, foldWords, upperRatio } from '../text/index.js';
import type { LineNode } from '../tree.js';
import { sliceLine } from './line.js';

/** Longest titles first, so `PHÓ THỦ TƯỚNG` is not read as `THỦ TƯỚNG`. */
const TITLES = [...POSITIONS].sort((a, b) => b.length - a.length);

export interface ColumnSplit {
  /** Recipients' column (or the whole line). */
  left: string;
  /** Signature column text, if the line has any. */
  right?: { kind: 'authority' | 'position' | 'name'; text: string; at: number };
}

const NAME = /^(?:\p{Lu}[\p{Ll}\p{M}]*\.?\s+){1,4}\p{Lu}[\p{Ll}\p{M}]*$/u;
const UPPER_NAME = /^(?:\p{Lu}+\s+){1,4}\p{Lu}+$/u;
/** OCR-damaged name: capitalised tokens with stray marks (`Pham Ng(.)c Hu’ng`). */
const LOOSE_NAME = /^(?:\p{Lu}[\p{Ll}\p{M}().’'`]*\s+){1,4}\p{Lu}[\p{Ll}\p{M}().’'`]*$/u;

/** A line of the signature column on its own: an authority mark or a title. */
export function isSignatureLine(text: string): boolean {
  const t = text.trim();
  const m = AUTHORITY_MARK.exec(t);
  if (m && m.index === 0 && upperRatio(t) >= 0.7) return true;
  return positionAtEnd(t)?.at === 0;
}

function positionAtEnd(text: string): { at: number; text: string } | undefined {
  const folded = fold(text).replace(/\s+$/, '');
  for (const p of TITLES) {
    const re = new RegExp(`(?:^|\\s)(${p.replace(/ /g, '\\s+')})$`);
    const m = re.exec(folded);
    if (!m) continue;
    const at = m.index + m[0].indexOf(m[1]!);
    const original = text.slice(at).trim();
    if (upperRatio(original) < 0.8) continue;
    return { at, text: original };
  }
  return undefined;
}

/** A personal name (2–5 capitalised words, none of them an office word). */
export function isPersonName(text: string): boolean {
  const t = text.trim().replace(/[.,;]+$/, '');
  if (!(NAME.test(t) || UPPER_NAME.test(t) || LOOSE_NAME.test(t))) return false;
  const words = foldWords(t);
  const count = words.split(' ').length;
  const padded = ` ${words} `;
  return count >= 2 && count <= 5 && !NOT_NAME_PHRASES.some((p) => padded.includes(` ${p.trim()} `));
}

/** Split a back-matter line into the recipients' column and the signature column. */
export function splitColumns(value: string): ColumnSplit {
  const text = value.replace(/\s+$/, '');
  const auth = AUTHORITY_MARK.exec(text);
  if (auth) {
    const at = auth.index + (auth[0].length - auth[0].trimStart().length);
    const right = text.slice(at).trim();
    if (upperRatio(right) >= 0.6) return { left: text.slice(0, at).trim(), right: { kind: 'authority', text: right, at } };
  }
  const pos = positionAtEnd(text);
  if (pos) return { left: text.slice(0, pos.at).trim(), right: { kind: 'position', text: pos.text, at: pos.at } };
  // A speck after the name (`Nguyễn Duy Luân :`) is no part of it.
  const trimmed = text.trim().replace(/\s+[:;,.'`]+$/u, '');
  // `Cần Thơ;`: a `;` or `,` on the last word closes a recipient, never a signer's name.
  if (isPersonName(trimmed) && !/^[-+•*]/.test(trimmed) && !/\p{L}[;,]$/u.test(trimmed)) {
    return { left: '', right: { kind: 'name', text: trimmed.replace(/[.,;]+$/, ''), at: text.indexOf(trimmed) } };
  }
  // `- Lưu: VP-UBND. Phạm Ngọc Hưng`: a name after the recipient's closing mark.
  const tail = /[;.]\s+((?:\p{Lu}[\p{Ll}\p{M}().’'`]*\s+){1,4}\p{Lu}[\p{Ll}\p{M}().’'`]*)\s*$/u.exec(text);
  if (tail && isPersonName(tail[1]!)) {
    const at = tail.index + tail[0].indexOf(tail[1]!);
    return { left: text.slice(0, at).trim(), right: { kind: 'name', text: tail[1]!, at } };
  }
  return { left: text };
}

/** Ranks printed before a signer's name (`Đại tá Nguyễn Văn A`): not part of the name. */
const RANK = /^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tá|úy|uý|tướng)|Đại\s+tướng|(?:GS|PGS|TS|ThS|BS|KS)\.(?:\s*(?:TS|BS)\.)?)\s+/u;

/**
 * One cell of a signature column printed as one string (`KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn
 * A`, a Word table cell or a text layer): its parts in order, as `[from, to)` offsets — each
 * authority mark with its object, the signer's title, the name (without a rank).
 */
export function signatureParts(text: string): Array<[number, number]> {
  const name = /((?:\p{Lu}[\p{Ll}\p{M}]+\.?\s+){1,5}\p{Lu}[\p{Ll}\p{M}]+)\s*$/u.exec(text);
  let upperEnd = text.length;
  const parts: Array<[number, number]> = [];
  let namePart: [number, number] | undefined;
  if (name && name.index > 0 && upperRatio(text.slice(0, name.index)) >= 0.8) {
    let at = name.index;
    const rank = RANK.exec(text.slice(at));
    if (rank) at += rank[0].length;
    namePart = [at, name.index + name[1]!.length];
    upperEnd = name.index;
  }
  const upper = text.slice(0, upperEnd);
  const marks = [...upper.matchAll(new RegExp(AUTHORITY_MARK.source, 'gu'))].map((m) => m.index + (m[0].length - m[0].trimStart().length));
  const starts = marks.length && marks[0]! > 0 ? [0, ...marks] : marks.length ? marks : [0];
  starts.forEach((from, k) => {
    const to = starts[k + 1] ?? upper.trimEnd().length;
    parts.push([from, to]);
  });
  // The last segment ends with the signer's own title when one follows the mark's object.
  const last = parts[parts.length - 1]!;
  const segment = text.slice(last[0], last[1]);
  const pos = positionAtEnd(segment);
  const markLen = AUTHORITY_MARK.exec(segment)?.[0].length ?? 0;
  if (pos && pos.at > markLen) parts.splice(parts.length - 1, 1, [last[0], last[0] + pos.at], [last[0] + pos.at, last[1]]);
  if (namePart) parts.push(namePart);
  return parts.map(([a, b]) => [a + (text.slice(a, b).length - text.slice(a, b).trimStart().length), a + text.slice(a, b).trimEnd().length] as [number, number]).filter(([a, b]) => b > a);
}

/**
 * Footer lines in reading order, one item a line: ` | ` cells of a footer table read column by
 * column (`Nơi nhận` on the left, then the signature on the right); a `Nơi nhận` cell holding its
 * bullets on one line (`Nơi nhận: - A; - B;`) split at its bullets; a signature cell split into
 * its marks, title and name. Lines are cut, never rewritten, so spans stay exact.
 */
export function footerReadingOrder(lines: readonly LineNode[]): LineNode[] {
  const columns: LineNode[][] = [];
  const out: LineNode[] = [];
  const flush = () => {
    for (const column of columns) if (column) out.push(...column);
    columns.length = 0;
  };
  for (const line of lines) {
    if (!/\s\|\s|^\|\s|\s\|$/.test(line.value)) {
      flush();
      out.push(line);
      continue;
    }
    let from = 0;
    let col = 0;
    for (const m of line.value.matchAll(/\s*\|\s*/g)) {
      const cell = sliceLine(line, from, m.index);
      if (cell.value.trim()) (columns[col] ??= []).push(cell);
      from = m.index + m[0].length;
      col++;
    }
    const cell = sliceLine(line, from, line.value.length);
    if (cell.value.trim()) (columns[col] ??= []).push(cell);
  }
  flush();
  return out.flatMap(splitFooterCell);
}

/** A footer cell holding several items on one line: recipients' bullets, or a signature column. */
function splitFooterCell(line: LineNode): LineNode[] {
  const text = line.value;
  if (/^\s*N\S{1,3}\s+nh\S{1,3}n\s*:/iu.test(text) || /^\s*-\s.*;\s*-\s/u.test(text)) {
    // `Nơi nhận: - A; - B; - Lưu: VT.`: each bullet on a line of its own.
    const cuts = [...text.matchAll(/(?:^|(?<=[;:.])\s+)-\s+(?=\S)/gu)].map((m) => m.index + (m[0].length - m[0].trimStart().length));
    if (cuts.length >= 2 || (cuts.length === 1 && cuts[0]! > 0)) {
      const bounds = cuts[0] === 0 ? cuts : [0, ...cuts];
      return bounds.map((from, k) => sliceLine(line, from, bounds[k + 1] ?? text.length)).filter((l) => l.value.trim());
    }
    return [line];
  }
  if (AUTHORITY_MARK.test(text) || positionAtEnd(text.replace(/\s*(?:\p{Lu}[\p{Ll}\p{M}]+\s*){2,6}$/u, ''))) {
    const parts = signatureParts(text);
    if (parts.length >= 2) return parts.map(([a, b]) => sliceLine(line, a, b));
  }
  return [line];
}
