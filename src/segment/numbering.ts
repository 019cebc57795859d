/**
 * Numbering repairs: what OCR does to section numerals and item numbers (`111.` for `III.`,
 * a lost dot, a number read as a bullet), and which numbered lines are items at all.
 */
import { toRoman } from './labels.js';
import { sectionKind } from './kinds.js';
import { isUpperHeading } from './regions.js';
import { TERMINATED, type Classified } from './line.js';
import { startsBlock, type Layout } from './layout.js';
import type { BlockNode, SectionNode } from '../tree.js';

/**
 * OCR reads `I`, `II`, `III` as `1`, `11`, `111`: an upper-case section heading numbered with
 * ones only is that Roman section where the next Roman numeral is due (or the one after,
 * when OCR lost a heading), or where its number cannot be the next item (`11.` or `1.` after
 * item 2: a `III.` that lost strokes; its id is positional anyway).
 */
export function repairDigitNumerals(cs: Classified[]): void {
  if (!cs.some((c) => c.label.kind === 'roman')) return;
  let seen = 0;
  let lastItem = 0;
  for (const c of cs) {
    if (c.label.kind === 'roman') {
      seen = c.label.value ?? seen + 1;
      lastItem = 0;
      continue;
    }
    if (c.label.kind !== 'arabic') continue;
    const printed = c.label.printed ?? '';
    const value = c.label.value ?? 0;
    const due = printed.length >= seen + 1 && printed.length <= seen + 2;
    const notAnItem = value !== lastItem + 1 && value !== lastItem;
    const numeral = /^1{1,3}$/.test(printed) && (due || notAnItem) && isUpperHeading(c) && sectionKind(c.line.value.slice(c.label.restAt)) !== 'other';
    if (!numeral) {
      if (value === lastItem + 1) lastItem = value;
      continue;
    }
    const read = due ? printed.length : seen + 1;
    c.label = { ...c.label, kind: 'roman', label: toRoman(read), value: read };
    seen = read;
    lastItem = 0;
  }
}

/**
 * OCR lost an item's number: a bullet line that reads as a title (short, capitalised, no
 * closing stop) inside a numbered item that already holds bullets, followed by a bullet
 * with the same mark. Bullets of one list do not take turns being titles.
 */
export function lostItemNumber(c: Classified, cs: readonly Classified[], i: number, current: SectionNode, width: Layout): boolean {
  if (current.depth !== 2 || !/^\d+$/.test(current.label)) return false;
  const text = c.line.value.slice(c.label.restAt).trim();
  if (!/^\p{Lu}/u.test(text) || /[.;:,!?…\-–]$/u.test(text) || text.split(/\s+/).length > 12 || c.line.value.trim().length >= width.short) return false;
  const next = cs[i + 1];
  if (!next || next.label.kind !== 'bullet' || next.label.marker !== c.label.marker) return false;
  // The item's bullets close with a stop, so an unclosed one is no bullet of that list
  // (a list of short targets printed without stops is left alone).
  const bullets = current.children.filter((b): b is BlockNode => b.type === 'block' && b.role === 'bullet' && b.marker === c.label.marker);
  return bullets.length > 0 && bullets.every((b) => /[.;:!?]["”')]*$/u.test(b.children[b.children.length - 1]!.value.trim()));
}

/**
 * A number printed without its dot that is not the one due, on a short title line (capitalised,
 * no closing stop) that starts a block, followed by a bullet, under a Roman section whose
 * items are numbered: OCR misread the digit.
 */
export function misreadBareNumber(
  c: Classified, cs: readonly Classified[], i: number, stack: readonly SectionNode[],
  lastNumber: Map<SectionNode | null, number>, width: Layout,
): boolean {
  const parent = stack.filter((s) => s.depth <= 1).pop();
  const last = parent ? lastNumber.get(parent) ?? 0 : 0;
  if (!parent || last === 0 || c.label.value === last + 1) return false;
  const text = c.line.value.slice(c.label.restAt).trim();
  if (/[.;:,!?…]$/u.test(text) || c.line.value.trim().length >= width.short || !startsBlock(cs, i, width, true)) return false;
  return cs[i + 1]?.label.kind === 'bullet';
}

/**
 * A numbered line is an item when its number follows on (1, or the last + 1, or a small
 * skip after a finished sentence); otherwise it is a wrapped line that starts with a number.
 */
export function acceptsNumber(
  c: Classified, stack: readonly SectionNode[], lastNumber: Map<SectionNode | null, number>,
  cs: readonly Classified[], i: number, width: Layout,
): boolean {
  const n = c.label.value!;
  const parentDepth = c.label.kind === 'arabic' ? 1 : 2;
  const parent = stack.filter((s) => s.depth <= parentDepth).pop();
  if (!parent || (c.label.kind === 'subnumber' && parent.depth !== 2)) return c.label.kind === 'arabic' && startsBlock(cs, i, width);
  const last = lastNumber.get(parent) ?? 0;
  if (c.label.bare) {
    // A number without its dot is an item only where it is due, on a short title line.
    return n === last + 1 && last > 0 && startsBlock(cs, i, width) && c.line.value.trim().length < width.short && !TERMINATED.test(c.line.value);
  }
  if (n === last + 1 || n === 1 && last === 0) return true;
  if (!startsBlock(cs, i, width)) return false;
  return (n > last && n <= last + 2) || n === last; // skipped or repeated number on a new line
}

/**
 * A Roman numeral far out of sequence is no section: `XIV CỦA ĐẢNG; …` is a title wrapped after
 * `ĐẠI HỘI LẦN THỨ`. A numeral is a section where it follows on (the next, a repeat, one skipped)
 * or restarts at I (an appendix); one printed without its dot must follow on exactly.
 */
export function demoteStrayNumerals(cs: Classified[]): void {
  let seen = 0;
  for (const c of cs) {
    if (c.label.kind !== 'roman') continue;
    const v = c.label.value ?? 0;
    const follows = v === seen + 1 || v === seen;
    if (follows || (!c.label.bare && (v <= seen + 2 || v === 1))) {
      seen = v;
      continue;
    }
    c.label = { kind: 'text', restAt: c.line.value.length - c.line.value.trimStart().length };
  }
}
