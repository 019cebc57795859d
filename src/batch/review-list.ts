/**
 * The review list of a run: `review.csv` in the output folder, one row per document that
 * needs a person's eye (its JSON's `review.needed`) and per input that failed, what needs a
 * person most first. Documents skipped as done come from their JSON on disk, so a rerun
 * lists them too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Review } from '../contract/plan.js';
import { REVIEW_REASONS } from '../data/review.js';
import type { ErrorRecord, ReviewColumn } from './manifest.js';

/** One document of an input (part 1, 2 … of a file holding several) and its review. */
export interface DocumentReview {
  part: number;
  /** Its JSON, relative to the output folder. */
  json: string;
  review: Review;
}

export interface ReviewRow {
  input: string;
  status: 'failed' | 'done' | 'skipped';
  part: number | null;
  json: string | null;
  pages: number | null;
  meanConfidence: number | null;
  reasons: string[];
}

/** The review of each document of an input done before, read from its JSON outputs (null where one cannot be read). */
export function reviewsOnDisk(outDir: string, outputs: ReadonlyArray<{ path: string; kind: string; part?: number }>): DocumentReview[] | null {
  const out: DocumentReview[] = [];
  for (const o of outputs) {
    if (o.kind !== 'json') continue;
    try {
      const review = (JSON.parse(readFileSync(join(outDir, o.path), 'utf8')) as { review?: Review }).review;
      if (!review || typeof review.needed !== 'boolean' || !Array.isArray(review.reasons)) return null;
      out.push({ part: o.part ?? 1, json: o.path, review });
    } catch {
      return null;
    }
  }
  return out.sort((a, b) => a.part - b.part);
}

/** The report's column: needed when any document needs it; reasons of part 2 … prefixed `part 2: `. */
export function reviewColumn(reviews: readonly DocumentReview[] | null): ReviewColumn | null {
  if (!reviews || reviews.length === 0) return null;
  const many = reviews.length > 1;
  return {
    needed: reviews.some((r) => r.review.needed),
    reasons: reviews.flatMap((r) => r.review.reasons.map((reason) => (many && r.part > 1 ? `part ${r.part}: ${reason}` : reason))),
  };
}

const RANK = new Map<string, number>(REVIEW_REASONS.map((r, i) => [r.text, i]));
const rankOf = (reason: string) => RANK.get(reason) ?? REVIEW_REASONS.length;

/**
 * What needs a person most comes first: inputs that failed (nothing came out), then documents
 * by their weightiest reason (the order of REVIEW_REASONS: an unreadable header before a doubtful
 * budget line), then by how many reasons they have, then by name.
 */
export function compareRows(a: ReviewRow, b: ReviewRow): number {
  const failed = Number(b.status === 'failed') - Number(a.status === 'failed');
  if (failed) return failed;
  const first = Math.min(...a.reasons.map(rankOf)) - Math.min(...b.reasons.map(rankOf));
  if (first) return first;
  if (a.reasons.length !== b.reasons.length) return b.reasons.length - a.reasons.length;
  return a.input < b.input ? -1 : a.input > b.input ? 1 : (a.part ?? 0) - (b.part ?? 0);
}

export function reviewRows(
  documents: ReadonlyArray<{ input: string; status: 'done' | 'skipped' | 'failed'; pages: number | null; meanConfidence: number | null; reviews?: DocumentReview[] | null; error?: ErrorRecord }>,
): ReviewRow[] {
  const rows: ReviewRow[] = [];
  for (const d of documents) {
    if (d.status === 'failed') {
      rows.push({ input: d.input, status: 'failed', part: null, json: null, pages: null, meanConfidence: null, reasons: [d.error ? `failed: ${d.error.code}: ${d.error.message}` : 'failed'] });
      continue;
    }
    for (const r of d.reviews ?? []) {
      if (!r.review.needed) continue;
      rows.push({ input: d.input, status: d.status, part: r.part, json: r.json, pages: d.pages, meanConfidence: d.meanConfidence, reasons: [...r.review.reasons] });
    }
  }
  return rows.sort(compareRows);
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or leading/trailing space. */
export function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const REVIEW_CSV_HEADER = ['rank', 'input', 'part', 'status', 'json', 'pages', 'mean_confidence', 'reasons'] as const;

/** `review.csv`: a header row, then the rows in order; reasons joined by `; `; CRLF line ends (RFC 4180), UTF-8 with a BOM so that spreadsheet programs read the Vietnamese right. */
export function reviewCsv(rows: readonly ReviewRow[]): string {
  const lines = [REVIEW_CSV_HEADER.join(',')];
  rows.forEach((r, i) => {
    lines.push([i + 1, r.input, r.part, r.status, r.json, r.pages, r.meanConfidence, r.reasons.join('; ')].map(csvField).join(','));
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
