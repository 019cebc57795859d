/**
 * The published JSON Schema is what the zod contract generates, and every document the
 * pipeline writes for the fixtures validates against it (ajv, draft 2020-12).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';
import { PlanDocument, planJsonSchema } from '../src/contract/plan.js';
import { extractText } from '../src/index.js';

const committed = JSON.parse(readFileSync('schema/plan.schema.json', 'utf8')) as object;
// ajv is CommonJS: under NodeNext its class is the module's `default`.
const Ajv2020 = Ajv2020Module.default;
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validate = ajv.compile(committed);
const seeds = readdirSync('fixtures/seeds').filter((f) => f.endsWith('.txt'));

describe('contract', () => {
  it('committed schema/plan.schema.json matches the zod contract (run `npm run schema`)', () => {
    expect(committed).toEqual(planJsonSchema());
  });

  it.each(seeds)('the document extracted from %s validates against the JSON Schema', (seed) => {
    const { plan } = extractText(readFileSync(`fixtures/seeds/${seed}`, 'utf8'), seed);
    const ok = validate(JSON.parse(JSON.stringify(plan)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  const golds = ['000_chu-pong.json', '002_kon-ray.json', '003_bach-thong.json', ...readdirSync('fixtures/gold/plans').filter((f) => f.endsWith('.json')).map((f) => `plans/${f}`)];
  it.each(golds)(
    'the hand-made gold %s fits the schema once the fields beyond the scored ones are added',
    (gold) => {
      const doc = { legalBases: [], messages: [], review: { needed: false, reasons: [] }, ...JSON.parse(readFileSync(`fixtures/gold/${gold}`, 'utf8')) };
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it('rejects a document outside the contract, naming the path', () => {
    const bad = { schemaVersion: '1', header: { issuedDate: '22/11/2022' } };
    expect(validate(bad)).toBe(false);
    const parsed = PlanDocument.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toContain('header.issuedDate');
  });
});

describe('messages in the output', () => {
  it('carry a span into the restored text when the stage knew the range', () => {
    const text = readFileSync('fixtures/seeds/000_593403bb6f75f31c.txt', 'utf8');
    const { plan, restoredText } = extractText(text, '000.txt');
    const spanned = plan.messages.filter((m) => m.span);
    expect(spanned.length).toBeGreaterThan(0);
    for (const m of spanned) {
      const [from, to] = m.span!;
      expect(to).toBeLessThanOrEqual(restoredText.length);
      const line = restoredText.slice(0, from).split('\n').length;
      expect(line).toBe(m.place!.line);
    }
  });
});
