/**
 * The batch manifest (`manifest.json` in the output folder): one entry per input ever
 * ingested there, keyed by its output stem, and what makes a re-run skip it: the same
 * content hash, vnplan version and OCR settings, status done, outputs present.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputErrorCode } from '../input/source.js';

export const MANIFEST_FILE = 'manifest.json';
export const REPORT_FILE = 'report.json';

export const OutputFiles = z.object({
  json: z.string(),
  text: z.string(),
  markdown: z.string(),
  ocr: z.string(),
});
export type OutputFiles = z.infer<typeof OutputFiles>;

export const ErrorRecord = z.object({
  code: z.union([InputErrorCode, z.enum(['contract', 'internal'])]),
  message: z.string(),
});
export type ErrorRecord = z.infer<typeof ErrorRecord>;

export const ManifestEntry = z.object({
  input: z.string(),
  stem: z.string(),
  sha256: z.string().nullable(),
  vnplanVersion: z.string(),
  /** OCR settings that change the output (language, mode). */
  settings: z.string(),
  status: z.enum(['done', 'failed']),
  mediaType: z.string().nullable(),
  pages: z.number().int().nonnegative().nullable(),
  ocrPages: z.number().int().nonnegative(),
  /** Mean OCR confidence over OCRed pages, 0–100. */
  meanConfidence: z.number().nullable(),
  /** Paths relative to the output folder (the first part's when the file holds several documents). */
  outputs: OutputFiles.nullable(),
  /** The outputs of each document when the file holds several (`<stem>.part1.json` …). */
  parts: z.array(OutputFiles).optional(),
  error: ErrorRecord.nullable(),
  seconds: z.number().nonnegative(),
  finishedAt: z.string(),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export const Manifest = z.object({
  vnplanVersion: z.string(),
  updatedAt: z.string(),
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
  documents: z.array(
    z.object({
      input: z.string(),
      status: z.enum(['done', 'skipped', 'failed']),
      pages: z.number().nullable(),
      meanConfidence: z.number().nullable(),
      seconds: z.number(),
    }),
  ),
  exitCode: z.number().int(),
});
export type RunReport = z.infer<typeof RunReport>;

export async function readManifest(outDir: string): Promise<Map<string, ManifestEntry>> {
  const path = join(outDir, MANIFEST_FILE);
  const entries = new Map<string, ManifestEntry>();
  if (!existsSync(path)) return entries;
  try {
    const manifest = Manifest.parse(JSON.parse(await readFile(path, 'utf8')));
    for (const e of manifest.documents) entries.set(e.stem, e);
  } catch {
    // An unreadable manifest only means nothing is known to be done: everything is redone.
  }
  return entries;
}

export function serializeManifest(entries: Map<string, ManifestEntry>, version: string): string {
  const documents = [...entries.values()].sort((a, b) => (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0));
  return `${JSON.stringify(Manifest.parse({ vnplanVersion: version, updatedAt: new Date().toISOString(), documents }), null, 2)}\n`;
}

/** True when `entry` already holds this very input's outputs. */
export function isDone(entry: ManifestEntry | undefined, sha256: string, version: string, settings: string, outDir: string): boolean {
  if (!entry || entry.status !== 'done' || !entry.outputs) return false;
  if (entry.sha256 !== sha256 || entry.vnplanVersion !== version || entry.settings !== settings) return false;
  return [entry.outputs, ...(entry.parts ?? [])].every((o) => Object.values(o).every((p) => existsSync(join(outDir, p))));
}
