/**
 * Review: whether a person should look at the document, and why (contract Revision 2).
 * Needed when a scored field could not be read (no issuer, no number, no date, no signer,
 * no sections) or rests on text the pipeline doubted: a repaired numeral or item number (a
 * letter read as the one due is not worth a look), a restoration
 * below confidence or an OCR page below confidence inside the field's span.
 */
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import type { PlanDocument, Review, Span } from '../contract/plan.js';
import { toContractMessage } from './validate.js';
import type { PlanRoot } from '../tree.js';
import { REVIEW_REASONS, type ReviewReason } from '../data/review.js';

/** Messages whose rule means that a field rests on doubtful text. */
const DOUBT_RULES: ReadonlyMap<string, ReviewReason> = new Map([
  ['numeral-repaired', 'numeral-repaired'],
  ['number-repaired', 'numeral-repaired'],
  ['numeral-repeated', 'numeral-repeated'],
  ['no-sections', 'no-sections'],
  ['header-unreadable', 'header-unreadable'],
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

export function reviewPlan(plan: PlanDocument, file: VFile): Review {
  const reasons = new Set<ReviewReason>();
  const h = plan.header;
  if (h.issuer === null) reasons.add('no-issuer');
  if (h.number === null && !file.data.blankNumber) reasons.add('no-number');
  if (h.issuedDate === null) reasons.add('no-date');
  if (plan.sections.length === 0) reasons.add('no-sections');
  if (plan.signature?.signer == null && file.data.hasBackMatter) reasons.add('no-signer');
  const firstSection = plan.sections[0]?.span?.[0] ?? Infinity;
  const spans = scoredSpans(plan);
  for (const message of file.messages) {
    const rule = message.ruleId ?? '';
    const direct = DOUBT_RULES.get(rule);
    if (direct) reasons.add(direct);
    if (!RESTORE_DOUBT.has(rule)) continue;
    const span = toContractMessage(message).span;
    if (!span) continue;
    if (span[1] <= firstSection) reasons.add('doubtful-header');
    for (const [reason, itemSpan] of spans) if (overlaps(span, itemSpan)) reasons.add(reason);
  }
  const list = REVIEW_REASONS.filter((r) => reasons.has(r.id)).map((r) => r.text);
  return { needed: list.length > 0, reasons: list };
}

const review: Plugin<[], PlanRoot> = () => (_tree, file) => {
  const plan = file.data.plan;
  if (plan) plan.review = reviewPlan(plan, file);
};
export default review;
