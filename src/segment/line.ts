/**
 * What segmentation reads a printed line as: its label (`src/segment/labels.ts`), and
 * where a line ends a sentence. Parts of lines keep their place in the restored text.
 */
import type { LineNode, TableNode } from '../tree.js';
import type { LineLabel } from './labels.js';

export interface Classified {
  line: LineNode;
  label: LineLabel;
  /** The table this line stands for (a placeholder line where a table's lines were). */
  table?: TableNode;
}

/** Ends a sentence or an introduction: the next line starts a new block. */
export const TERMINATED = /[.;:!?…](?:[”"')\]]*)\s*$/u;

export const STARTS_LOWER = /^[\s“"'(]*[\p{Ll}\d]/u;

/** Part of a line as a line of its own, its position moved to where the part starts. */
export function sliceLine(line: LineNode, from: number, to: number): LineNode {
  const part: LineNode = { type: 'line', value: line.value.slice(from, to), data: { ...line.data } };
  const start = line.position?.start;
  if (start) {
    const at = (offset: number) => ({ line: start.line, column: start.column + offset, ...(start.offset === undefined ? {} : { offset: start.offset + offset }) });
    part.position = { start: at(from), end: at(to) };
  }
  return part;
}

/**
 * Two lines read as one (`III.` / `NHIỆM VỤ …`, a label its source printed alone): the joined
 * line's value is the restored text from the first's start to the second's end, line break
 * included, so every offset in it is still an offset in the restored text.
 */
export function joinLines(a: LineNode, b: LineNode, restored: string): LineNode | undefined {
  const from = a.position?.start.offset;
  const to = b.position?.end.offset;
  if (from === undefined || to === undefined || to < from) return undefined;
  const value = restored.slice(from, to);
  if (!/^[^\n]*\n\s*$/u.test(value.slice(0, value.length - b.value.length))) return undefined;
  return { type: 'line', value, data: { ...a.data }, position: { start: a.position!.start, end: b.position!.end } };
}
