/**
 * Task tables (contract Revision 2): each row that names a lead is an assignment (`agency` the
 * lead as written, `tasks` the row's task, `partners` the partner cell split at `;`,
 * `fromTable: true`); the row's time, when it states a date or a span, is a deadline whose
 * `subject` is the task. A table inside the body belongs to the deepest section holding it; an
 * appendix table whose group rows mirror the body's sections (`I. Tổ chức tuyên truyền …`) gives
 * each row that section (and the item of the row's letter under it), and an unnumbered row that
 * mirrors a body item that item; otherwise `null`.
 */
import type { Assignment, Deadline } from '../contract/plan.js';
import type { ColumnRole, PlanRoot, SectionNode, TableCellNode, TableNode, TableRowNode } from '../tree.js';
import { findTimeCell } from './dates.js';
import { subsections, topSections, walkSections } from './sections.js';
import { concatRuns, foldWords, provenance, runOfLines, sliceRun, trimEnd, trimRun, type Run } from '../text/index.js';
import { levenshtein } from '../distance.js';

interface PlacedTable {
  table: TableNode;
  /** The body section holding the table, or undefined for an appendix table. */
  section?: SectionNode;
}

/** Every table of the document with the section holding it. */
export function tablesOf(tree: PlanRoot): PlacedTable[] {
  const out: PlacedTable[] = [];
  for (const [section] of walkSections(topSections(tree))) {
    for (const c of section.children) if (c.type === 'table') out.push({ table: c, section });
  }
  for (const node of tree.children) {
    if (node.type !== 'region') continue;
    for (const c of node.children) if (c.type === 'table') out.push({ table: c });
  }
  return out;
}

const cellOf = (row: TableRowNode, role: ColumnRole): TableCellNode | undefined => row.children.find((c) => c.role === role);
const cellRun = (c: TableCellNode | undefined): Run | undefined => (c ? trimEnd(runOfLines(c.children), ';,') : undefined);

/** Partner agencies as written, split at `;`. */
function partnersOf(run: Run | undefined): string[] {
  if (!run) return [];
  const out: string[] = [];
  let from = 0;
  for (const m of run.text.matchAll(/;\s*/g)) {
    out.push(trimRun(sliceRun(run, from, m.index)).text);
    from = m.index + m[0].length;
  }
  out.push(trimEnd(trimRun(sliceRun(run, from)), '.;,').text);
  return out.filter((p) => p.length > 1);
}

function similar(a: string, b: string): number {
  const x = foldWords(a).slice(0, 80), y = foldWords(b).slice(0, 80);
  if (!x || !y) return 0;
  if (x.startsWith(y) || y.startsWith(x)) return 1;
  return 1 - levenshtein(x, y) / Math.max(x.length, y.length);
}

/** The body section a group row mirrors (its title read as a section heading). */
function mirroredSection(title: string, tops: readonly SectionNode[]): SectionNode | undefined {
  let best: { section: SectionNode; score: number } | undefined;
  for (const [s] of walkSections(tops)) {
    const score = similar(title, s.heading);
    if (score >= 0.8 && (!best || score > best.score)) best = { section: s, score };
  }
  return best?.section;
}

/** `year`: the one year the plan is about, for a time column whose header gives none. */
export function extractTables(tree: PlanRoot, year?: number): { assignments: Assignment[]; deadlines: Deadline[] } {
  const assignments: Assignment[] = [];
  const deadlines: Deadline[] = [];
  const tops = topSections(tree);
  for (const { table, section } of tablesOf(tree)) {
    let group: SectionNode | undefined;
    for (const row of table.children) {
      if (row.kind === 'header') continue;
      if (row.kind === 'group') {
        const title = cellRun(cellOf(row, 'task') ?? row.children[0]);
        group = section ? undefined : title ? mirroredSection(title.text, tops) : undefined;
        continue;
      }
      const task = cellRun(cellOf(row, 'task'));
      // An unnumbered row of an appendix that is itself one of the body's items (`Đàm phán, ký kết …`
      // for `3. Đàm phán, ký kết …`), with a lead of its own: that item.
      const own = !section && !row.label && task ? mirroredSection(task.text, tops) : undefined;
      const at = section ?? own ?? (group && row.label ? subsections(group).find((s) => s.label === row.label) ?? group : group);
      const sectionId = at?.id ?? null;
      const lead = cellRun(cellOf(row, 'lead'));
      if (lead && lead.text.length > 1 && task && task.text) {
        const item: Assignment = { agency: lead.text, tasks: [task.text], partners: partnersOf(cellRun(cellOf(row, 'partners'))), fromTable: true, section: sectionId, ...provenance(concatRuns([task, lead])) };
        assignments.push(item);
      }
      const time = cellRun(cellOf(row, 'time'));
      if (!time) continue;
      for (const d of findTimeCell(time.text, table.year ?? year)) {
        const part = trimRun(sliceRun(time, d.from, d.to));
        const item: Deadline = { text: part.text, kind: d.kind, section: sectionId, ...provenance(part) };
        if (d.due) item.due = d.due;
        if (d.start) item.start = d.start;
        if (d.end) item.end = d.end;
        if (d.recurrence) item.recurrence = d.recurrence;
        if (task?.text) item.subject = task.text;
        deadlines.push(item);
      }
    }
  }
  return { assignments, deadlines };
}
