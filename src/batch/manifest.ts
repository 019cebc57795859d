/**
 * The batch manifest (`manifest.json` in the output folder): one entry per input ever
 * ingested there, exported from the ledger (./ledger.ts), which is what a re-run trusts.
 * And the run report (`report.json`). Both are for people and older scripts.
 */
import { z } from 'zod';
import { InputErrorCode } from '../input/source.js';
import type { InputRow } from './ledger.js';

export const MANIFEST_FILE = 'manifest.json';
export const REPORT_FILE = 'report.json';

export const OutputFiles = z.object({
  json: z.string(),
  text: z.string(),
  markdown: z.string(),
  ocr: z.string(),
});
export type OutputFiles = z.infer<typeof OutputFiles>;

/**
 * Why a document failed. Input codes (../input/source.ts), and the batch's own: `contract`,
 * `internal`, `write-failed` (its outputs could not be written: disk full, read-only,
 * permission denied), `timeout` (its text work took longer than `--timeout`).
 */
export const ErrorRecord = z.object({
  code: z.union([InputErrorCode, z.enum(['contract', 'internal', 'write-failed', 'timeout'])]),
  message: z.string(),
});
export type ErrorRecord = z.infer<typeof ErrorRecord>;

export const ManifestEntry = z.object({
  /** The ledger's key of the input (`inputs.id` in vnplan.db). */
  id: z.number().int().optional(),
  input: z.string(),
  /** Its outputs' name without suffix; null for an input that failed before it was named. */
  stem: z.string().nullable(),
  sha256: z.string().nullable(),
  vnplanVersion: z.string(),
  /** OCR settings that change the output (language, mode). */
  settings: z.string(),
  /** running: claimed by a run that has not finished it (in progress elsewhere, or interrupted). */
  status: z.enum(['done', 'failed', 'running']),
  mediaType: z.string().nullable(),
  pages: z.number().int().nonnegative().nullable(),
  ocrPages: z.number().int().nonnegative(),
  /** Mean OCR confidence over OCRed pages, 0–100. */
  meanConfidence: z.number().nullable(),
  /** Paths relative to the output folder (the first document's when the file holds several). */
  outputs: OutputFiles.nullable(),
  /** The outputs of documents 2, 3 … when the file holds several (`<stem>.part2.json` …). */
  parts: z.array(OutputFiles).optional(),
  error: ErrorRecord.nullable(),
  seconds: z.number().nonnegative(),
  finishedAt: z.string().nullable(),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export const Manifest = z.object({
  vnplanVersion: z.string(),
  updatedAt: z.string(),
  /** The database this is an export of (in the same folder). */
  ledger: z.string().optional(),
  documents: z.array(ManifestEntry),
});
export type Manifest = z.infer<typeof Manifest>;

export const RunReport = z.object({
  vnplanVersion: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  seconds: z.number(),
  interrupted: z.boolean(),
  settings: z.object({
    engine: z.string(),
    lang: z.string(),
    ocrMode: z.string(),
    jobs: z.number().int().positive(),
    force: z.boolean(),
  }),
  counts: z.object({
    inputs: z.number().int(),
    done: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
    notStarted: z.number().int(),
  }),
  pages: z.object({ total: z.number().int(), ocr: z.number().int(), textLayer: z.number().int() }),
  pagesPerMinute: z.number().nullable(),
  peakRssMb: z.number(),
  failures: z.array(z.object({ input: z.string(), error: ErrorRecord })),
  /** Why the run stopped before its end, other than Ctrl-C (disk full, read-only output, no OCR engine). */
  stopped: z.object({ code: z.string(), message: z.string() }).nullable().optional(),
  /** Paths the walk met and did not take (links back up the tree, second paths to one file, special files). */
  notes: z.array(z.object({ path: z.string(), reason: z.string() })).optional(),
  /** This run in the ledger (`runs.id`). */
  runId: z.number().int().optional(),
  documents: z.array(
    z.object({
      input: z.string(),
      /** Its outputs' name without suffix (outputs are `stem` + .json, .txt, .md, .ocr.txt). */
      stem: z.string().nullable().optional(),
      status: z.enum(['done', 'skipped', 'failed']),
      pages: z.number().nullable(),
      meanConfidence: z.number().nullable(),
      seconds: z.number(),
    }),
  ),
  exitCode: z.number().int(),
});
export type RunReport = z.infer<typeof RunReport>;


/** A ledger row as a manifest entry. */
export function manifestEntry(row: InputRow, outputs: Array<{ path: string; kind: string; part?: number }>): ManifestEntry {
  const filesOf = (part: number) => {
    const byKind = new Map(outputs.filter((o) => (o.part ?? 1) === part).map((o) => [o.kind, o.path]));
    const files = { json: byKind.get('json'), text: byKind.get('text'), markdown: byKind.get('markdown'), ocr: byKind.get('ocr') };
    return files.json && files.text && files.markdown && files.ocr ? (files as OutputFiles) : null;
  };
  const files = filesOf(1);
  const complete = files !== null;
  const parts: OutputFiles[] = [];
  for (let part = 2, f = filesOf(2); f; f = filesOf(++part)) parts.push(f);
  return {
    id: row.id,
    input: row.display,
    stem: row.stem,
    sha256: row.sha256,
    vnplanVersion: row.vnplan_version,
    settings: row.settings,
    status: row.status,
    mediaType: row.media_type,
    pages: row.pages,
    ocrPages: row.ocr_pages,
    meanConfidence: row.mean_confidence,
    outputs: row.status === 'done' && complete ? files : null,
    ...(row.status === 'done' && parts.length ? { parts } : {}),
    error: row.error_code ? { code: row.error_code as ErrorRecord['code'], message: row.error_message ?? '' } : null,
    seconds: row.seconds,
    finishedAt: row.finished_at,
  };
}
