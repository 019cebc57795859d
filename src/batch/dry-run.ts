/**
 * `vnplan ingest --dry-run`: what a run would do, and why not the rest, writing nothing (no
 * output folder, no ledger, no temporaries). The inputs are found as a run finds them (the walk,
 * --include / --exclude, page images grouped), read and hashed, and looked up in the ledger of
 * `--out` when there is one (opened read-only): done already with the same content, vnplan
 * version and OCR settings is a skip, as in a real run.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { VERSION } from '../version.js';
import { readBytes } from '../input/text.js';
import { InputError } from '../input/source.js';
import { discoverInputs, type DiscoverOptions, type DiscoveredInput, type WalkNote } from './discover.js';
import { Ledger, LEDGER_FILE } from './ledger.js';
import { MANIFEST_FILE } from './manifest.js';
import { candidateStem, outputPaths } from './names.js';
import { join } from 'node:path';

export interface PlannedInput {
  input: string;
  action: 'ingest' | 'skip' | 'fail';
  /** Why: `new`, `changed since it was done`, `failed before (corrupt)`, `done already`, the reason it would fail. */
  why: string;
  /** Its JSON output, relative to `--out` (the name a run would claim, if free). */
  json: string | null;
  /** Files of a group of page images, in page order. */
  parts?: string[];
}

export interface DryRun {
  inputs: PlannedInput[];
  excluded: Array<{ path: string; reason: string }>;
  unsupported: string[];
  notes: WalkNote[];
  /** Said once: the ledger could not be asked (none yet, another schema version, a folder from before the ledger). */
  ledgerNote: string | null;
}

export interface DryRunOptions extends DiscoverOptions {
  paths: string[];
  outDir: string;
  force: boolean;
  settings: string;
  maxFileBytes: number;
}

export async function dryRun(options: DryRunOptions): Promise<DryRun> {
  const { inputs, notes, excluded, unsupported } = await discoverInputs(options.paths, options.outDir, options);
  const ledger = Ledger.openReadOnly(options.outDir);
  let ledgerNote: string | null = null;
  if (!ledger) {
    if (existsSync(join(options.outDir, LEDGER_FILE))) ledgerNote = `${join(options.outDir, LEDGER_FILE)} is of another vnplan version or cannot be read: what is done cannot be told`;
    else if (existsSync(join(options.outDir, MANIFEST_FILE))) ledgerNote = `${options.outDir} holds a manifest from before the ledger: a run takes it in and skips what it lists as done; a dry run does not`;
  }
  try {
    const planned: PlannedInput[] = [];
    for (const input of inputs) planned.push(await plan(input, ledger, options));
    return { inputs: planned, excluded, unsupported, notes, ledgerNote };
  } finally {
    ledger?.close();
  }
}

async function plan(input: DiscoveredInput, ledger: Ledger | null, options: DryRunOptions): Promise<PlannedInput> {
  const parts = input.parts?.map((p) => p.display);
  const base = { input: input.display, ...(parts ? { parts } : {}) };
  if (input.problem) return { ...base, action: 'fail', why: `${input.problem.code}: ${input.problem.message.replace(`${input.display}: `, '')}`, json: null };
  const files = input.parts ?? [{ path: input.path, display: input.display }];
  const hash = createHash('sha256');
  try {
    for (const f of files) hash.update(await readBytes(f.display, { maxBytes: options.maxFileBytes }, f.path));
  } catch (error) {
    if (error instanceof InputError) return { ...base, action: 'fail', why: `${error.code}: ${error.message.replace(/^.*?: /, '')}`, json: null };
    throw error;
  }
  const sha = hash.digest('hex');
  const row = ledger?.get(input.key);
  const json = row?.stem ? outputPaths(row.stem).json : outputPaths(candidateStem(input.relative)).json;
  if (!row) return { ...base, action: 'ingest', why: 'new', json };
  if (!options.force && ledger!.isDone(row, sha, VERSION, options.settings)) {
    const own = ledger!.outputsOf(row.id).find((o) => o.part === 1 && o.kind === 'json')?.path ?? json;
    return { ...base, action: 'skip', why: 'done already', json: own };
  }
  const why = options.force
    ? '--force'
    : row.status === 'failed'
      ? `failed before (${row.error_code ?? 'error'}): tried again`
      : row.status === 'running'
        ? 'not finished by an earlier run (interrupted, or another run is at it)'
        : row.sha256 !== sha
          ? 'changed since it was done'
          : row.vnplan_version !== VERSION
            ? `done by vnplan ${row.vnplan_version}`
            : row.settings !== options.settings
              ? `done with other OCR settings (${row.settings})`
              : 'its outputs are missing';
  return { ...base, action: 'ingest', why, json };
}

/** The dry run as lines for a person: one per input, excluded path and passed-over file, then the counts. */
export function formatDryRun(d: DryRun, outDir: string): string {
  const lines: string[] = [`vnplan: dry run: nothing is written in ${outDir}`];
  if (d.ledgerNote) lines.push(`vnplan: ${d.ledgerNote}`);
  for (const p of d.inputs) {
    const what = p.parts ? `${p.input} (${p.parts.length} page images: ${p.parts.map((x) => x.slice(x.lastIndexOf('/') + 1)).join(', ')})` : p.input;
    if (p.action === 'ingest') lines.push(`ingest   ${what} → ${p.json} (${p.why})`);
    else if (p.action === 'skip') lines.push(`skip     ${what}: ${p.why} (${p.json})`);
    else lines.push(`fail     ${what}: ${p.why}`);
  }
  for (const e of d.excluded) lines.push(`exclude  ${e.path}: ${e.reason}`);
  for (const u of d.unsupported) lines.push(`ignore   ${u}: not a type vnplan reads`);
  for (const n of d.notes) lines.push(`note     ${n.path}: ${n.reason}`);
  const count = (a: PlannedInput['action']) => d.inputs.filter((p) => p.action === a).length;
  lines.push(`vnplan: would ingest ${count('ingest')}, skip ${count('skip')} (done already), fail ${count('fail')}; ${d.excluded.length} excluded, ${d.unsupported.length} not supported`);
  return `${lines.join('\n')}\n`;
}
