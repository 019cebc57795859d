/**
 * How printed lines join into blocks: a line continues the block above unless it is a label
 * or bullet, or the line above ends a sentence, or the line above is short (the paragraph
 * ended before the margin) and this one starts upper case.
 */
import { PREAMBLE_OPENERS } from '../data/documents.js';
import { startsWithCue } from '../text/index.js';
import { DANGLING_NAME_WORDS, DANGLING_WORDS, DOCUMENT_NOUN_START, DOCUMENT_OBJECT_VERB } from '../data/words.js';
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
  // Inside a bullet or a lettered item, a sentence that ends at the right margin goes on on
  // the next line (`c) Triển khai … cá nhân khác.` / `Giúp nâng cao …`: in the 24 dev plans
  // as printed, a lettered item's next sentence, never a paragraph of its own).
  if (/[.]\s*$/.test(prev) && prev.length >= width.wrap * 0.9 && (inBullet(cs, i) || nearestLabel(cs, i) === 'letter')) return false;
  if (TERMINATED.test(prev)) return !STARTS_LOWER.test(text);
  if (STARTS_LOWER.test(text)) return false;
  // `(Viettel Nghệ` / `An, VNPT …`: a parenthesis left open goes on.
  if ((prev.match(/\(/g)?.length ?? 0) > (prev.match(/\)/g)?.length ?? 0)) return false;
  // In a plan whose bullets end with a stop, a bullet's line without one goes on.
  if (inBullet(cs, i) && bulletsEndWithStops(cs)) return false;
  // `2. Ban Quản lý Khu kinh tế` / `Đông Nam` / `- …`: an item's title wrapped before its bullets.
  if (wrappedTitle(cs, i, text)) return false;
  // `2. Sở` / `Khoa học và Công nghệ`: a line ending with a joining or body word goes on.
  const lastWord = /(\p{L}+)\s*$/u.exec(prev)?.[1] ?? '';
  if (DANGLING_WORDS.has(lastWord) || DANGLING_NAME_WORDS.has(lastWord)) return false;
  // `Thời gian thực hiện: năm` / `2026 - 2027.`: a time word waiting for its number.
  if (/(?:^|\s)(?:năm|ngày)$/u.test(prev) && /^\d/u.test(text)) return false;
  // `1. Kinh phí bảo đảm thực hiện` / `Kế hoạch này được bố trí …`: a verb whose object, a
  // document's name, went on to the next line.
  if (DOCUMENT_OBJECT_VERB.test(prev) && DOCUMENT_NOUN_START.test(text)) return false;
  // `… 2045: 100%` / `DNNVV, HTX …`: a share is never the last word of a sentence.
  if (/\d\s*%$/u.test(prev)) return false;
  const printed = printedLength(cs[i - 1]!, prev);
  if (startsWithAny(text, PREAMBLE_OPENERS) && printed < width.short) return true;
  return printed < width.short;
}

/**
 * How long the printed line was: a line cut in two (`2. Yêu cầu a) Phong trào …` read as a title
 * and an item) ends where the printed line ended, so it is as long as that line.
 */
function printedLength(c: Classified, trimmed: string): number {
  const end = c.line.position?.end.column;
  return end === undefined ? trimmed.length : Math.max(trimmed.length, end - 1);
}

const stopsCache = new WeakMap<readonly Classified[], boolean>();

/**
 * Does this document end its bullets with a stop (`.`, `;`, `:`)? Judged on the lines just
 * before a labelled line (which surely end their block) inside bullets: 8 of 10 at least, of
 * five at least.
 */
export function bulletsEndWithStops(cs: readonly Classified[]): boolean {
  let known = stopsCache.get(cs);
  if (known !== undefined) return known;
  let ends = 0;
  let stops = 0;
  for (let j = 1; j < cs.length; j++) {
    if (cs[j]!.label.kind === 'text') continue;
    const k = cs[j - 1]!.label.kind;
    if (k !== 'bullet' && !(k === 'text' && inBullet(cs, j - 1))) continue;
    ends++;
    if (TERMINATED.test(cs[j - 1]!.line.value.trim())) stops++;
  }
  known = ends >= 5 && stops >= ends * 0.8;
  stopsCache.set(cs, known);
  return known;
}

/**
 * Short capitalised lines after a numbered title without a stop, before a bullet: the rest of
 * the title (`3. Đề nghị Ủy ban Mặt trận` / `Tổ quốc Việt Nam Thành phố, Hội Liên hiệp` / `Phụ nữ
 * Thành phố …` / `- …`), two such lines at most.
 */
function wrappedTitle(cs: readonly Classified[], i: number, text: string): boolean {
  const piece = (t: string, words: number) => t.split(/\s+/).length <= words && !/[.;:!?]/u.test(t) && !/,$/.test(t);
  if (!piece(text, 14)) return false;
  // The title's own line is at most two lines up, with only title pieces between.
  let j = i - 1;
  while (j >= 0 && j >= i - 2 && cs[j]!.label.kind === 'text' && piece(cs[j]!.line.value.trim(), 14)) j--;
  const title = cs[j];
  if (!title || (title.label.kind !== 'arabic' && title.label.kind !== 'subnumber') || /[.;:!?]$/u.test(title.line.value.trim())) return false;
  // A single short piece needs no more; longer ones only before a bullet or item, two lines down at most.
  const below = cs[i + 1];
  if (!below) return false;
  if (below.label.kind !== 'text') return text.split(/\s+/).length <= 4 || i - j <= 2;
  const after = cs[i + 2];
  return i - j === 1 && piece(below.line.value.trim(), 14) && !!after && after.label.kind !== 'text';
}

/** The kind of the nearest labelled line above, a few wrapped lines up. */
function nearestLabel(cs: readonly Classified[], i: number): Classified['label']['kind'] | undefined {
  for (let j = i - 1; j >= 0 && j >= i - 8; j--) {
    const k = cs[j]!.label.kind;
    if (k !== 'text') return k;
  }
  return undefined;
}

/** The nearest labelled line above is a bullet, a few wrapped lines up. */
export function inBullet(cs: readonly Classified[], i: number): boolean {
  return nearestLabel(cs, i) === 'bullet';
}

export function startsWithAny(text: string, cues: readonly string[]): boolean {
  return cues.some((cue) => startsWithCue(text, cue));
}
