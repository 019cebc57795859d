/**
 * Cue phrases found in folded words, tolerant of OCR damage: one edit per word, words run
 * together or split apart.
 */
import { levenshtein } from '../distance.js';
import { foldWords } from './fold.js';

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
  // OCR damages some words of a cue, not all: one word at least must be as printed
  // (`pháp tổng` is one edit from `phan cong` in each word, and no cue).
  let exact = 0;
  for (let k = 0; k < cueWords.length; k++, j++) {
    const word = words[j];
    if (word === undefined) return false;
    if (word === cueWords[k]) {
      exact++;
      continue;
    }
    if (wordsMatch(word, cueWords[k]!) && (cueWords.length > 1 || word.length >= 6)) continue;
    const next = cueWords[k + 1];
    if (next === undefined) return false;
    // Two cue words OCR ran together: exactly, when short (`quan` is no `dự án` run together).
    const joined = cueWords[k]! + next;
    if (joined.length < 6 ? word !== joined : !wordsMatch(word, joined)) return false;
    if (word === joined) exact++;
    k++;
  }
  return exact > 0;
}

/** True when a folded text starts (in words) with the cue, OCR-tolerant. */
export function startsWithCue(text: string, cue: string): boolean {
  const words = foldWords(text).split(' ');
  const cueWords = cue.split(' ');
  if (words.length < cueWords.length) return false;
  return cueWords.every((c, k) => wordsMatch(words[k]!, c));
}


/**
 * Which kind of a cue table a text names: the cue printed first wins, the longer cue on a tie
 * (`MỤC TIÊU, NHIỆM VỤ` is about targets; `Mục tiêu cụ thể` beats `Mục tiêu`). `loose` also
 * finds cues whose words OCR ran together.
 */
export function firstCueKind<K>(text: string, table: ReadonlyArray<readonly [K, readonly string[]]>, loose = false): K | undefined {
  const words = foldWords(text).split(' ');
  let best: { kind: K; at: number; len: number } | undefined;
  for (const [kind, cues] of table) {
    for (const cue of cues) {
      const at = loose ? findCueLoose(words, cue) : findCue(words, cue);
      const len = cue.split(' ').length;
      if (at >= 0 && (!best || at < best.at || (at === best.at && len > best.len))) best = { kind, at, len };
    }
  }
  return best?.kind;
}
