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
 */
const TOKEN_RE = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+|[¢€¥£©®&§][\p{L}\p{M}\p{N}]*)*|[¢€¥£][\p{L}\p{M}\p{N}]+|\S/gu;

export function tokenizeLine(line: string): Token[] {
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
