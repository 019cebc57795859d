/**
 * The passages a search finds: each extracted item (title, section heading, objective,
 * assignment, deadline, budget source, legal basis, recipient) with its own span, page and
 * section, and the paragraphs of the restored text that no item covers (the plan's content,
 * its preamble). A hit is one passage, so it leads back to its place in the document.
 */
import type { PlanDocument, Section } from '../contract/plan.js';

export const PASSAGE_KINDS = ['document', 'section', 'objective', 'assignment', 'deadline', 'budget', 'legal-basis', 'recipient', 'text'] as const;
export type PassageKind = (typeof PASSAGE_KINDS)[number];

export interface Passage {
  kind: PassageKind;
  /** Index of the item in its list of the document (assignments[3] → 3); null for text. */
  item: number | null;
  text: string;
  span: [number, number] | null;
  page: number | null;
  section: string | null;
}

/** Longest text passage; a longer paragraph is cut at a line. */
const MAX_PASSAGE = 1500;

/** A line that opens a paragraph of its own: a label, a bullet, a table row. */
const OPENS = /^\s*(?:[-+•*–—]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][).]\s|[IVXLC]+[.)]\s|.*\s\|\s)/u;

/** Paragraphs of the restored text, with their spans. */
export function paragraphs(text: string): Array<{ text: string; span: [number, number] }> {
  const out: Array<{ text: string; span: [number, number] }> = [];
  let start = -1;
  let end = -1;
  let previous = '';
  const close = () => {
    if (start >= 0) {
      const t = text.slice(start, end).trim();
      if (t) {
        const lead = text.slice(start, end).length - text.slice(start, end).trimStart().length;
        out.push({ text: t, span: [start + lead, start + lead + t.length] });
      }
    }
    start = -1;
  };
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (!line.trim()) {
      close();
      previous = '';
      continue;
    }
    const sentenceEnded = /[.;:!?]["”)]?\s*$/u.test(previous) && /^\s*\p{Lu}/u.test(line);
    if (start < 0 || OPENS.test(line) || / \| /.test(previous) || sentenceEnded || lineStart + line.length - start > MAX_PASSAGE) {
      close();
      start = lineStart;
    }
    end = lineStart + line.length;
    previous = line;
  }
  close();
  return out;
}

/** Sections in document order (pre-order), each with its depth. */
export function flattenSections(sections: readonly Section[]): Array<{ section: Section; parent: string | null; depth: number; order: number }> {
  const out: Array<{ section: Section; parent: string | null; depth: number; order: number }> = [];
  const walk = (list: readonly Section[], parent: string | null, depth: number) => {
    list.forEach((section, order) => {
      out.push({ section, parent, depth, order });
      walk(section.children, section.id, depth + 1);
    });
  };
  walk(sections, null, 1);
  return out;
}

export function buildPassages(plan: PlanDocument, restored: string): Passage[] {
  const out: Passage[] = [];
  const sp = (span: [number, number] | undefined) => span ?? null;
  const pg = (page: number | undefined) => page ?? null;
  if (plan.header.title) out.push({ kind: 'document', item: null, text: plan.header.title, span: null, page: null, section: null });
  const flat = flattenSections(plan.sections);
  flat.forEach(({ section }, i) => {
    const text = [section.label, section.heading].filter(Boolean).join('. ').replace(/\.\.\s/, '. ');
    if (section.heading.trim()) out.push({ kind: 'section', item: i, text, span: sp(section.span), page: pg(section.page), section: section.id });
  });
  plan.objectives.forEach((o, i) => out.push({ kind: 'objective', item: i, text: o.text, span: sp(o.span), page: pg(o.page), section: o.section }));
  plan.assignments.forEach((a, i) => {
    const text = [a.agency, ...a.tasks, ...(a.partners.length ? [`Phối hợp: ${a.partners.join('; ')}`] : [])].join('\n');
    out.push({ kind: 'assignment', item: i, text, span: sp(a.span), page: pg(a.page), section: a.section });
  });
  plan.deadlines.forEach((d, i) => out.push({ kind: 'deadline', item: i, text: d.subject && !d.text.includes(d.subject) ? `${d.text} (${d.subject})` : d.text, span: sp(d.span), page: pg(d.page), section: d.section }));
  plan.budgetSources.forEach((b, i) => out.push({ kind: 'budget', item: i, text: b.text, span: sp(b.span), page: pg(b.page), section: b.section }));
  plan.legalBases.forEach((l, i) => out.push({ kind: 'legal-basis', item: i, text: l.text, span: sp(l.span), page: pg(l.page), section: null }));
  plan.recipients.forEach((r, i) => {
    if (r.trim()) out.push({ kind: 'recipient', item: i, text: r, span: null, page: null, section: null });
  });

  // The paragraphs no item covers: the plan's content in its own words.
  const covered = out.filter((p) => p.span && p.kind !== 'section').map((p) => p.span!).sort((a, b) => a[0] - b[0]);
  const sectionStarts = flat.filter((f) => f.section.span).map((f) => ({ at: f.section.span![0], id: f.section.id, end: f.section.span![1] }));
  const backMatter = plan.signature?.span?.[0] ?? Infinity;
  const paged = out.filter((p) => p.span && p.page !== null).map((p) => ({ at: p.span![0], page: p.page! })).sort((a, b) => a.at - b.at);
  for (const para of paragraphs(restored)) {
    const [s, e] = para.span;
    if (sectionStarts.some((h) => h.at >= s && h.end <= e && e - s - (h.end - h.at) < 3)) continue; // a heading alone
    let inside = 0;
    for (const [cs, ce] of covered) {
      if (cs >= e) break;
      inside += Math.max(0, Math.min(e, ce) - Math.max(s, cs));
    }
    if (inside >= (e - s) / 2) continue;
    let section: string | null = null;
    if (s < backMatter) for (const h of sectionStarts) if (h.at <= s) section = h.id;
    let page: number | null = null;
    for (const p of paged) if (p.at <= s) page = p.page;
    if (page === null && paged.length) page = paged[0]!.page;
    out.push({ kind: 'text', item: null, text: para.text, span: para.span, page, section });
  }
  return out;
}
