/**
 * Trigram Viterbi over the candidate lattice of a paragraph, then a local posterior for
 * each chosen candidate (its neighbours fixed), which is the token's confidence.
 */
import type { Candidate } from './candidates.js';
import { BOS, EOS, UNK, type RestorerModel } from './model.js';

export interface Slot {
  candidates: Candidate[];
}

export interface Decoded {
  choice: number[];
  confidence: number[];
}

/** Paths more than this many nats behind the best are dropped. */
const BEAM = 14;
/** <unk> stands for every unknown word at once: one of them is far less likely than the class. */
const UNK_PENALTY = 4;

export function decode(model: RestorerModel, slots: Slot[], channelWeight: number): Decoded {
  const T = slots.length;
  // per position: scores and back pointers over states (current candidate, previous candidate)
  const scores: Float64Array[] = [];
  const backs: Int32Array[] = [];
  let prevK = 1; // virtual BOS
  let prevIds = [BOS];
  let prevPrevIds = [BOS];
  let prevScore = new Float64Array([0]); // states (cur, prev) flattened cur*prevPrevK + prev
  let prevPrevK = 1;
  for (let t = 0; t < T; t++) {
    const cands = slots[t]!.candidates;
    const K = cands.length;
    const score = new Float64Array(K * prevK).fill(-Infinity);
    const back = new Int32Array(K * prevK).fill(-1);
    let best = -Infinity;
    for (let p = 0; p < prevK; p++) {
      for (let pp = 0; pp < prevPrevK; pp++) {
        const s = prevScore[p * prevPrevK + pp]!;
        if (s === -Infinity) continue;
        const a = prevPrevIds[pp]!, b = prevIds[p]!;
        for (let c = 0; c < K; c++) {
          const cand = cands[c]!;
          const v = s + model.logProb(a, b, cand.id) - channelWeight * cand.cost - (cand.id === UNK ? UNK_PENALTY : 0);
          const idx = c * prevK + p;
          if (v > score[idx]!) {
            score[idx] = v;
            back[idx] = pp;
            if (v > best) best = v;
          }
        }
      }
    }
    if (best === -Infinity && process.env.VNPLAN_DEBUG) console.error('dead at', t, cands.map((c) => [c.text, c.cost, c.id]));
    for (let i = 0; i < score.length; i++) if (score[i]! < best - BEAM) score[i] = -Infinity;
    scores.push(score);
    backs.push(back);
    prevScore = score;
    prevPrevK = prevK;
    prevPrevIds = prevIds;
    prevK = K;
    prevIds = cands.map((c) => c.id);
  }
  // end of paragraph
  const choice = new Array<number>(T).fill(0);
  if (T === 0) return { choice, confidence: [] };
  let bestIdx = 0, bestV = -Infinity;
  const last = scores[T - 1]!;
  for (let idx = 0; idx < last.length; idx++) {
    if (last[idx] === -Infinity) continue;
    const c = Math.floor(idx / prevPrevK), p = idx % prevPrevK;
    const a = T >= 2 ? slots[T - 2]!.candidates[p]!.id : BOS;
    const v = last[idx]! + model.logProb(a, slots[T - 1]!.candidates[c]!.id, EOS);
    if (v > bestV) { bestV = v; bestIdx = idx; }
  }
  // trace back
  let t = T - 1;
  let idx = bestIdx;
  while (t >= 0) {
    const Kprev = t >= 1 ? slots[t - 1]!.candidates.length : 1;
    const c = Math.floor(idx / Kprev), p = idx % Kprev;
    choice[t] = c;
    const pp = backs[t]![idx]!;
    if (t >= 1) {
      choice[t - 1] = p;
      const Kpp = t >= 2 ? slots[t - 2]!.candidates.length : 1;
      idx = p * Kpp + pp;
    }
    t--;
  }
  // local posteriors
  const ids = (i: number) => (i < 0 ? BOS : i >= T ? EOS : slots[i]!.candidates[choice[i]!]!.id);
  const confidence = new Array<number>(T).fill(1);
  for (let i = 0; i < T; i++) {
    const cands = slots[i]!.candidates;
    if (cands.length < 2) continue;
    const a = ids(i - 2), b = ids(i - 1), d = ids(i + 1), e = ids(i + 2);
    let z = 0, mine = 0, max = -Infinity;
    const vals = cands.map((cand) => {
      let v = model.logProb(a, b, cand.id) - channelWeight * cand.cost - (cand.id === UNK ? UNK_PENALTY : 0);
      if (i + 1 <= T) v += model.logProb(b, cand.id, d);
      if (i + 2 <= T && i + 1 < T) v += model.logProb(cand.id, d, e);
      if (v > max) max = v;
      return v;
    });
    vals.forEach((v, k) => {
      const w = Math.exp(v - max);
      z += w;
      if (k === choice[i]) mine = w;
    });
    confidence[i] = mine / z;
  }
  return { choice, confidence };
}
