import { beforeAll, describe, expect, it } from 'vitest';
import { loadRestorerModels, restore } from '../src/restore/index.js';
import { addPairCacheCosts, documentCacheCosts } from '../src/restore/doc-cache.js';
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
  const extra = documentCacheCosts(lat, new Int32Array(1), counts, model, relative); // the first reading: candidate 0
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

/** Pieces of stripped text, each token's candidates the vocabulary's readings given (one list per printed word). */
function strippedPieces(tokens: string[], readings: Record<string, string[]>): Piece[] {
  const slots = new Map<string, { candidates: Candidate[] }>();
  return tokens.map((text, i) => {
    let slot = slots.get(text);
    if (!slot) {
      const words = readings[text] ?? [text];
      slots.set(text, (slot = { candidates: words.map((w) => ({ id: model.idOf.get(w)!, text: w, cost: 0, identity: false })) }));
    }
    return { line: 0, token: { from: i * 10, to: i * 10 + text.length, text }, text, slot, fixed: !(text in readings) } as unknown as Piece;
  });
}

describe('pair cache', () => {
  const readings = { tu: ['tự', 'từ'], do: ['do', 'đó'] };
  /** `tu do` printed n times, read `tự do` except the last, read `từ đó`; extra costs of the last. */
  function lastPair(n: number): Record<string, number> {
    const tokens = Array.from({ length: n }, () => ['tu', 'do', '.']).flat();
    const pieces = strippedPieces(tokens, readings);
    const lat = buildLattice(pieces, 1);
    const choice = new Int32Array(pieces.length);
    choice[(n - 1) * 3] = 1; // từ
    choice[(n - 1) * 3 + 1] = 1; // đó
    const extra = new Float64Array(lat.ids.length);
    addPairCacheCosts(pieces, lat, choice, extra);
    const o = lat.offs[(n - 1) * 3]!, p = lat.offs[(n - 1) * 3 + 1]!;
    return { 'tự': extra[o]!, 'từ': extra[o + 1]!, do: extra[p]!, 'đó': extra[p + 1]! };
  }

  it('makes a reading of a pair pay where the rest of the document reads the same pair otherwise', () => {
    const costs = lastPair(6); // five others read `tự do`
    expect(costs['tự']).toBe(0);
    expect(costs['từ']!).toBeGreaterThan(1);
    expect(costs.do).toBe(0);
    expect(costs['đó']!).toBeGreaterThan(1);
  });

  it('leaves the token itself out, and needs more than one other reading', () => {
    expect(lastPair(2)).toEqual({ 'tự': 0, 'từ': 0, do: 0, 'đó': 0 }); // one other reading: no evidence
    expect(lastPair(3)['từ']!).toBeGreaterThan(0); // two
    expect(lastPair(3)['từ']!).toBeLessThan(lastPair(6)['từ']!); // more evidence, more weight
  });

  it('counts the same pair printed in another case (`Tu do` at a sentence start)', () => {
    const tokens = ['tu', 'do', '.', 'tu', 'do', '.', 'tu', 'do', '.', 'Tu', 'do', '.'];
    const pieces = strippedPieces(tokens, { ...readings, Tu: ['Tự', 'Từ'] });
    // the lists of `Tu` and `tu` differ, their first candidates' ids do not
    for (const p of pieces) if (p.text === 'Tu') p.slot.candidates.forEach((c) => (c.id = model.idOf.get(c.text.toLowerCase())!));
    const lat = buildLattice(pieces, 1);
    const choice = new Int32Array(pieces.length);
    choice[9] = 1; // Từ
    const extra = new Float64Array(lat.ids.length);
    addPairCacheCosts(pieces, lat, choice, extra);
    const o = lat.offs[9]!;
    expect(extra[o]).toBe(0);
    expect(extra[o + 1]!).toBeGreaterThan(0.5);
  });
});
