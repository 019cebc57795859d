/** Sections of the segmented tree → the contract's `sections`, plus walking helpers. */
export { namesKind, sectionKind } from '../segment/kinds.js';
import type { Section } from '../contract/plan.js';
import { sectionKind } from '../segment/kinds.js';
import type { BlockNode, PlanRoot, RegionNode, SectionNode } from '../tree.js';
import { classifyLine } from '../segment/labels.js';
import { runOfLines, sliceRun, trimRun, type Run } from '../text/index.js';

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
