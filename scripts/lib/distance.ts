/**
 * Edit distance and character error rate over whole pages, for measuring OCR and restoring
 * (tests, benchmarks, training scripts). The product's word-sized distances come from
 * `natural` (`src/distance.ts`); its Levenshtein builds a matrix of one object per cell, 16 s
 * for one 2,800-character page against itself, so page-sized texts are measured here with two
 * rows of integers (milliseconds; the same distances, `tests/distance.test.ts` checks it).
 */

/** Unit-cost Levenshtein distance between two strings (UTF-16 units; NFC Vietnamese is BMP). */
export function editDistance(a: string, b: string): number {
  // The common start and end cost nothing: OCR text is mostly right, so most of it goes here.
  let start = 0;
  let endA = a.length;
  let endB = b.length;
  while (start < endA && start < endB && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) endA--, endB--;
  // The shorter string runs along the row: two rows of its length + 1.
  if (endA - start < endB - start) [a, b, endA, endB] = [b, a, endB, endA];
  const n = endB - start;
  if (n === 0) return endA - start;
  let previous = new Uint32Array(n + 1);
  let current = new Uint32Array(n + 1);
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = start; i < endA; i++) {
    const ca = a.charCodeAt(i);
    current[0] = i - start + 1;
    for (let j = 1; j <= n; j++) {
      const substitute = previous[j - 1]! + (ca === b.charCodeAt(start + j - 1) ? 0 : 1);
      const remove = previous[j]! + 1;
      const insert = current[j - 1]! + 1;
      current[j] = substitute < remove ? (substitute < insert ? substitute : insert) : remove < insert ? remove : insert;
    }
    [previous, current] = [current, previous];
  }
  return previous[n]!;
}

/** Character error rate: edits per character of `truth`, white space collapsed, NFC. */
export function characterErrorRate(truth: string, text: string): number {
  const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  const t = clean(truth);
  return editDistance(t, clean(text)) / Math.max(1, t.length);
}
