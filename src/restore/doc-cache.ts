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
import { CACHE_PRIOR, CACHE_WEIGHT, PAIR_CACHE_MIN_EVIDENCE, PAIR_CACHE_PRIOR, PAIR_CACHE_WEIGHT } from './tuning.js';

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
export function documentCacheCosts(lat: Lattice, choice: Int32Array, counts: Int32Array, model: RestorerModel, relative = false): Float64Array {
  const { ids, offs } = lat;
  const extra = new Float64Array(ids.length);
  const n = new Float64Array(lat.maxK);
  const uni = model.a.uniLp;
  for (let i = 0; i < lat.T; i++) {
    // (a fixed piece, a number or a list label, has one candidate: nothing to weigh)
    const o = offs[i]!, K = offs[i + 1]! - o;
    if (K < 2) continue;
    // this token's own contribution is left out
    const own = ids[o + choice[i]!]!;
    const ownCounted = model.isSyllable(own);
    let total = 0;
    for (let c = 0; c < K; c++) {
      const id = ids[o + c]!;
      n[c] = model.isSyllable(id) ? counts[id]! - (ownCounted && id === own ? 1 : 0) : 0;
      total += n[c]!;
    }
    if (total < 1) continue;
    if (relative) {
      // n / q: the counts over each candidate's share q of the slot's corpus frequency
      let Q = 0;
      for (let c = 0; c < K; c++) Q += Math.exp(uni[ids[o + c]!]!);
      for (let c = 0; c < K; c++) if (n[c]! > 0) n[c] = (n[c]! * Q) / Math.exp(uni[ids[o + c]!]!);
    }
    // −β·ln((n + prior) / (total + prior)) less its minimum: the denominator drops out, and
    // the candidates the document never uses (most) share one value
    const prior = relative ? CACHE_PRIOR : CACHE_PRIOR / K;
    const unused = -CACHE_WEIGHT * Math.log(prior);
    let min = Infinity;
    for (let c = 0; c < K; c++) {
      const e = n[c]! > 0 ? -CACHE_WEIGHT * Math.log(n[c]! + prior) : unused;
      extra[o + c] = e;
      if (e < min) min = e;
    }
    for (let c = 0; c < K; c++) extra[o + c] = extra[o + c]! - min;
  }
  return extra;
}

/**
 * The pair cache: how the rest of the document read the same pair of tokens. Where the pair
 * `tu do` is read `tự do` twenty times, its twenty-first reading `từ đó` pays; the unigram
 * cache cannot say this (`tự`, `từ`, `do` and `đó` are all common in the document). A token is
 * known by its likeliest candidate (the same printed word has the same list; in English-model
 * OCR the same garble, `Uy ban`), so a pair is the same printed pair. Adds into `extra`
 * (leave-one-out). Reads the lattice's typed arrays only: a group's members lie all over the
 * document, and following them through the piece objects cost more than the rest of the cache.
 */
export function addPairCacheCosts(pieces: Piece[], lat: Lattice, choice: Int32Array, extra: Float64Array): void {
  const { ids, offs } = lat;
  // pairs grouped by an open-addressing table of (first candidate, first candidate) keys; a
  // group's members are chained through `next`
  const bits = 32 - Math.clz32(Math.max(16, pieces.length * 2));
  const mask = (1 << bits) - 1;
  const keys = new Int32Array(mask + 1).fill(-1);
  const head = new Int32Array(mask + 1).fill(-1);
  const size = new Int32Array(mask + 1);
  const next = new Int32Array(pieces.length);
  let fixedNext = pieces[pieces.length - 1]?.fixed ?? true;
  for (let i = pieces.length - 2; i >= 0; i--) {
    const fixed = pieces[i]!.fixed;
    const skip = fixed || fixedNext;
    fixedNext = fixed;
    if (skip) continue;
    const o = offs[i]!, p = offs[i + 1]!, q = offs[i + 2]!;
    if (p - o < 2 && q - p < 2) continue;
    const key = (ids[o]! << 16) | ids[p]!;
    let h = Math.imul(key, 0x9e3779b1) >>> (32 - bits);
    while (keys[h] !== -1 && keys[h] !== key) h = (h + 1) & mask;
    keys[h] = key;
    next[i] = head[h]!;
    head[h] = i;
    size[h]!++;
  }
  const e = new Float64Array(lat.maxK);
  const withOwn = new Float64Array(lat.maxK);
  const withoutOwn = new Float64Array(lat.maxK);
  const seen = new Map<number, number>();
  const sameList = (a: number, b: number, K: number): boolean => {
    if (offs[b + 1]! - offs[b]! !== K) return false;
    for (let x = 0; x < K; x++) if (ids[offs[a]! + x] !== ids[offs[b]! + x]) return false;
    return true;
  };
  // One side (step 0: the first word, 1: the second) of a group's pairs: the readings of the
  // other members at that slot. The share's denominator is the same for every candidate and
  // drops out with the minimum, so a member's costs are −w·ln(n + prior/K), its own reading's
  // n less one: worked out once for the group and looked up for each member.
  const side = (first: number, step: 0 | 1) => {
    const ref = first + step;
    const o = offs[ref]!, K = offs[ref + 1]! - o;
    if (K < 2) return;
    seen.clear();
    for (let i = first; i !== -1; i = next[i]!) {
      const id = ids[offs[i + step]! + choice[i + step]!]!;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    let counted = 0;
    for (let x = 0; x < K; x++) {
      const c = seen.get(ids[o + x]!) ?? 0;
      counted += c;
      withOwn[x] = -PAIR_CACHE_WEIGHT * Math.log(c + PAIR_CACHE_PRIOR / K);
      withoutOwn[x] = -PAIR_CACHE_WEIGHT * Math.log(Math.max(0, c - 1) + PAIR_CACHE_PRIOR / K);
    }
    for (let i = first; i !== -1; i = next[i]!) {
      const slot = i + step;
      const so = offs[slot]!;
      const own = choice[slot]!;
      if (!sameList(ref, slot, K)) {
        otherList(slot, own);
        continue;
      }
      // the others' readings among the candidates: all but this member's own
      if (counted - 1 < PAIR_CACHE_MIN_EVIDENCE) continue;
      let min = Infinity;
      for (let x = 0; x < K; x++) {
        e[x] = x === own ? withoutOwn[x]! : withOwn[x]!;
        if (e[x]! < min) min = e[x]!;
      }
      for (let x = 0; x < K; x++) extra[so + x] = extra[so + x]! + e[x]! - min;
    }
  };
  // a member whose token is printed otherwise (another case, another list): its own candidates
  const otherList = (slot: number, own: number) => {
    const o = offs[slot]!, K = offs[slot + 1]! - o;
    if (K < 2) return;
    let total = 0;
    for (let x = 0; x < K; x++) {
      const c = (seen.get(ids[o + x]!) ?? 0) - (x === own ? 1 : 0);
      e[x] = c;
      total += c;
    }
    if (total < PAIR_CACHE_MIN_EVIDENCE) return;
    let min = Infinity;
    for (let x = 0; x < K; x++) {
      e[x] = -PAIR_CACHE_WEIGHT * Math.log(e[x]! + PAIR_CACHE_PRIOR / K);
      if (e[x]! < min) min = e[x]!;
    }
    for (let x = 0; x < K; x++) extra[o + x] = extra[o + x]! + e[x]! - min;
  };
  for (let h = 0; h <= mask; h++) {
    if (size[h]! <= PAIR_CACHE_MIN_EVIDENCE) continue;
    side(head[h]!, 0);
    side(head[h]!, 1);
  }
}
