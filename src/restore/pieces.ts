/**
 * Pieces: what the decoder reads. Each word token of a line becomes one piece (or several when
 * OCR merged words: `ngay22` → `ngay` + `22`); numbers and punctuation are fixed pieces that
 * only give the language model its context.
 */
import type { Boundary, Slot } from './decoder.js';
import type { Token } from './tokenize.js';

export interface Piece {
  line: number;
  /** The source token (in the line) this piece belongs to. */
  token: Token;
  text: string;
  slot: Slot;
  /** Not decoded: kept exactly as printed (numbers, punctuation, codes, list labels). */
  fixed: boolean;
  /** A sentence starts here (the language model's context restarts), or may start (see `markSentenceStarts`). */
  boundary?: Boundary;
}

export const capitalisedWord = (p: Piece | undefined): boolean => !!p && !p.fixed && startsUpper(p.text);

/** The text begins with a capital letter (ASCII answered without the regular expression). */
function startsUpper(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  return /^\p{Lu}/u.test(text);
}

/** The piece stands alone for its token (not part of a split word). */
export const wholeToken = (pieces: Piece[], i: number): boolean => pieces[i - 1]?.token !== pieces[i]!.token && pieces[i + 1]?.token !== pieces[i]!.token;

/** Only spacing lies between two pieces of the same line. */
export function adjacent(a: Piece | undefined, b: Piece | undefined): boolean {
  return !!a && !!b && a.line === b.line && a.token !== b.token && a.token.to <= b.token.from;
}
