/**
 * The document cache: words seen in the same document gain weight. A first reading of the
 * whole text gives, for each fold (`xa`), how often the document uses each of its syllables
 * (`xã` 300 times, `xa` never): words read with confidence, and in marked text the words
 * printed intact. The second reading adds to each candidate −β·ln of its share in the rest of
 * the document (the token itself left out), so `HĐND xa` is read `HĐND xã` where the language
 * model alone has never seen the pair, and a document that writes `hằng năm` keeps to it.
 *
 * In English-model OCR text a token's candidates span several folds (`ca`: cả, cá, các, của),
 * and there the raw share mostly says how common a word is, which the language model has
 * already counted: a document that writes `các` 150 times pulled every clean `ca` to it. There
 * the share is taken relative to the candidates' shares in the corpus (unigrams): the cache
 * says how much more this document uses a word than text in general does.
 */
import type { Candidate } from './candidates.js';
import type { Lattice } from './decoder.js';
import type { RestorerModel } from './model.js';
import type { Piece } from './pieces.js';
import { CACHE_PRIOR, CACHE_WEIGHT } from './tuning.js';

/** Counts per syllable id (indexed by id) of the first reading, added into `counts` (all zero). */
export function documentCounts(pieces: Piece[], chosen: Candidate[], model: RestorerModel, counts: Int32Array = new Int32Array(model.vocab.length)): Int32Array {
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (p.fixed) continue;
    const c = chosen[i]!;
    if (model.isSyllable(c.id)) counts[c.id]!++;
  }
  return counts;
}

/** Zero again what `documentCounts` counted for these readings. */
export function clearCounts(counts: Int32Array, chosen: Candidate[]): void {
  for (const c of chosen) counts[c.id] = 0;
}

/**
 * Extra costs per candidate from the document's counts (leave-one-out), in the lattice's
 * layout (0 for the candidates of slots the cache says nothing about).
 */
export function documentCacheCosts(pieces: Piece[], lat: Lattice, chosen: Candidate[], counts: Int32Array, model: RestorerModel, relative = false): Float64Array {
  const extra = new Float64Array(lat.ids.length);
  const n = new Float64Array(lat.maxK);
  const uni = model.a.uniLp;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const o = lat.offs[i]!, K = lat.offs[i + 1]! - o;
    if (p.fixed || K < 2) continue;
    // this token's own contribution is left out
    const own = chosen[i]!;
    const ownCounted = model.isSyllable(own.id);
    let total = 0;
    for (let c = 0; c < K; c++) {
      const id = lat.ids[o + c]!;
      n[c] = model.isSyllable(id) ? counts[id]! - (ownCounted && id === own.id ? 1 : 0) : 0;
      total += n[c]!;
    }
    if (total < 1) continue;
    if (relative) {
      // n / q: the counts over each candidate's share q of the slot's corpus frequency
      let Q = 0;
      for (let c = 0; c < K; c++) Q += Math.exp(uni[lat.ids[o + c]!]!);
      for (let c = 0; c < K; c++) if (n[c]! > 0) n[c] = (n[c]! * Q) / Math.exp(uni[lat.ids[o + c]!]!);
    }
    let min = Infinity;
    for (let c = 0; c < K; c++) {
      const e = -CACHE_WEIGHT * Math.log(relative ? (n[c]! + CACHE_PRIOR) / (total + CACHE_PRIOR) : (n[c]! + CACHE_PRIOR / K) / (total + CACHE_PRIOR));
      extra[o + c] = e;
      if (e < min) min = e;
    }
    for (let c = 0; c < K; c++) extra[o + c] = extra[o + c]! - min;
  }
  return extra;
}
