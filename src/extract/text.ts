/**
 * Text helpers shared by segmentation and extraction: diacritic folding that keeps
 * offsets, and `Run`s — strings read from the restored text that remember, for every
 * character, where it came from, so any slice of a value yields its span.
 */
import { levenshtein } from '../distance.js';
import type { Span } from '../contract/plan.js';
import type { LineNode } from '../tree.js';

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
  let out = '';
  for (const ch of s) {
    if (ch.length !== 1) {
      out += ch;
      continue;
    }
    let f = foldCache.get(ch);
    if (f === undefined) {
      f = foldUnit(ch);
      foldCache.set(ch, f);
    }
    out += f;
  }
  return out;
}

/** Folded and reduced to words: for comparing headings and cue phrases. */
export function foldWords(s: string): string {
  return fold(s).replace(/['’`]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A string with, for each character, its offset in the restored text. */
export interface Run {
  text: string;
  /** `offsets[i]` = restored offset of `text[i]`. */
  offsets: number[];
  /** Page of the first line the run was read from. */
  page?: number | undefined;
}

export const emptyRun = (): Run => ({ text: '', offsets: [] });

/** Join lines with single spaces (inner runs of spaces collapsed), keeping offsets. */
export function runOfLines(lines: readonly LineNode[]): Run {
  // Characters are collected in an array and joined once: `text.endsWith` on a string grown by
  // `+=` flattens it every time, which made a 400,000-character line cost minutes.
  const chars: string[] = [];
  const offsets: number[] = [];
  let page: number | undefined;
  let last = '';
  let prev2 = '';
  for (const line of lines) {
    const base = line.position?.start.offset ?? 0;
    const value = line.value;
    if (value.trim() === '') continue;
    if (page === undefined) page = line.data.page;
    // `2021-` / `2030` wrapped inside a number range joins without a space.
    const glued = /^[-–]$/.test(last) && /\d/.test(prev2) && /^\s*\d/.test(value);
    if (chars.length > 0 && last !== ' ' && !glued) {
      chars.push(' ');
      offsets.push(base - 1 >= 0 ? base - 1 : base);
      prev2 = last;
      last = ' ';
    }
    for (let i = 0; i < value.length; i++) {
      let ch = value[i]!;
      if (/\s/.test(ch)) {
        if (chars.length === 0 || last === ' ') continue;
        ch = ' ';
      }
      chars.push(ch);
      offsets.push(base + i);
      prev2 = last;
      last = ch;
    }
  }
  const text = chars.join('');
  return trimRun({ text, offsets, page });
}

export function sliceRun(run: Run, start: number, end = run.text.length): Run {
  return { text: run.text.slice(start, end), offsets: run.offsets.slice(start, end), page: run.page };
}

/** Trim white space and the given extra characters from both ends. */
export function trimRun(run: Run, extra = ''): Run {
  const strip = (ch: string) => /\s/.test(ch) || extra.includes(ch);
  let a = 0;
  let b = run.text.length;
  while (a < b && strip(run.text[a]!)) a++;
  while (b > a && strip(run.text[b - 1]!)) b--;
  return sliceRun(run, a, b);
}

/** Trim only the end (trailing punctuation such as `:` `;` `.`). */
export function trimEnd(run: Run, chars: string): Run {
  let b = run.text.length;
  while (b > 0 && (/\s/.test(run.text[b - 1]!) || chars.includes(run.text[b - 1]!))) b--;
  return sliceRun(run, 0, b);
}

/** Span of the run in the restored text: first char to one past the last char. */
export function spanOf(run: Run): Span | undefined {
  if (run.offsets.length === 0) return undefined;
  return [run.offsets[0]!, run.offsets[run.offsets.length - 1]! + 1];
}

/** `span` and `page` of a run, for spreading into an extracted item. */
export function provenance(run: Run): { span?: Span; page?: number } {
  const out: { span?: Span; page?: number } = {};
  const span = spanOf(run);
  if (span) out.span = span;
  if (run.page !== undefined) out.page = run.page;
  return out;
}

/** Concatenate runs with a space between. */
export function concatRuns(runs: readonly Run[]): Run {
  const out: Run = emptyRun();
  for (const r of runs) {
    if (r.text === '') continue;
    if (out.text !== '') {
      out.text += ' ';
      out.offsets.push(r.offsets[0]!);
    } else out.page = r.page;
    out.text += r.text;
    out.offsets.push(...r.offsets);
  }
  return out;
}

/** Levenshtein distance, capped: anything above `max` is reported as `max + 1`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  return Math.min(levenshtein(a, b), max + 1);
}

/** Words that OCR may have damaged match when one edit apart (words of 3+ letters). */
function wordsMatch(word: string, cue: string): boolean {
  if (word === cue) return true;
  // Short words: one substituted letter at most (`nqi` for `noi`), a digit for a
  // letter in two-letter words (`1a` for `la`); never a letter added or dropped.
  if (cue.length < 4 || word.length < 4) {
    if (word.length !== cue.length) return false;
    let diff = 0;
    for (let i = 0; i < word.length; i++) if (word[i] !== cue[i]) diff += cue.length < 3 && /[a-z]/.test(word[i]!) ? 2 : 1;
    return diff === 1;
  }
  return editDistance(word, cue, 1) <= 1;
}

/**
 * Index (in words) where the cue phrase occurs in the folded word list, tolerating one
 * OCR edit per word; -1 when absent.
 */
export function findCue(words: readonly string[], cue: string): number {
  const cueWords = cue.split(' ');
  for (let i = 0; i < words.length; i++) if (cueMatchesAt(words, i, cueWords)) return i;
  return -1;
}

/**
 * `findCue`, and failing it the cue with the spaces left out, found in the words with the
 * spaces left out: OCR and restoration may split or join words anywhere
 * (`THU CHIẾN` for `THỰC HIỆN`). Returns the index of the word where the cue starts.
 */
export function findCueLoose(words: readonly string[], cue: string): number {
  const at = findCue(words, cue);
  if (at >= 0) return at;
  const joinedCue = cue.replace(/ /g, '');
  let joined = '';
  const wordAt: number[] = [];
  words.forEach((w, i) => {
    joined += w;
    for (let k = 0; k < w.length; k++) wordAt.push(i);
  });
  const found = joined.indexOf(joinedCue);
  // Only where the cue starts and ends on word edges: `thuc hien` is not inside `chucthuc`.
  if (found < 0 || (found > 0 && wordAt[found - 1] === wordAt[found])) return -1;
  const end = found + joinedCue.length;
  if (end < joined.length && wordAt[end - 1] === wordAt[end]) return -1;
  return wordAt[found]!;
}

/**
 * The cue's words from word `i` on; OCR may have lost the space between two of them
 * (`THỤCHIỆN` for `THỰC HIỆN`), so two cue words may match one printed word.
 */
function cueMatchesAt(words: readonly string[], i: number, cueWords: readonly string[]): boolean {
  let j = i;
  for (let k = 0; k < cueWords.length; k++, j++) {
    const word = words[j];
    if (word === undefined) return false;
    if (wordsMatch(word, cueWords[k]!)) continue;
    const next = cueWords[k + 1];
    if (next === undefined || !wordsMatch(word, cueWords[k]! + next)) return false;
    k++;
  }
  return true;
}

/** True when a folded text starts (in words) with the cue, OCR-tolerant. */
export function startsWithCue(text: string, cue: string): boolean {
  const words = foldWords(text).split(' ');
  const cueWords = cue.split(' ');
  if (words.length < cueWords.length) return false;
  return cueWords.every((c, k) => wordsMatch(words[k]!, c));
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
