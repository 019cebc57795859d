/**
 * Deadlines: every due date and period in the body's blocks (one entry per occurrence), except
 * in sections that report what has happened (their dates are past events) and in sections about
 * funding alone (`năm 2025` there is the budget year, not a time limit).
 */
import type { Deadline } from '../contract/plan.js';
import type { BlockNode, SectionNode } from '../tree.js';
import { findDeadlines } from './dates.js';
import { blockRun, namesKind, walkSections } from './sections.js';
import { PAST_EVENT_SECTIONS } from '../data/dates.js';
import { findCue, fold, foldWords, provenance, sliceRun } from '../text/index.js';

/**
 * `closing`: the closing paragraphs after the last section (`Định kỳ hằng năm (trước ngày 30
 * tháng 11), …`): their dates count, in the last top section. `year`: the one year the plan is
 * about ({@link planYear}), for days and months printed without one.
 */
export function extractDeadlines(tops: readonly SectionNode[], closing: readonly BlockNode[] = [], year?: number): Deadline[] {
  const out: Deadline[] = [];
  const read = (block: BlockNode, section: string) => {
    const run = blockRun(block);
    for (const d of findDeadlines(run.text, fold(run.text), year)) {
      const part = sliceRun(run, d.from, d.to);
      const item: Deadline = { text: part.text.trim(), kind: d.kind, section };
      if (d.due) item.due = d.due;
      if (d.start) item.start = d.start;
      if (d.end) item.end = d.end;
      if (d.recurrence) item.recurrence = d.recurrence;
      if (d.subject) item.subject = d.subject;
      out.push({ ...item, ...provenance(part) });
    }
  };
  for (const [section, top] of walkSections(tops)) {
    const words = foldWords(top.heading).split(' ');
    if (PAST_EVENT_SECTIONS.some((cue) => findCue(words, cue) === 0)) continue;
    if (top.kind === 'budget' && !(['organization', 'content', 'purpose', 'targets', 'scope'] as const).some((k) => namesKind(top.heading, k))) continue;
    for (const child of section.children) if (child.type === 'block') read(child, section.id);
  }
  const last = tops[tops.length - 1];
  if (last) for (const block of closing) read(block, last.id);
  return out;
}

/**
 * The one year a plan is about, from its title (`Kế hoạch … năm 2025`, `… CUỐI NĂM 2025`): a day
 * and month printed without a year in it are that year's (contract Revision 2). None when the
 * title names no year, several, a span or a horizon (`đến năm 2030`, `giai đoạn 2026 - 2030`).
 */
export function planYear(title: string | null | undefined): number | undefined {
  if (!title) return undefined;
  const f = fold(title);
  const years = new Set(f.match(/\b(?:19|20)\d{2}\b/g) ?? []);
  if (years.size !== 1 || /\d{4}\s*[-–]\s*\d{4}|giai doan|den nam|toi nam|tam nhin|dinh huong/.test(f)) return undefined;
  const m = /\bnam\s+((?:19|20)\d{2})\b/.exec(f);
  return m ? Number(m[1]) : undefined;
}
