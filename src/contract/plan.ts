/**
 * The output contract (schema version 1) as zod schemas: the single source of the
 * document's types (`z.infer`) and of the published JSON Schema (`vnplan schema`).
 * Field rules: ../../../shared/spec/output-contract.md, choices we made: docs/contract.md.
 */
import { z } from 'zod';

export const SCHEMA_VERSION = '1' as const;

/** A range of UTF-16 code units into the restored text: `restored.slice(start, end)`. */
export const Span = z
  .tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])
  .refine(([start, end]) => end >= start, { message: 'span end precedes its start' })
  .describe('[start, end) in UTF-16 code units of the restored text');

/** Provenance every extracted item carries beyond the scored fields. */
const provenance = {
  span: Span.optional(),
  page: z.number().int().positive().optional().describe('1-based page of a paged input'),
};

export const IsoDate = z
  .string()
  .regex(
    /^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?|---\d{2})$/,
    'ISO 8601 date: YYYY, YYYY-MM, YYYY-MM-DD, --MM-DD (yearly), --MM (a month of every year) or ---DD (a day of every month)',
  )
  .describe('ISO 8601, as precise as the text');

export const Source = z.object({
  file: z.string().describe('path as given by the user'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mediaType: z.string(),
  pages: z.number().int().positive().nullable(),
  part: z
    .number().int().positive().optional()
    .describe('1, 2 … in file order when the file holds several documents (each with its own issuer block and motto)'),
});

export const Header = z.object({
  issuer: z.string().nullable(),
  documentType: z.string().nullable(),
  number: z.string().nullable(),
  place: z.string().nullable(),
  issuedDate: IsoDate.nullable(),
  title: z.string().nullable(),
});

export const SectionKind = z.enum(['purpose', 'targets', 'scope', 'content', 'budget', 'organization', 'other']);

export interface SectionShape {
  id: string;
  label: string;
  heading: string;
  kind?: z.infer<typeof SectionKind> | undefined;
  children: SectionShape[];
  span?: [number, number] | undefined;
  page?: number | undefined;
}

export const Section: z.ZodType<SectionShape> = z.lazy(() =>
  z.object({
    id: z.string().min(1),
    label: z.string(),
    heading: z.string(),
    kind: SectionKind.optional().describe('only on Roman-numeral sections'),
    children: z.array(Section),
    ...provenance,
  }),
);

export const ObjectiveKind = z.enum(['purpose', 'requirement', 'general_target', 'specific_target']);
export const Objective = z.object({ text: z.string().min(1), kind: ObjectiveKind, section: z.string(), ...provenance });

export const Assignment = z.object({
  agency: z.string().min(1),
  tasks: z.array(z.string().min(1)),
  /** Partner agencies (`Cơ quan phối hợp`) as written; `[]` when none are named. */
  partners: z.array(z.string().min(1)).default([]),
  /** Read from a row of a task table (Revision 2). */
  fromTable: z.boolean().default(false),
  section: z.string().nullable().describe('null for a row of an appendix table that mirrors no body section'),
  ...provenance,
});

export const Recurrence = z.enum(['annual', 'semiannual', 'quarterly', 'monthly']);
export const Deadline = z.object({
  text: z.string().min(1),
  kind: z.enum(['due', 'period']),
  due: IsoDate.optional(),
  start: IsoDate.optional(),
  end: IsoDate.optional(),
  recurrence: Recurrence.optional(),
  subject: z.string().optional(),
  section: z.string().nullable().describe('null for the time of an appendix table row that mirrors no body section'),
  ...provenance,
});

export const BudgetKind = z.enum([
  'state_budget', 'central_budget', 'local_budget', 'program_fund',
  'allocated_estimate', 'integrated', 'socialized', 'other',
]);
export const BudgetSource = z.object({
  text: z.string().min(1),
  kind: BudgetKind,
  amountVnd: z.number().nonnegative().optional().describe('the sum the source states, in đồng'),
  section: z.string(),
  ...provenance,
});

export const Signature = z.object({
  authority: z.string().nullable(),
  position: z.string().nullable(),
  signer: z.string().nullable(),
  ...provenance,
});

export const LegalBasis = z.object({
  text: z.string().min(1),
  documentType: z.string().nullable(),
  number: z.string().nullable(),
  date: IsoDate.nullable(),
  issuer: z.string().nullable(),
  ...provenance,
});

export const Severity = z.enum(['info', 'warning', 'error']);
export const Message = z.object({
  reason: z.string(),
  ruleId: z.string(),
  source: z.string().describe('the stage that noticed it: vnplan:normalize, vnplan:restore, …'),
  place: z
    .object({ line: z.number().int().positive(), column: z.number().int().positive() })
    .nullable()
    .describe('1-based line and column in the restored text'),
  severity: Severity,
  span: Span.optional(),
  page: provenance.page,
});

/** Whether a person should look at the document, and why (Revision 2). */
export const Review = z.object({
  needed: z.boolean(),
  reasons: z.array(z.string().min(1)).describe('what the pipeline doubted: a scored field read from low-confidence text or not read at all'),
});

export const PlanDocument = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  source: Source,
  header: Header,
  sections: z.array(Section),
  objectives: z.array(Objective),
  assignments: z.array(Assignment),
  deadlines: z.array(Deadline),
  budgetSources: z.array(BudgetSource),
  signature: Signature.nullable(),
  recipients: z.array(z.string()),
  legalBases: z.array(LegalBasis),
  messages: z.array(Message),
  review: Review,
});

export type Span = z.infer<typeof Span>;
export type Source = z.infer<typeof Source>;
export type Header = z.infer<typeof Header>;
export type SectionKind = z.infer<typeof SectionKind>;
export type Section = z.infer<typeof Section>;
export type ObjectiveKind = z.infer<typeof ObjectiveKind>;
export type Objective = z.infer<typeof Objective>;
export type Assignment = z.infer<typeof Assignment>;
export type Deadline = z.infer<typeof Deadline>;
export type BudgetKind = z.infer<typeof BudgetKind>;
export type BudgetSource = z.infer<typeof BudgetSource>;
export type Signature = z.infer<typeof Signature>;
export type LegalBasis = z.infer<typeof LegalBasis>;
export type Message = z.infer<typeof Message>;
export type Review = z.infer<typeof Review>;
export type PlanDocument = z.infer<typeof PlanDocument>;

/** The JSON Schema (draft 2020-12) other systems validate against. */
export function planJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PlanDocument, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}
