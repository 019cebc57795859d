/** Patterns of text that PDF extraction and scanning add and the document never said. */

/** A page number on a line of its own: `3`, `- 3 -`, `Trang 3`, `3/12`. */
export const PAGE_NUMBER_LINE = /^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|(?:trang|page)\s*\d{1,3}(?:\s*\/\s*\d{1,3})?|\d{1,3}(?:\s*\/\s*\d{1,3})?)\s*$/iu;

/** Digital-signature stamps at the end of PDFs exported from e-office systems. */
export const SIGNING_STAMP_LINE = /^\s*(?:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:?\d{2}|Z)?|(?:Người ký|Email|Cơ quan|Thời gian ký)\s*:.*)\s*$/u;

/** Dash variants (hyphen, non-breaking hyphen, figure/en/em dash, minus) → what we print. */
export const DASHES: ReadonlyArray<[RegExp, string]> = [
  [/[\u2010\u2011]/g, '-'],
  [/[\u2012\u2014\u2015\u2212]/g, '–'],
];

/** Quote variants → the curly pair Vietnamese documents use, and the plain apostrophe. */
export const QUOTES: ReadonlyArray<[RegExp, string]> = [
  [/[\u201E\u201F\u00AB]/g, '“'],
  [/[\u00BB]/g, '”'],
  [/[\u2018\u201A\u201B\u2032]/g, "'"],
];

/** White space that is not a plain space (NBSP, thin spaces, tabs) inside a line. */
export const ODD_SPACE = /[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g;
/** Zero-width and bidi controls that extraction leaves behind. */
export const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
