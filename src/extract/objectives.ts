/**
 * Objectives: each bullet or paragraph under Mục đích / Yêu cầu / Mục tiêu, with its kind
 * from the nearest heading that names one (`Mục tiêu cụ thể` → specific_target).
 */
import type { Objective, ObjectiveKind } from '../contract/plan.js';
import { OBJECTIVE_KIND_CUES } from '../data/sections.js';
import type { SectionNode } from '../tree.js';
import { blockRun, headingBody, headingRun, ownBlocks, sectionKind, subsections } from './sections.js';
import { findCue, firstCueKind, foldWords, provenance, type Run } from '../text/index.js';

/** Kind named by a heading: the cue printed first wins, the longer cue on a tie. */
export function objectiveKindOf(heading: string): ObjectiveKind | undefined {
  return firstCueKind(heading, OBJECTIVE_KIND_CUES);
}

/** The kind a heading opens with (`Chỉ tiêu chủ yếu đến năm 2030` → specific_target), if any. */
function opensWithKind(heading: string): ObjectiveKind | undefined {
  const words = foldWords(heading).split(' ');
  const kind = objectiveKindOf(heading);
  if (!kind) return undefined;
  const cues = OBJECTIVE_KIND_CUES.find(([k]) => k === kind)![1];
  return cues.some((c) => findCue(words, c) === 0) ? kind : undefined;
}

/** Items of a section: its blocks, lead-ins (`… như sau:`) followed by more items left out. */
/** The most words of a title wrapped over lines with items below it (longer is a running paragraph). */
const WRAPPED_TITLE_WORDS = 30;

export function itemRuns(section: SectionNode): Run[] {
  const runs = ownBlocks(section).map(blockRun).filter((r) => r.text.length > 1);
  return runs.filter((r, i) => !(/:\s*$/.test(r.text) && i < runs.length - 1));
}

export function extractObjectives(tops: readonly SectionNode[]): Objective[] {
  const out: Objective[] = [];
  const visit = (section: SectionNode, inherited: ObjectiveKind | undefined) => {
    // A title (also one wrapped over lines, with items below) may name the kind.
    // A running paragraph of many words is no title, even unfinished over a wrapped line.
    const titled = !section.running || (itemRuns(section).length > 0 && !/[.;]$/.test(section.heading) && section.heading.split(/\s+/u).length <= WRAPPED_TITLE_WORDS);
    const own = titled ? objectiveKindOf(section.heading) : undefined;
    // `2. Nhiệm vụ` under `MỤC TIÊU, NHIỆM VỤ` holds tasks, not targets.
    const elsewhere = !own && titled && section.depth > 1 && !['purpose', 'targets', 'other'].includes(sectionKind(section.heading));
    const kind = elsewhere ? undefined : own ?? inherited;
    if (kind) {
      if (!titled && section.depth > 1) {
        const run = headingRun(section);
        // `1. Phấn đấu đến cuối năm 2025 đạt các mục tiêu, chỉ tiêu sau:` over its items leads in, as a bullet does.
        const leadIn = run && /:\s*$/u.test(run.text) && (subsections(section).length > 0 || itemRuns(section).length > 0);
        if (run && run.text && !leadIn) out.push({ text: run.text, kind, section: section.id, ...provenance(run) });
      }
      // `1. Mục đích: Nâng cao …` — the text after the title is the first objective.
      const body = headingBody(section);
      const runs = body && body.text.length > 1 ? [body, ...itemRuns(section)] : itemRuns(section);
      for (const run of runs) out.push({ text: run.text, kind, section: section.id, ...provenance(run) });
    }
    for (const sub of subsections(section)) visit(sub, kind);
  };
  for (const top of tops) {
    // `CHỈ TIÊU …` states specific targets; `MỤC TIÊU` with no split general ones.
    if (top.kind === 'purpose' || top.kind === 'targets') visit(top, top.kind === 'targets' ? (opensWithKind(top.heading) ?? 'general_target') : 'purpose');
    // `1. Mục tiêu`, `6. Chỉ tiêu chủ yếu` inside another kind of section (`NỘI DUNG`) still state targets.
    else for (const sub of subsections(top)) if (!sub.running && opensWithKind(sub.heading)?.endsWith('target')) visit(sub, undefined);
  }
  return out;
}
