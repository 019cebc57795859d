/**
 * The section tree of a plan's body: top-level sections (Roman numerals, or `1.` … where a
 * plan has none), numbered and lettered items inside them, and the blocks each holds.
 * Ids of top sections are positional; every repair is a message on the file.
 */
import type { VFile } from 'vfile';
import { ITEM_LETTERS, LETTER_LOOKALIKES } from '../data/sections.js';
import { TITLE_DIRT } from '../data/ocr.js';
import { runOfLines, sliceRun, spanOf, trimEnd, trimRun } from '../text/index.js';
import type { BlockNode, SectionNode } from '../tree.js';
import { classifyLine, toRoman } from './labels.js';
import { sectionKind } from './kinds.js';
import type { Classified } from './line.js';
import { startsBlock, type Layout } from './layout.js';
import { acceptsNumber, lostItemNumber, misreadBareNumber } from './numbering.js';
import { isTop, makeBlock } from './regions.js';

const SOURCE = 'vnplan:segment';

export const LETTER_INDEX = new Map(ITEM_LETTERS.map((l, i) => [l, i]));

export function buildSections(cs: readonly Classified[], topKind: 'roman' | 'arabic', width: Layout, file: VFile): SectionNode[] {
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
    if (c.table && stack.length) {
      finishHeading();
      stack[stack.length - 1]!.children.push(c.table);
      block = undefined;
      return;
    }
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
export function headingContinues(open: { section: SectionNode; block: BlockNode }, c: Classified): boolean {
  if (open.section.depth === 1) {
    const t = c.line.value.trim();
    return t.length < 80 && !/\p{Ll}/u.test(t) && /[\p{L}\d]/u.test(t) && open.block.children.length < 3;
  }
  return true;
}

/**
 * `Title: rest`. A colon with a space before it, or none after it before a lower-case word
 * (`báo chí:xây dựng`, `trọng : tâm`), is an OCR speck inside a sentence, not a title's end.
 */
export /** Words that lead into an item without naming it (`Đề nghị:`, `Giao:`). */
const LEAD_WORD_TITLE = /^(?:Kính đề nghị|Đề nghị|Giao)$/iu;

/** Two or more dots (or an ellipsis) at a line's end. */
const TRAILING_DOTS = /(?:\.{2,}|…)$/u;

const TITLE_COLON = /^([^:.;]{2,120}?)(?:(?<!\s):\s+(?=\S)|\s*:\s*(?=\p{Lu}))/u;

/**
 * Decide an item's heading from its heading block: `Title: rest` gives the title; a short
 * line gives itself; a label opening a running paragraph gives the paragraph.
 */
export function settleHeading(section: SectionNode, block: BlockNode, _layout: Layout): void {
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
  // `Đề nghị: Hiệp hội …`: a lead word before the colon is no title.
  // Revision 2: a running sentence after the colon makes `Title: sentence`; a fragment
  // (`Mục tiêu 4: Trong lĩnh vực y tế`) leaves the whole line the heading.
  const after = colon ? rest.text.slice(colon[0].length).trim() : '';
  const sentence = /[.;!?]["”)]*$/u.test(after) || after.split(/\s+/).length > 8 || block.children.length > 1;
  if (colon && sentence && colon[1]!.split(/\s+/).length <= 12 && !LEAD_WORD_TITLE.test(colon[1]!)) {
    const title = trimRun(sliceRun(rest, 0, colon[1]!.length));
    section.heading = title.text;
    section.headingSpan = spanOf(title);
    section.bodyStart = rest.offsets[colon[0].length];
    return;
  }
  // One printed line without a closing stop is a title; wrapped or closed text runs on.
  const text = rest.text;
  // A title wrapped over two printed lines (`6. Chỉ tiêu chủ yếu đến năm` / `2030`) is still a title:
  // several lines make a running paragraph only when they are long.
  const words = text.split(/\s+/).length;
  // `5. Các Sở, ngành, đơn vị liên quan...`: dots after a short one-line title are specks
  // (or an ellipsis), no sentence's stop.
  const dotted = block.children.length === 1 && words <= 14 && TRAILING_DOTS.test(text);
  const running = (block.children.length > 1 && words > 14) || (/[.;]$/.test(text) && !dotted) || (/:$/.test(text) && words > 12);
  if (running) section.running = true;
  rest = trimEnd(rest, ':');
  if (dotted) rest = trimEnd(rest, '.…');
  if (!running) {
    // A title never ends with a dash: `Xã hội-`, `Phòng Tài chính ~~ Lê` carry OCR dirt.
    const dirt = TITLE_DIRT.exec(rest.text);
    if (dirt && dirt.index > 0) rest = trimEnd(sliceRun(rest, 0, dirt.index), ':');
  }
  section.heading = rest.text;
  section.headingSpan = spanOf(rest);
}
