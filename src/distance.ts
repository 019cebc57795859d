/**
 * String distance from `natural`, for word-sized strings (cue words, table titles). Only its
 * distance module is loaded: the package's index pulls in dotenv, which prints to stdout, where
 * `vnplan extract` writes JSON. Page-sized texts are measured by `scripts/lib/distance.ts`.
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
