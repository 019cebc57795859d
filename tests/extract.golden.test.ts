/**
 * Golden extraction (tests/fixtures/extract/<case>/input.txt → expected.json, restoration
 * skipped so the cases test segmentation and extraction alone), and a floor on every
 * scored part against the hand-made gold JSON in fixtures/gold/.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PlanDocument } from '../src/contract/plan.js';
import { textSourceFromBytes } from '../src/input/text.js';
import { processSourceSync } from '../src/pipeline.js';
import { expectGolden } from './helpers/golden.js';

const root = 'tests/fixtures/extract';

function extract(name: string): PlanDocument {
  const bytes = readFileSync(`${root}/${name}/input.txt`);
  const source = textSourceFromBytes(`${name}/input.txt`, new Uint8Array(bytes));
  return processSourceSync(source, { restore: { skip: true } }).plan;
}

describe('extract (golden)', () => {
  it.each(readdirSync(root))('%s', (name) => {
    expectGolden(`${root}/${name}/expected.json`, JSON.stringify(extract(name), null, 2) + '\n');
  });
});

// A small scorer of our own (the shared tools stay outside the repo): F1 of greedy
// one-to-one matches under a similarity threshold, per part of the contract.
const norm = (s: unknown) => String(s ?? '').normalize('NFC').replace(/[\u2010-\u2015\u2212]/g, '-').replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
function similarity(a: unknown, b: unknown): number {
  const x = norm(a), y = norm(b);
  if (!x.length && !y.length) return 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return 1 - prev[y.length]! / Math.max(x.length, y.length);
}
function f1<G, C>(gold: readonly G[], cand: readonly C[], score: (g: G, c: C) => number, threshold: number): { f1: number; pairs: Array<[G, C]> } {
  const scored: Array<[number, number, number]> = [];
  gold.forEach((g, i) => cand.forEach((c, j) => { const s = score(g, c); if (s >= threshold) scored.push([s, i, j]); }));
  scored.sort((a, b) => b[0] - a[0]);
  const usedG = new Set<number>(), usedC = new Set<number>();
  const pairs: Array<[G, C]> = [];
  for (const [, i, j] of scored) {
    if (usedG.has(i) || usedC.has(j)) continue;
    usedG.add(i); usedC.add(j); pairs.push([gold[i]!, cand[j]!]);
  }
  return { f1: gold.length + cand.length === 0 ? 1 : (2 * pairs.length) / (gold.length + cand.length), pairs };
}
type Sec = PlanDocument['sections'][number];
const flat = (s: readonly Sec[]): Sec[] => s.flatMap((x) => [x, ...flat(x.children)]);

function parts(gold: PlanDocument, cand: PlanDocument): Record<string, number> {
  const h = (['issuer', 'documentType', 'number', 'place', 'issuedDate', 'title'] as const).map((k) => {
    const g = gold.header[k], c = cand.header[k];
    if (g == null) return c == null;
    return c != null && similarity(g, c) >= (k === 'title' ? 0.9 : 0.95);
  });
  const agencies = f1(gold.assignments, cand.assignments, (g, c) => similarity(g.agency, c.agency), 0.85);
  const taskF1 = agencies.pairs.map(([g, c]) => f1(g.tasks, c.tasks, similarity, 0.8).f1);
  const dkey = (d: PlanDocument['deadlines'][number]) => [d.kind, d.due, d.start, d.end].map(norm).join('|');
  return {
    header: h.filter(Boolean).length / h.length,
    sections: f1(flat(gold.sections), flat(cand.sections), (g, c) => (norm(g.id) === norm(c.id) && similarity(norm(g.heading).slice(0, 80), norm(c.heading).slice(0, 80)) >= 0.85 ? 1 : 0), 1).f1,
    objectives: f1(gold.objectives, cand.objectives, (g, c) => (g.kind === c.kind ? similarity(g.text, c.text) : 0), 0.8).f1,
    assignments: agencies.f1 * (taskF1.length ? taskF1.reduce((a, b) => a + b, 0) / taskF1.length : gold.assignments.length ? 0 : 1),
    deadlines: f1(gold.deadlines, cand.deadlines, (g, c) => (dkey(g) === dkey(c) ? 1 : 0), 1).f1,
    budget: f1(gold.budgetSources, cand.budgetSources, (g, c) => (g.kind === c.kind ? similarity(g.text, c.text) : 0), 0.7).f1,
    signature: similarity(gold.signature?.signer ?? '', cand.signature?.signer ?? '') >= 0.95 ? 1 : 0,
    recipients: f1(gold.recipients, cand.recipients, similarity, 0.8).f1,
  };
}

/** Levels reached when these tests were written: a part may rise, never fall below. */
const FLOORS: Record<string, { gold: string; floor: Record<string, number> }> = {
  '002-kon-ray': { gold: 'fixtures/gold/002_kon-ray.json', floor: { header: 1, sections: 1, objectives: 1, assignments: 1, deadlines: 1, budget: 1, signature: 1, recipients: 1 } },
  '003-bach-thong': { gold: 'fixtures/gold/003_bach-thong.json', floor: { header: 1, sections: 1, objectives: 1, assignments: 1, deadlines: 1, budget: 1, signature: 1, recipients: 1 } },
  '000-chu-pong-gold-text': { gold: 'fixtures/gold/000_chu-pong.json', floor: { header: 1, sections: 1, objectives: 1, assignments: 1, deadlines: 1, budget: 1, signature: 1, recipients: 1 } },
};

describe('extract (scored against the gold JSON)', () => {
  it.each(Object.keys(FLOORS))('%s keeps every part at its level', (name) => {
    const { gold, floor } = FLOORS[name]!;
    const scores = parts(JSON.parse(readFileSync(gold, 'utf8')) as PlanDocument, extract(name));
    for (const [part, level] of Object.entries(floor)) expect(scores[part]!, part).toBeGreaterThanOrEqual(level - 1e-9);
  });

  it('scores an empty extraction low (the helper can fail)', () => {
    const gold = JSON.parse(readFileSync(FLOORS['002-kon-ray']!.gold, 'utf8')) as PlanDocument;
    const empty: PlanDocument = { ...gold, header: { issuer: null, documentType: null, number: null, place: null, issuedDate: null, title: null }, sections: [], objectives: [], assignments: [], deadlines: [], budgetSources: [], signature: null, recipients: [] };
    const scores = parts(gold, empty);
    expect(Object.values(scores).filter((v) => v < 0.5).length).toBeGreaterThanOrEqual(7);
  });
});
