/**
 * Judging a PDF page's text layer: is it real text, and was it made by an OCR that could not
 * read Vietnamese? The `eng` model prints almost no tone or vowel marks, where Vietnamese
 * text has them on about 28% of its letters; under 5% means a layer worth OCRing again.
 */

/** Letters below this count mean no usable text layer (a stamp, a page number). */
export const MIN_TEXT_LAYER_LETTERS = 20;
/** Share of marked letters under which a text claimed to be Vietnamese was made by a non-Vietnamese OCR. */
export const MIN_VIETNAMESE_MARK_SHARE = 0.05;
/** Below this many letters the share of marks says nothing. */
const MIN_LETTERS_FOR_MARK_SHARE = 200;

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

export function hasRealText(text: string): boolean {
  return letterCount(text) >= MIN_TEXT_LAYER_LETTERS;
}

/** True when a text layer of this length lacks Vietnamese marks: the sign of `eng` OCR. */
export function looksLikeNonVietnameseOcr(text: string): boolean {
  return letterCount(text) >= MIN_LETTERS_FOR_MARK_SHARE && markedLetterShare(text) < MIN_VIETNAMESE_MARK_SHARE;
}
