/**
 * Vietnamese syllables: folding (marks dropped), tone placement, and a phonotactic
 * validity check (onset + rime + tone), independent of any corpus.
 */
import { ONSETS, RIME_SET, STOP_CODAS, SOFT_ONSETS, HARD_ONSETS } from './data/phonotactics.js';
import { BoundedCache } from './cache.js';
import { TONE_PLACEMENT_CACHE_SIZE } from './tuning.js';

/** Combining tone marks in NFD: huyền, sắc, ngã, hỏi, nặng. */
export const TONE_MARKS = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'] as const;
const TONE_RE = /[\u0300\u0301\u0303\u0309\u0323]/u;
const TONE_RE_G = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/** Drop every Vietnamese mark (tone, breve, circumflex, horn) and đ → d. Case kept. */
export function fold(s: string): string {
  // per code point (marks dropped, so their order is irrelevant and NFD is per character);
  // ASCII passes, anything else is folded once and remembered
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  let out = '';
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    let f = foldCache.get(ch);
    if (f === undefined) {
      f = ch.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
      foldCache.set(ch, f);
    }
    out += f;
  }
  return out;
}

const foldCache = new BoundedCache<string, string>(8192);

/** The tone of a syllable: 0 none, 1 huyền, 2 sắc, 3 ngã, 4 hỏi, 5 nặng. */
export function toneOf(s: string): number {
  const m = TONE_RE.exec(s.normalize('NFD'));
  return m ? TONE_MARKS.indexOf(m[0] as (typeof TONE_MARKS)[number]) + 1 : 0;
}

/** The syllable without its tone mark (vowel shape marks and đ kept), NFC. */
export function stripTone(s: string): string {
  return s.normalize('NFD').replace(TONE_RE_G, '').normalize('NFC');
}

const OPEN_OA_OE_UY = /^([^aeiouyAEIOUY\p{M}]*)([oO][aAeE]|[uU][yY])([\u0300\u0301\u0303\u0309\u0323])$/u;
const OPEN_OA_OE_UY_CLASSIC = /^([^aeiouyAEIOUY\p{M}]*)([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])$/u;

/**
 * Bring the tone mark of open `oa`, `oe`, `uy` onto the first vowel (`hoà` → `hòa`,
 * `thuỷ` → `thủy`), the placement administrative documents use. Not after `q`.
 */
export function unifyTonePlacement(word: string): string {
  // (ASCII carries no tone mark; other words are remembered: a text repeats its words)
  if (isAscii(word)) return word;
  let out = unifiedCache.get(word);
  if (out === undefined) {
    const d = word.normalize('NFD');
    const m = OPEN_OA_OE_UY.exec(d);
    out = !m || /[qQ]$/.test(m[1]!) ? word.normalize('NFC') : (m[1]! + m[2]![0] + m[3] + m[2]![1]).normalize('NFC');
    unifiedCache.set(word, out);
  }
  return out;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

const unifiedCache = new BoundedCache<string, string>(TONE_PLACEMENT_CACHE_SIZE);
const modernCache = new BoundedCache<string, string>(TONE_PLACEMENT_CACHE_SIZE);

/**
 * The other placement: the tone mark of open `oa`, `oe`, `uy` on the second vowel (`hòa` →
 * `hoà`, `thủy` → `thuỷ`), as newer texts and typing tools write.
 */
export function modernTonePlacement(word: string): string {
  if (isAscii(word)) return word;
  let out = modernCache.get(word);
  if (out === undefined) {
    out = modernPlacement(word);
    modernCache.set(word, out);
  }
  return out;
}

function modernPlacement(word: string): string {
  const d = word.normalize('NFD');
  const m = OPEN_OA_OE_UY_CLASSIC.exec(d);
  if (!m || /[qQ]$/.test(m[1]!)) return word.normalize('NFC');
  const pair = (m[2]! + m[4]!).toLowerCase();
  if (pair !== 'oa' && pair !== 'oe' && pair !== 'uy') return word.normalize('NFC');
  return (m[1]! + m[2]! + m[4]! + m[3]!).normalize('NFC');
}

/** Which placement a word shows: `classic` (`hòa`), `modern` (`hoà`), or null (no open oa/oe/uy with a tone). */
export function tonePlacementOf(word: string): 'classic' | 'modern' | null {
  if (unifyTonePlacement(word) !== word.normalize('NFC')) return 'modern';
  if (modernTonePlacement(word) !== word.normalize('NFC')) return 'classic';
  return null;
}

export interface SyllableParts {
  onset: string;
  rime: string;
  tone: number;
}

/** Split a lowercase syllable into onset, toneless rime and tone, or null if impossible. */
export function parseSyllable(word: string): SyllableParts | null {
  const nfd = word.normalize('NFD');
  const tones = nfd.match(TONE_RE_G);
  if (tones && tones.length > 1) return null;
  const tone = toneOf(nfd);
  const bare = nfd.replace(TONE_RE_G, '').normalize('NFC');
  // `gi` is an onset before a vowel (`giá`) but `g` + `i…` otherwise (`gì`, `giếng`).
  for (const onset of ONSETS) {
    if (!bare.startsWith(onset)) continue;
    const rime = bare.slice(onset.length);
    if (RIME_SET.has(rime) && onsetFits(onset, rime) && toneFits(rime, tone)) return { onset, rime, tone };
  }
  return null;
}

function onsetFits(onset: string, rime: string): boolean {
  const first = rime[0] ?? '';
  const front = /^[ieêy]/u.test(first);
  if (SOFT_ONSETS.has(onset)) return front; // k, gh, ngh only before i, e, ê, y
  if (onset === 'g') return !/^[eê]/u.test(first); // g + i is the `gi` sound (`gì`, `giếng`)
  if (HARD_ONSETS.has(onset)) return !front; // c, ng never before them
  if (onset === 'qu') return !/^[uưo]/u.test(rime) || rime.startsWith('ô');
  if (onset === 'gi') return !/^i/u.test(rime);
  return true;
}

function toneFits(rime: string, tone: number): boolean {
  // Syllables closed by a stop take only sắc or nặng.
  for (const coda of STOP_CODAS) if (rime.endsWith(coda)) return tone === 0 ? false : tone === 2 || tone === 5;
  return true;
}

/** True when `word` (any case) is a phonotactically valid Vietnamese syllable. */
export function isValidSyllable(word: string): boolean {
  if (!word || word.length > 8) return false;
  return parseSyllable(word.toLowerCase()) !== null;
}

/** A token's letter case: all upper (two letters or more), capitalised, or lower. */
export type CasePattern = 'upper' | 'title' | 'lower' | 'mixed';

/** `mixed`: capitalised with more capitals inside (`PiCH`, `CAp`), which OCR produces. */
export function casePattern(token: string): CasePattern {
  let letters = 0, upper = 0, firstUpper = false;
  if (isAscii(token)) {
    for (let i = 0; i < token.length; i++) {
      const c = token.charCodeAt(i);
      const isUpper = c >= 0x41 && c <= 0x5a;
      if (!isUpper && !(c >= 0x61 && c <= 0x7a)) continue; // not a cased letter
      if (isUpper) {
        if (letters === 0) firstUpper = true;
        upper++;
      }
      letters++;
    }
    return letters === 0 ? 'lower' : letters >= 2 && upper === letters ? 'upper' : firstUpper ? (upper > 1 ? 'mixed' : 'title') : 'lower';
  }
  for (const ch of token) {
    const lower = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lower === up) continue; // not a cased letter
    if (ch === up) {
      if (letters === 0) firstUpper = true;
      upper++;
    }
    letters++;
  }
  if (letters === 0) return 'lower';
  if (letters >= 2 && upper === letters) return 'upper';
  if (firstUpper) return upper > 1 ? 'mixed' : 'title';
  return 'lower';
}

export function applyCase(word: string, pattern: CasePattern): string {
  if (pattern === 'upper') return word.toUpperCase();
  if (pattern === 'title' || pattern === 'mixed') return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}
