import { describe, expect, it } from 'vitest';
import { characterErrorRate, editDistance as levenshtein } from '../scripts/lib/distance.js';
// The product's distance (natural's) is the reference: same answers, much slower on pages.
import { levenshtein as reference } from '../src/distance.js';

/** Deterministic pseudo-random strings over a small alphabet, so that they share runs. */
function strings(seed: number, count: number): string[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s / 2 ** 31);
  const alphabet = 'aăâbcdđeêơưạ ';
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
}

describe('page-sized edit distance', () => {
  it('is the plain unit-cost distance', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', '')).toBe(3);
    expect(levenshtein('', '')).toBe(0);
    expect(levenshtein('ab', 'ba')).toBe(2); // a transposition is two edits
    expect(levenshtein('Ủy ban', 'Uy ban')).toBe(1);
  });

  it('agrees with natural on strings sharing starts, ends and runs', () => {
    const xs = strings(7, 60);
    for (const a of xs) for (const b of xs.slice(0, 20)) expect(levenshtein(a, b)).toBe(reference(a, b));
    for (const a of xs) expect(levenshtein(`đầu ${a} cuối`, `đầu ${a.slice(1)}x cuối`)).toBe(reference(`đầu ${a} cuối`, `đầu ${a.slice(1)}x cuối`));
  });

  it('measures a whole page in well under a second', () => {
    const page = strings(11, 200).join('\n');
    const read = page.replace(/ă/g, 'a').replace(/\n/g, ' ');
    const t0 = performance.now();
    const rate = characterErrorRate(page, read);
    expect(rate).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
