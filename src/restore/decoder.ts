/**
 * Beam search over the candidate lattice of a text with the n-gram language model, then a
 * local posterior for each chosen candidate (its neighbours fixed), which is the token's
 * confidence. A slot may start a sentence (`boundary`): the model then closes the sentence
 * before it and starts afresh, as it was trained on one paragraph per line. A slot that only
 * may start one (`'maybe'`: a line that opens with a capital after a line that ended without
 * a full stop, a table's next cell or a wrapped line before a name) is read both ways, and the
 * better path decides.
 *
 * The lattice is built once per text as flat arrays (candidate ids, costs, far flags) and serves
 * both readings and the posteriors; the second reading (the document cache) passes its extra
 * costs and the slots it opens again, and every other slot keeps its first reading.
 */
import type { Candidate } from './candidates.js';
import { EOS, UNK, type LmState, type RestorerModel } from './model.js';
import { BEAM_STATES, CONFIDENCE_RIGHT_CONTEXT, DECODER_SCRATCH_BYTES, FAR_MIN_BIGRAM, KEEPABLE_IDENTITY, MAYBE_START_COST, UNK_PENALTY } from './tuning.js';

type ScratchArray = Uint8Array | Int8Array | Int32Array | Float64Array;
type ScratchCtor<A extends ScratchArray> = { new (n: number): A; readonly BYTES_PER_ELEMENT: number };

/**
 * Arrays the decoder reuses from call to call, one per use (`at`), grown when a text needs
 * more: fresh ones cost every text page faults and garbage collection. Their contents are
 * stale: a use that reads an entry before writing it zeroes its part first. None is returned
 * to a caller.
 */
const scratchPool: (ScratchArray | undefined)[] = [];

function scratch<A extends ScratchArray>(at: number, C: ScratchCtor<A>, n: number): A {
  const old = scratchPool[at];
  if (old instanceof C && old.length >= n) return old;
  const a = new C(n);
  // (above the bound a text's arrays are its own, so that memory stays bounded)
  scratchPool[at] = n * C.BYTES_PER_ELEMENT <= DECODER_SCRATCH_BYTES ? a : undefined;
  return a;
}

export interface Slot {
  candidates: Candidate[];
}

/** A sentence starts at the slot (the language model's context restarts), or may start there. */
export type Boundary = boolean | 'maybe';

/** What the lattice is built from: a slot per piece, and where sentences start. */
export interface SlotSource {
  slot: Slot;
  boundary?: Boundary;
}

/** The candidates of every slot in flat arrays: slot t's are `offs[t] … offs[t + 1] − 1`. */
export interface Lattice {
  T: number;
  offs: Int32Array;
  /** Vocabulary ids (the vocabulary has fewer than 2^16 words). */
  ids: Uint16Array;
  /** Channel cost × weight, plus the <unk> penalty. */
  costs: Float64Array;
  /** 1: the candidate ranks more than `farGap` behind its token's best (`Candidate.gap`); tried only after a word it often follows. */
  far: Uint8Array;
  /** 1 where a sentence starts, 2 where one may start (never at slot 0). */
  boundary: Uint8Array;
  /** Per slot: which candidate is the token as printed (`Candidate.identity`), −1 for none. */
  self: Int16Array;
  /** The most candidates of a slot. */
  maxK: number;
}

export function buildLattice(source: ArrayLike<SlotSource>, channelWeight: number, farGap: number = Infinity): Lattice {
  const T = source.length;
  const offs = new Int32Array(T + 1);
  let maxK = 1;
  for (let t = 0; t < T; t++) {
    const K = source[t]!.slot.candidates.length;
    offs[t + 1] = offs[t]! + K;
    if (K > maxK) maxK = K;
  }
  const ids = new Uint16Array(offs[T]!);
  const costs = new Float64Array(offs[T]!);
  const far = new Uint8Array(offs[T]!);
  const boundary = new Uint8Array(T);
  const self = new Int16Array(T).fill(-1);
  for (let t = 0; t < T; t++) {
    const cands = source[t]!.slot.candidates;
    const b = source[t]!.boundary;
    if (t >= 1 && b) boundary[t] = b === 'maybe' ? 2 : 1;
    for (let c = 0, j = offs[t]!; c < cands.length; c++, j++) {
      const cand = cands[c]!;
      ids[j] = cand.id;
      costs[j] = channelWeight * cand.cost + (cand.id === UNK ? UNK_PENALTY : 0);
      far[j] = (cand.gap ?? 0) > farGap ? 1 : 0;
      if (cand.identity && self[t] === -1) self[t] = c;
    }
  }
  return { T, offs, ids, costs, far, boundary, self, maxK };
}

/** A second reading: extra costs per candidate (0 where none), and the slots open again (others keep `choice`). */
export interface Reread {
  extra: Float64Array;
  open: Uint8Array;
  choice: Int32Array;
}

/**
 * The best path through the lattice (beam search): the chosen candidate of every slot.
 * Far candidates (`Lattice.far`) are tried only after a word they often follow. With `reread`, open slots add their extra costs and closed ones offer
 * only their first reading (its channel cost alone: a constant of every path). `starts`, when
 * given, receives where the path starts a sentence (1) and where it does not (0).
 */
export function bestPath(model: RestorerModel, lat: Lattice, beamStates: number = BEAM_STATES, reread?: Reread, starts?: Uint8Array): Int32Array {
  const { T, offs, ids, costs, far, boundary, maxK } = lat;
  const B = beamStates;
  const S = model.stateSize;
  const J = model.order; // per scored pair: the indexes `found` (orders 2 … N − 1) at J·key + n
  const choice = new Int32Array(T);
  if (T === 0) return choice;
  const extra = reread?.extra, open = reread?.open, fixed = reread?.choice;

  // per slot and survivor: its candidate and the survivor before it (for the way back; small
  // numbers, so that a long text's arrays stay small); scores of this slot's and the last one's
  const beamCand = maxK <= 256 ? scratch(0, Uint8Array, T * B) : scratch(1, Int32Array, T * B);
  const beamBack = B <= 256 ? scratch(2, Uint8Array, T * B) : scratch(3, Int32Array, T * B);
  const beamN = B <= 255 ? scratch(4, Uint8Array, T) : scratch(5, Int32Array, T);
  // per slot and survivor: 1 where its path starts a sentence at this slot
  const beamStart = scratch(22, Uint8Array, T * B);
  // (zeroed: where no key survives a slot, the way back reads entries never written)
  beamCand.fill(0, 0, T * B);
  beamBack.fill(0, 0, T * B);
  beamStart.fill(0, 0, T * B);
  let prevScores = scratch(6, Float64Array, B);
  let curScores = scratch(7, Float64Array, B);
  // LM states of the previous slot's survivors and of this slot's (only these two are read)
  let prevStates = scratch(8, Float64Array, B * S);
  let curStates = scratch(9, Float64Array, B * S);
  // (a slot where a sentence may start has its keys twice: going on, and starting afresh)
  const size = 2 * B * maxK;
  const score = scratch(10, Float64Array, size);
  const back = scratch(11, Int32Array, size);
  const farOk = scratch(12, Int8Array, size);
  // per (previous candidate, candidate): the bigram's index (every state ending with that word shares it)
  const bigram = scratch(13, Int32Array, size);
  const found = scratch(14, Int32Array, size * J);
  const order = scratch(15, Int32Array, B);
  const pcs = scratch(16, Int32Array, B);
  const cost = scratch(17, Float64Array, maxK);
  const isFar = scratch(18, Uint8Array, maxK);
  const start = model.startState();
  const lmFound = model.found;
  for (let t = 0; t < T; t++) {
    // this slot's candidates: all (first reading, open slots), or the first reading alone
    let lo = offs[t]!;
    let K = offs[t + 1]! - lo;
    const closed = open !== undefined && open[t] === 0;
    let carried = false;
    if (closed) {
      lo += fixed![t]!;
      K = 1;
      if (t >= 1 && beamN[t - 1] === 1 && boundary[t] !== 2) {
        // one path reaches a closed slot: every path from here on shares its score there (and the
        // sentence end before it), so only the language model state goes on. Most of a second
        // reading is such runs between the slots it reopens.
        const restart = boundary[t] === 1;
        const bi = t * B;
        beamN[t] = 1;
        beamCand[bi] = 0;
        beamBack[bi] = 0;
        beamStart[bi] = restart ? 1 : 0;
        curScores[0] = prevScores[0]!;
        model.nextState(restart ? start : prevStates, 0, ids[lo]!, curStates, 0);
        carried = true;
      }
    }
    if (!carried) {
      for (let c = 0; c < K; c++) {
        cost[c] = extra !== undefined && !closed ? costs[lo + c]! + extra[lo + c]! : costs[lo + c]!;
        // (a closed slot's first reading stands, whatever now comes before it)
        isFar[c] = closed ? 0 : far[lo + c]!;
      }
      const pn = t >= 1 ? beamN[t - 1]! : 1;
      // a key is (previous candidate, candidate): paths that agree on both are recombined. The
      // previous candidates of the states, distinct and ascending, number the keys (rank · K + c).
      let D = 0;
      for (let i = 0; i < pn; i++) {
        const pc = t >= 1 ? beamCand[(t - 1) * B + i]! : 0;
        let r = 0;
        while (r < D && pcs[r]! < pc) r++;
        if (r < D && pcs[r] === pc) continue;
        for (let q = D; q > r; q--) pcs[q] = pcs[q - 1]!;
        pcs[r] = pc;
        D++;
      }
      const maybe = boundary[t] === 2;
      // keys (rank · K + c) go on from the previous word; with `maybe`, keys D·K + rank · K + c start afresh
      const keys = maybe ? 2 * D * K : D * K;
      score.fill(-Infinity, 0, keys);
      farOk.fill(-1, 0, keys);
      bigram.fill(-2, 0, keys);
      for (let variant = 0; variant < (maybe ? 2 : 1); variant++) {
        const restart = boundary[t] === 1 || variant === 1;
        for (let i = 0; i < pn; i++) {
          let s = 0, pc = 0;
          let st = start, so = 0;
          if (t >= 1) {
            const pi = (t - 1) * B + i;
            s = prevScores[i]!;
            pc = beamCand[pi]!;
            st = prevStates;
            so = i * S;
          }
          let rank = 0;
          while (pcs[rank] !== pc) rank++;
          if (restart) {
            s += model.scoreAt(st, so, EOS) + (variant === 1 ? MAYBE_START_COST : 0);
            st = start;
            so = 0;
          }
          const last = st[so]!;
          const base = (variant * D + rank) * K;
          for (let c = 0; c < K; c++) {
            const id = ids[lo + c]!;
            let j2 = bigram[base + c]!;
            if (j2 === -2) bigram[base + c] = j2 = model.bigramIndex(last, id);
            // a far candidate is tried only after a word it often follows (one check per word pair)
            if (isFar[c] === 1) {
              let ok = farOk[base + c]!;
              if (ok === -1) farOk[base + c] = ok = model.bigramLogProb(last, id, j2) < FAR_MIN_BIGRAM ? 0 : 1;
              if (ok === 0) continue;
            }
            const v = s + model.scoreWith(st, so, id, j2) - cost[c]!;
            if (v > score[base + c]!) {
              score[base + c] = v;
              back[base + c] = i;
              for (let n = 2; n < J; n++) found[(base + c) * J + n] = lmFound[n]!;
            }
          }
        }
      }
      // the best B keys, by insertion into a short sorted list
      let n = 0;
      for (let k = 0; k < keys; k++) {
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
      // the language model states of the survivors only (with what their scoring found)
      for (let i = 0; i < n; i++) {
        const k = order[i]!;
        const bi = t * B + i;
        curScores[i] = score[k]!;
        beamCand[bi] = k % K;
        beamBack[bi] = back[k]!;
        const restart = boundary[t] === 1 || k >= D * K;
        beamStart[bi] = restart ? 1 : 0;
        const st = t >= 1 && !restart ? prevStates : start;
        const so = t >= 1 && !restart ? back[k]! * S : 0;
        model.nextState(st, so, ids[lo + (k % K)]!, curStates, i * S, found, k * J);
      }
    }
    const swap = prevStates;
    prevStates = curStates;
    curStates = swap;
    const swapScores = prevScores;
    prevScores = curScores;
    curScores = swapScores;
  }
  // end of text
  let best = 0, bestV = -Infinity;
  for (let i = 0; i < beamN[T - 1]!; i++) {
    const v = prevScores[i]! + model.scoreAt(prevStates, i * S, EOS);
    if (v > bestV) {
      bestV = v;
      best = i;
    }
  }
  for (let t = T - 1, i = best; t >= 0; t--) {
    const c = beamCand[t * B + i]!;
    choice[t] = open !== undefined && open[t] === 0 ? fixed![t]! : c;
    if (starts !== undefined) starts[t] = t >= 1 ? beamStart[t * B + i]! : 0;
    i = beamBack[t * B + i]!;
  }
  return choice;
}

/**
 * Local posteriors: each candidate scored with the chosen words around it fixed (the LM
 * state before it, and the next `CONFIDENCE_RIGHT_CONTEXT` words after it), for the slots
 * `wanted` says (others get confidence 1, identity 0): `confidence` of the chosen candidate,
 * `identity` of the candidate that is the token as printed (0 when there is none). Costs are
 * the lattice's plus `extra` (when given). Sentences start where `starts` (from `bestPath`)
 * says, else where the lattice says they surely do.
 *
 * `keepableOnly`: only what decides whether a change is withheld (output.ts: a confidence below
 * `minConfidence` where the token as printed has an identity of at least `KEEPABLE_IDENTITY`)
 * is exact; where the token as printed cannot reach that identity (no such candidate, or one
 * already too far behind the chosen one on its own) identity is 0 and confidence is not read.
 */
export function posteriors(model: RestorerModel, lat: Lattice, choice: ArrayLike<number>, extra: Float64Array | undefined, wanted: (t: number) => boolean, starts: Uint8Array = lat.boundary, keepableOnly = false): { confidence: Float64Array; identity: Float64Array } {
  const { T, offs, ids, costs } = lat;
  const boundary = starts;
  const S = model.stateSize;
  const start = model.startState();
  // the LM state before the slot, along the chosen path
  let before: LmState = model.startState(), after: LmState = new Float64Array(S);
  const confidence = new Float64Array(T).fill(1);
  const identity = new Float64Array(T);
  const vals = scratch(19, Float64Array, lat.maxK);
  const a = scratch(20, Float64Array, S), b = scratch(21, Float64Array, S);
  // (one pair of functions for every slot: the slot `i` at `o` they read is set in the loop)
  let i = 0, o = 0;
  const cost = (c: number) => (extra !== undefined ? costs[o + c]! + extra[o + c]! : costs[o + c]!);
  /** Candidate c's score with the chosen words after it (`CONFIDENCE_RIGHT_CONTEXT`). */
  const withContext = (c: number): number => {
    let v = model.score(before, ids[o + c]!, a) - cost(c);
    let cur = a, nxt = b;
    for (let j = 1; j <= CONFIDENCE_RIGHT_CONTEXT; j++) {
      if (i + j >= T || boundary[i + j] === 1) return v + model.score(cur, EOS);
      const x = ids[offs[i + j]! + choice[i + j]!]!;
      // (the state after the last word of the context is not needed)
      if (j === CONFIDENCE_RIGHT_CONTEXT) return v + model.scoreAt(cur, 0, x);
      v += model.score(cur, x, nxt);
      const swap = cur;
      cur = nxt;
      nxt = swap;
    }
    return v;
  };
  for (i = 0; i < T; i++) {
    if (boundary[i] === 1) before.set(start);
    o = offs[i]!;
    const K = offs[i + 1]! - o;
    if (K < 2) {
      if (lat.self[i] === 0) identity[i] = 1;
    } else if (wanted(i)) {
      const self = lat.self[i]!;
      // identity ≤ e^(its score − the chosen one's), and the words after a candidate only lower
      // its score: the token as printed, on its own or with its context already too far behind
      // the chosen reading, cannot reach a keepable identity
      let skip = false, chosenV = NaN, selfV = NaN;
      if (keepableOnly) {
        const floor = Math.log(KEEPABLE_IDENTITY);
        if (self < 0) skip = true;
        else {
          chosenV = withContext(choice[i]!);
          skip = model.scoreAt(before, 0, ids[o + self]!) - cost(self) < chosenV + floor || (selfV = withContext(self)) < chosenV + floor;
        }
      }
      if (skip) {
        // (identity stays 0, confidence 1: neither is read)
      } else {
        let max = -Infinity;
        for (let c = 0; c < K; c++) {
          const v = c === choice[i] && !Number.isNaN(chosenV) ? chosenV : c === self && !Number.isNaN(selfV) ? selfV : withContext(c);
          vals[c] = v;
          if (v > max) max = v;
        }
        let z = 0;
        for (let c = 0; c < K; c++) z += Math.exp(vals[c]! - max);
        confidence[i] = Math.exp(vals[choice[i]!]! - max) / z;
        if (self >= 0) identity[i] = Math.exp(vals[self]! - max) / z;
      }
    }
    model.nextState(before, 0, ids[o + choice[i]!]!, after, 0);
    const swap = before;
    before = after;
    after = swap;
  }
  return { confidence, identity };
}
