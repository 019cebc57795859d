import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { characterErrorRate, levenshtein } from '../src/distance.js';

// The implementation this one replaced, kept as the reference: same answers, much slower.
const { LevenshteinDistance: reference } = createRequire(import.meta.url)('natural/lib/natural/distance/levenshtein_distance') as {
  LevenshteinDistance: (a: string, b: string) => number;
};

/** Deterministic pseudo-random strings over a small alphabet, so that they share runs. */
function strings(seed: number, count: number): string[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s / 2 ** 31);
  const alphabet = 'aăâbcdđeêơưạ ';
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
}

describe('levenshtein', () => {
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
