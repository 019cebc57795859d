/**
 * The two-column footer of an administrative document: `Nơi nhận` on the left, the signature
 * column (authority marks, the signer's title and name) on the right. Scans and text layers
 * print both columns on one line; each back line is split into its left and right parts.
 */
import { AUTHORITY_MARK, NOT_NAME_PHRASES, POSITIONS } from '../data/signature.js';
import { fold, foldWords, upperRatio } from '../text/index.js';

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
  if (isPersonName(trimmed) && !/^[-+•*]/.test(trimmed)) {
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
