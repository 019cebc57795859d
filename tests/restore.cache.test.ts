import { beforeAll, describe, expect, it } from 'vitest';
import { loadRestorerModels, restore } from '../src/restore/index.js';
import { documentCacheCosts } from '../src/restore/doc-cache.js';
import { buildLattice } from '../src/restore/decoder.js';
import type { Candidate } from '../src/restore/candidates.js';
import type { RestorerModel } from '../src/restore/model.js';
import type { Piece } from '../src/restore/pieces.js';

let model: RestorerModel;
beforeAll(() => {
  const loaded = loadRestorerModels();
  if (!loaded.model) throw new Error('models/restorer.bin missing: run npm run train');
  model = loaded.model;
});

/** One slot (an OCR token `ca` and its readings of several folds), the first reading `cả`. */
function cacheCosts(documentUses: Record<string, number>, relative: boolean): Record<string, number> {
  const words = ['cả', 'các', 'cá'];
  const candidates: Candidate[] = words.map((w) => ({ id: model.idOf.get(w)!, text: w, cost: 0, identity: false }));
  const piece = { line: 0, token: { from: 0, to: 2, text: 'ca' }, text: 'ca', slot: { candidates }, fixed: false } as unknown as Piece;
  const lat = buildLattice([piece], 1);
  const counts = new Int32Array(model.vocab.length);
  for (const [w, n] of Object.entries(documentUses)) counts[model.idOf.get(w)!] = n;
  counts[candidates[0]!.id]! += 1; // the token's own first reading, left out by the cache
  const extra = documentCacheCosts([piece], lat, [candidates[0]!], counts, model, relative);
  return Object.fromEntries(words.map((w, c) => [w, extra[c]!]));
}

describe('document cache', () => {
  it('in OCR text weighs a word by how much more the document uses it than the corpus does, not by how common it is', () => {
    // a document that uses these words in the proportions of the language model's unigrams
    // (its lowest order, how widely the corpus uses a word: `các` ~2.5 times `cả`)
    const share = (w: string) => Math.exp(model.a.uniLp[model.idOf.get(w)!]!);
    const total = share('cả') + share('các') + share('cá');
    const usual = Object.fromEntries(['cả', 'các', 'cá'].map((w) => [w, Math.round((300 * share(w)) / total)]));
    const raw = cacheCosts(usual, false);
    expect(raw['cả']! - raw['các']!).toBeGreaterThan(0.7); // the raw share pulls a clean `ca` to `các` once more
    const relative = cacheCosts(usual, true);
    expect(Math.abs(relative['cả']! - relative['các']!)).toBeLessThan(0.3); // nothing to say
    // a document that writes `cả` more than text in general does still favours it
    const fond = cacheCosts({ ...usual, 'cả': usual['cả']! * 4 }, true);
    expect(fond['cả']!).toBeLessThan(fond['các']! - 0.5);
  });

  it('does not pull a clean OCR token to a common word of another fold that the document writes often', () => {
    // English-model OCR (marks lost, `é` for the e family) of a text that writes `các` often
    const text = [
      'Cac so, cac nganh, cac dia phuong va cac co quan chi dao cac don vi truc thuoc thuc hién cac nhiém vu sau:',
      'a) Cac xa, cac thon va cac hoi doan thé phdi hop véi cac co quan chuyén mon trién khai cac chuong trinh, cac dé an.',
      'b) Phat huy vai tro cua ca cong dong dan cu trong cac hoat dong; huy dong su vao cuoc cua ca hé thong chinh tri.',
      'c) Cac truong thon chiu trach nhiém vé két qua cua ca thon; cac don vi bdo cdo dinh ky cho ca giai doan.',
      'd) Thu truong cac co quan, don vi chiu trach nhiém truéc Chu tich UBND vé cac nhiém vu duoc giao.',
    ].join('\n');
    const out = restore(text).text.split('\n');
    expect(out[3]).toContain('cho cả giai đoạn');
    expect(out[0]).toBe('Các sở, các ngành, các địa phương và các cơ quan chỉ đạo các đơn vị trực thuộc thực hiện các nhiệm vụ sau:');
  });
});
