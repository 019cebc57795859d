/**
 * Beam search over the candidate lattice of a text with the n-gram language model, then a
 * local posterior for each chosen candidate (its neighbours fixed), which is the token's
 * confidence. A slot may start a sentence (`boundary`): the model then closes the sentence
 * before it and starts afresh, as it was trained on one paragraph per line.
 */
import type { Candidate } from './candidates.js';
import { EOS, UNK, type RestorerModel } from './model.js';
import { BEAM_STATES, CONFIDENCE_RIGHT_CONTEXT, FAR_MIN_BIGRAM, UNK_PENALTY } from './tuning.js';

export interface Slot {
  candidates: Candidate[];
  /** A sentence starts at this slot (the language model's context restarts). */
  boundary?: boolean;
  /** Costs added to the candidates' own, one per candidate (the case channel). */
  extra?: ArrayLike<number>;
}

export interface Decoded {
  choice: number[];
  /** Local posterior of the chosen candidate. */
  confidence: number[];
  /** Local posterior of the token as printed (its identity candidate; 0 when it is none). */
  identity: number[];
}

interface Lattice {
  offs: Int32Array;
  ids: Int32Array;
  costs: Float64Array;
  far: Uint8Array;
  maxK: number;
}

/** Flat per-slot candidate ids and costs. */
function lattice(slots: Slot[], channelWeight: number, farGap: number): Lattice {
  const T = slots.length;
  const offs = new Int32Array(T + 1);
  for (let t = 0; t < T; t++) offs[t + 1] = offs[t]! + slots[t]!.candidates.length;
  const ids = new Int32Array(offs[T]!);
  const costs = new Float64Array(offs[T]!);
  const far = new Uint8Array(offs[T]!);
  let maxK = 1;
  for (let t = 0; t < T; t++) {
    const cands = slots[t]!.candidates;
    const extra = slots[t]!.extra;
    if (cands.length > maxK) maxK = cands.length;
    for (let c = 0; c < cands.length; c++) {
      ids[offs[t]! + c] = cands[c]!.id;
      costs[offs[t]! + c] = channelWeight * cands[c]!.cost + (cands[c]!.id === UNK ? UNK_PENALTY : 0) + (extra ? extra[c]! : 0);
      far[offs[t]! + c] = (cands[c]!.gap ?? 0) > farGap ? 1 : 0;
    }
  }
  return { offs, ids, costs, far, maxK };
}

/** The best path through the lattice (beam search): the chosen candidate of every slot. */
export function bestPath(model: RestorerModel, slots: Slot[], channelWeight: number, beamStates: number = BEAM_STATES, farGap: number = Infinity): number[] {
  const T = slots.length;
  const B = beamStates;
  const W = model.order - 1; // words of an LM state
  const { offs, ids, costs, far, maxK } = lattice(slots, channelWeight, farGap);
  const choice = new Array<number>(T).fill(0);
  if (T === 0) return choice;

  const beamScore = new Float64Array(T * B);
  const beamCand = new Int32Array(T * B);
  const beamBack = new Int32Array(T * B);
  const beamState = new Int32Array(T * B * W);
  const beamN = new Int32Array(T);
  const size = maxK * maxK;
  const score = new Float64Array(size);
  const back = new Int32Array(size);
  const farOk = new Int8Array(size);
  const order = new Int32Array(B);
  const start = model.startState();
  const boundaryState = new Int32Array(W);
  for (let t = 0; t < T; t++) {
    const o = offs[t]!;
    const K = offs[t + 1]! - o;
    const Kp = t >= 1 ? offs[t]! - offs[t - 1]! : 1;
    score.fill(-Infinity, 0, Kp * K);
    farOk.fill(-1, 0, Kp * K);
    const pn = t >= 1 ? beamN[t - 1]! : 1;
    const restart = t >= 1 && slots[t]!.boundary === true;
    for (let i = 0; i < pn; i++) {
      let s = 0, pc = 0;
      let st: Int32Array = start, so = 0;
      if (t >= 1) {
        const pi = (t - 1) * B + i;
        s = beamScore[pi]!;
        pc = beamCand[pi]!;
        st = beamState;
        so = pi * W;
      }
      if (restart) {
        s += model.scoreAt(st, so, EOS);
        boundaryState.set(start);
        st = boundaryState;
        so = 0;
      }
      const last = st[so]!;
      const base = pc * K;
      for (let c = 0; c < K; c++) {
        const id = ids[o + c]!;
        // a far candidate is tried only after a word it often follows (one check per word pair)
        if (far[o + c] === 1) {
          let ok = farOk[base + c]!;
          if (ok === -1) farOk[base + c] = ok = model.logProb2(last, id) < FAR_MIN_BIGRAM ? 0 : 1;
          if (ok === 0) continue;
        }
        const v = s + model.scoreAt(st, so, id) - costs[o + c]!;
        if (v > score[base + c]!) {
          score[base + c] = v;
          back[base + c] = i;
        }
      }
    }
    // the best B keys, by insertion into a short sorted list
    let n = 0;
    for (let k = 0; k < Kp * K; k++) {
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
    // the language model states of the survivors only
    for (let i = 0; i < n; i++) {
      const k = order[i]!;
      const bi = t * B + i;
      beamScore[bi] = score[k]!;
      beamCand[bi] = k % K;
      beamBack[bi] = back[k]!;
      let st: Int32Array = start, so = 0;
      if (t >= 1) {
        st = beamState;
        so = ((t - 1) * B + back[k]!) * W;
      }
      if (restart) {
        st = start;
        so = 0;
      }
      model.nextState(st, so, ids[o + (k % K)]!, beamState, bi * W);
    }
  }
  // end of text
  let best = 0, bestV = -Infinity;
  for (let i = 0; i < beamN[T - 1]!; i++) {
    const pi = (T - 1) * B + i;
    const v = beamScore[pi]! + model.scoreAt(beamState, pi * W, EOS);
    if (v > bestV) {
      bestV = v;
      best = i;
    }
  }
  for (let t = T - 1, i = best; t >= 0; t--) {
    choice[t] = beamCand[t * B + i]!;
    i = beamBack[t * B + i]!;
  }
  return choice;
}

/** The best path and each chosen candidate's local posterior. */
export function decode(model: RestorerModel, slots: Slot[], channelWeight: number, beamStates: number = BEAM_STATES, farGap: number = Infinity): Decoded {
  const choice = bestPath(model, slots, channelWeight, beamStates, farGap);
  return { choice, ...posteriors(model, slots, choice, channelWeight) };
}

/** Local posteriors of the chosen candidates and of the tokens as printed. */
export function posteriors(model: RestorerModel, slots: Slot[], choice: number[], channelWeight: number): { confidence: number[]; identity: number[] } {
  const { offs, ids, costs } = lattice(slots, channelWeight, Infinity);
  return confidences(model, slots, offs, ids, costs, choice);
}

/**
 * Local posteriors: each candidate scored with the chosen words around it fixed (the LM
 * state before it, and the next `CONFIDENCE_RIGHT_CONTEXT` words after it).
 */
function confidences(model: RestorerModel, slots: Slot[], offs: Int32Array, ids: Int32Array, costs: Float64Array, choice: number[]): { confidence: number[]; identity: number[] } {
  const T = slots.length;
  const W = model.order - 1;
  // the LM state before every position along the chosen path
  const before = new Int32Array((T + 1) * W);
  const start = model.startState();
  before.set(start, 0);
  for (let t = 0; t < T; t++) {
    if (t >= 1 && slots[t]!.boundary) before.set(start, t * W);
    model.nextState(before, t * W, ids[offs[t]! + choice[t]!]!, before, (t + 1) * W);
  }
  const confidence = new Array<number>(T).fill(1);
  const identity = new Array<number>(T).fill(0);
  let vals = new Float64Array(16);
  const a = new Int32Array(W), b = new Int32Array(W);
  for (let i = 0; i < T; i++) {
    const o = offs[i]!;
    const K = offs[i + 1]! - o;
    if (K < 2) {
      if (slots[i]!.candidates[0]!.identity) identity[i] = 1;
      continue;
    }
    if (vals.length < K) vals = new Float64Array(K);
    let max = -Infinity;
    for (let c = 0; c < K; c++) {
      const id = ids[o + c]!;
      let v = model.scoreAt(before, i * W, id) - costs[o + c]!;
      model.nextState(before, i * W, id, a, 0, true);
      let cur = a, nxt = b;
      for (let j = 1; j <= CONFIDENCE_RIGHT_CONTEXT; j++) {
        if (i + j >= T) {
          v += model.score(cur, EOS);
          break;
        }
        if (slots[i + j]!.boundary) {
          v += model.score(cur, EOS);
          break;
        }
        v += model.score(cur, ids[offs[i + j]! + choice[i + j]!]!, nxt);
        [cur, nxt] = [nxt, cur];
      }
      vals[c] = v;
      if (v > max) max = v;
    }
    let z = 0;
    for (let c = 0; c < K; c++) z += Math.exp(vals[c]! - max);
    confidence[i] = Math.exp(vals[choice[i]!]! - max) / z;
    const self = slots[i]!.candidates.findIndex((c) => c.identity);
    if (self >= 0) identity[i] = Math.exp(vals[self]! - max) / z;
  }
  return { confidence, identity };
}
