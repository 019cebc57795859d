/**
 * `npm run bench extract`: extraction scored by the shared scorer, per plan and per part,
 * over the dev set (fixtures/plans with gold in fixtures/gold/plans) and the seed plans.
 * Plans without gold are listed with what was found. `--only=NAME` narrows the set.
 */
import { join } from 'node:path';
import { PARTS, ROOT, devPlans, extractFile, scoreExtraction, scorerAvailable, type Score } from '../lib/score-extract.js';

const SEEDS: Array<[string, string, string]> = [
  ['000 Chư Pơng (raw OCR)', 'fixtures/seeds/000_593403bb6f75f31c.txt', 'fixtures/gold/000_chu-pong.json'],
  ['002 Kon Rẫy', 'fixtures/seeds/002_c34fca3d98583d5b.txt', 'fixtures/gold/002_kon-ray.json'],
  ['003 Bạch Thông', 'fixtures/seeds/003_251206f63cef4c9c.txt', 'fixtures/gold/003_bach-thong.json'],
];

const short = (s: string) => (s.length > 44 ? `${s.slice(0, 43)}…` : s).padEnd(44);
const cell = (v: number) => (v >= 0.9995 ? '  1  ' : v.toFixed(3).slice(1).padStart(5));

function row(name: string, s: Score): string {
  return `${short(name)} ${PARTS.map((p) => cell(s.parts[p])).join(' ')}  ${s.overall.toFixed(3)}`;
}

export async function run(args: string[]): Promise<void> {
  if (!scorerAvailable()) {
    console.log('bench extract: the shared scorer (../shared/tools/score-extract.mjs) is not here; set VNPLAN_SHARED');
    return;
  }
  const only = args.find((a) => a.startsWith('--only='))?.slice(7);
  const head = `${'plan'.padEnd(44)} ${PARTS.map((p) => p.slice(0, 5).padStart(5)).join(' ')}  overall`;
  const scored: Score[] = [];
  console.log(`\ndev set (fixtures/plans, gold in fixtures/gold/plans)\n${head}`);
  const ungolded: string[] = [];
  const started = performance.now();
  for (const plan of devPlans()) {
    if (only && !plan.name.includes(only)) continue;
    const doc = extractFile(plan.text);
    if (!plan.gold) {
      ungolded.push(`${short(plan.name)} sections ${doc.sections.length}, objectives ${doc.objectives.length}, assignments ${doc.assignments.length}, deadlines ${doc.deadlines.length}, budget ${doc.budgetSources.length}, recipients ${doc.recipients.length}`);
      continue;
    }
    const s = scoreExtraction(plan.gold, doc);
    scored.push(s);
    console.log(row(plan.name, s));
  }
  if (scored.length) {
    const mean = (f: (s: Score) => number) => scored.reduce((a, s) => a + f(s), 0) / scored.length;
    console.log(`${short(`mean of ${scored.length} plans`)} ${PARTS.map((p) => cell(mean((s) => s.parts[p]))).join(' ')}  ${mean((s) => s.overall).toFixed(3)}`);
    const below = scored.filter((s) => s.overall < 0.95).length;
    console.log(`plans below 0.95 overall: ${below} of ${scored.length}; lowest ${Math.min(...scored.map((s) => s.overall)).toFixed(3)}`);
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  if (!only) {
    console.log(`\nseed plans\n${head}`);
    for (const [name, text, gold] of SEEDS) console.log(row(name, scoreExtraction(join(ROOT, gold), extractFile(join(ROOT, text)))));
    if (ungolded.length) console.log(`\ndev plans without gold (what was found)\n${ungolded.join('\n')}`);
  }
}
