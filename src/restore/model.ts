/**
 * The restorer's trained model: syllable vocabulary, a backoff n-gram language model
 * (modified Kneser-Ney discounts; log-probabilities and backoff weights quantised to one
 * byte), the abbreviation table and the place-name table. One file, `models/restorer.bin`,
 * written by `npm run train`, read once per process.
 *
 * An n-gram of order n ≥ 2 is keyed by (context, word): for bigrams the context is the first
 * word's id, for higher orders it is the index of the (n−1)-gram prefix among the n−1-grams.
 * The file stores them sorted by that key, which is a trie, in the layout the runtime reads:
 * per order the last words (u16, ascending within a context) and how many each context has.
 * The file is not compressed (about 16 MB): loading is reading it and one pass that adds up
 * those counts into where each context's words start. A decoder state is a few indexes
 * (`LmState`), and extending it by a word costs one short search per order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { BIGRAM_CACHE_BITS } from './tuning.js';

const BIGRAM_CACHE_SHIFT = 32 - BIGRAM_CACHE_BITS;

export const MODEL_URL = new URL('../../models/restorer.bin', import.meta.url);
const MAGIC = 0x34524e56; // "VNR4"

/** Reserved vocabulary ids. */
export const BOS = 0;
export const EOS = 1;
export const UNK = 2;
export const NUM = 3;
export const PUNCT = 4;
export const FIRST_PUNCT_ID = 5;

/** Flags per vocabulary entry. */
export const FLAG_SYLLABLE = 1;
export const FLAG_NAME = 2;
export const FLAG_ABBREV = 4;

/** Log-probabilities and backoff weights are stored as Int16 in units of 1/1000 nat. */
export const LP_SCALE = 1000;
export const EMPTY_KEY = 0xffffffff;

const SECTION_TYPES = ['f32', 'i16', 'u16', 'u32', 'u8'] as const;

export interface ModelHeader {
  version: 4;
  /** The highest n-gram order (2–6). */
  order: number;
  vocab: string[];
  /** Folded, upper-case abbreviation → the form the corpus writes (`HDND` → `HĐND`). */
  abbreviations: Record<string, string>;
  /** Place names from the gazetteer, as written (`Chư Pơng`); their syllables' ids are the sections `nameLengths` / `nameIds`. */
  names: string[];
  provenance: Record<string, string | number>;
  /**
   * Every stored n-gram's suffix (its last n − 1 words) is stored too (the trainer checks): a
   * word with no bigram after the last word has no longer n-gram either.
   */
  suffixClosed?: boolean;
  sections: { name: string; type: (typeof SECTION_TYPES)[number]; offset: number; length: number }[];
}

/** The header as read from a file, checked field by field (a wrong file fails here, not later). */
function checkHeader(h: unknown): ModelHeader {
  const fail = (what: string): never => {
    throw new Error(`restorer model: bad header (${what}); run \`npm run train\``);
  };
  if (typeof h !== 'object' || h === null) return fail('not an object');
  const o = h as Record<string, unknown>;
  if (o.version !== 4) fail(`version ${String(o.version)}, expected 4`);
  if (!Number.isInteger(o.order) || (o.order as number) < 2 || (o.order as number) > 6) fail('order');
  if (!Array.isArray(o.vocab) || !o.vocab.every((w) => typeof w === 'string') || o.vocab.length > 0xffff) fail('vocab');
  if (typeof o.abbreviations !== 'object' || o.abbreviations === null || !Object.values(o.abbreviations).every((v) => typeof v === 'string')) fail('abbreviations');
  if (!Array.isArray(o.names) || !o.names.every((w) => typeof w === 'string')) fail('names');
  if (typeof o.provenance !== 'object' || o.provenance === null) fail('provenance');
  if (o.suffixClosed !== undefined && typeof o.suffixClosed !== 'boolean') fail('suffixClosed');
  const sectionOk = (x: unknown) => {
    const sec = x as Record<string, unknown>;
    return typeof x === 'object' && x !== null && typeof sec.name === 'string' && SECTION_TYPES.includes(sec.type as never) && Number.isInteger(sec.offset) && Number.isInteger(sec.length);
  };
  if (!Array.isArray(o.sections) || !o.sections.every(sectionOk)) fail('sections');
  return o as unknown as ModelHeader;
}

/** The hash of an n-gram key (context, word) into a table of mask + 1 slots (the trainer's count tables). */
export function hashKey(ctx: number, w: number, mask: number): number {
  let h = Math.imul(ctx ^ (ctx >>> 15), 0x2c1b3c6d) ^ Math.imul(w + 0x9e37, 0x297a2d39);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) & mask;
}

export interface ModelArrays {
  flags: Uint8Array;
  uniLp: Float32Array;
  uniBow: Float32Array;
  /**
   * Per order n, the n-grams sorted by (context, word) (the context of order n ≥ 3 is the index
   * of the prefix among the (n−1)-grams): `w{n}` their last words, `c{n}` how many each context
   * has (one byte per context; 255: the count is the next of `o{n}`, the overflow list),
   * `p{n}`/`q{n}` log-probability codes and codebook, `b{n}`/`r{n}` backoff codes and codebook
   * (n < order). `nameLengths`/`nameIds`: the gazetteer's names as vocabulary ids.
   */
  [section: string]: ArrayLike<number> & ArrayBufferView;
}

/**
 * The n-grams of one order as a sorted trie level: the n-grams of context c (a word for
 * bigrams, the index of the (n−1)-gram prefix above) are `words[starts[c] … starts[c + 1])`,
 * their last words in ascending order. Words, log-probability and backoff codes are views of
 * the model file; only `starts` is built (the running sum of the contexts' counts).
 */
interface Level {
  words: Uint16Array;
  starts: Uint32Array;
  lpCodes: Uint8Array;
  /** The codebook as the runtime uses it: rounded to 1/1000 nat. */
  lpBook: Float64Array;
  bowCodes: Uint8Array | undefined;
  bowBook: Float64Array | undefined;
}

/** A codebook rounded to 1/1000 nat (as stored in earlier runtimes, so that scores do not move). */
function roundedBook(book: Float32Array): Float64Array {
  return Float64Array.from(book, (x) => Math.max(-32767, Math.min(32767, Math.round(x * LP_SCALE))) / LP_SCALE);
}

function buildLevels(a: ModelArrays, order: number, vocabSize: number): Level[] {
  const levels: Level[] = [];
  let contexts = vocabSize;
  for (let n = 2; n <= order; n++) {
    const words = a[`w${n}`] as Uint16Array;
    const counts = a[`c${n}`] as Uint8Array;
    const overflow = a[`o${n}`] as Uint32Array;
    if (!words || !counts || counts.length !== contexts) throw new Error(`restorer model: order ${n} missing or of the wrong shape; run \`npm run train\``);
    const starts = new Uint32Array(contexts + 1);
    let at = 0, next = 0;
    for (let c = 0; c < contexts; c++) {
      starts[c] = at;
      const k = counts[c]!;
      at += k === 255 ? overflow[next++]! : k;
    }
    starts[contexts] = at;
    if (at !== words.length) throw new Error(`restorer model: order ${n}: the contexts' counts do not add up`);
    levels[n] = {
      words,
      starts,
      lpCodes: a[`p${n}`] as Uint8Array,
      lpBook: roundedBook(a[`q${n}`] as Float32Array),
      bowCodes: n < order ? (a[`b${n}`] as Uint8Array) : undefined,
      bowBook: n < order ? roundedBook(a[`r${n}`] as Float32Array) : undefined,
    };
    contexts = words.length;
  }
  return levels;
}

/** The arrays of a suffix-closed 4-gram model, for its unrolled scoring (`RestorerModel.fast`). */
interface Fast4 {
  w3: Uint16Array;
  w4: Uint16Array;
  s3: Uint32Array;
  s4: Uint32Array;
  c2: Uint8Array;
  c3: Uint8Array;
  c4: Uint8Array;
  lp2: Float64Array;
  lp3: Float64Array;
  lp4: Float64Array;
  bc2: Uint8Array;
  bc3: Uint8Array;
  bow2: Float64Array;
  bow3: Float64Array;
  uniLp: Float32Array;
  uniBow: Float32Array;
}

function fast4(levels: Level[], a: ModelArrays): Fast4 {
  const [l2, l3, l4] = [levels[2]!, levels[3]!, levels[4]!];
  return {
    w3: l3.words, w4: l4.words, s3: l3.starts, s4: l4.starts,
    c2: l2.lpCodes, c3: l3.lpCodes, c4: l4.lpCodes, lp2: l2.lpBook, lp3: l3.lpBook, lp4: l4.lpBook,
    bc2: l2.bowCodes!, bc3: l3.bowCodes!, bow2: l2.bowBook!, bow3: l3.bowBook!,
    uniLp: a.uniLp, uniBow: a.uniBow,
  };
}

/** The index of word w among the n-grams of one context (`words[lo … hi)`, ascending), or −1. */
function findWord(words: Uint16Array, lo: number, end: number, w: number): number {
  // narrow [lo, hi] around the first word ≥ w, then step to it
  let hi = end;
  while (hi - lo > 8) {
    const mid = (lo + hi) >>> 1;
    if (words[mid]! < w) lo = mid + 1;
    else hi = mid;
  }
  for (; lo < end; lo++) {
    const x = words[lo]!;
    if (x >= w) return x === w ? lo : -1;
  }
  return -1;
}

/**
 * Where the language model stands after some words, as everything scoring the next word
 * needs, so that a score reads only the n-grams themselves: the last word, then per order
 * n = 3 … N the run of n-grams that continue the state's (n−1)-gram (`start`, `end` in that
 * order's words) and the ln backoff weight of that (n−1)-gram (a run of 0 … 0 and a weight of 0
 * when the (n−1)-gram is not stored). `stateSize` numbers per state.
 */
export type LmState = Float64Array;

export class RestorerModel {
  readonly vocab: string[];
  readonly order: number;
  readonly idOf = new Map<string, number>();
  /** Folded lower-case syllable → ids of the syllables that fold to it, most frequent first. */
  readonly foldIndex = new Map<string, number[]>();
  readonly abbreviations: Map<string, string>;
  readonly names: string[];
  readonly provenance: ModelHeader['provenance'];
  /** The trie levels by order (index n: the n-grams; 0 and 1 unused). */
  private readonly levels: Level[];
  /** See `ModelHeader.suffixClosed`. */
  private readonly suffixClosed: boolean;

  constructor(readonly header: ModelHeader, readonly a: ModelArrays, foldOf: (s: string) => string) {
    this.vocab = header.vocab;
    this.order = header.order;
    this.abbreviations = new Map(Object.entries(header.abbreviations));
    this.names = header.names;
    this.provenance = header.provenance;
    this.levels = buildLevels(a, this.order, this.vocab.length);
    this.suffixClosed = header.suffixClosed === true;
    this.fast = this.order === 4 && this.suffixClosed ? fast4(this.levels, a) : undefined;
    for (let id = 0; id < this.vocab.length; id++) {
      const w = this.vocab[id]!;
      this.idOf.set(w, id);
      if (a.flags[id]! & (FLAG_SYLLABLE | FLAG_NAME)) {
        const f = foldOf(w);
        const list = this.foldIndex.get(f);
        if (list) list.push(id);
        else this.foldIndex.set(f, [id]);
      }
    }
  }

  /** The index of the n-gram (ctx, w) among the n-grams of order n, or −1. */
  probe(n: number, ctx: number, w: number): number {
    const l = this.levels[n]!;
    return findWord(l.words, l.starts[ctx]!, l.starts[ctx + 1]!, w);
  }

  /** Numbers per state (`LmState`): the last word, 3 per order above the bigrams, the unigram backoff. */
  get stateSize(): number {
    return 2 + 3 * (this.order - 2);
  }

  /** A state after BOS (start of a sentence). */
  startState(): LmState {
    const s = new Float64Array(this.stateSize);
    s[0] = BOS;
    s[s.length - 1] = 0 + this.a.uniBow[BOS]!;
    return s;
  }

  /**
   * After `scoreAt` / `scoreWith`: per order n = 2 … N − 1, the index of the n-gram ending with
   * the word scored (−1: not stored, −2: not searched), which `nextState` would search for.
   */
  readonly found = new Int32Array(8);

  /** The index of the bigram (last, w), or −1: where every score begins. */
  bigramIndex(last: number, w: number): number {
    // a small cache first (a text asks for the same pairs again and again), then the search
    const key = (last << 16) | w;
    const at = (Math.imul(key, 0x9e3779b1) >>> BIGRAM_CACHE_SHIFT) << 1;
    const memo = this.bigramMemo;
    if (memo[at] === key) return memo[at + 1]!;
    const l2 = this.levels[2]!;
    const j = findWord(l2.words, l2.starts[last]!, l2.starts[last + 1]!, w);
    memo[at] = key;
    memo[at + 1] = j;
    return j;
  }

  /** Pairs (key, bigram index) of the bigram cache: 2^`BIGRAM_CACHE_BITS` slots, direct-mapped. */
  private readonly bigramMemo = new Int32Array(2 << BIGRAM_CACHE_BITS).fill(-1);

  /** ln P(w | state) for the state stored at `st[off …]` (see `scoreWith`). */
  scoreAt(st: LmState, off: number, w: number): number {
    return this.scoreWith(st, off, w, this.bigramIndex(st[off]!, w));
  }

  /**
   * ln P(w | state) for the state stored at `st[off …]`, given `j2 = bigramIndex(last word, w)`:
   * the highest order holding the n-gram gives its probability, each context above it adds its
   * backoff weight (a context that is not stored weighs 1, its weight 0 in the state). Without
   * the bigram there is no longer n-gram either (the model is suffix-closed: the trainer checks
   * it), so the score is the state's unigram backoff and the word's unigram, with no search;
   * else the orders are searched from the top, and the search stops at the first hit.
   */
  scoreWith(st: LmState, off: number, w: number, j2: number): number {
    if (this.fast !== undefined) return this.scoreWith4(this.fast, st, off, w, j2);
    const N = this.order;
    const found = this.found;
    found[2] = j2;
    if (j2 < 0 && this.suffixClosed) {
      for (let n = 3; n < N; n++) found[n] = -1;
      return st[off + 3 * N - 5]! + this.a.uniLp[w]!;
    }
    for (let n = 3; n < N; n++) found[n] = -2;
    const levels = this.levels;
    let bow = 0;
    for (let n = N; n >= 3; n--) {
      const b = off + 3 * n - 8;
      const lo = st[b]!, hi = st[b + 1]!;
      const l = levels[n]!;
      const i = lo < hi ? findWord(l.words, lo, hi, w) : -1;
      if (n < N) found[n] = i;
      if (i >= 0) return bow + l.lpBook[l.lpCodes[i]!]!;
      bow += st[b + 2]!;
    }
    if (j2 >= 0) {
      const l2 = levels[2]!;
      return bow + l2.lpBook[l2.lpCodes[j2]!]!;
    }
    return bow + this.a.uniBow[st[off]!]! + this.a.uniLp[w]!;
  }

  /**
   * The state after w (from the state at `st[off …]`) written at `out[outOff …]`. `known`
   * (from `found` right after scoring the same state and word) spares the searches it did.
   */
  nextState(st: LmState, off: number, w: number, out: LmState, outOff: number, known?: ArrayLike<number>, knownOff = 0): void {
    if (this.fast !== undefined) return this.nextState4(this.fast, st, off, w, out, outOff, known, knownOff);
    const N = this.order;
    const levels = this.levels;
    out[outOff] = w;
    // the unigram backoff: the backoff weights of the contexts, longest first, then the word's
    let backoff = 0;
    for (let n = N; n >= 3; n--) {
      // the (n−1)-gram ending at w: its index, then the run of n-grams continuing it
      let j = known !== undefined ? known[knownOff + n - 1]! : -2;
      if (j === -2) {
        if (n === 3) j = this.bigramIndex(st[off]!, w);
        else {
          const b = off + 3 * (n - 1) - 8;
          const lo = st[b]!, hi = st[b + 1]!;
          j = lo < hi ? findWord(levels[n - 1]!.words, lo, hi, w) : -1;
        }
      }
      const o = outOff + 3 * n - 8;
      if (j >= 0) {
        const l = levels[n]!, up = levels[n - 1]!;
        out[o] = l.starts[j]!;
        out[o + 1] = l.starts[j + 1]!;
        out[o + 2] = up.bowBook![up.bowCodes![j]!]!;
      } else {
        out[o] = 0;
        out[o + 1] = 0;
        out[o + 2] = 0;
      }
      backoff += out[o + 2]!;
    }
    out[outOff + 3 * N - 5] = backoff + this.a.uniBow[w]!;
  }

  /**
   * The 4-gram model (suffix-closed) spelled out: `scoreWith` and `nextState` with the orders
   * unrolled and the arrays at hand, about twice as fast as the loops over the orders, which
   * every other model uses. Same arithmetic, same order: the same numbers.
   */
  private readonly fast: Fast4 | undefined;

  private scoreWith4(f: Fast4, st: LmState, off: number, w: number, j2: number): number {
    const found = this.found;
    found[2] = j2;
    if (j2 < 0) {
      found[3] = -1;
      return st[off + 7]! + f.uniLp[w]!;
    }
    found[3] = -2;
    let bow = 0;
    const lo4 = st[off + 4]!, hi4 = st[off + 5]!;
    if (lo4 < hi4) {
      const i = findWord(f.w4, lo4, hi4, w);
      if (i >= 0) return bow + f.lp4[f.c4[i]!]!;
    }
    bow += st[off + 6]!;
    const lo3 = st[off + 1]!, hi3 = st[off + 2]!;
    const i3 = lo3 < hi3 ? findWord(f.w3, lo3, hi3, w) : -1;
    found[3] = i3;
    if (i3 >= 0) return bow + f.lp3[f.c3[i3]!]!;
    bow += st[off + 3]!;
    return bow + f.lp2[f.c2[j2]!]!;
  }

  private nextState4(f: Fast4, st: LmState, off: number, w: number, out: LmState, outOff: number, known: ArrayLike<number> | undefined, knownOff: number): void {
    out[outOff] = w;
    let j3 = known !== undefined ? known[knownOff + 3]! : -2;
    if (j3 === -2) {
      const lo = st[off + 1]!, hi = st[off + 2]!;
      j3 = lo < hi ? findWord(f.w3, lo, hi, w) : -1;
    }
    let backoff = 0;
    if (j3 >= 0) {
      out[outOff + 4] = f.s4[j3]!;
      out[outOff + 5] = f.s4[j3 + 1]!;
      backoff += (out[outOff + 6] = f.bow3[f.bc3[j3]!]!);
    } else {
      out[outOff + 4] = 0;
      out[outOff + 5] = 0;
      backoff += out[outOff + 6] = 0;
    }
    let j2 = known !== undefined ? known[knownOff + 2]! : -2;
    if (j2 === -2) j2 = this.bigramIndex(st[off]!, w);
    if (j2 >= 0) {
      out[outOff + 1] = f.s3[j2]!;
      out[outOff + 2] = f.s3[j2 + 1]!;
      backoff += (out[outOff + 3] = f.bow2[f.bc2[j2]!]!);
    } else {
      out[outOff + 1] = 0;
      out[outOff + 2] = 0;
      backoff += out[outOff + 3] = 0;
    }
    out[outOff + 7] = backoff + f.uniBow[w]!;
  }

  /** ln P(w | state), and the state after w written into `next` (when given). */
  score(state: LmState, w: number, next?: LmState): number {
    const lp = this.scoreAt(state, 0, w);
    if (next) this.nextState(state, 0, w, next, 0, this.found);
    return lp;
  }

  /** ln P(w | the words of `history`, oldest first): for scoring outside the decoder's states. */
  logProbAfter(history: ArrayLike<number>, w: number): number {
    const state = this.stateOf(history);
    return this.score(state, w);
  }

  /**
   * The state after a sequence of words (the last order − 1 of them matter): after BOS when
   * the history is that short, else from its last order − 1 words alone.
   */
  stateOf(history: ArrayLike<number>): LmState {
    const h = Array.from(history).slice(Math.max(0, history.length - (this.order - 1)));
    if (h.length < this.order - 1) h.unshift(BOS);
    let state = new Float64Array(this.stateSize);
    state[0] = h[0]!;
    for (let k = 1; k < h.length; k++) {
      const next = new Float64Array(this.stateSize);
      this.nextState(state, 0, h[k]!, next, 0);
      state = next;
    }
    return state;
  }

  /** ln P(c | b): bigram with backoff to the unigram. */
  logProb2(b: number, c: number): number {
    return this.bigramLogProb(b, c, this.bigramIndex(b, c));
  }

  /** ln P(c | b) given `j2 = bigramIndex(b, c)`. */
  bigramLogProb(b: number, c: number, j2: number): number {
    const l = this.levels[2]!;
    return j2 >= 0 ? l.lpBook[l.lpCodes[j2]!]! : this.a.uniBow[b]! + this.a.uniLp[c]!;
  }

  isSyllable(id: number): boolean {
    return (this.a.flags[id]! & (FLAG_SYLLABLE | FLAG_NAME)) !== 0;
  }
}

const ctor = { f32: Float32Array, i16: Int16Array, u16: Uint16Array, u32: Uint32Array, u8: Uint8Array } as const;

type Section = ArrayLike<number> & ArrayBufferView;

/** Serialise a model (header + typed arrays) to one uncompressed buffer. */
export function encodeModel(header: Omit<ModelHeader, 'sections'>, arrays: Record<string, Section>): Buffer {
  // (sections in a fixed order: the file is the same on every run)
  const sections: ModelHeader['sections'] = [];
  const parts: Buffer[] = [];
  let offset = 0;
  for (const [name, arr] of Object.entries(arrays)) {
    const type = arr instanceof Float32Array ? 'f32' : arr instanceof Int16Array ? 'i16' : arr instanceof Uint16Array ? 'u16' : arr instanceof Uint32Array ? 'u32' : 'u8';
    const buf = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
    const pad = (8 - (buf.length % 8)) % 8;
    sections.push({ name, type, offset, length: arr.length });
    parts.push(buf, Buffer.alloc(pad));
    offset += buf.length + pad;
  }
  const json = Buffer.from(JSON.stringify({ ...header, sections }), 'utf8');
  const head = Buffer.alloc(8);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(json.length, 4);
  const jsonPad = Buffer.alloc((8 - ((8 + json.length) % 8)) % 8);
  return Buffer.concat([head, json, jsonPad, ...parts]);
}

export function decodeModel(raw: Buffer, foldOf: (s: string) => string): RestorerModel {
  if (raw.length < 8 || raw.readUInt32LE(0) !== MAGIC) throw new Error('restorer model: bad magic (an older format: run `npm run train`)');
  const jsonLen = raw.readUInt32LE(4);
  const header = checkHeader(JSON.parse(raw.subarray(8, 8 + jsonLen).toString('utf8')));
  const base = 8 + jsonLen + ((8 - ((8 + jsonLen) % 8)) % 8);
  // The sections are views of the buffer when it is aligned (a file read whole is), else of a copy.
  let buffer = raw.buffer;
  let start = raw.byteOffset + base;
  if (start % 8 !== 0) {
    const body = new Uint8Array(raw.length - base);
    body.set(raw.subarray(base));
    buffer = body.buffer;
    start = 0;
  }
  const arrays: Record<string, ArrayBufferView> = {};
  for (const s of header.sections) {
    const C = ctor[s.type];
    if (start + s.offset + s.length * C.BYTES_PER_ELEMENT > buffer.byteLength) throw new Error(`restorer model: section ${s.name} runs past the end of the file`);
    arrays[s.name] = new C(buffer as ArrayBuffer, start + s.offset, s.length);
  }
  return new RestorerModel(header, arrays as unknown as ModelArrays, foldOf);
}

/** Read the committed model, or null when none has been trained. */
export function readModelFile(url: URL = MODEL_URL, foldOf: (s: string) => string): RestorerModel | null {
  if (!existsSync(url)) return null;
  return decodeModel(readFileSync(url), foldOf);
}
