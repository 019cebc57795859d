/**
 * Trigram Viterbi over the candidate lattice of a paragraph, then a local posterior for
 * each chosen candidate (its neighbours fixed), which is the token's confidence.
 */
import type { Candidate } from './candidates.js';
import { BOS, EOS, UNK, type RestorerModel } from './model.js';
import { BEAM_STATES, FAR_MIN_BIGRAM, UNK_PENALTY } from './tuning.js';

export interface Slot {
  candidates: Candidate[];
}

export interface Decoded {
  choice: number[];
  confidence: number[];
}

export function decode(model: RestorerModel, slots: Slot[], channelWeight: number, beamStates: number = BEAM_STATES, farGap: number = Infinity): Decoded {
  const T = slots.length;
  const B = beamStates;
  // flat per-slot candidate ids and costs
  const offs = new Int32Array(T + 1);
  for (let t = 0; t < T; t++) offs[t + 1] = offs[t]! + slots[t]!.candidates.length;
  const ids = new Int32Array(offs[T]!);
  const costs = new Float64Array(offs[T]!);
  const far = new Uint8Array(offs[T]!);
  let maxK = 1;
  for (let t = 0; t < T; t++) {
    const cands = slots[t]!.candidates;
    if (cands.length > maxK) maxK = cands.length;
    for (let c = 0; c < cands.length; c++) {
      ids[offs[t]! + c] = cands[c]!.id;
      costs[offs[t]! + c] = channelWeight * cands[c]!.cost + (cands[c]!.id === UNK ? UNK_PENALTY : 0);
      far[offs[t]! + c] = (cands[c]!.gap ?? 0) > farGap ? 1 : 0;
    }
  }
  const beamScore = new Float64Array(T * B);
  const beamCand = new Int32Array(T * B);
  const beamBack = new Int32Array(T * B);
  const beamN = new Int32Array(T);
  const score = new Float64Array(maxK * maxK);
  const back = new Int32Array(maxK * maxK);
  const order = new Int32Array(B);
  for (let t = 0; t < T; t++) {
    const o = offs[t]!;
    const K = offs[t + 1]! - o;
    const Kp = t >= 1 ? offs[t]! - offs[t - 1]! : 1;
    const size = Kp * K;
    score.fill(-Infinity, 0, size);
    const pn = t >= 1 ? beamN[t - 1]! : 1;
    for (let i = 0; i < pn; i++) {
      let s = 0, b = BOS, a = BOS, pc = 0;
      if (t >= 1) {
        const pi = (t - 1) * B + i;
        s = beamScore[pi]!;
        pc = beamCand[pi]!;
        b = ids[offs[t - 1]! + pc]!;
        if (t >= 2) a = ids[offs[t - 2]! + beamCand[(t - 2) * B + beamBack[pi]!]!]!;
      }
      const bow = model.contextBackoff(a, b);
      const base = pc * K;
      for (let c = 0; c < K; c++) {
        // a far candidate is tried only after a word it often follows
        if (far[o + c] === 1 && model.logProb2(b, ids[o + c]!) < FAR_MIN_BIGRAM) continue;
        const v = s + model.logProbInContext(a, b, bow, ids[o + c]!) - costs[o + c]!;
        if (v > score[base + c]!) {
          score[base + c] = v;
          back[base + c] = i;
        }
      }
    }
    // the best B keys, by insertion into a short sorted list
    let n = 0;
    for (let k = 0; k < size; k++) {
      const v = score[k]!;
      if (v === -Infinity) continue;
      if (n === B && v <= score[order[B - 1]!]!) continue;
      let j = n < B ? n++ : B - 1;
      while (j > 0 && score[order[j - 1]!]! < v) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = k;
    }
    beamN[t] = n;
    for (let i = 0; i < n; i++) {
      const k = order[i]!;
      beamScore[t * B + i] = score[k]!;
      beamCand[t * B + i] = k % K;
      beamBack[t * B + i] = back[k]!;
    }
  }
  const choice = new Array<number>(T).fill(0);
  if (T === 0) return { choice, confidence: [] };
  // end of text
  let best = 0, bestV = -Infinity;
  for (let i = 0; i < beamN[T - 1]!; i++) {
    const pi = (T - 1) * B + i;
    const a = T >= 2 ? ids[offs[T - 2]! + beamCand[(T - 2) * B + beamBack[pi]!]!]! : BOS;
    const v = beamScore[pi]! + model.logProb(a, ids[offs[T - 1]! + beamCand[pi]!]!, EOS);
    if (v > bestV) { bestV = v; best = i; }
  }
  for (let t = T - 1, i = best; t >= 0; t--) {
    choice[t] = beamCand[t * B + i]!;
    i = beamBack[t * B + i]!;
  }
  // local posteriors: each candidate in the chosen neighbours' context
  const idAt = (i: number) => (i < 0 ? BOS : i >= T ? EOS : ids[offs[i]! + choice[i]!]!);
  const confidence = new Array<number>(T).fill(1);
  const vals = new Float64Array(maxK);
  for (let i = 0; i < T; i++) {
    const o = offs[i]!;
    const K = offs[i + 1]! - o;
    if (K < 2) continue;
    const a = idAt(i - 2), b = idAt(i - 1), d = idAt(i + 1), e = idAt(i + 2);
    const bowAB = model.contextBackoff(a, b);
    let max = -Infinity;
    for (let c = 0; c < K; c++) {
      const id = ids[o + c]!;
      let v = model.logProbInContext(a, b, bowAB, id) - costs[o + c]!;
      v += model.logProb(b, id, d);
      if (i + 1 < T) v += model.logProb(id, d, e);
      vals[c] = v;
      if (v > max) max = v;
    }
    let z = 0;
    for (let c = 0; c < K; c++) z += Math.exp(vals[c]! - max);
    confidence[i] = Math.exp(vals[choice[i]!]! - max) / z;
  }
  return { choice, confidence };
}
