/**
 * The dev set: real plans from ministries, provinces, departments and communes
 * (fixtures/plans), scored by the shared scorer (../shared/tools/score-extract.mjs) against
 * their hand-made gold (fixtures/gold/plans). Each part of each plan keeps the level it
 * reached (tests/fixtures/devset-levels.json, rewritten on purpose with UPDATE_GOLDEN=1 and
 * reviewed in the diff): a part may rise, never fall.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARTS, devPlans, extractFile, scoreExtraction, scorerAvailable } from '../scripts/lib/score-extract.js';
import { updating } from './helpers/golden.js';

const LEVELS = 'tests/fixtures/devset-levels.json';
const plans = devPlans().filter((p) => p.gold);
const levels: Record<string, Record<string, number>> = existsSync(LEVELS) ? JSON.parse(readFileSync(LEVELS, 'utf8')) : {};
const reached: Record<string, Record<string, number>> = {};

describe.skipIf(!scorerAvailable())('dev set scored against its gold', () => {
  it('has gold for at least 12 plans', () => expect(plans.length).toBeGreaterThanOrEqual(12));

  it.each(plans.map((p) => [p.name, p] as const))('%s keeps every part at its level', (name, plan) => {
    const score = scoreExtraction(plan.gold!, extractFile(plan.text));
    reached[name] = Object.fromEntries(PARTS.map((p) => [p, Number(score.parts[p].toFixed(3))]));
    if (updating) return;
    const floor = levels[name];
    expect(floor, `no level recorded for ${name}: run with UPDATE_GOLDEN=1`).toBeDefined();
    for (const part of PARTS) expect(score.parts[part], `${name} ${part}`).toBeGreaterThanOrEqual(floor![part]! - 1e-3);
  });

  it.runIf(updating)('records the levels reached', () => {
    writeFileSync(LEVELS, `${JSON.stringify(Object.fromEntries(Object.entries(reached).sort()), null, 2)}\n`);
  });
});
