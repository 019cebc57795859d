/**
 * The restorer: diacritics and OCR repair for Vietnamese text. Contract: one output line
 * per input line; what is not a Vietnamese word (numbers, codes, punctuation) is kept.
 * PLACEHOLDER until the decoder lands: returns the text unchanged.
 */
import { RestoreOptions, type RestoreResult } from './types.js';

export function restore(text: string, options: RestoreOptions = {}): RestoreResult {
  RestoreOptions.parse(options);
  return { text, changes: [], messages: [] };
}
export * from './types.js';
