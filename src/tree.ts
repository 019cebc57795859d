/**
 * The document tree the stages share (unist). The parser makes a root of `line` nodes;
 * normalise and restore rewrite line values; `settleLines` fixes each line's position in
 * the restored text; segment groups lines into `block`s inside `section`s.
 */
import type { Node, Parent, Position } from 'unist';
import type { SectionKind, Span } from './contract/plan.js';

export interface LineData {
  /** 1-based line number in the input text. */
  sourceLine: number;
  /** 1-based page of a paged input: the page's number in the file. */
  page?: number;
  /** Columns of white space the line was printed after (layout text: `pdftotext -layout`). */
  indent?: number;
  /**
   * OCRed pages: the layout block of the page the line was read from (1, 2 … in reading
   * order; with `page` it names the block). A column of the two-column header or footer
   * table is a block of its own, and `column` says which.
   */
  block?: number;
  column?: 'left' | 'right';
}

export interface LineNode extends Node {
  type: 'line';
  value: string;
  data: LineData;
  position?: Position;
}

/** A run of lines read as one unit: a paragraph, a bullet, a numbered item's heading line. */
export interface BlockNode extends Parent {
  type: 'block';
  /** `paragraph`, `bullet` (`-`, `+`, `*`, `•`) or `heading` (the title line(s) of a section). */
  role: 'paragraph' | 'bullet' | 'heading';
  /** The bullet mark, for role `bullet`. */
  marker?: string;
  children: LineNode[];
}

export interface SectionNode extends Parent {
  type: 'section';
  /** Contract id: labels joined with dots; Roman sections by position (`I`, `II`, …). */
  id: string;
  /** Label as printed, without trailing `.` or `)`. */
  label: string;
  /** 1 = Roman numeral, 2 = `1.`, 3 = `1.1.` or `a)` … */
  depth: number;
  heading: string;
  kind?: SectionKind;
  /** Span of the heading in the restored text. */
  headingSpan?: Span;
  /** Restored offset where the item's own text starts after `Title:` on the heading line. */
  bodyStart?: number;
  /** The label opens a running paragraph, which is the heading (`a) Tập trung …`). */
  running?: boolean;
  children: Array<SectionNode | BlockNode | TableNode>;
}

/** What a table column holds, read from its header cell (`src/data/tables.ts`). */
export type ColumnRole = 'number' | 'task' | 'lead' | 'partners' | 'time' | 'product' | 'budget' | 'note' | 'other';

/** A cell: the line pieces it was printed on (spans index the restored text through them). */
export interface TableCellNode extends Parent {
  type: 'tableCell';
  role: ColumnRole;
  children: LineNode[];
}

export interface TableRowNode extends Parent {
  type: 'tableRow';
  /** `header` (column names), `group` (`I. NÂNG CAO NHẬN THỨC`: a heading row), `data`. */
  kind: 'header' | 'group' | 'data';
  /** The row's number or letter as printed (`1`, `a`, `I`), without `.` or `)`. */
  label?: string;
  children: TableCellNode[];
}

/**
 * A table, whatever form it arrived in: `pipe` (rows as ` | `-separated lines, as Word tables
 * and some text layers give them), `cells` (one cell a line, as web pages give them), `layout`
 * (columns of text at fixed positions, as `pdftotext -layout` prints them).
 */
export interface TableNode extends Parent {
  type: 'table';
  form: 'pipe' | 'cells' | 'layout';
  /** The role of each column, in order. */
  columns: ColumnRole[];
  /** A year the header gives for the time column (`Thời gian (Năm 2026)`). */
  year?: number;
  children: TableRowNode[];
}

/**
 * Lines before the first section (header, preamble), after the last (closing, `Nơi nhận`,
 * signature), and the appendices after the body (`PHỤ LỤC`, `Biểu`, forms).
 */
export interface RegionNode extends Parent {
  type: 'region';
  role: 'front' | 'back' | 'appendix';
  children: Array<BlockNode | LineNode | TableNode>;
}

export interface PlanRoot extends Parent {
  type: 'root';
  children: Array<LineNode | BlockNode | SectionNode | RegionNode>;
}

export type PlanNode = PlanRoot | RegionNode | SectionNode | BlockNode | LineNode | TableNode | TableRowNode | TableCellNode;
