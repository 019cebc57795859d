/** How tokens become language-model units: shared by training and decoding. */
import { LM_PUNCT, type Token } from './tokenize.js';
import { unifyTonePlacement } from './syllable.js';
import { FIRST_PUNCT_ID, NUM, PUNCT, UNK } from './model.js';

/** A word's key in the vocabulary: lower case, NFC, tone on the first vowel of open oa/oe/uy. */
export function wordKey(word: string): string {
  return unifyTonePlacement(word.toLowerCase());
}

const PUNCT_IDS = new Map(LM_PUNCT.map((p, i) => [p, FIRST_PUNCT_ID + i]));

/** The vocabulary id of a token that is not decoded (numbers, punctuation) or of a word as written. */
export function tokenId(token: Token, idOf: ReadonlyMap<string, number>): number {
  if (token.kind === 'number') return NUM;
  if (token.kind === 'punct') return PUNCT_IDS.get(token.text) ?? PUNCT;
  if (/\p{N}/u.test(token.text)) return /^\p{N}/u.test(token.text) ? NUM : UNK;
  return idOf.get(wordKey(token.text)) ?? UNK;
}

export const RESERVED_VOCAB: readonly string[] = ['<s>', '</s>', '<unk>', '<num>', '<punct>', ...LM_PUNCT];
