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

/** A lattice of T slots of 1 … maxK syllables with made-up costs (seeded), a sentence start now and then. */
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
    return { slot: { candidates }, boundary: t > 0 && rand() < 0.05 };
  });
}

describe('decoder', () => {
  it('reads a lattice the same with arrays left over from wider and longer lattices as with fresh ones', async () => {
    const small = lattice(1, 40, 4), big = lattice(2, 3000, 12);
    const run = (d: typeof import('../src/restore/decoder.js'), src: SlotSource[], beam: number) => {
      const lat = d.buildLattice(src, 1, 2.5);
      const choice = d.bestPath(model, lat, beam);
      const extra = Float64Array.from(lat.costs, (_, j) => (j % 3) * 0.5);
      const open = Uint8Array.from(src, (_, t) => (t % 4 === 0 ? 1 : 0));
      const again = d.bestPath(model, lat, beam, { extra, open, choice });
      const p = d.posteriors(model, lat, src, again, extra, () => true);
      return { choice: [...choice], again: [...again], confidence: [...p.confidence], identity: [...p.identity] };
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
});
