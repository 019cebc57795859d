/**
 * The case of words English-model OCR got wrong. A reading takes the case of the token it
 * replaces (output.ts), which is right for most tokens; these are the shapes where the token's
 * case is the OCR's, not the page's. Measured on the 36-page eng tuning set (docs/restorer.md),
 * each shape then checked on the held-out eng pages:
 * - a capital OCR invented mid-sentence (`toàn X4,` → `toàn xã,`): written in small letters;
 * - a capital Đ read as `b` (`biéu 1.` for `Điều 1.`, `boc lap` for `Độc lập`): every such
 *   token the tuning set's pages print with a capital (43 of 43; held-out 20 of 20, 3 of them
 *   all in capitals);
 * - a short word whose stacked marks made OCR read capitals (`BO Tài chính` for `Bộ`, `HO
 *   trợ` for `Hỗ`, `SO dư` for `Số`), away from other words in capitals: 29 of 29 printed
 *   `Bộ`; held-out 22 of 23 (the capitals without a mark in their reading are abbreviations,
 *   21 of 21 printed so, and are left alone).
 */
import type { Candidate } from './candidates.js';
import type { RestorerModel } from './model.js';
import { capitalisedWord, wholeToken, type Piece } from './pieces.js';
import { fold, type CasePattern } from './syllable.js';
import { OCR_INVENTED_CAPITALS, SENTENCE_END } from './data/structure.js';
import { isUpperLine } from './output.js';

/** Pieces whose reading is written in another case than the token's: index → case. */
export function ocrCase(pieces: Piece[], chosen: Candidate[], model: RestorerModel, lines: readonly string[]): Map<number, CasePattern> {
  const out = new Map<number, CasePattern>();
  for (const i of inventedCapitals(pieces, chosen, model)) out.set(i, 'lower');
  const upperLines = new Map<number, boolean>();
  const upperLine = (li: number) => {
    let v = upperLines.get(li);
    if (v === undefined) upperLines.set(li, (v = isUpperLine(lines[li] ?? '')));
    return v;
  };
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!, c = chosen[i]!;
    if (p.fixed || c.identity || !model.isSyllable(c.id) || !wholeToken(pieces, i)) continue;
    const lostStroke = lostCapitalStroke(p.text, c.text);
    if (lostStroke) out.set(i, lostStroke);
    else if (stackedMarkCapitals(pieces, i, c.text) && !upperLine(p.line)) out.set(i, 'title');
  }
  return out;
}

/** `b` read for a capital Đ: the token's case (`bIEU` was all capitals) with its first letter a capital. */
function lostCapitalStroke(token: string, reading: string): CasePattern | undefined {
  if (token.charCodeAt(0) !== 0x62 /* b */ || reading.charAt(0) !== 'đ' || token.length < 2) return undefined;
  const rest = token.slice(1);
  return /\p{L}/u.test(rest) && rest === rest.toUpperCase() ? 'upper' : 'title';
}

/** Two or three capitals read as a marked syllable, no word in capitals beside them. */
function stackedMarkCapitals(pieces: Piece[], i: number, reading: string): boolean {
  const text = pieces[i]!.text;
  if (!/^\p{Lu}{2,3}$/u.test(text) || fold(reading) === reading) return false;
  const inCapitals = (q: Piece | undefined) => !!q && !q.fixed && q.line === pieces[i]!.line && /\p{L}{2}/u.test(q.text) && q.text === q.text.toUpperCase();
  return !inCapitals(pieces[i - 1]) && !inCapitals(pieces[i + 1]);
}

/**
 * Capitals OCR invented mid-sentence (`toàn X4,` → `toàn xã,`, `đẩy Iui` → `đẩy lùi`): the
 * pieces whose chosen syllable is written in small letters. Only where the token is damaged
 * (a digit or symbol inside, or letters the reading changed), its capital is one OCR makes up
 * (`OCR_INVENTED_CAPITALS`), the word before is a small-letter word and the word after is not
 * capitalised (not a name run). Words plans capitalise on purpose are never touched.
 */
export function inventedCapitals(pieces: Piece[], chosen: Candidate[], model: RestorerModel): Set<number> {
  const out = new Set<number>();
  for (let i = 1; i < pieces.length; i++) {
    const p = pieces[i]!, c = chosen[i]!;
    if (p.fixed || c.identity || !model.isSyllable(c.id) || !wholeToken(pieces, i)) continue;
    const chars = [...p.text];
    const small = OCR_INVENTED_CAPITALS[chars[0]!];
    if (small === undefined || chars.length < 2 || /\p{Lu}/u.test(chars.slice(1).join(''))) continue;
    if (fold(c.text).charAt(0) !== (small ?? chars[0]!.toLowerCase())) continue;
    const damaged = /[^\p{L}\p{M}]/u.test(p.text) || fold(p.text.toLowerCase()) !== fold(c.text);
    if (!damaged) continue;
    const prev = pieces[i - 1]!, next = pieces[i + 1];
    if (prev.fixed || SENTENCE_END.test(prev.text) || !/^\p{Ll}/u.test(prev.text)) continue;
    if (next && next.line === p.line && capitalisedWord(next)) continue;
    out.add(i);
  }
  return out;
}

