/**
 * Compile: the finished file → its serialisation. `json` is the validated contract
 * document; `text` the restored text; `md` the segmented tree rendered through remark
 * (headings for sections, lists for bullets).
 */
import type { Blockquote, Content, Heading, List, ListItem, Paragraph, Root, Table, TableRow } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified, type Plugin } from 'unified';
import type { BlockNode, LineNode, PlanRoot, RegionNode, SectionNode, TableNode } from '../tree.js';

export const OutputFormat = ['json', 'md', 'text'] as const;
export type OutputFormat = (typeof OutputFormat)[number];

/** Lines of a block joined with single spaces, bullet mark removed. */
export function blockText(block: BlockNode): string {
  return block.children.map((l) => l.value.trim()).join(' ').replace(/^[-+*•]\s*/u, '').replace(/\s+/g, ' ');
}

function paragraph(value: string): Paragraph {
  return { type: 'paragraph', children: [{ type: 'text', value }] };
}

/** A table as a GFM table: the header row's cells as column names, one row per table row. */
function tableToMdast(table: TableNode): Table {
  const width = Math.max(table.columns.length, ...table.children.map((r) => r.children.length));
  const cellText = (lines: readonly LineNode[]) => lines.map((l) => l.value.trim()).join(' ').replace(/\|/g, '/');
  const rows: TableRow[] = table.children.map((row) => {
    const values: string[] = Array.from({ length: width }, () => '');
    if (row.kind === 'header') row.children.forEach((c, i) => { if (i < width) values[i] = cellText(c.children); });
    else {
      let free = 0;
      for (const c of row.children) {
        // Cells keep their column: the role's column when the row lost empty cells.
        const at = table.columns.indexOf(c.role, free);
        const i = at >= 0 ? at : free;
        if (i < width) values[i] = cellText(c.children);
        free = i + 1;
      }
      if (row.label !== undefined && table.columns[0] === 'number' && !values[0]) values[0] = row.label;
    }
    return { type: 'tableRow', children: values.map((v) => ({ type: 'tableCell', children: v ? [{ type: 'text', value: v }] : [] })) };
  });
  return { type: 'table', children: rows };
}

function blocksToMdast(nodes: ReadonlyArray<BlockNode | LineNode | SectionNode | TableNode>): Content[] {
  const out: Content[] = [];
  let list: List | null = null;
  for (const node of nodes) {
    if (node.type === 'block' && node.role === 'bullet') {
      if (!list) out.push((list = { type: 'list', ordered: false, spread: false, children: [] }));
      const item: ListItem = { type: 'listItem', spread: false, children: [paragraph(blockText(node))] };
      list.children.push(item);
      continue;
    }
    list = null;
    if (node.type === 'table') out.push(tableToMdast(node));
    else if (node.type === 'section') out.push(...sectionToMdast(node));
    else if (node.type === 'block') out.push(paragraph(blockText(node)));
    else if (node.value.trim()) out.push(paragraph(node.value.trim()));
  }
  return out;
}

function sectionToMdast(section: SectionNode): Content[] {
  const depth = Math.min(6, section.depth + 1) as Heading['depth'];
  const title = `${section.label}${section.depth === 1 ? '.' : /^[a-zđ]$/u.test(section.label) ? ')' : '.'} ${section.heading}`;
  // The heading block's lines are the heading; only text after `Title:` on them is body.
  const rest = headingRest(section);
  const body = section.children.filter((c) => !(c.type === 'block' && c.role === 'heading'));
  return [{ type: 'heading', depth, children: [{ type: 'text', value: title.trim() }] }, ...(rest ? [paragraph(rest)] : []), ...blocksToMdast(body)];
}

/** Text after the title on a `1. Phòng Tài chính: Chủ trì …` heading line. */
function headingRest(section: SectionNode): string {
  const block = section.children.find((c): c is BlockNode => c.type === 'block' && c.role === 'heading');
  if (!block || section.bodyStart === undefined) return '';
  return block.children
    .map((l) => {
      const start = l.position?.start.offset ?? 0;
      return section.bodyStart! >= start + l.value.length ? '' : l.value.slice(Math.max(0, section.bodyStart! - start));
    })
    .join(' ').replace(/\s+/g, ' ').trim();
}

export function toMdast(tree: PlanRoot): Root {
  const children: Content[] = [];
  for (const node of tree.children) {
    if (node.type === 'region') {
      const inner = blocksToMdast((node as RegionNode).children);
      if (node.role === 'back' && inner.length) {
        children.push({ type: 'thematicBreak' });
        children.push({ type: 'blockquote', children: inner } as Blockquote);
      } else children.push(...inner);
    } else if (node.type === 'section') children.push(...sectionToMdast(node));
    else children.push(...blocksToMdast([node]));
  }
  return { type: 'root', children };
}

export function renderMarkdown(tree: PlanRoot): string {
  return unified().use(remarkGfm).use(remarkStringify, { bullet: '-', listItemIndent: 'one' }).stringify(toMdast(tree));
}

const compile: Plugin<[{ format?: OutputFormat }?], PlanRoot, string> = function (options) {
  const format = options?.format ?? 'json';
  this.compiler = (tree, file) => {
    if (format === 'text') return `${file.data.restoredText ?? ''}\n`;
    if (format === 'md') return renderMarkdown(tree as PlanRoot);
    return `${JSON.stringify(file.data.plan, null, 2)}\n`;
  };
};
export default compile;
