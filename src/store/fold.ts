/**
 * The folded form the store searches: lower case, no tone or vowel marks, `đ`/`Đ` → `d`.
 * So `Đắk Lắk`, `dak lak` and `ĐẮK LẮK` are one word pair, and the old and new placements of
 * a tone (`hoá`/`hóa`, `thuỷ`/`thủy`, `khoẻ`/`khỏe`) fold to one form (`hoa`, `thuy`, `khoe`),
 * because every mark goes. SQLite's own `remove_diacritics` leaves `đ` alone; this does not.
 *
 * Folding keeps the length of an NFC text, code unit for code unit (Vietnamese letters are
 * single code units in NFC), so a place found in the folded text is the same place in the
 * original: that is how a hit's matched words are found in its passage.
 */
import { fold } from '../text/fold.js';

/** Combining marks left by a text that NFC could not compose. */
const COMBINING = /\p{M}+/gu;

/** The folded form of `text`, for the index and for queries. */
export function searchFold(text: string): string {
  return fold(text.normalize('NFC')).replace(COMBINING, '');
}

/** The words of a folded text (letters and digits), for building queries. */
export function foldedWords(text: string): string[] {
  return searchFold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Where the words of `words` (folded) occur in `text`: `[start, end)` ranges in `text`'s own
 * code units, whole words only (a word ending in `*` also matches as a prefix). Empty when
 * `text` is not NFC (folding would not keep its offsets).
 */
export function matchRanges(text: string, words: string[]): Array<[number, number]> {
  if (!words.length || text.normalize('NFC') !== text) return [];
  const folded = fold(text);
  if (folded.length !== text.length) return [];
  const alternatives = [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((w) => (w.endsWith('*') ? `${escape(w.slice(0, -1))}[\\p{L}\\p{N}]*` : escape(w)));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const ranges: Array<[number, number]> = [];
  for (const m of folded.matchAll(re)) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
