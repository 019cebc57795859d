/**
 * Scores an extraction against hand-made gold with the shared scorer
 * (`../shared/tools/score-extract.mjs`, the one the work is measured with), so the benches
 * and the dev-set golden tests report exactly what that tool reports.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { PlanDocument } from '../../src/contract/plan.js';
import { textSourceFromBytes } from '../../src/input/text.js';
import { processSourceSync } from '../../src/pipeline.js';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const SHARED = process.env.VNPLAN_SHARED ?? resolve(ROOT, '../shared');
export const SCORER = join(SHARED, 'tools/score-extract.mjs');
export const PARTS = ['header', 'sections', 'objectives', 'assignments', 'deadlines', 'budget', 'signature', 'recipients'] as const;
export type Part = (typeof PARTS)[number];

export interface Score {
  overall: number;
  parts: Record<Part, number>;
  detail: { header: Record<string, boolean>; counts: Record<string, string> };
}

export const scorerAvailable = (): boolean => existsSync(SCORER);

/** Score one candidate document against a gold file. */
export function scoreExtraction(goldPath: string, plan: PlanDocument): Score {
  const dir = mkdtempSync(join(tmpdir(), 'vnplan-score-'));
  try {
    const cand = join(dir, 'cand.json');
    writeFileSync(cand, JSON.stringify(plan));
    const r = spawnSync(process.execPath, [SCORER, goldPath, cand, '--json'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`score-extract failed on ${goldPath}: ${r.stderr}`);
    return JSON.parse(r.stdout) as Score;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The dev set: every plan of fixtures/plans, with its gold when there is one. */
export function devPlans(): Array<{ name: string; text: string; gold: string | null }> {
  const dir = join(ROOT, 'fixtures/plans');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const name = basename(f, '.txt');
      const gold = join(ROOT, 'fixtures/gold/plans', `${name}.json`);
      return { name, text: join(dir, f), gold: existsSync(gold) ? gold : null };
    });
}

/** Extract a text file the way `vnplan extract` does (restoration included). */
export function extractFile(path: string, file = basename(path)): PlanDocument {
  return processSourceSync(textSourceFromBytes(file, new Uint8Array(readFileSync(path)))).plan;
}
