/**
 * Budget sources under KINH PHÍ: each source of funds with its kind. A sentence listing
 * several (`… từ nguồn kinh phí Dự án 6 … và các nguồn kinh phí hợp pháp khác`) gives
 * one source each; funding principles (`Nguyên tắc`) are not sources.
 */
import type { BudgetKind, BudgetSource } from '../contract/plan.js';
import { BUDGET_KIND_CUES, BUDGET_LEAD_IN, FUNDING_WORDS, SOURCE_SPLIT } from '../data/budget.js';
import { BUDGET_PRINCIPLE_CUES } from '../data/sections.js';
import type { SectionNode } from '../tree.js';
import { itemRuns } from './objectives.js';
import { headingBody, headingRun, namesKind, subsections } from './sections.js';
import { findCue, foldWords, provenance, sliceRun, trimEnd, trimRun, type Run } from '../text/index.js';

export function budgetKindOf(text: string): BudgetKind {
  const words = foldWords(text).split(' ');
  for (const [kind, cues] of BUDGET_KIND_CUES) if (cues.some((c) => findCue(words, c) >= 0)) return kind;
  return 'other';
}

function mentionsFunding(text: string): boolean {
  const words = foldWords(text).split(' ');
  return FUNDING_WORDS.some((w) => findCue(words, w) >= 0);
}

/** Split one item into its sources (outside parentheses), lead-in removed. */
export function splitSources(run: Run): Run[] {
  let r = run;
  const lead = BUDGET_LEAD_IN.exec(r.text);
  if (lead && lead[0].length >= 10) r = sliceRun(r, lead[0].length);
  const cuts: number[] = [];
  for (const m of r.text.matchAll(SOURCE_SPLIT)) {
    const before = r.text.slice(0, m.index);
    const depth = (before.match(/\(/g)?.length ?? 0) - (before.match(/\)/g)?.length ?? 0);
    if (depth === 0) cuts.push(m.index, m.index + m[0].length);
  }
  const bounds = [0, ...cuts, r.text.length];
  const pieces: Array<[number, number]> = [];
  for (let i = 0; i < bounds.length; i += 2) {
    const piece: [number, number] = [bounds[i]!, bounds[i + 1]!];
    const last = pieces[pieces.length - 1];
    // `Kinh phí vận động, xã hội hóa hợp pháp khác` names one source: neighbours of one kind merge.
    if (last && budgetKindOf(r.text.slice(...last)) === budgetKindOf(r.text.slice(...piece))) last[1] = piece[1];
    else pieces.push(piece);
  }
  return pieces.map(([a, b]) => trimEnd(trimRun(sliceRun(r, a, b)), '.;,')).filter((p) => p.text.length > 2);
}

export function extractBudget(tops: readonly SectionNode[]): BudgetSource[] {
  const out: BudgetSource[] = [];
  const visit = (section: SectionNode, isTop: boolean) => {
    if (!isTop && BUDGET_PRINCIPLE_CUES.some((c) => findCue(foldWords(section.heading).split(' '), c) === 0)) return;
    const items: Run[] = [];
    if (!isTop && section.running) {
      const run = headingRun(section);
      if (run) items.push(trimEnd(run, ':'));
    }
    const body = headingBody(section); // `2. Nguồn kinh phí: Ngân sách nhà nước …`
    if (body && body.text.length > 1) items.push(body);
    items.push(...itemRuns(section));
    for (const item of items) {
      if (/:\s*$/.test(item.text) || !mentionsFunding(item.text)) continue;
      for (const part of splitSources(item)) {
        out.push({ text: part.text, kind: budgetKindOf(part.text), section: section.id, ...provenance(part) });
      }
    }
    for (const sub of subsections(section)) visit(sub, false);
  };
  for (const top of tops) {
    const mixed = (['organization', 'content', 'purpose', 'targets'] as const).some((k) => namesKind(top.heading, k));
    if (top.kind === 'budget' && !mixed) visit(top, true);
    // A section heading budget with other things (`KINH PHÍ VÀ TỔ CHỨC THỰC HIỆN`): only its budget sub-sections.
    else if (namesKind(top.heading, 'budget')) for (const sub of subsections(top)) if (namesKind(sub.heading, 'budget')) visit(sub, true);
  }
  return out;
}
