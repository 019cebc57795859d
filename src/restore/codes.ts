/**
 * Codes and identifiers: tokens that are not words and must pass through untouched — `C04`,
 * `P5`, `5G`, `4E` (of `Quốc lộ 4E`), `N2O`, `0h00`, `KH&CN`, `R&D`, `TTg`, `IoT` — and the few
 * shapes English-model OCR gives to words, which look like codes but are garbled syllables
 * (`d6i` đối, `1a` là, `X4` xã, `T6` Tổ, `K&` Kế, `ngay22` ngày 22). A code-like token is read
 * as a word only in OCR text, when its shape is such a garble and it sits where a word must
 * be (next to a word on its line).
 */
import type { Token } from './tokenize.js';

/**
 * Characters OCR prints for letters (measured on `eng` renders and seed 000: `6` for ô/ơ/ố,
 * `4` for a/ã, `1` for l, `0` for o, `3` for à/ã, `8` for e/ê, `9` for g, and symbols).
 * `2`, `5` and `7` are not among them: OCR seldom prints them for letters, and codes use them
 * (`N2O`, `P5`, `5G`).
 */
const STAND_INS = '0134689¢€¥£&§';
const STAND_IN_G = new RegExp(`[${STAND_INS}]`, 'gu');

/** A token with a digit and a letter, an `&` between letters or digits, or a capital after a small letter. */
export function isCodeLike(text: string): boolean {
  if (/\p{N}/u.test(text) && /\p{L}/u.test(text)) return true; // C04, 5G, 4E, P5, N2O, 0h00, KH03
  if (/[\p{L}\p{N}]&[\p{L}\p{N}]/u.test(text)) return true; // KH&CN, R&D, TN&MT
  if (/\p{Ll}\p{M}*\p{Lu}|\p{Lu}\p{M}*\p{Lu}\p{M}*\p{Ll}/u.test(text)) return true; // IoT, VNeID, eKYC, TTg
  return false;
}

/**
 * The shape of a word as English-model OCR garbles it (only ever asked in OCR text):
 * - letters with single stand-ins for letters, not all in capitals: `d6i`, `1a`, `16p`, `x&`,
 *   `X4`, `T6`, `P6i`, `N¢i`, `K&` (a lone capital followed by stand-ins is a garbled title-case
 *   word; two capitals or more are an abbreviation: `KH&CN`, `NN&PTNT`);
 * - small letters run into a number of two digits or more: `ngay22`, `thdang11nam`;
 * - capitals and small letters mixed inside a word (`tAm`, `cAp`, `PiCH`, `cOng`).
 * Not a garble: a digit before capitals (`5G`, `1A`, `3B`, `4E`), a capital and two digits or
 * more (`C04`, `V01`), digits OCR does not print for letters (`P5`, `N2O`), times (`19h00`).
 */
export function isGarbleShape(text: string): boolean {
  if (/^\p{N}+h\p{N}*$/u.test(text)) return false; // 0h00, 19h00, 13h30
  const letters = text.replace(/[^\p{L}\p{M}]/gu, '');
  if (letters.length === 0) return false;
  const capitals = (letters.match(/\p{Lu}/gu) ?? []).length;
  // a merged word and number (`ngay22`, `thdang11nam`, `hoi2`)
  if (capitals === 0 && hasMergedNumber(text)) return true;
  if (/\p{N}/u.test(text) || /[¢€¥£&§]/u.test(text)) {
    // every non-letter is a stand-in
    if (text.replace(/[\p{L}\p{M}]/gu, '').replace(STAND_IN_G, '') !== '') return false;
    if (/^\p{N}+\p{Lu}/u.test(text)) return false; // 5G, 1A, 3B
    if (capitals >= 2) return false; // KH&CN, KH03
    // two stand-in digits in a row need a small letter beside them (`16p` lập, `10ng` lồng; `C04` is a code)
    return !/\p{N}{2}/u.test(text) || capitals < letters.length;
  }
  // letters only, mixed case: OCR's case inside a word
  return capitals < letters.length;
}

/**
 * Letters run into a number: two letters or more, then two digits or more, or a digit OCR does
 * not print for a letter (`ngay22`, `thdang11nam`, `hoi2`; not `d6i`, `x4`, whose digit is a letter).
 */
export function hasMergedNumber(text: string): boolean {
  return /[\p{L}\p{M}]{2}(?:\p{N}{2}|[257])/u.test(text);
}

/**
 * The token sits where a word must be: the token before it or after it in the text (across
 * line ends: lines are hard-wrapped) is a word, or a word OCR garbled.
 */
export function inWordPosition(prev: Token | undefined, next: Token | undefined): boolean {
  const isWord = (t: Token | undefined) => !!t && t.kind === 'word' && (!isCodeLike(t.text) || isGarbleShape(t.text));
  return isWord(prev) || isWord(next);
}
