/**
 * Segment: root of lines → front region (header, title, preamble), top-level sections
 * holding numbered and lettered sections and blocks (paragraphs, bullets, headings), back
 * region (closing paragraph, `Nơi nhận`, signature). Each concern has its module under
 * `src/segment/`: page furniture and specks, line joining (layout), numbering repairs,
 * regions, the section tree.
 */
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { classifyLine } from '../segment/labels.js';
import { joinLoneLabels, splitMergedLabels, withoutPageFurniture, withoutSpecks, withoutWrapSpecks } from '../segment/furniture.js';
import { measureLayout } from '../segment/layout.js';
import type { Classified } from '../segment/line.js';
import { demoteStrayNumerals, repairDigitNumerals } from '../segment/numbering.js';
import { appendixChildren, backChildren, findBackStart, frontBlocks, isAppendixHeading, isTop } from '../segment/regions.js';
import { buildSections } from '../segment/sections.js';
import type { LineNode, PlanRoot, TableNode } from '../tree.js';
import { findTables } from '../segment/tables.js';

const SOURCE = 'vnplan:segment';

export function segmentTree(tree: PlanRoot, file: VFile): void {
  const nonBlank = (tree.children as LineNode[]).filter((l) => l.type === 'line' && l.value.trim() !== '');
  const printed = withoutPageFurniture(nonBlank, file).map(withoutSpecks);
  const { lines: untabled, tables } = withTablesSetApart(printed.filter((l) => l.value.trim() !== ''));
  const joined = joinLoneLabels(untabled, file.data.restoredText ?? '');
  // A letter split off a title's line's end (`2. Yêu cầu a)`) is a lone label in turn.
  const split = joinLoneLabels(splitMergedLabels(joined), file.data.restoredText ?? '');
  const width = measureLayout(split);
  const lines = withoutWrapSpecks(split, width);
  const classified: Classified[] = lines.map((line) => {
    const table = tables.get(line);
    return table ? { line, label: { kind: 'text', restAt: 0 }, table } : { line, label: classifyLine(line.value) };
  });
  repairDigitNumerals(classified);
  demoteStrayNumerals(classified);

  let bodyStart = classified.findIndex((c) => c.label.kind === 'roman');
  let topKind: 'roman' | 'arabic' = 'roman';
  if (bodyStart < 0) {
    // No Roman numerals: upper-case numbered headings (`1. MỤC ĐÍCH`) are the top level.
    bodyStart = classified.findIndex((c) => isTop(c, 'arabic'));
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
  const back = classified.slice(backStart, bodyEnd);
  const appendixLines = classified.slice(bodyEnd);

  const sections = buildSections(body, topKind, width, file);
  const children: PlanRoot['children'] = [];
  if (front.length) children.push({ type: 'region', role: 'front', children: frontBlocks(front, width) });
  children.push(...sections);
  if (back.length) children.push({ type: 'region', role: 'back', children: backChildren(back, width) });
  if (appendixLines.length) children.push({ type: 'region', role: 'appendix', children: appendixChildren(appendixLines, width) });
  tree.children = children;
}

const segment: Plugin<[], PlanRoot> = () => (tree, file) => segmentTree(tree, file);
export default segment;

/**
 * Task tables found in the lines and set apart: each table's lines are replaced by one
 * placeholder line that stands for the table, so that its row numbers and letters are not read
 * as the plan's items.
 */
function withTablesSetApart(lines: readonly LineNode[]): { lines: LineNode[]; tables: Map<LineNode, TableNode> } {
  const tables = new Map<LineNode, TableNode>();
  const out: LineNode[] = [];
  let at = 0;
  for (const t of findTables(lines)) {
    out.push(...lines.slice(at, t.start));
    const first = lines[t.start]!;
    const placeholder: LineNode = { type: 'line', value: TABLE_PLACEHOLDER, data: { ...first.data } };
    if (first.position) placeholder.position = { start: first.position.start, end: first.position.start };
    tables.set(placeholder, t.node);
    out.push(placeholder);
    at = t.end;
  }
  out.push(...lines.slice(at));
  return { lines: out, tables };
}

/** The value of a placeholder line: no text, and nothing any reading of lines takes for a label. */
const TABLE_PLACEHOLDER = '\u2063';
