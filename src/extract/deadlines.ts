/**
 * Deadlines: every due date and period in the body's blocks (one entry per occurrence), except
 * in sections that report what has happened (their dates are past events).
 */
import type { Deadline } from '../contract/plan.js';
import type { SectionNode } from '../tree.js';
import { findDeadlines } from './dates.js';
import { blockRun, walkSections } from './sections.js';
import { PAST_EVENT_SECTIONS } from '../data/dates.js';
import { findCue, fold, foldWords, provenance, sliceRun } from '../text/index.js';

export function extractDeadlines(tops: readonly SectionNode[]): Deadline[] {
  const out: Deadline[] = [];
  for (const [section, top] of walkSections(tops)) {
    const words = foldWords(top.heading).split(' ');
    if (PAST_EVENT_SECTIONS.some((cue) => findCue(words, cue) === 0)) continue;
    for (const child of section.children) {
      if (child.type !== 'block') continue;
      const run = blockRun(child);
      for (const d of findDeadlines(run.text, fold(run.text))) {
        const part = sliceRun(run, d.from, d.to);
        const item: Deadline = { text: part.text.trim(), kind: d.kind, section: section.id };
        if (d.due) item.due = d.due;
        if (d.start) item.start = d.start;
        if (d.end) item.end = d.end;
        if (d.recurrence) item.recurrence = d.recurrence;
        if (d.subject) item.subject = d.subject;
        out.push({ ...item, ...provenance(part) });
      }
    }
  }
  return out;
}
