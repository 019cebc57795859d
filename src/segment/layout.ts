/**
 * How printed lines join into blocks: a line continues the block above unless it is a label
 * or bullet, or the line above ends a sentence, or the line above is short (the paragraph
 * ended before the margin) and this one starts upper case.
 */
import { PREAMBLE_OPENERS } from '../data/documents.js';
import { startsWithCue } from '../text/index.js';
import { DANGLING_NAME_WORDS, DANGLING_WORDS } from '../data/words.js';
import type { LineNode } from '../tree.js';
import { STARTS_LOWER, TERMINATED, type Classified } from './line.js';

/**
 * How the document's lines are laid out: `short` — a line shorter than this ended its
 * paragraph (¾ of the usual line length); `wrap` — the width where printed lines wrap
 * (Infinity when every line is a whole paragraph, as in text exported from Word).
 */
export interface Layout {
  short: number;
  wrap: number;
}

export function measureLayout(lines: readonly LineNode[]): Layout {
  const lengths = lines.map((l) => l.value.trim().length).filter((n) => n > 30).sort((a, b) => a - b);
  if (lengths.length === 0) return { short: 60, wrap: Infinity };
  const p75 = lengths[Math.floor(lengths.length * 0.75)]!;
  return { short: p75 * 0.75, wrap: p75 < 130 ? p75 : Infinity };
}

/**
 * Does line `i` start a new block (not a wrapped continuation of the line before)?
 * `asText`: the line's label was not taken (a number that does not follow on, as in a
 * wrapped `13-CTrHĐ/HU ngày …`), so it joins like any text line.
 */
export function startsBlock(cs: readonly Classified[], i: number, width: Layout, asText = false): boolean {
  const c = cs[i]!;
  if (i === 0) return true;
  const prev = cs[i - 1]!.line.value.trim();
  const text = c.line.value.trim();
  if (asText) return TERMINATED.test(prev) || startsTextBlock(cs, i, width, prev, text);
  if (c.label.kind === 'bullet') {
    // `- xã hội …` after an unfinished line is the hyphen of `chính trị - xã hội`, wrapped.
    const wrappedHyphen = c.label.marker === '-' && /^-\s*\p{Ll}/u.test(text) && !TERMINATED.test(prev) && prev.length >= width.short;
    // `giai đoạn 2026` / `- 2030 …`: a range of years wrapped after its first year.
    const wrappedRange = c.label.marker === '-' && /^-\s*\d{4}\b/u.test(text) && /\b\d{4}$/u.test(prev);
    // A speck read as a bullet (`.`, `~`, `=`) before the rest of an unfinished full line.
    const speckAfterWrap = /^[.~=”]/u.test(text) && !TERMINATED.test(prev) && prev.length >= width.short;
    return !wrappedHyphen && !wrappedRange && !speckAfterWrap;
  }
  if (c.label.kind !== 'text') return true;
  return startsTextBlock(cs, i, width, prev, text);
}

export function startsTextBlock(cs: readonly Classified[], i: number, width: Layout, prev: string, text: string): boolean {
  // Inside a bullet, a sentence that ends at the right margin goes on on the next line.
  if (/[.]\s*$/.test(prev) && prev.length >= width.wrap * 0.9 && inBullet(cs, i)) return false;
  if (TERMINATED.test(prev)) return !STARTS_LOWER.test(text);
  if (STARTS_LOWER.test(text)) return false;
  // `2. Sở` / `Khoa học và Công nghệ`: a line ending with a joining or body word goes on.
  const lastWord = /(\p{L}+)\s*$/u.exec(prev)?.[1] ?? '';
  if (DANGLING_WORDS.has(lastWord) || DANGLING_NAME_WORDS.has(lastWord)) return false;
  // `… 2045: 100%` / `DNNVV, HTX …`: a share is never the last word of a sentence.
  if (/\d\s*%$/u.test(prev)) return false;
  if (startsWithAny(text, PREAMBLE_OPENERS) && prev.length < width.short) return true;
  return prev.length < width.short;
}

/** The nearest labelled line above is a bullet, a few wrapped lines up. */
export function inBullet(cs: readonly Classified[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 8; j--) {
    const k = cs[j]!.label.kind;
    if (k === 'text') continue;
    return k === 'bullet';
  }
  return false;
}

export function startsWithAny(text: string, cues: readonly string[]): boolean {
  return cues.some((cue) => startsWithCue(text, cue));
}
