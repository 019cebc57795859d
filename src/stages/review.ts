/**
 * Review: whether a person should look at the document, and why (contract Revision 2).
 * Needed when a scored field could not be read (no issuer, no number, no date, no signer,
 * no sections) or rests on text the pipeline doubted: a repaired numeral or item number (a
 * letter read as the one due is not worth a look), a signer's name OCR damaged, a restoration
 * below confidence or an OCR line below confidence inside the field's span, an OCR page below
 * confidence. A text that holds no header block at all (it opens with `KẾ HOẠCH`, as an
 * extract does) is not asked for the issuer, number and date it never held; a Roman numeral printed
 * twice in a text that was not OCRed is the author's slip (sections are numbered by position),
 * not a doubt.
 */
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import type { PlanDocument, Review, Span } from '../contract/plan.js';
import { toContractMessage } from './validate.js';
import type { LineNode, PlanRoot } from '../tree.js';
import { LOW_LINE_CONFIDENCE, LOW_PAGE_CONFIDENCE, REVIEW_REASONS, type ReviewReason } from '../data/review.js';

/** Messages whose rule means that a field rests on doubtful text. */
const DOUBT_RULES: ReadonlyMap<string, ReviewReason> = new Map([
  ['numeral-repaired', 'numeral-repaired'],
  ['number-repaired', 'numeral-repaired'],
  ['numeral-repeated', 'numeral-repeated'],
  ['no-sections', 'no-sections'],
  ['header-unreadable', 'header-unreadable'],
  ['type-truncated', 'doubtful-header'],
  ['signer-damaged', 'signer-damaged'],
  ['ocr-low-confidence', 'ocr-low-confidence'],
]);
const RESTORE_DOUBT = new Set(['restore-uncertain', 'restore-low-confidence']);

const overlaps = (a: Span, b: Span) => a[0] < b[1] && b[0] < a[1];

/** Spans of the scored items, by the field they belong to. */
function scoredSpans(plan: PlanDocument): Array<[ReviewReason, Span]> {
  const out: Array<[ReviewReason, Span]> = [];
  const add = (reason: ReviewReason, items: ReadonlyArray<{ span?: Span | undefined }>) => {
    for (const item of items) if (item.span) out.push([reason, item.span]);
  };
  add('doubtful-objective', plan.objectives);
  add('doubtful-assignment', plan.assignments);
  add('doubtful-deadline', plan.deadlines);
  add('doubtful-budget', plan.budgetSources);
  if (plan.signature) add('doubtful-signature', [plan.signature]);
  return out;
}

/** Spans (in the restored text) of the lines OCR read with a confidence under LOW_LINE_CONFIDENCE. */
function lowConfidenceLines(tree: PlanRoot | undefined): Span[] {
  const out: Span[] = [];
  const visit = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'line') {
      const line = node as unknown as LineNode;
      const from = line.position?.start.offset, to = line.position?.end.offset;
      if (line.data.confidence !== undefined && line.data.confidence < LOW_LINE_CONFIDENCE && typeof from === 'number' && typeof to === 'number' && to > from) out.push([from, to]);
      return;
    }
    for (const child of node.children ?? []) visit(child as { type: string; children?: unknown[] });
  };
  if (tree) visit(tree as unknown as { type: string; children?: unknown[] });
  return out;
}

export function reviewPlan(plan: PlanDocument, file: VFile, tree?: PlanRoot): Review {
  const reasons = new Set<ReviewReason>();
  const h = plan.header;
  const ocred = (file.data.source?.pages ?? []).some((p) => p.method === 'ocr');
  const headerExpected = !file.data.noHeaderBlock;
  if (h.issuer === null && headerExpected) reasons.add('no-issuer');
  if (h.number === null && !file.data.blankNumber && headerExpected) reasons.add('no-number');
  if (h.issuedDate === null && headerExpected) reasons.add('no-date');
  if (plan.sections.length === 0) reasons.add('no-sections');
  if (plan.signature?.signer == null && file.data.hasBackMatter) reasons.add('no-signer');
  if (file.data.signerDamaged) reasons.add('signer-damaged');
  for (const page of file.data.source?.pages ?? []) {
    if (page.method === 'ocr' && page.confidence !== null && page.confidence < LOW_PAGE_CONFIDENCE) reasons.add('ocr-low-confidence');
  }
  const firstSection = plan.sections[0]?.span?.[0] ?? Infinity;
  const spans = scoredSpans(plan);
  const doubt = (span: Span) => {
    if (span[1] <= firstSection) reasons.add('doubtful-header');
    for (const [reason, itemSpan] of spans) if (overlaps(span, itemSpan)) reasons.add(reason);
  };
  for (const message of file.messages) {
    const rule = message.ruleId ?? '';
    const direct = DOUBT_RULES.get(rule);
    if (direct && (direct !== 'numeral-repeated' || ocred)) reasons.add(direct);
    if (!RESTORE_DOUBT.has(rule)) continue;
    const span = toContractMessage(message).span;
    if (span) doubt(span);
  }
  for (const span of lowConfidenceLines(tree)) doubt(span);
  const list = REVIEW_REASONS.filter((r) => reasons.has(r.id)).map((r) => r.text);
  return { needed: list.length > 0, reasons: list };
}

const review: Plugin<[], PlanRoot> = () => (tree, file) => {
  const plan = file.data.plan;
  if (plan) plan.review = reviewPlan(plan, file, tree);
};
export default review;
