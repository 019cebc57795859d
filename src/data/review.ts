/** Why a document needs a person's eye, in the order a reviewer should look (`review.reasons`). */
export const REVIEW_REASONS = [
  { id: 'header-unreadable', text: 'the header could not be read (handwritten or covered)' },
  { id: 'no-issuer', text: 'no issuer read' },
  { id: 'no-number', text: 'no document number read' },
  { id: 'no-date', text: 'no issue date read' },
  { id: 'doubtful-header', text: 'the header rests on low-confidence text' },
  { id: 'no-sections', text: 'no sections found' },
  { id: 'numeral-repaired', text: 'a section numeral or item number was repaired' },
  { id: 'numeral-repeated', text: 'a section numeral is printed twice' },
  { id: 'no-signer', text: 'no signer read' },
  { id: 'doubtful-signature', text: 'the signature rests on low-confidence text' },
  { id: 'doubtful-objective', text: 'an objective rests on low-confidence text' },
  { id: 'doubtful-assignment', text: 'an assignment rests on low-confidence text' },
  { id: 'doubtful-deadline', text: 'a deadline rests on low-confidence text' },
  { id: 'doubtful-budget', text: 'a budget source rests on low-confidence text' },
  { id: 'ocr-low-confidence', text: 'a page was read by OCR with low confidence' },
] as const;

export type ReviewReason = (typeof REVIEW_REASONS)[number]['id'];
