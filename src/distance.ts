/**
 * String distance from `natural`. Only its distance module is loaded: the package's index
 * pulls in dotenv, which prints to stdout, where `vnplan extract` writes JSON.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { LevenshteinDistance } = require('natural/lib/natural/distance/levenshtein_distance') as {
  LevenshteinDistance: (source: string, target: string) => number;
};

/** Unit-cost Levenshtein distance between two strings (UTF-16 units; NFC Vietnamese is BMP). */
export function levenshtein(a: string, b: string): number {
  return LevenshteinDistance(a, b);
}

/** Character error rate: edits per character of `truth`, white space collapsed, NFC. */
export function characterErrorRate(truth: string, text: string): number {
  const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  const t = clean(truth);
  return levenshtein(t, clean(text)) / Math.max(1, t.length);
}
