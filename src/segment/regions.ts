/**
 * The regions of a plan: front matter (header, title, preamble) before the first top-level
 * heading, the body, and back matter (closing paragraph, `Nơi nhận`, signature) after it;
 * an appendix (`PHỤ LỤC`) is not body.
 */
import { APPENDIX_OPENING, CLOSING_CUES, RECIPIENTS_CUE } from '../data/sections.js';
import { findCue, foldWords, startsWithCue, upperRatio } from '../text/index.js';
import { HEADING_OPENERS, SECTION_KIND_CUES } from '../data/sections.js';
import type { BlockNode, LineNode, TableNode } from '../tree.js';
import { footerReadingOrder, isSignatureLine, splitColumns } from './footer.js';
import { TERMINATED, type Classified } from './line.js';
import { startsBlock, type Layout } from './layout.js';

/**
 * An appendix heading ends the plan's body: `PHỤ LỤC` in capitals, or `Phụ lục số 01`, `Biểu
 * 01`, `Mẫu số 02/HNCT` opening a line (appendices restart I, II …; forms number their own items).
 */
export function isAppendixHeading(value: string): boolean {
  const t = value.trim();
  if (startsWithCue(t, 'phu luc') && upperRatio(t.slice(0, 8)) >= 0.8) return true;
  return APPENDIX_OPENING.test(t);
}

export function isUpperHeading(c: Classified): boolean {
  const rest = c.line.value.slice(c.label.restAt);
  return rest.length >= 4 && upperRatio(rest) >= 0.8;
}

export function isTop(c: Classified, topKind: 'roman' | 'arabic'): boolean {
  return topKind === 'roman' ? c.label.kind === 'roman' : c.label.kind === 'arabic' && (isUpperHeading(c) || isKindTitle(c));
}

/**
 * `1. Mục đích`, `7. Tổ chức thực hiện` in a plan without Roman numerals: a short title that
 * opens with the words of a section kind is a top-level section (contract Revision 2).
 */
export function isKindTitle(c: Classified): boolean {
  if (c.label.kind !== 'arabic' || c.label.bare) return false;
  const rest = c.line.value.slice(c.label.restAt).trim();
  const words = foldWords(rest).split(' ');
  if (words.length > 12 || /[.;]$/.test(rest) || !/^\p{Lu}/u.test(rest)) return false;
  return SECTION_KIND_CUES.some(([, cues]) => cues.some((cue) => findCue(words, cue) === 0)) || HEADING_OPENERS.some((cue) => findCue(words, cue) === 0);
}

/** Where the body ends: the closing paragraph, `Nơi nhận`, or the signature block. */
export function findBackStart(cs: readonly Classified[], bodyStart: number, topKind: 'roman' | 'arabic', width: Layout): number {
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
    // Closing words end the body only when no numbered item follows them, and not right under
    // an item's title that has no text yet (`8. Ban công tác Mặt trận` / `Căn cứ Kế hoạch này, chủ
    // động …`: the item's task).
    const titleAbove = cs[i - 1]!.label.kind !== 'text' && !/[.;]$/.test(prev);
    if (CLOSING_CUES.some((cue) => startsWithCue(text, cue)) && !laterItem(cs, i) && !titleAbove) return i;
  }
  return cs.length;
}

/** A numbered or lettered item after line `i`, before `Nơi nhận`. */
export function laterItem(cs: readonly Classified[], i: number): boolean {
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
export function closingBefore(cs: readonly Classified[], end: number, lastTop: number, width: Layout): number {
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

export function makeBlock(c: Classified, role: BlockNode['role']): BlockNode {
  const block: BlockNode = { type: 'block', role, children: [c.line] };
  if (role === 'bullet' && c.label.marker) block.marker = c.label.marker;
  return block;
}

export function frontBlocks(cs: readonly Classified[], width: Layout): Array<BlockNode | TableNode> {
  const blocks: Array<BlockNode | TableNode> = [];
  cs.forEach((c, i) => {
    if (c.table) {
      blocks.push(c.table);
      return;
    }
    const last = blocks[blocks.length - 1];
    if (last?.type === 'block' && !startsBlock(cs, i, width) && c.label.kind !== 'bullet') last.children.push(c.line);
    else blocks.push(makeBlock(c, c.label.kind === 'bullet' ? 'bullet' : 'paragraph'));
  });
  return blocks;
}

export function backChildren(cs: readonly Classified[], width: Layout): Array<BlockNode | LineNode | TableNode> {
  // The closing paragraph is a block; from `Nơi nhận` on, columns interleave: keep lines.
  const out: Array<BlockNode | LineNode | TableNode> = [];
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
  // A table after the signature (a staff list, a schedule) stays a table.
  let from = i;
  for (let k = i; k <= cs.length; k++) {
    if (k < cs.length && !cs[k]!.table) continue;
    out.push(...footerReadingOrder(cs.slice(from, k).map((c) => c.line)));
    if (k < cs.length) out.push(cs[k]!.table!);
    from = k + 1;
  }
  return out;
}

/** The appendices after the body: blocks (their tables are read by the tables step). */
export function appendixChildren(cs: readonly Classified[], width: Layout): Array<BlockNode | TableNode> {
  return frontBlocks(cs, width);
}
