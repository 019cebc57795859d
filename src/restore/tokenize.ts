/**
 * Tokens of a line for the restorer: words (letters, possibly with the digits and symbols
 * OCR puts in place of letters), numbers, punctuation. Offsets are UTF-16, in the line.
 */

export type TokenKind = 'word' | 'number' | 'punct';

export interface Token {
  text: string;
  from: number;
  to: number;
  kind: TokenKind;
}

/**
 * A word run: letters, marks and digits, with OCR stand-ins for letters (`¢` for ộ, `€`
 * for ê, `¥` for ý, an apostrophe inside `THU'C`) when they stand between or after letters.
 * (The definition; `tokenizeLine` reads lines with a hand-written scanner that gives the same
 * tokens, about ten times faster, and tests check it against this.)
 */
export const TOKEN_RE = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+|[¢€¥£©®&§][\p{L}\p{M}\p{N}]*)*|[¢€¥£][\p{L}\p{M}\p{N}]+|\S/gu;

/** Per code unit of the BMP, its class bits (0: not yet computed). */
const LETTER = 1, MARK = 2, NUMBER = 4, SPACE = 8, KNOWN = 16;
const classes = new Uint8Array(0x10000);

function classOf(cp: number): number {
  if (cp < 0x10000) {
    const k = classes[cp]!;
    if (k !== 0) return k;
  }
  const ch = String.fromCodePoint(cp);
  const k = KNOWN | (/\p{L}/u.test(ch) ? LETTER : 0) | (/\p{M}/u.test(ch) ? MARK : 0) | (/\p{N}/u.test(ch) ? NUMBER : 0) | (/\s/u.test(ch) ? SPACE : 0);
  if (cp < 0x10000) classes[cp] = k;
  return k;
}

const LMN = LETTER | MARK | NUMBER;
/** Symbols that go on a word run (then more letters may follow). */
const RUN_SYMBOLS = new Set([...'¢€¥£©®&§'].map((c) => c.codePointAt(0)!));
/** Symbols that may open a word (before letters). */
const OPENING_SYMBOLS = new Set([...'¢€¥£'].map((c) => c.codePointAt(0)!));
const APOSTROPHES = new Set([0x27, 0x2019]);

export function tokenizeLine(line: string): Token[] {
  const out: Token[] = [];
  const n = line.length;
  // a run of letters, marks and digits from i: its end, and whether it was digits only
  let end = 0, digitsOnly = true;
  const run = (i: number) => {
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c < 0x80) {
        // ASCII: letters and digits only
        if (c >= 0x30 && c <= 0x39) i++;
        else if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) {
          digitsOnly = false;
          i++;
        } else break;
        continue;
      }
      const cp = line.codePointAt(i)!;
      const k = classOf(cp);
      if ((k & LMN) === 0) break;
      if ((k & NUMBER) === 0) digitsOnly = false;
      i += cp > 0xffff ? 2 : 1;
    }
    end = i;
  };
  let i = 0;
  while (i < n) {
    const cp = line.codePointAt(i)!;
    const k = cp < 0x80 ? asciiClass(cp) : classOf(cp);
    const from = i;
    let kind: TokenKind;
    if (k & LMN) {
      digitsOnly = true;
      run(i);
      i = end;
      // (apostrophe + letters | symbol + letters?)*
      for (;;) {
        if (i >= n) break;
        const c = line.codePointAt(i)!;
        if (APOSTROPHES.has(c) && i + 1 < n && classOf(line.codePointAt(i + 1)!) & LMN) {
          digitsOnly = false;
          run(i + 1);
          i = end;
        } else if (RUN_SYMBOLS.has(c)) {
          digitsOnly = false;
          run(i + 1);
          i = end;
        } else break;
      }
      kind = digitsOnly ? 'number' : 'word';
    } else if (OPENING_SYMBOLS.has(cp) && i + 1 < n && classOf(line.codePointAt(i + 1)!) & LMN) {
      run(i + 1);
      i = end;
      kind = 'word';
    } else if (k & SPACE) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    } else {
      i += cp > 0xffff ? 2 : 1;
      kind = OPENING_SYMBOLS.has(cp) ? 'word' : 'punct';
    }
    out.push({ text: line.slice(from, i), from, to: i, kind });
  }
  return out;
}

/** The class of an ASCII character (the table is not needed). */
function asciiClass(c: number): number {
  if (c >= 0x30 && c <= 0x39) return KNOWN | NUMBER;
  if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) return KNOWN | LETTER;
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) ? KNOWN | SPACE : KNOWN;
}

/** The tokens by the regular expression (the definition `tokenizeLine` follows; for tests). */
export function tokenizeLineByRegExp(line: string): Token[] {
  const out: Token[] = [];
  for (const m of line.matchAll(TOKEN_RE)) {
    const text = m[0];
    const from = m.index;
    let kind: TokenKind;
    if (/^\p{N}+$/u.test(text)) kind = 'number';
    else if (/[\p{L}]/u.test(text) || /[¢€¥£]/u.test(text)) kind = 'word';
    else if (/^[\p{N}\p{L}\p{M}]/u.test(text)) kind = 'word';
    else kind = 'punct';
    out.push({ text, from, to: from + text.length, kind });
  }
  return out;
}

/** Punctuation the language model keeps apart; anything else shares one class. */
export const LM_PUNCT: readonly string[] = [',', '.', ';', ':', '(', ')', '-', '–', '/', '"', '“', '”', '?', '!', '…', '%', '+', '*', "'", '[', ']'];
