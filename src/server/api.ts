/**
 * The HTTP API's shapes as zod schemas: what handlers validate (query parameters) and what
 * `/openapi.json` publishes (z.toJSONSchema). The contract's own schemas (src/contract/plan.ts)
 * describe a document; these describe the envelopes around it.
 */
import { z } from 'zod';
import { PlanDocument, Section, Source } from '../contract/plan.js';
import { PassageKind, QueryDate } from '../store/query.js';

const SpanOrNull = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).nullable();

/** `limit` and `offset` of every list. */
export const Paging = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('items per page (1–200)'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('items to skip'),
};

export const SearchParams = z.object({
  q: z.string().trim().min(1).max(1000).optional().describe('words to find, with or without marks (`giam ngheo` finds `giảm nghèo`); "a phrase"; a word ending in * as a prefix'),
  agency: z.string().trim().min(1).max(300).optional().describe('an agency given tasks, in any spelling (`phong van hoa thong tin`, `Phòng VH&TT`); a trailing place narrows (`… huyện`)'),
  issuer: z.string().trim().min(1).max(300).optional().describe('the issuing body, in any spelling'),
  from: QueryDate.optional().describe('only documents (and deadline passages) with a deadline on or after this date'),
  to: QueryDate.optional().describe('only documents (and deadline passages) with a deadline on or before this date'),
  kind: z
    .string()
    .regex(/^[a-z-]+(,[a-z-]+)*$/)
    .optional()
    .describe(`kinds of passage, comma-separated: ${PassageKind.options.join(', ')}`),
  group: z.enum(['document', 'passage']).default('document').describe('one hit per document (its best passage) or every passage'),
  ...Paging,
});

export const DocumentsParams = z.object({
  issuer: z.string().trim().min(1).max(300).optional().describe('the issuing body, in any spelling'),
  ...Paging,
});
export const AgenciesParams = z.object({
  q: z.string().trim().min(1).max(300).optional().describe('an agency name in any spelling: its key, or every word of it'),
  ...Paging,
});
export const DeadlinesParams = z.object({
  from: QueryDate.optional().describe('occurrences that end on or after this date'),
  to: QueryDate.optional().describe('occurrences that start on or before this date'),
  ...Paging,
});
export const DocumentIdParam = z.object({ id: z.coerce.number().int().positive().max(2 ** 53 - 1) });
export const UploadParams = z.object({
  name: z.string().min(1).max(255).optional().describe('the file name, for the record only (`source.file` is `upload:NAME`); never a path on the server'),
});

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int().nonnegative().describe('items in all pages'),
    limit: z.number().int(),
    offset: z.number().int(),
    next: z.string().nullable().describe('the next page (a relative URL), or null on the last'),
  });

export const Hit = z.object({
  documentId: z.number().int(),
  source: Source,
  issuer: z.string().nullable(),
  number: z.string().nullable(),
  issuedDate: z.string().nullable(),
  title: z.string().nullable(),
  kind: PassageKind,
  text: z.string().describe('the passage as printed'),
  matches: z.array(z.tuple([z.number().int(), z.number().int()])).describe('[start, end) of each matched word in `text`'),
  span: SpanOrNull.describe('the passage in the restored text, UTF-16 [start, end)'),
  page: z.number().int().nullable(),
  section: z.string().nullable(),
  sectionHeading: z.string().nullable(),
  score: z.number().nullable().describe('bm25 rank of a text search, lower is better'),
  passages: z.number().int().describe('matching passages of this document (one hit per document)'),
});

export const DocumentSummary = z.object({
  id: z.number().int(),
  source: Source,
  issuer: z.string().nullable(),
  documentType: z.string().nullable(),
  number: z.string().nullable(),
  place: z.string().nullable(),
  issuedDate: z.string().nullable(),
  title: z.string().nullable(),
  period: z.object({ from: z.string(), to: z.string() }).nullable().describe("the plan's own period, as day bounds"),
  review: z.object({ needed: z.boolean(), reasons: z.array(z.string()) }),
});

export const Agency = z.object({
  id: z.number().int(),
  key: z.string().describe('canonical: abbreviations written out, folded, no conjunctions or punctuation, no place'),
  name: z.string(),
  spellings: z.array(z.object({ spelling: z.string(), place: z.string().nullable() })),
  assignments: z.number().int(),
  documents: z.number().int(),
});

export const DeadlineOccurrence = z.object({
  documentId: z.number().int(),
  source: Source,
  number: z.string().nullable(),
  issuer: z.string().nullable(),
  title: z.string().nullable(),
  text: z.string(),
  kind: z.enum(['due', 'period']),
  due: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  recurrence: z.string().nullable(),
  subject: z.string().nullable(),
  section: z.string().nullable(),
  span: SpanOrNull,
  page: z.number().int().nullable(),
  fromDate: z.string().describe('first day of this occurrence'),
  toDate: z.string().describe('last day of this occurrence'),
});

export const UploadResult = z.object({
  id: z.number().int(),
  created: z.boolean().describe('false when the same bytes were stored already'),
  document: z.string().describe('its URL'),
});

/** RFC 9457 problem details. */
export const Problem = z.object({
  type: z.string().describe('a URI reference naming the problem; about:blank for plain HTTP errors'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('what was wrong with each parameter'),
});

export const SearchPage = pageOf(Hit);
export const DocumentsPage = pageOf(DocumentSummary);
export const AgenciesPage = pageOf(Agency);
export const DeadlinesPage = pageOf(DeadlineOccurrence);

/** Every named schema of the API, as `#/components/schemas/NAME`. */
export const COMPONENTS = {
  Section, PlanDocument, Source, Hit, SearchPage, DocumentSummary, DocumentsPage, Agency, AgenciesPage, DeadlineOccurrence, DeadlinesPage,
  UploadResult, Problem,
} as const;
