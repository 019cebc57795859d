/**
 * Task tables (`TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian …`) found in the
 * printed lines, in the forms they arrive in:
 * - `pipe`: one row a line, cells joined with ` | ` (Word tables as the `.docx` reader and
 *   antiword write them, some text layers);
 * - `layout`: columns at fixed positions (`pdftotext -layout`): a number opens a row, the
 *   lines below it add to its cells column by column;
 * - `cells`: one cell a line, empty cells lost (web pages). Rows are rebuilt from what each cell
 *   looks like: a number or letter alone opens a row, an agency fills the lead column then the
 *   partners, a time fills the time column; a line that fits no column it could still fill
 *   continues the cell before it (cells wrap over lines).
 * A table is kept only when its header names a lead column: other tables (figures, forms) stay
 * text. Lines are cut, never rewritten, so every cell keeps its place in the restored text.
 */
import { COLUMN_CUES, HANGING_LEAD, ROW_LABEL, TIME_CELL } from '../data/tables.js';
import { RECIPIENTS_CUE } from '../data/sections.js';
import { findCue, fold, foldWords, startsWithCue } from '../text/index.js';
import type { ColumnRole, LineNode, TableCellNode, TableNode, TableRowNode } from '../tree.js';
import { namesAgency } from './agency.js';
import { isSignatureLine } from './footer.js';
import { classifyLine } from './labels.js';
import { sliceLine } from './line.js';
import { isAppendixHeading } from './regions.js';

export interface FoundTable {
  /** Lines `[start, end)` of the input the table takes. */
  start: number;
  end: number;
  node: TableNode;
}

/** The role a header cell names (`Cơ quan chủ trì` → lead), or undefined. */
export function columnRole(cell: string): ColumnRole | undefined {
  const words = foldWords(cell).split(' ');
  if (words.length > 12) return undefined;
  for (const [role, cues] of COLUMN_CUES) if (cues.some((cue) => findCue(words, cue) === 0)) return role;
  return undefined;
}

const PIPE = /\s*\|\s*/g;
const pipeCells = (value: string) => value.split(/\s+\|\s+|\s+\|$|^\|\s+/);
const isPipeRow = (value: string) => (value.match(/\s\|(?:\s|$)/g)?.length ?? 0) >= 1;

/** A header: the column roles it names, where it ends, and a year its time column gives. */
interface Header {
  roles: ColumnRole[];
  end: number;
  form: 'pipe' | 'cells' | 'layout';
  year?: number;
}

function yearOf(cells: readonly string[], roles: readonly ColumnRole[]): number | undefined {
  const i = roles.indexOf('time');
  const m = i >= 0 ? /\b(?:năm|nam)\s+(\d{4})\b/iu.exec(fold(cells[i] ?? '')) : null;
  return m ? Number(m[1]) : undefined;
}

/** A table header starting at line `i`: a ` | ` row of column names, or column names one a line. */
function headerAt(lines: readonly LineNode[], i: number): Header | undefined {
  const first = lines[i]!.value.trim();
  const cells: string[] = [];
  let end = i;
  let form: Header['form'] = 'cells';
  if (isPipeRow(first)) {
    cells.push(...pipeCells(first).map((c) => c.trim()));
    if (cells.some((c) => c && !columnRole(c))) return undefined;
    end = i + 1;
    form = 'pipe';
  }
  // Column names one a line (also the cells of a ` | ` header that spilled onto the next line).
  while (end < lines.length) {
    const t = lines[end]!.value.trim();
    if (t.length > 60 || isPipeRow(t) || !columnRole(t)) break;
    cells.push(t);
    end++;
  }
  const named = cells.filter(Boolean);
  const roles = named.map((c) => columnRole(c)!);
  if (named.length < 3 || !roles.includes('lead') || !(roles.includes('task') || roles.includes('number'))) return undefined;
  if (new Set(roles).size < roles.length - 1) return undefined; // a list of words, not a header
  if (form === 'pipe' && end > i + 1 && !isPipeRow(lines[end]?.value ?? '')) form = 'cells';
  const year = yearOf(named, roles);
  return { roles, end, form, ...(year === undefined ? {} : { year }) };
}

/** A line that ends a table: back matter, an appendix heading, another table's header. */
function endsTable(lines: readonly LineNode[], k: number, topRoman: number): boolean {
  const t = lines[k]!.value.trim();
  if (startsWithCue(t, RECIPIENTS_CUE) || isAppendixHeading(t) || headerAt(lines, k)) return true;
  if (isSignatureLine(t) && !namesAgency(t)) return true;
  // The plan's next Roman section after a table in the body.
  const label = classifyLine(t);
  return label.kind === 'roman' && topRoman > 0 && label.value === topRoman + 1 && t.length > 8;
}

const cell = (role: ColumnRole, lines: LineNode[]): TableCellNode => ({ type: 'tableCell', role, children: lines });
const text = (c: TableCellNode) => c.children.map((l) => l.value.trim()).join(' ');

const isTime = (t: string) => t.length <= 80 && TIME_CELL.test(fold(t)) && (/\d/.test(t) || /thuong xuyen|hang (?:nam|quy|thang)|dinh ky/.test(fold(t)));
/** A cell's text goes on on this line: a lower-case start, or an open end above (`… và`, `…,`). */
const continues = (line: string, above: string) =>
  /^[\p{Ll}(]/u.test(line) || /(?:,|;|\bvà|\bcủa|\bcác|\bvới|\bvề|\btrên|\s-)$/u.test(above.trim());

/** Rows of a table printed one cell a line. */
function cellRows(lines: readonly LineNode[], from: number, header: Header, topRoman: number): { rows: TableRowNode[]; end: number } {
  const columns = header.roles.filter((r) => r !== 'number');
  const rows: TableRowNode[] = [];
  let row: { label?: string; roman?: boolean; cells: Array<LineNode[] | undefined>; next: number; last: number } | undefined;
  const close = () => {
    if (!row) return;
    const cells = row.cells.map((c, k) => (c ? cell(columns[k]!, c) : undefined)).filter((c): c is TableCellNode => c !== undefined);
    const filled = cells.filter((c) => c.role !== 'task');
    if (cells.length) {
      const kind: TableRowNode['kind'] = row.roman || (filled.length === 0 && cells.length === 1) ? 'group' : 'data';
      rows.push({ type: 'tableRow', kind, ...(row.label === undefined ? {} : { label: row.label }), children: cells });
    }
    row = undefined;
  };
  let k = from;
  for (; k < lines.length; k++) {
    const line = lines[k]!;
    const t = line.value.trim();
    if (endsTable(lines, k, topRoman)) break;
    const label = ROW_LABEL.exec(t);
    if (label) {
      close();
      row = { label: label[1] ?? label[2] ?? label[3]!, roman: label[3] !== undefined, cells: [], next: 0, last: -1 };
      continue;
    }
    // A full row whose cells overflowed onto a second printed line (a text layer gives each
    // column's overflow in column order): a lower-case line after a complete time finishes an open
    // task; a line after a lead left hanging (`…, Cục`) finishes the lead.
    if (row && row.next >= columns.length && row.last >= 0) {
      const at = (role: (typeof columns)[number]) => columns.indexOf(role);
      const textOf = (k: number) => (k >= 0 && row!.cells[k] ? text(cell(columns[k]!, row!.cells[k]!)) : '');
      const lastIsTime = columns[row.last] === 'time' && isTime(textOf(row.last));
      const task = at('task'), lead = at('lead');
      if (lastIsTime && /^\p{Ll}/u.test(t) && task >= 0 && row.cells[task] && !/[.;]$/.test(textOf(task))) {
        row.cells[task]!.push(line);
        continue;
      }
      if (lead >= 0 && row.cells[lead] && HANGING_LEAD.test(textOf(lead)) && !isTime(t)) {
        row.cells[lead]!.push(line);
        continue;
      }
    }
    if (row && row.last >= 0) {
      const lastCell = row.cells[row.last]!;
      const above = lastCell[lastCell.length - 1]!.value;
      const role = columns[row.last]!;
      const nextRole = columns[row.next];
      // A task wraps until the lead column's agency comes; any cell wraps on a lower-case line.
      const wrapsTask = role === 'task' && nextRole === 'lead' && !namesAgency(t) && !isTime(t);
      if (continues(t, above) || wrapsTask || (row.roman && role === 'task')) {
        lastCell.push(line);
        continue;
      }
    }
    if (!row || row.next >= columns.length) {
      close();
      row = { cells: [], next: 0, last: -1 };
    }
    let at = row.next;
    // An empty partners cell is lost: a time goes straight to the time column.
    while (at < columns.length - 1 && columns[at] !== 'time' && isTime(t) && !namesAgency(t) && columns.indexOf('time', at) > at) at++;
    row.cells[at] = [line];
    row.last = at;
    row.next = at + 1;
  }
  close();
  return { rows, end: k };
}

/** Rows of a table printed one row a line, cells joined with ` | `. */
function pipeRows(lines: readonly LineNode[], from: number, header: Header): { rows: TableRowNode[]; end: number } {
  const rows: TableRowNode[] = [];
  let k = from;
  for (; k < lines.length && isPipeRow(lines[k]!.value); k++) {
    const line = lines[k]!;
    const cells: TableCellNode[] = [];
    let start = 0;
    let col = 0;
    const cut = (to: number) => {
      const part = sliceLine(line, start, to);
      const trimmed = part.value.trim();
      const role = header.roles[col] ?? 'other';
      if (trimmed) cells.push(cell(role, [sliceLine(part, part.value.indexOf(trimmed), part.value.indexOf(trimmed) + trimmed.length)]));
      col++;
    };
    for (const m of line.value.matchAll(PIPE)) {
      if (m[0].trim() !== '|') continue;
      cut(m.index);
      start = m.index + m[0].length;
    }
    cut(line.value.length);
    const numberCell = cells.find((c) => c.role === 'number');
    const label = numberCell ? ROW_LABEL.exec(text(numberCell)) : null;
    const content = cells.filter((c) => c.role !== 'number');
    const kind: TableRowNode['kind'] = label?.[3] !== undefined || content.length === 1 ? 'group' : 'data';
    rows.push({ type: 'tableRow', kind, ...(label ? { label: label[1] ?? label[2] ?? label[3]! } : {}), children: cells });
  }
  return { rows, end: k };
}

/** Pieces of a layout line between runs of two spaces or more, with the column each starts at. */
function layoutPieces(line: LineNode): Array<{ at: number; from: number; to: number }> {
  const indent = line.data.indent ?? 0;
  const out: Array<{ at: number; from: number; to: number }> = [];
  for (const m of line.value.matchAll(/\S+(?: \S+)*/g)) out.push({ at: indent + m.index, from: m.index, to: m.index + m[0].length });
  return out;
}

/** A header printed as columns (`TT   Nhiệm vụ   Cơ quan chủ trì   Thời gian`): roles and where each column starts. */
function layoutHeaderAt(lines: readonly LineNode[], i: number): (Header & { starts: number[] }) | undefined {
  const pieces = layoutPieces(lines[i]!);
  if (pieces.length < 3) return undefined;
  const roles = pieces.map((p) => columnRole(lines[i]!.value.slice(p.from, p.to)));
  if (roles.some((r) => !r) || !roles.includes('lead') || !(roles.includes('task') || roles.includes('number'))) return undefined;
  return { roles: roles as ColumnRole[], end: i + 1, form: 'layout', starts: pieces.map((p) => p.at) };
}

/** Rows of a table printed in columns: a number opens a row, other lines add to its cells. */
function layoutRows(lines: readonly LineNode[], from: number, header: Header & { starts: number[] }, topRoman: number): { rows: TableRowNode[]; end: number } {
  const rows: TableRowNode[] = [];
  let cells: LineNode[][] | undefined;
  let label: string | undefined;
  const columnOf = (at: number) => {
    let col = 0;
    header.starts.forEach((s, k) => { if (at >= s - 2) col = k; });
    return col;
  };
  const close = () => {
    if (!cells) return;
    const filled = cells.map((c, k) => (c.length ? cell(header.roles[k]!, c) : undefined)).filter((c): c is TableCellNode => c !== undefined);
    const content = filled.filter((c) => c.role !== 'number');
    if (content.length) rows.push({ type: 'tableRow', kind: content.length === 1 ? 'group' : 'data', ...(label === undefined ? {} : { label }), children: filled });
    cells = undefined;
    label = undefined;
  };
  let k = from;
  for (; k < lines.length; k++) {
    const line = lines[k]!;
    if (endsTable(lines, k, topRoman)) break;
    const pieces = layoutPieces(line);
    // A line of the page's running text, not of the table: one piece from the left margin, long.
    if (pieces.length === 1 && pieces[0]!.at < header.starts[1]! - 2 && !ROW_LABEL.test(line.value.trim()) && line.value.trim().length > 40) break;
    const numberPiece = header.roles[0] === 'number' ? pieces.find((p) => columnOf(p.at) === 0) : undefined;
    const opens = numberPiece ? ROW_LABEL.exec(line.value.slice(numberPiece.from, numberPiece.to)) : header.roles[0] !== 'number' && pieces.some((p) => columnOf(p.at) === 0);
    if (opens || !cells) {
      close();
      cells = header.roles.map(() => []);
      if (Array.isArray(opens)) label = opens[1] ?? opens[2] ?? opens[3];
    }
    for (const p of pieces) cells[columnOf(p.at)]!.push(sliceLine(line, p.from, p.to));
  }
  close();
  return { rows, end: k };
}

/** The header's cells: ` | ` pieces, layout pieces, or one cell a line. */
function headerCells(lines: readonly LineNode[], layout: boolean): TableCellNode[] {
  return lines.flatMap((line) => {
    const pieces = layout ? layoutPieces(line).map((p) => [p.from, p.to] as const)
      : isPipeRow(line.value) ? [...line.value.matchAll(/[^|]+/g)].filter((m) => m[0].trim()).map((m) => [m.index + m[0].length - m[0].trimStart().length, m.index + m[0].trimEnd().length] as const)
      : [[0, line.value.length] as const];
    return pieces.map(([a, b]) => cell('other', [sliceLine(line, a, b)]));
  });
}

/** Every task table in the lines, in order. */
export function findTables(lines: readonly LineNode[]): FoundTable[] {
  const found: FoundTable[] = [];
  let topRoman = 0;
  for (let i = 0; i < lines.length; i++) {
    const label = classifyLine(lines[i]!.value);
    if (label.kind === 'roman' && label.value !== undefined) topRoman = label.value;
    const layout = layoutHeaderAt(lines, i);
    const header = layout ?? headerAt(lines, i);
    if (!header) continue;
    const { rows, end } = layout ? layoutRows(lines, header.end, layout, topRoman)
      : header.form === 'pipe' ? pipeRows(lines, header.end, header) : cellRows(lines, header.end, header, topRoman);
    if (!rows.some((r) => r.kind === 'data')) continue;
    const headerRow: TableRowNode = { type: 'tableRow', kind: 'header', children: headerCells(lines.slice(i, header.end), layout !== undefined) };
    const node: TableNode = { type: 'table', form: header.form, columns: header.roles, children: [headerRow, ...rows] };
    if (header.year !== undefined) node.year = header.year;
    found.push({ start: i, end, node });
    i = end - 1;
  }
  return found;
}
