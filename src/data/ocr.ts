/**
 * Marks that scanning and OCR put on a printed line and the document never said: specks
 * and dirt in the margin read as punctuation, and the look-alikes of bullet marks.
 */

/**
 * Punctuation read from specks at a line's left margin (`. rưởng …`, `..2. Phạm vi`,
 * `"II. NỘI DUNG`, `.- Thường trực`, `<= Chủ tịch`). No printed line opens with these followed by a
 * label, a bullet, a space, or a lower-case word.
 */
export const LEADING_SPECKS = /^(?:[.,:;'"`‘’“”~^_|<]+\s*){1,3}/u;

/**
 * Specks at a line's right end after a space (`… truyền thông về \` :`, `Mục đích . :`):
 * two or more groups, or one group of marks that never close a sentence.
 */
export const TRAILING_SPECK_GROUPS = /(?:\s+[.,:;'"`‘’“”~^_|\-–]+)+$/u;
export const NON_CLOSING_SPECK = /^[`'"‘’“”~^_|]+$/u;
/** A lone dash at a line's end is a compound wrapped after its hyphen (`chính trị -`). */
export const WRAPPED_HYPHEN = /^[-–]$/u;

/** Bullet marks as OCR reads a printed `-` or `•`: `~`, `=`, `»` (normalised to `”`). */
export const BULLET_LOOKALIKES = /^[~”=]$/u;

/** OCR dirt at the end of a title or agency name: a dash (`Xã hội-`) or a tilde run (`~~ Lê`). */
export const TITLE_DIRT = /\s*(?:[-–]+|~+(?:\s+\S{1,3})?)\s*$/u;
