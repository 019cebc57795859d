/** Sections of the segmented tree → the contract's `sections`, plus walking helpers. */
import type { Section, SectionKind } from '../contract/plan.js';
import { SECTION_KIND_CUES } from '../data/sections.js';
import type { BlockNode, PlanRoot, RegionNode, SectionNode } from '../tree.js';
import { classifyLine } from './labels.js';
import { findCue, findCueLoose, foldWords, runOfLines, sliceRun, trimRun, type Run } from './text.js';

/** Kind of a Roman-numeral section from its heading words: the cue printed first wins. */
export function sectionKind(heading: string): SectionKind {
  const words = foldWords(heading).split(' ');
  let best: { kind: SectionKind; at: number } | undefined;
  for (const [kind, cues] of SECTION_KIND_CUES) {
    for (const cue of cues) {
      const at = findCueLoose(words, cue);
      if (at >= 0 && (!best || at < best.at)) best = { kind, at };
    }
  }
  return best?.kind ?? 'other';
}

/** Does the heading name this kind anywhere (`KINH PHÍ VÀ TỔ CHỨC THỰC HIỆN` names both)? */
export function namesKind(heading: string, kind: SectionKind): boolean {
  const words = foldWords(heading).split(' ');
  return (SECTION_KIND_CUES.find(([k]) => k === kind)?.[1] ?? []).some((cue) => findCueLoose(words, cue) >= 0);
}

export function topSections(tree: PlanRoot): SectionNode[] {
  return tree.children.filter((c): c is SectionNode => c.type === 'section');
}

export function region(tree: PlanRoot, role: RegionNode['role']): RegionNode | undefined {
  return tree.children.find((c): c is RegionNode => c.type === 'region' && c.role === role);
}

export function subsections(section: SectionNode): SectionNode[] {
  return section.children.filter((c): c is SectionNode => c.type === 'section');
}

/** Blocks directly in a section (its heading block excluded). */
export function ownBlocks(section: SectionNode): BlockNode[] {
  return section.children.filter((c): c is BlockNode => c.type === 'block' && c.role !== 'heading');
}

export function headingBlock(section: SectionNode): BlockNode | undefined {
  return section.children.find((c): c is BlockNode => c.type === 'block' && c.role === 'heading');
}

/** Every section, depth first, with its top-level ancestor. */
export function* walkSections(sections: readonly SectionNode[], top?: SectionNode): Generator<[SectionNode, SectionNode]> {
  for (const s of sections) {
    const t = top ?? s;
    yield [s, t];
    yield* walkSections(subsections(s), t);
  }
}

/** The text of a block as a run, without its bullet mark or label. */
export function blockRun(block: BlockNode): Run {
  const run = runOfLines(block.children);
  const first = block.children[0];
  if (!first) return run;
  const label = classifyLine(first.value);
  if (label.kind === 'text') return run;
  const cut = (first.position?.start.offset ?? 0) + label.restAt;
  const at = run.offsets.findIndex((o) => o >= cut);
  return at <= 0 ? run : trimRun(sliceRun(run, at));
}

/** Text of an item whose heading line reads `Title: rest`: the rest, as a run. */
export function headingBody(section: SectionNode): Run | undefined {
  if (section.bodyStart === undefined) return undefined;
  const block = headingBlock(section);
  if (!block) return undefined;
  const run = runOfLines(block.children);
  const at = run.offsets.findIndex((o) => o >= section.bodyStart!);
  return at < 0 ? undefined : trimRun(sliceRun(run, at));
}

/** Heading block as a run without the label (the running paragraph of `a) …` items). */
export function headingRun(section: SectionNode): Run | undefined {
  const block = headingBlock(section);
  return block ? blockRun(block) : undefined;
}

export function toContractSections(sections: readonly SectionNode[]): Section[] {
  return sections.map((s) => {
    const out: Section = { id: s.id, label: s.label, heading: s.heading, children: toContractSections(subsections(s)) };
    if (s.depth === 1) out.kind = s.kind ?? sectionKind(s.heading);
    if (s.headingSpan) out.span = s.headingSpan;
    const page = headingBlock(s)?.children[0]?.data.page;
    if (page !== undefined) out.page = page;
    return out;
  });
}
