/**
 * Folding and case: lower-cased, diacritic-free copies of Vietnamese text that keep every
 * offset (Vietnamese NFC letters are single code units), and the case forms headers use.
 */

/** Fold one UTF-16 unit: lower case, no diacritics, đ → d. Length-preserving. */
function foldUnit(ch: string): string {
  if (ch === 'đ' || ch === 'Đ') return 'd';
  const base = ch.normalize('NFD')[0] ?? ch;
  const lower = base.toLowerCase();
  return lower.length === 1 ? lower : ch;
}

const foldCache = new Map<string, string>();
/**
 * Lower-cased, diacritic-free copy of `s` with the same length, so offsets found in the
 * folded text are offsets in `s` (Vietnamese NFC letters are single code units).
 */
export function fold(s: string): string {
  const out: string[] = [];
  for (const ch of s) {
    if (ch.length !== 1) {
      out.push(ch);
      continue;
    }
    let f = foldCache.get(ch);
    if (f === undefined) {
      f = foldUnit(ch);
      // Bounded: only single code units are cached, and there are at most 65,536 of them.
      foldCache.set(ch, f);
    }
    out.push(f);
  }
  return out.join('');
}

/** Folded and reduced to words: for comparing headings and cue phrases. */
export function foldWords(s: string): string {
  return fold(s).replace(/['’`]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Share of upper-case letters among the letters of `s`. */
export function upperRatio(s: string): number {
  let letters = 0;
  let upper = 0;
  for (const ch of s) {
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (ch === ch.toUpperCase() && ch !== ch.toLowerCase()) upper++;
  }
  return letters === 0 ? 0 : upper / letters;
}

/** Vietnamese sentence case of an upper-case phrase: `ỦY BAN NHÂN DÂN` → `Ủy ban nhân dân`. */
export function sentenceCase(s: string): string {
  const lower = s.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/** Title case of a proper name: `CHƯ PƠNG` → `Chư Pơng`. */
export function titleCase(s: string): string {
  return s
    .toLocaleLowerCase('vi')
    .split(/(\s+|-)/)
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1))
    .join('');
}
