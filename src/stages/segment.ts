/**
 * Segment: root of lines → front region (header, title, preamble), Roman-numeral
 * sections holding numbered and lettered sections and blocks (paragraphs, bullets,
 * headings), back region (closing paragraph, `Nơi nhận`, signature).
 *
 * Printed lines that wrap mid-sentence are joined into one block; a bullet or a label
 * starts a new one. Roman sections are recognised by numeral and heading words on
 * folded text, so OCR damage (`I11.`, a repeated numeral) does not lose a section; ids
 * of Roman sections are positional, and every repair is a message on the file.
 */
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { CLOSING_CUES, ITEM_LETTERS, LETTER_LOOKALIKES, RECIPIENTS_CUE } from '../data/sections.js';
import { PREAMBLE_OPENERS } from '../data/documents.js';
import { PAGE_NUMBER_LINE } from '../data/artefacts.js';
import { TITLE_DIRT } from '../data/ocr.js';
import { classifyLine, printedExtent, toRoman, type LineLabel } from '../extract/labels.js';
import { sectionKind } from '../extract/sections.js';
import { isSignatureLine, splitColumns } from '../extract/signature.js';
import { foldWords, runOfLines, sliceRun, spanOf, startsWithCue, trimEnd, trimRun, upperRatio } from '../extract/text.js';
import type { BlockNode, LineNode, PlanRoot, SectionNode } from '../tree.js';

const SOURCE = 'vnplan:segment';

interface Classified {
  line: LineNode;
  label: LineLabel;
}

/** Ends a sentence or an introduction: the next line starts a new block. */
const TERMINATED = /[.;:!?…](?:[”"')\]]*)\s*$/u;
const STARTS_LOWER = /^[\s“"'(]*[\p{Ll}\d]/u;

/**
 * How the document's lines are laid out: `short` — a line shorter than this ended its
 * paragraph (¾ of the usual line length); `wrap` — the width where printed lines wrap
 * (Infinity when every line is a whole paragraph, as in text exported from Word).
 */
interface Layout {
  short: number;
  wrap: number;
}

function measureLayout(lines: readonly LineNode[]): Layout {
  const lengths = lines.map((l) => l.value.trim().length).filter((n) => n > 30).sort((a, b) => a - b);
  if (lengths.length === 0) return { short: 60, wrap: Infinity };
  const p75 = lengths[Math.floor(lengths.length * 0.75)]!;
  return { short: p75 * 0.75, wrap: p75 < 130 ? p75 : Infinity };
}

export function segmentTree(tree: PlanRoot, file: VFile): void {
  const nonBlank = (tree.children as LineNode[]).filter((l) => l.type === 'line' && l.value.trim() !== '');
  const printed = withoutPageFurniture(nonBlank, file).map(withoutSpecks);
  const split = splitMergedLabels(printed.filter((l) => l.value.trim() !== ''));
  const width = measureLayout(split);
  const lines = withoutWrapSpecks(split, width);
  const classified: Classified[] = lines.map((line) => ({ line, label: classifyLine(line.value) }));
  repairDigitNumerals(classified);

  let bodyStart = classified.findIndex((c) => c.label.kind === 'roman');
  let topKind: 'roman' | 'arabic' = 'roman';
  if (bodyStart < 0) {
    // No Roman numerals: upper-case numbered headings (`1. MỤC ĐÍCH`) are the top level.
    bodyStart = classified.findIndex((c) => c.label.kind === 'arabic' && isUpperHeading(c));
    topKind = 'arabic';
  }
  if (bodyStart < 0) {
    file.message('No section headings found: the whole text is front matter', { ruleId: 'no-sections', source: SOURCE });
    tree.children = [{ type: 'region', role: 'front', children: frontBlocks(classified, width) }];
    return;
  }
  // An appendix (`PHỤ LỤC`, often restarting I, II …) is not the plan's body.
  const appendix = classified.findIndex((c, i) => i > bodyStart && isAppendixHeading(c.line.value));
  const bodyEnd = appendix < 0 ? classified.length : appendix;
  const backStart = Math.min(findBackStart(classified.slice(0, bodyEnd), bodyStart, topKind, width), bodyEnd);
  const front = classified.slice(0, bodyStart);
  const body = classified.slice(bodyStart, backStart);
  const back = classified.slice(backStart);

  const sections = buildSections(body, topKind, width, file);
  const children: PlanRoot['children'] = [];
  if (front.length) children.push({ type: 'region', role: 'front', children: frontBlocks(front, width) });
  children.push(...sections);
  if (back.length) children.push({ type: 'region', role: 'back', children: backChildren(back, width) });
  tree.children = children;
}

/**
 * A short item title with its first lettered item on the same line (`1. Nội dung a) Tập
 * trung …`): OCR merges a short line with the next one, and text re-flowed from a PDF joins
 * a line that does not end a sentence with the next. The title is at most 8 words with no
 * sentence punctuation, and the letter opens a capitalised sentence.
 */
const MERGED_LETTER = /^((?:[^\s.;:!?]+\s+){0,7}[^\s.;:!?]+)\s+(?=[a-zđ]\)\s+\p{Lu})/u;

export function splitMergedLabels(lines: readonly LineNode[]): LineNode[] {
  const out: LineNode[] = [];
  for (const line of lines) {
    const label = classifyLine(line.value);
    const m = label.kind === 'arabic' || label.kind === 'subnumber' ? MERGED_LETTER.exec(line.value.slice(label.restAt)) : null;
    if (!m) {
      out.push(line);
      continue;
    }
    const cut = label.restAt + m[0].length;
    out.push(sliceLine(line, 0, label.restAt + m[1]!.length), sliceLine(line, cut, line.value.length));
  }
  return out;
}

/**
 * Page numbers and running headers or footers of a paged input: a page-number line first or
 * last on its page (OCR often joins it to the text with no blank line, so the normaliser's
 * isolated-line rule misses it), and a line repeated first (or last) on three or more pages.
 */
export function withoutPageFurniture(lines: readonly LineNode[], file: VFile): LineNode[] {
  const edgesOf = (kept: readonly LineNode[]): Set<LineNode> => {
    const pages = new Map<number, LineNode[]>();
    for (const l of kept) if (l.data.page !== undefined) pages.set(l.data.page, [...(pages.get(l.data.page) ?? []), l]);
    return pages.size < 2 ? new Set() : new Set([...pages.values()].flatMap((p) => [p[0]!, p[p.length - 1]!]));
  };
  const at = (l: LineNode) => ({ line: l.data.sourceLine, column: 1 });
  const numbers = [...edgesOf(lines)].filter((l) => PAGE_NUMBER_LINE.test(l.value.trim()));
  for (const l of numbers) file.message('Dropped a page number line', { place: at(l), ruleId: 'page-number', source: SOURCE });
  const kept = lines.filter((l) => !numbers.includes(l));
  // The header or footer is at the page's edge once its page number is gone.
  const edges = edgesOf(kept);
  const keyOf = (l: LineNode) => foldWords(l.value).replace(/\d+/g, '#');
  const repeats = new Map<string, number>();
  for (const l of edges) if (keyOf(l).length >= 6) repeats.set(keyOf(l), (repeats.get(keyOf(l)) ?? 0) + 1);
  const running = [...edges].filter((l) => (repeats.get(keyOf(l)) ?? 0) >= 3);
  for (const l of running) file.message(`Dropped a running header or footer: \`${l.value.trim()}\``, { place: at(l), ruleId: 'running-header', source: SOURCE });
  return kept.filter((l) => !running.includes(l));
}

/**
 * `. Bạch Thông xây dựng …` after an unfinished full-width line: the mark is a speck, not a
 * bullet (a bullet does not cut a sentence that runs to the margin), so it is cut off.
 */
function withoutWrapSpecks(lines: readonly LineNode[], width: Layout): LineNode[] {
  return lines.map((line, i) => {
    const prev = lines[i - 1]?.value.trim();
    const m = /^\s*[.~=”]\s+(?=\p{Lu})/u.exec(line.value);
    if (!m || prev === undefined || TERMINATED.test(prev) || prev.length < width.short) return line;
    return sliceLine(line, m[0].length, line.value.length);
  });
}

/** A scanned line without the specks OCR read in its margins (`printedExtent`). */
function withoutSpecks(line: LineNode): LineNode {
  const [from, to] = printedExtent(line.value);
  return from === 0 && to === line.value.length ? line : sliceLine(line, from, to);
}

/** Part of a line as a line of its own, its position moved to where the part starts. */
function sliceLine(line: LineNode, from: number, to: number): LineNode {
  const part: LineNode = { type: 'line', value: line.value.slice(from, to), data: { ...line.data } };
  const start = line.position?.start;
  if (start) {
    const at = (offset: number) => ({ line: start.line, column: start.column + offset, ...(start.offset === undefined ? {} : { offset: start.offset + offset }) });
    part.position = { start: at(from), end: at(to) };
  }
  return part;
}

/**
 * OCR reads `I`, `II`, `III` as `1`, `11`, `111`: an upper-case section heading numbered with
 * ones only is that Roman section where the next Roman numeral is due (or the one after,
 * when OCR lost a heading), or where its number cannot be the next item (`11.` or `1.` after
 * item 2: a `III.` that lost strokes; its id is positional anyway).
 */
function repairDigitNumerals(cs: Classified[]): void {
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

function isAppendixHeading(value: string): boolean {
  const t = value.trim();
  return startsWithCue(t, 'phu luc') && upperRatio(t.slice(0, 8)) >= 0.8;
}

function isUpperHeading(c: Classified): boolean {
  const rest = c.line.value.slice(c.label.restAt);
  return rest.length >= 4 && upperRatio(rest) >= 0.8;
}

function isTop(c: Classified, topKind: 'roman' | 'arabic'): boolean {
  return topKind === 'roman' ? c.label.kind === 'roman' : c.label.kind === 'arabic' && isUpperHeading(c);
}

/** Where the body ends: the closing paragraph, `Nơi nhận`, or the signature block. */
function findBackStart(cs: readonly Classified[], bodyStart: number, topKind: 'roman' | 'arabic', width: Layout): number {
  let lastTop = bodyStart;
  for (let i = bodyStart; i < cs.length; i++) if (isTop(cs[i]!, topKind)) lastTop = i;
  for (let i = lastTop + 1; i < cs.length; i++) {
    const c = cs[i]!;
    const text = c.line.value.trim();
    if (startsWithCue(text, RECIPIENTS_CUE)) return closingBefore(cs, i, lastTop, width);
    if (isSignatureLine(text) && c.label.kind === 'text') return closingBefore(cs, i, lastTop, width);
    // An authority mark in the right column (`Ng;; nhận … TM. ỦY BAN NHÂN DÂN`): `Nơi nhận` garbled.
    if (splitColumns(text).right?.kind === 'authority') return closingBefore(cs, i, lastTop, width);
    if (c.label.kind !== 'text') continue;
    const prev = cs[i - 1]?.line.value.trim() ?? '';
    if (!startsBlock(cs, i, width) && !TERMINATED.test(prev)) continue;
    // Closing words end the body only when no numbered item follows them.
    if (CLOSING_CUES.some((cue) => startsWithCue(text, cue)) && !laterItem(cs, i)) return i;
  }
  return cs.length;
}

/** A numbered or lettered item after line `i`, before `Nơi nhận`. */
function laterItem(cs: readonly Classified[], i: number): boolean {
  for (let j = i + 1; j < cs.length; j++) {
    const c = cs[j]!;
    if (startsWithCue(c.line.value.trim(), RECIPIENTS_CUE)) return false;
    if (c.label.kind === 'arabic' || c.label.kind === 'letter' || c.label.kind === 'roman') return true;
  }
  return false;
}

/**
 * The paragraph just before `Nơi nhận` is the closing one when it ends with `/.` (the
 * mark that closes a Vietnamese administrative text) and is not an item's only text.
 */
function closingBefore(cs: readonly Classified[], end: number, lastTop: number, width: Layout): number {
  if (end - 1 <= lastTop) return end;
  const lastLine = cs[end - 1]!.line.value.trim();
  if (!/\/\.?\s*$/.test(lastLine) && !/\.\/\.?$/.test(lastLine)) return end;
  let i = end - 1;
  while (i > lastTop && !startsBlock(cs, i, width)) i--;
  if (cs[i]!.label.kind !== 'text' || i <= lastTop) return end;
  const before = cs[i - 1]!;
  if (before.label.kind !== 'text' && before.label.kind !== 'bullet') return end; // the item's own text
  return i;
}

/**
 * Does line `i` start a new block (not a wrapped continuation of the line before)?
 * `asText`: the line's label was not taken (a number that does not follow on, as in a
 * wrapped `13-CTrHĐ/HU ngày …`), so it joins like any text line.
 */
function startsBlock(cs: readonly Classified[], i: number, width: Layout, asText = false): boolean {
  const c = cs[i]!;
  if (i === 0) return true;
  const prev = cs[i - 1]!.line.value.trim();
  const text = c.line.value.trim();
  if (asText) return TERMINATED.test(prev) || startsTextBlock(cs, i, width, prev, text);
  if (c.label.kind === 'bullet') {
    // `- xã hội …` after an unfinished line is the hyphen of `chính trị - xã hội`, wrapped.
    const wrappedHyphen = c.label.marker === '-' && /^-\s*\p{Ll}/u.test(text) && !TERMINATED.test(prev) && prev.length >= width.short;
    // A speck read as a bullet (`.`, `~`, `=`) before the rest of an unfinished full line.
    const speckAfterWrap = /^[.~=”]/u.test(text) && !TERMINATED.test(prev) && prev.length >= width.short;
    return !wrappedHyphen && !speckAfterWrap;
  }
  if (c.label.kind !== 'text') return true;
  return startsTextBlock(cs, i, width, prev, text);
}

function startsTextBlock(cs: readonly Classified[], i: number, width: Layout, prev: string, text: string): boolean {
  // Inside a bullet, a sentence that ends at the right margin goes on on the next line.
  if (/[.]\s*$/.test(prev) && prev.length >= width.wrap * 0.9 && inBullet(cs, i)) return false;
  if (TERMINATED.test(prev)) return !STARTS_LOWER.test(text);
  if (STARTS_LOWER.test(text)) return false;
  if (startsWithAny(text, PREAMBLE_OPENERS) && prev.length < width.short) return true;
  return prev.length < width.short;
}

/** The nearest labelled line above is a bullet, a few wrapped lines up. */
function inBullet(cs: readonly Classified[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 8; j--) {
    const k = cs[j]!.label.kind;
    if (k === 'text') continue;
    return k === 'bullet';
  }
  return false;
}

function startsWithAny(text: string, cues: readonly string[]): boolean {
  return cues.some((cue) => startsWithCue(text, cue));
}

function makeBlock(c: Classified, role: BlockNode['role']): BlockNode {
  const block: BlockNode = { type: 'block', role, children: [c.line] };
  if (role === 'bullet' && c.label.marker) block.marker = c.label.marker;
  return block;
}

function frontBlocks(cs: readonly Classified[], width: Layout): BlockNode[] {
  const blocks: BlockNode[] = [];
  cs.forEach((c, i) => {
    const last = blocks[blocks.length - 1];
    if (last && !startsBlock(cs, i, width) && c.label.kind !== 'bullet') last.children.push(c.line);
    else blocks.push(makeBlock(c, c.label.kind === 'bullet' ? 'bullet' : 'paragraph'));
  });
  return blocks;
}

function backChildren(cs: readonly Classified[], width: Layout): Array<BlockNode | LineNode> {
  // The closing paragraph is a block; from `Nơi nhận` on, columns interleave: keep lines.
  const out: Array<BlockNode | LineNode> = [];
  let i = 0;
  let closing: BlockNode | undefined;
  for (; i < cs.length; i++) {
    const text = cs[i]!.line.value.trim();
    if (startsWithCue(text, RECIPIENTS_CUE) || isSignatureLine(text)) break;
    if (closing && !startsBlock(cs, i, width)) closing.children.push(cs[i]!.line);
    else {
      closing = makeBlock(cs[i]!, 'paragraph');
      out.push(closing);
    }
  }
  for (; i < cs.length; i++) out.push(cs[i]!.line);
  return out;
}

const LETTER_INDEX = new Map(ITEM_LETTERS.map((l, i) => [l, i]));

function buildSections(cs: readonly Classified[], topKind: 'roman' | 'arabic', width: Layout, file: VFile): SectionNode[] {
  const tops: SectionNode[] = [];
  const stack: SectionNode[] = [];
  /** Section whose heading block is still being read (its lines may wrap). */
  let headingOpen: { section: SectionNode; block: BlockNode } | undefined;
  let block: BlockNode | undefined;
  const lastLetter = new Map<SectionNode, string>();
  const lastNumber = new Map<SectionNode | null, number>();

  const finishHeading = () => {
    if (headingOpen) settleHeading(headingOpen.section, headingOpen.block, width);
    headingOpen = undefined;
  };
  const open = (section: SectionNode, c: Classified, parent: SectionNode | undefined) => {
    finishHeading();
    const heading = makeBlock(c, 'heading');
    section.children.push(heading);
    if (parent) parent.children.push(section);
    else tops.push(section);
    stack.push(section);
    headingOpen = { section, block: heading };
    block = heading;
  };
  const popTo = (depth: number) => {
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
  };
  // Places are in the restored text (what spans index), where the restore stage put each line.
  const place = (c: Classified) => c.line.position?.start ?? { line: c.line.data.sourceLine, column: 1 };

  cs.forEach((c, i) => {
    const k = c.label.kind;
    const isTopLine = isTop(c, topKind);
    if (isTopLine) {
      popTo(1);
      const position = tops.length + 1;
      const id = topKind === 'roman' ? toRoman(position) : String(position);
      const label = c.label.label!;
      if (topKind === 'roman') {
        if (c.label.printed !== label) {
          file.message(`Read Roman numeral \`${c.label.printed}\` as \`${label}\``, { place: place(c), ruleId: 'numeral-repaired', source: SOURCE });
        }
        if (c.label.value !== position) {
          const seen = tops.some((t) => t.label === label);
          file.message(
            seen
              ? `Roman numeral \`${label}\` repeats: section ${position} gets id \`${id}\``
              : `Roman numeral \`${label}\` out of sequence: section ${position} gets id \`${id}\``,
            { place: place(c), ruleId: seen ? 'numeral-repeated' : 'numeral-sequence', source: SOURCE },
          );
        }
      }
      open({ type: 'section', id, label, depth: 1, heading: '', children: [] }, c, undefined);
      return;
    }
    const current = stack[stack.length - 1];
    if (k === 'bullet' && current && lostItemNumber(c, cs, i, current, width)) {
      // `7. Ủy ban nhân dân các xã` printed as `- Ủy ban …` (or `. Yêu cầu`): the number due.
      const parent = stack.filter((s) => s.depth <= 1).pop()!;
      const number = (lastNumber.get(parent) ?? 0) + 1;
      c.label = { kind: 'arabic', printed: c.label.marker ?? '', label: String(number), value: number, restAt: c.label.restAt };
      file.message(`Read a title printed as a bullet as item \`${number}\` (its number lost)`, { place: place(c), ruleId: 'number-repaired', source: SOURCE });
    }
    if (c.label.bare && current && misreadBareNumber(c, cs, i, stack, lastNumber, width)) {
      // `5 Phòng Văn hóa` where item 3 is due, a title with its bullets below: a digit misread.
      const parent = stack.filter((s) => s.depth <= 1).pop()!;
      const number = (lastNumber.get(parent) ?? 0) + 1;
      file.message(`Read item number \`${c.label.printed}\` (printed without its dot) as \`${number}\``, { place: place(c), ruleId: 'number-repaired', source: SOURCE });
      c.label = { ...c.label, label: String(number), value: number };
    }
    if ((c.label.kind === 'arabic' || c.label.kind === 'subnumber') && current && acceptsNumber(c, stack, lastNumber, cs, i, width)) {
      const k = c.label.kind;
      const depth = k === 'arabic' ? 2 : 3;
      const parentDepth = depth - 1;
      popTo(depth);
      const parent = stack.filter((s) => s.depth <= parentDepth).pop() ?? stack[0]!;
      const number = c.label.value!;
      lastNumber.set(parent, number);
      const label = c.label.label!;
      const idPart = k === 'subnumber' ? String(number) : label;
      let id = `${parent.id}.${idPart}`;
      if (parent.children.some((s) => s.type === 'section' && s.id === id)) {
        const pos = parent.children.filter((s) => s.type === 'section').length + 1;
        id = `${parent.id}.${pos}`;
        file.message(`Item number \`${label}\` repeats under ${parent.id}: read as \`${pos}\``, { place: place(c), ruleId: 'number-repeated', source: SOURCE });
      }
      open({ type: 'section', id, label, depth, heading: '', children: [] }, c, parent);
      return;
    }
    if (k === 'letter' && current) {
      const letterParent = [...stack].reverse().find((s) => !/^[a-zđ]$/.test(s.label)) ?? stack[0]!;
      const prevLetter = lastLetter.get(letterParent);
      let letter = c.label.label!;
      const prevIndex = prevLetter === undefined ? -1 : LETTER_INDEX.get(prevLetter)!;
      if (prevLetter === 'd' && letter === 'd') {
        letter = 'đ';
        file.message('Second `d)` read as `đ)`', { place: place(c), ruleId: 'letter-repaired', source: SOURCE });
      }
      let index = LETTER_INDEX.get(letter) ?? -1;
      const expected = ITEM_LETTERS[prevIndex + 1];
      if (expected && index !== prevIndex + 1 && LETTER_LOOKALIKES[expected]?.includes(c.label.printed!)) {
        letter = expected; // `¢)` after `đ)` is `e)`
        index = prevIndex + 1;
      }
      const plausible = index === 0 ? true : index > prevIndex && index <= prevIndex + 3;
      if (plausible && startsBlock(cs, i, width)) {
        if (letter !== c.label.printed && c.label.printed !== 'd') {
          file.message(`Read item letter \`${c.label.printed}\` as \`${letter}\``, { place: place(c), ruleId: 'letter-repaired', source: SOURCE });
        }
        lastLetter.set(letterParent, letter);
        popTo(letterParent.depth + 1);
        open({ type: 'section', id: `${letterParent.id}.${letter}`, label: letter, depth: letterParent.depth + 1, heading: '', children: [] }, c, letterParent);
        return;
      }
    }
    // A block line: bullet, paragraph, or the continuation of the current block.
    const section = stack[stack.length - 1]!;
    if (headingOpen && headingOpen.section.depth === 1) {
      // A Roman heading wraps only onto upper-case lines (`… VÀ THỜI GIAN` / `THỰC HIỆN`).
      if (c.label.kind === 'text' && headingContinues(headingOpen, c)) {
        headingOpen.block.children.push(c.line);
        return;
      }
    } else if (block && !startsBlock(cs, i, width, k === 'arabic' || k === 'subnumber')) {
      block.children.push(c.line);
      return;
    }
    finishHeading();
    block = makeBlock(c, c.label.kind === 'bullet' ? 'bullet' : 'paragraph');
    section.children.push(block);
  });
  finishHeading();
  for (const top of tops) top.kind = sectionKind(top.heading);
  return tops;
}

/** A Roman heading continues only on upper-case lines; item headings wrap like paragraphs. */
function headingContinues(open: { section: SectionNode; block: BlockNode }, c: Classified): boolean {
  if (open.section.depth === 1) {
    const t = c.line.value.trim();
    return t.length < 80 && !/\p{Ll}/u.test(t) && /[\p{L}\d]/u.test(t) && open.block.children.length < 3;
  }
  return true;
}

/**
 * OCR lost an item's number: a bullet line that reads as a title (short, capitalised, no
 * closing stop) inside a numbered item that already holds bullets, followed by a bullet
 * with the same mark. Bullets of one list do not take turns being titles.
 */
function lostItemNumber(c: Classified, cs: readonly Classified[], i: number, current: SectionNode, width: Layout): boolean {
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
function misreadBareNumber(
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
function acceptsNumber(
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
 * `Title: rest`. A colon with a space before it, or none after it before a lower-case word
 * (`báo chí:xây dựng`, `trọng : tâm`), is an OCR speck inside a sentence, not a title's end.
 */
const TITLE_COLON = /^([^:.;]{2,120}?)(?:(?<!\s):\s+(?=\S)|\s*:\s*(?=\p{Lu}))/u;

/**
 * Decide an item's heading from its heading block: `Title: rest` gives the title; a short
 * line gives itself; a label opening a running paragraph gives the paragraph.
 */
function settleHeading(section: SectionNode, block: BlockNode, _layout: Layout): void {
  const first = block.children[0]!;
  const label = classifyLine(first.value);
  const run = runOfLines(block.children);
  const restStart = Math.max(0, run.offsets.findIndex((o) => o >= (first.position?.start.offset ?? 0) + label.restAt));
  let rest = trimRun(sliceRun(run, restStart));
  if (section.depth === 1) {
    const heading = trimEnd(rest, ':.');
    section.heading = heading.text;
    section.headingSpan = spanOf(heading);
    return;
  }
  const colon = TITLE_COLON.exec(rest.text);
  if (colon && colon[1]!.split(/\s+/).length <= 12) {
    const title = trimRun(sliceRun(rest, 0, colon[1]!.length));
    section.heading = title.text;
    section.headingSpan = spanOf(title);
    section.bodyStart = rest.offsets[colon[0].length];
    return;
  }
  // One printed line without a closing stop is a title; wrapped or closed text runs on.
  const text = rest.text;
  const running = block.children.length > 1 || /[.;]$/.test(text) || (/:$/.test(text) && text.split(/\s+/).length > 12);
  if (running) section.running = true;
  rest = trimEnd(rest, ':');
  if (!running) {
    // A title never ends with a dash: `Xã hội-`, `Phòng Tài chính ~~ Lê` carry OCR dirt.
    const dirt = TITLE_DIRT.exec(rest.text);
    if (dirt && dirt.index > 0) rest = trimEnd(sliceRun(rest, 0, dirt.index), ':');
  }
  section.heading = rest.text;
  section.headingSpan = spanOf(rest);
}

const segment: Plugin<[], PlanRoot> = () => (tree, file) => segmentTree(tree, file);
export default segment;

