import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadRestorerModels } from '../src/restore/index.js';
import type { RestorerModel } from '../src/restore/model.js';
import type { SlotSource } from '../src/restore/decoder.js';

let model: RestorerModel;
beforeAll(() => {
  const loaded = loadRestorerModels();
  if (!loaded.model) throw new Error('models/restorer.bin missing: run npm run train');
  model = loaded.model;
});

/** A lattice of T slots of 1 … maxK syllables with made-up costs (seeded), a sentence start (or a possible one) now and then. */
function lattice(seed: number, T: number, maxK: number): SlotSource[] {
  let x = seed;
  const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const syllables = model.vocab.map((_, id) => id).filter((id) => model.isSyllable(id)).slice(0, 3000);
  return Array.from({ length: T }, (_, t) => {
    const K = 1 + Math.floor(rand() * maxK);
    const candidates = Array.from({ length: K }, (_, c) => {
      const id = syllables[Math.floor(rand() * syllables.length)]!;
      return { id, text: model.vocab[id]!, cost: rand() * 4, identity: c === 0, gap: rand() * 4 };
    });
    const r = rand();
    return { slot: { candidates }, boundary: t > 0 && (r < 0.05 || (r < 0.15 ? 'maybe' : false)) };
  });
}

describe('decoder', () => {
  it('reads a lattice the same with arrays left over from wider and longer lattices as with fresh ones', async () => {
    const small = lattice(1, 40, 4), big = lattice(2, 3000, 12);
    const run = (d: typeof import('../src/restore/decoder.js'), src: SlotSource[], beam: number) => {
      const lat = d.buildLattice(src, 1, 2.5);
      const starts = new Uint8Array(lat.T);
      const choice = d.bestPath(model, lat, beam, undefined, starts);
      const extra = Float64Array.from(lat.costs, (_, j) => (j % 3) * 0.5);
      const open = Uint8Array.from(src, (_, t) => (t % 4 === 0 ? 1 : 0));
      const again = d.bestPath(model, lat, beam, { extra, open, choice }, starts);
      const p = d.posteriors(model, lat, again, extra, () => true, starts);
      return { choice: [...choice], again: [...again], starts: [...starts], confidence: [...p.confidence], identity: [...p.identity] };
    };
    vi.resetModules();
    const fresh = await import('../src/restore/decoder.js');
    const expected = run(fresh, small, 6);
    vi.resetModules();
    const used = await import('../src/restore/decoder.js');
    expect(used).not.toBe(fresh);
    run(used, big, 10);
    run(used, lattice(3, 500, 20), 6);
    expect(run(used, small, 6)).toEqual(expected);
  });

  it('starts a sentence where one may start only when that reads better, and says where it did', async () => {
    const d = await import('../src/restore/decoder.js');
    const id = (w: string) => model.idOf.get(w)!;
    const one = (w: string) => ({ candidates: [{ id: id(w), text: w, cost: 0, identity: true }] });
    // `... nông nghiệp | văn/vẫn phòng`: as one sentence `vẫn` may follow; a new one starts with `văn phòng`
    const words = ['lĩnh', 'vực', 'nông', 'nghiệp'];
    const src = (boundary: boolean | 'maybe'): import('../src/restore/decoder.js').SlotSource[] => [
      ...words.map((w) => ({ slot: one(w) })),
      { slot: { candidates: ['vẫn', 'văn'].map((w, c) => ({ id: id(w), text: w, cost: 0, identity: c === 0 })) }, boundary },
      { slot: one('phòng') },
    ];
    for (const [boundary, start] of [[true, 1], ['maybe', 1], [false, 0]] as const) {
      const lat = d.buildLattice(src(boundary), 1);
      const starts = new Uint8Array(lat.T);
      const choice = d.bestPath(model, lat, 6, undefined, starts);
      expect(starts[4]).toBe(start);
      expect([...starts].filter((x, t) => t !== 4 && x !== 0)).toEqual([]);
      if (start === 1) expect(choice[4]).toBe(1);
      // the posteriors read the same sentences: the chosen word's confidence is that of its own context
      const p = d.posteriors(model, lat, choice, undefined, () => true, starts);
      expect(p.confidence[4]).toBeGreaterThan(0.5);
    }
  });

  it('keeps a closed slot of the second reading even when its first reading is a far candidate after a word it seldom follows', async () => {
    const d = await import('../src/restore/decoder.js');
    const id = (w: string) => model.idOf.get(w)!;
    const cand = (w: string, gap: number, identity = false) => ({ id: id(w), text: w, cost: 0, identity, gap });
    // slot 1 was read `dõi` (far) after `theo`; the second reading reads slot 0 as `nông`, after which `dõi` fails the far check
    const src: import('../src/restore/decoder.js').SlotSource[] = [
      { slot: { candidates: [cand('theo', 0, true), cand('nông', 0)] } },
      { slot: { candidates: [cand('đối', 0, true), cand('dõi', 5)] } },
      { slot: { candidates: [cand('vẫn', 0, true), cand('văn', 0)] } },
      { slot: { candidates: [cand('phòng', 0, true)] } },
    ];
    const lat = d.buildLattice(src, 1, 2.5);
    expect(model.logProb2(id('nông'), id('dõi'))).toBeLessThan(-4);
    const extra = new Float64Array(lat.costs.length);
    extra[0] = 30; // the cache now disfavours `theo`
    const again = d.bestPath(model, lat, 6, { extra, open: Uint8Array.of(1, 0, 1, 1), choice: Int32Array.of(0, 1, 1, 0) });
    // the path goes on through the closed slot: `văn phòng`, not the first candidate of every slot after it
    expect([...again]).toEqual([1, 1, 1, 0]);
  });
});
