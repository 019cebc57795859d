/**
 * Judging a PDF page's text layer: is it real text, and does it read as Vietnamese? A layer
 * made by an OCR that could not read Vietnamese (the `eng` model: `Dà Näng`, `Thành Doàn Dà
 * Ning`, `cua`, `Dang`) looks like text but is not: it is OCRed again. Two measures, both
 * needed for a layer to pass:
 *   - the share of letters carrying a Vietnamese mark (tone or vowel mark, or đ): about 28 %
 *     in Vietnamese, under 5 % in `eng` OCR;
 *   - the share of its words that are valid Vietnamese syllables (src/restore/syllable.ts):
 *     95 %+ in Vietnamese text (the rest are codes and abbreviations), far less in `eng` OCR,
 *     whose marks are the wrong ones (`ä`, `é` on the wrong vowel) on otherwise plain words.
 */
import { isValidSyllable } from '../restore/syllable.js';

/** Letters below this count mean no usable text layer (a stamp, a page number). */
export const MIN_TEXT_LAYER_LETTERS = 20;
/** Share of marked letters under which a text claimed to be Vietnamese was made by a non-Vietnamese OCR. */
export const MIN_VIETNAMESE_MARK_SHARE = 0.05;
/** Share of words that must be Vietnamese syllables. */
export const MIN_SYLLABLE_SHARE = 0.85;
/** Below this many letters the shares say nothing. */
const MIN_LETTERS_TO_JUDGE = 200;

export function letterCount(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** Share of letters that carry a diacritic (or are đ/Đ), over all letters. */
export function markedLetterShare(text: string): number {
  let letters = 0;
  let marked = 0;
  for (const ch of text.normalize('NFC')) {
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (ch === 'đ' || ch === 'Đ' || ch.normalize('NFD').length > 1) marked++;
  }
  return letters ? marked / letters : 0;
}

/**
 * Share of the words (runs of letters; all-capital words of up to five letters, which are
 * mostly abbreviations such as UBND or KH, left out) that are valid Vietnamese syllables.
 */
export function syllableShare(text: string): number {
  const words = text.normalize('NFC').match(/\p{L}+/gu) ?? [];
  let n = 0;
  let valid = 0;
  for (const w of words) {
    if (w.length <= 5 && w === w.toUpperCase() && !/[^\p{ASCII}]/u.test(w.replace(/Đ/g, 'D'))) continue;
    n++;
    if (isValidSyllable(w.toLowerCase())) valid++;
  }
  return n ? valid / n : 0;
}

export interface VietnameseReading {
  /** Enough letters to judge. */
  judged: boolean;
  vietnamese: boolean;
  letters: number;
  markShare: number;
  syllableShare: number;
}

export function vietnameseReading(text: string): VietnameseReading {
  const letters = letterCount(text);
  const markShare = markedLetterShare(text);
  const syllables = syllableShare(text);
  const judged = letters >= MIN_LETTERS_TO_JUDGE;
  return { judged, vietnamese: !judged || (markShare >= MIN_VIETNAMESE_MARK_SHARE && syllables >= MIN_SYLLABLE_SHARE), letters, markShare, syllableShare: syllables };
}

export function describeReading(r: VietnameseReading): string {
  return `${Math.round(r.markShare * 100)} % of letters marked, ${Math.round(r.syllableShare * 100)} % of words Vietnamese syllables`;
}

export function hasRealText(text: string): boolean {
  return letterCount(text) >= MIN_TEXT_LAYER_LETTERS;
}

/** True when a text layer of this length does not read as Vietnamese: the sign of `eng` OCR. */
export function looksLikeNonVietnameseOcr(text: string): boolean {
  const r = vietnameseReading(text);
  return r.judged && !r.vietnamese;
}
