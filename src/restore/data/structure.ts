/**
 * Patterns of document structure the restorer must not read as words, and the OCR case
 * confusions it may undo. Data only; the logic is in `../index.ts`.
 */

/**
 * A list label at the start of a line: one letter or symbol before `)` (`a)`, `đ)`, `¢)` for
 * c)), or a Roman-numeral-like token before `.` (`I.`, `II.`, `IV.`, OCR's `I11.`, `Il.`).
 * The segmenter reads them; they are kept exactly as printed.
 */
export const LETTER_LABEL = /^\S$/u;
export const LETTER_LABEL_CLOSE = ')';
export const ROMAN_LABEL = /^[IVXLivxl][IVXLivxl1]*$/u;
export const ROMAN_LABEL_CLOSE = '.';

/** A bullet or dash opening a list item. */
export const BULLET = /^[-–—+•*·●○▪■□◦⁃►➢✓]$/u;

/** Words (tokens) that end a sentence: the next word may be capitalised for that alone. */
export const SENTENCE_END = /^[.!?:;…]$/u;

/**
 * Capitals OCR invents: letters whose capital differs from the small letter only in size
 * (`X4` for xã) or that stand for another, small letter (`I` for l in `Iui` lùi). Keys are
 * the capital as printed; the value is the small letter the page may have had (null: the
 * letter itself). `C`, `K`, `S`, `U`, `V` are left out: plans capitalise words beginning
 * with them on purpose mid-sentence (`Chương trình`, `Kế hoạch`, `Sở`, `Ủy ban`, `Văn phòng`).
 */
export const OCR_INVENTED_CAPITALS: Readonly<Record<string, string | null>> = { X: null, I: 'l' };

/**
 * Administrative units, one syllable each, printed before a place name (`xã Chư Pơng`,
 * `HUYỆN CHƯ SÊ`). OCR glues them onto the name in headers (`XACHU PONG`).
 */
export const ADMIN_UNITS: readonly string[] = ['xã', 'huyện', 'tỉnh', 'phường', 'quận', 'thôn', 'làng', 'buôn', 'bản', 'ấp'];
