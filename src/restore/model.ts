/**
 * The restorer's trained model: syllable vocabulary, a backoff n-gram language model
 * (modified Kneser-Ney discounts; stored sorted, delta-coded, log-probabilities and backoff
 * weights quantised to one byte; unpacked at load into open-addressing tables, one per order),
 * the abbreviation table and the place-name table. One gzip file, `models/restorer.bin.gz`,
 * written by `npm run train`, read once per process.
 *
 * An n-gram of order n ≥ 2 is keyed by (context, word): for bigrams the context is the first
 * word's id, for higher orders it is the slot of the (n−1)-gram prefix in the table of order
 * n−1. A decoder state is therefore a few slot numbers (`LmState`), and extending it by a
 * word costs one probe per order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';

export const MODEL_URL = new URL('../../models/restorer.bin.gz', import.meta.url);
const MAGIC = 0x33524e56; // "VNR3"

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

export const ModelHeader = z.object({
  version: z.literal(3),
  /** The highest n-gram order. */
  order: z.number().int().min(2).max(6),
  vocab: z.array(z.string()),
  /** Folded, upper-case abbreviation → the form the corpus writes (`HDND` → `HĐND`). */
  abbreviations: z.record(z.string(), z.string()),
  /** Place names from the gazetteer, as written (`Chư Pơng`). */
  names: z.array(z.string()),
  provenance: z.record(z.string(), z.union([z.string(), z.number()])),
  sections: z.array(z.object({ name: z.string(), type: z.enum(['f32', 'i16', 'u16', 'u32', 'u8']), offset: z.number(), length: z.number() })),
});
export type ModelHeader = z.infer<typeof ModelHeader>;

/** The hash of an n-gram key (context, word) into a table of mask + 1 slots. */
export function hashKey(ctx: number, w: number, mask: number): number {
  let h = Math.imul(ctx ^ (ctx >>> 15), 0x2c1b3c6d) ^ Math.imul(w + 0x9e37, 0x297a2d39);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) & mask;
}

/** Words per slot in the table of an order: [context, word << 16 | lp, bow] (no bow at the highest order). */
export const strideOf = (n: number, order: number): number => (n < order ? 3 : 2);

export interface ModelArrays {
  flags: Uint8Array;
  uniLp: Float32Array;
  uniBow: Float32Array;
  /**
   * Per order n: `k{n}` the keys (varints: context delta, then word, or word delta within one
   * context; the context of order n ≥ 3 is the index of the prefix among the (n−1)-grams),
   * `p{n}`/`q{n}` log-probability codes and codebook, `b{n}`/`r{n}` backoff codes and codebook
   * (n < order), `n{n}` the count.
   */
  [section: string]: ArrayLike<number> & ArrayBufferView;
}

/** Bits per stored n-gram in the Bloom filter that spares a probe of the big table. */
const BLOOM_BITS_PER_ENTRY = 12;

/** The second hash of a key, for the Bloom filters (the first is `hashKey`). */
function hashKey2(ctx: number, w: number, mask: number): number {
  let h = Math.imul(ctx ^ (ctx >>> 13), 0x5bd1e995) ^ Math.imul(w ^ 0x27d4eb2f, 0x165667b1);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) & mask;
}

/**
 * Unpack the stored n-grams into open-addressing tables (load factor ~0.7), and a Bloom
 * filter per order (two bits of a small array that stays in the processor's cache): most
 * n-grams the decoder asks for are not stored, and the filter answers those without touching
 * the big table.
 */
function buildTables(a: ModelArrays, order: number): { tables: Uint32Array[]; blooms: Uint32Array[] } {
  const tables: Uint32Array[] = [];
  const blooms: Uint32Array[] = [];
  let slotOfPrev: Int32Array | undefined;
  for (let n = 2; n <= order; n++) {
    const count = (a[`n${n}`] as Uint32Array)[0]!;
    const keys = a[`k${n}`] as Uint8Array;
    const lpCodes = a[`p${n}`] as Uint8Array, lpBook = a[`q${n}`] as Float32Array;
    const bowCodes = a[`b${n}`] as Uint8Array | undefined, bowBook = a[`r${n}`] as Float32Array | undefined;
    const S = strideOf(n, order);
    let bits = 10;
    while ((1 << bits) * 0.7 < count) bits++;
    const mask = (1 << bits) - 1;
    const table = new Uint32Array((mask + 1) * S);
    for (let k = 0; k <= mask; k++) table[k * S] = EMPTY_KEY;
    const lpQ = Int16Array.from(lpBook, (x) => Math.max(-32767, Math.round(x * LP_SCALE)));
    const bowQ = bowBook ? Int16Array.from(bowBook, (x) => Math.max(-32767, Math.min(32767, Math.round(x * LP_SCALE)))) : undefined;
    const slotOf = new Int32Array(count);
    let bloomBits = 10;
    while (1 << bloomBits < count * BLOOM_BITS_PER_ENTRY) bloomBits++;
    const bloom = new Uint32Array(1 << (bloomBits - 5));
    const bloomMask = (1 << bloomBits) - 1;
    let pos = 0, c = 0, w = 0;
    const varint = (): number => {
      let v = 0, mul = 1, b: number;
      do {
        b = keys[pos++]!;
        v += (b & 0x7f) * mul;
        mul *= 128;
      } while (b & 0x80);
      return v;
    };
    for (let e = 0; e < count; e++) {
      const dc = varint();
      const wv = varint();
      if (dc === 0 && e > 0) w += wv;
      else {
        c += dc;
        w = wv;
      }
      const ctx = n === 2 ? c : slotOfPrev![c]!;
      let j = hashKey(ctx, w, mask);
      const b1 = j & bloomMask, b2 = hashKey2(ctx, w, bloomMask);
      bloom[b1 >>> 5]! |= 1 << (b1 & 31);
      bloom[b2 >>> 5]! |= 1 << (b2 & 31);
      while (table[j * S] !== EMPTY_KEY) j = (j + 1) & mask;
      table[j * S] = ctx;
      table[j * S + 1] = ((w << 16) | (lpQ[lpCodes[e]!]! & 0xffff)) >>> 0;
      if (S === 3) table[j * S + 2] = bowQ![bowCodes![e]!]! & 0xffff;
      slotOf[e] = j;
    }
    tables[n] = table;
    blooms[n] = bloom;
    slotOfPrev = slotOf;
  }
  return { tables, blooms };
}

/**
 * Where the language model stands after some words: the last word, and the slots of the
 * longest stored n-grams ending there (−1 when absent). `ctx[0]` is the last word's id,
 * `ctx[k]` the slot of the (k+1)-gram ending with it in table k+1.
 */
export type LmState = Int32Array;

export class RestorerModel {
  readonly vocab: string[];
  readonly order: number;
  readonly idOf = new Map<string, number>();
  /** Folded lower-case syllable → ids of the syllables that fold to it, most frequent first. */
  readonly foldIndex = new Map<string, number[]>();
  readonly abbreviations: Map<string, string>;
  readonly names: string[];
  readonly provenance: ModelHeader['provenance'];
  /** Tables by order (index n: the n-gram table; 0 and 1 unused) and their masks. */
  private readonly tables: Uint32Array[] = [];
  private readonly blooms: Uint32Array[] = [];
  private readonly bloomMasks: number[] = [];
  private readonly masks: number[] = [];
  private readonly strides: number[] = [];

  constructor(readonly header: ModelHeader, readonly a: ModelArrays, foldOf: (s: string) => string) {
    this.vocab = header.vocab;
    this.order = header.order;
    this.abbreviations = new Map(Object.entries(header.abbreviations));
    this.names = header.names;
    this.provenance = header.provenance;
    const built = buildTables(a, this.order);
    for (let n = 2; n <= this.order; n++) {
      const t = built.tables[n]!;
      const bloom = built.blooms[n]!;
      this.blooms[n] = bloom;
      this.bloomMasks[n] = bloom.length * 32 - 1;
      const stride = strideOf(n, this.order);
      this.tables[n] = t;
      this.strides[n] = stride;
      this.masks[n] = t.length / stride - 1;
    }
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

  /** The slot of the n-gram (ctx, w) in the table of order n, or −1. */
  probe(n: number, ctx: number, w: number): number {
    const t = this.tables[n]!;
    const S = this.strides[n]!;
    const mask = this.masks[n]!;
    let i = hashKey(ctx, w, mask);
    if (!this.maybe(n, ctx, w, i)) return -1;
    for (;;) {
      const k = t[i * S]!;
      if (k === EMPTY_KEY) return -1;
      if (k === ctx && t[i * S + 1]! >>> 16 === w) return i;
      i = (i + 1) & mask;
    }
  }

  /** The Bloom filter of order n: false when (ctx, w) is surely not stored (`h1` = hashKey with that order's mask). */
  private maybe(n: number, ctx: number, w: number, h1: number): boolean {
    const bloom = this.blooms[n]!, bm = this.bloomMasks[n]!;
    const b1 = h1 & bm;
    if ((bloom[b1 >>> 5]! & (1 << (b1 & 31))) === 0) return false;
    const b2 = hashKey2(ctx, w, bm);
    return (bloom[b2 >>> 5]! & (1 << (b2 & 31))) !== 0;
  }

  /** ln P of the n-gram stored in slot i of order n. */
  private lpAt(n: number, i: number): number {
    return ((this.tables[n]![i * this.strides[n]! + 1]! << 16) >> 16) / LP_SCALE;
  }

  /** ln of the backoff weight of the context stored in slot i of order n (< order). */
  private bowAt(n: number, i: number): number {
    return ((this.tables[n]![i * 3 + 2]! << 16) >> 16) / LP_SCALE;
  }

  /** A state after BOS (start of a sentence). */
  startState(): LmState {
    const s = new Int32Array(this.order - 1).fill(-1);
    s[0] = BOS;
    return s;
  }

  /** Slots found by the last `scoreAt` per order (−2: not probed), for `nextState`. */
  private readonly probed = new Int32Array(8);
  private probedFor = -1;

  /**
   * ln P(w | state) for the state stored at `st[off … off + order − 2]`: the highest order
   * holding the n-gram gives its probability, each context above it adds its backoff weight (a
   * context that is not stored weighs 1). Orders are probed from the top and the search stops
   * at the first hit.
   */
  scoreAt(st: Int32Array, off: number, w: number): number {
    const N = this.order;
    const probed = this.probed;
    for (let n = 2; n <= N; n++) probed[n] = -2;
    this.probedFor = w;
    let bow = 0;
    for (let n = N; n >= 3; n--) {
      const ctx = st[off + n - 2]!;
      if (ctx < 0) continue;
      const t = this.tables[n]!, S = this.strides[n]!, mask = this.masks[n]!;
      let i = hashKey(ctx, w, mask);
      if (!this.maybe(n, ctx, w, i)) i = -1;
      else for (;;) {
        const k = t[i * S]!;
        if (k === EMPTY_KEY) {
          i = -1;
          break;
        }
        if (k === ctx && t[i * S + 1]! >>> 16 === w) break;
        i = (i + 1) & mask;
      }
      probed[n] = i;
      if (i >= 0) return bow + ((t[i * S + 1]! << 16) >> 16) / LP_SCALE;
      bow += ((this.tables[n - 1]![ctx * this.strides[n - 1]! + 2]! << 16) >> 16) / LP_SCALE;
    }
    const last = st[off]!;
    const s2 = this.probe(2, last, w);
    probed[2] = s2;
    if (s2 >= 0) return bow + ((this.tables[2]![s2 * this.strides[2]! + 1]! << 16) >> 16) / LP_SCALE;
    return bow + this.a.uniBow[last]! + this.a.uniLp[w]!;
  }

  /**
   * The state after w (from the state at `st[off …]`) written at `out[outOff …]`. Right after
   * `scoreAt` of the same state and word (`reuse`), its probes are reused.
   */
  nextState(st: Int32Array, off: number, w: number, out: Int32Array, outOff: number, reuse = false): void {
    const N = this.order;
    reuse = reuse && this.probedFor === w;
    out[outOff] = w;
    if (N < 3) return;
    // slot of the n-gram ending at w for n = 2 … N − 1
    let s2 = reuse ? this.probed[2]! : -2;
    if (s2 === -2) s2 = this.probe(2, st[off]!, w);
    out[outOff + 1] = s2;
    for (let n = 3; n < N; n++) {
      let s = reuse ? this.probed[n]! : -2;
      if (s === -2) {
        const ctx = st[off + n - 2]!;
        s = ctx >= 0 ? this.probe(n, ctx, w) : -1;
      }
      out[outOff + n - 1] = s;
    }
    this.probedFor = -1;
  }

  /** ln P(w | state), and the state after w written into `next` (when given). */
  score(state: LmState, w: number, next?: LmState): number {
    const lp = this.scoreAt(state, 0, w);
    if (next) this.nextState(state, 0, w, next, 0, true);
    return lp;
  }

  /** ln P(w | the words of `history`, oldest first): for scoring outside the decoder's states. */
  logProbAfter(history: ArrayLike<number>, w: number): number {
    const state = this.stateOf(history);
    return this.score(state, w);
  }

  /** The state after a sequence of words (the last order − 1 of them matter). */
  stateOf(history: ArrayLike<number>): LmState {
    let state = this.startState();
    const from = Math.max(0, history.length - (this.order - 1));
    if (from > 0 || history.length > 0) {
      // build from the words alone (no BOS) when the history is long enough
      state = new Int32Array(this.order - 1).fill(-1);
      const h = Array.from(history).slice(from);
      if (from === 0) h.unshift(BOS);
      state[0] = h[0]!;
      for (let k = 1; k < h.length; k++) {
        const next = new Int32Array(this.order - 1).fill(-1);
        this.score(state, h[k]!, next);
        state = next;
      }
    }
    return state;
  }

  /** ln P(c | b): bigram with backoff to the unigram. */
  logProb2(b: number, c: number): number {
    const s = this.probe(2, b, c);
    return s >= 0 ? this.lpAt(2, s) : this.a.uniBow[b]! + this.a.uniLp[c]!;
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
  if (raw.readUInt32LE(0) !== MAGIC) throw new Error('restorer model: bad magic (an older format: run `npm run train`)');
  const jsonLen = raw.readUInt32LE(4);
  const header = ModelHeader.parse(JSON.parse(raw.subarray(8, 8 + jsonLen).toString('utf8')));
  const base = 8 + jsonLen + ((8 - ((8 + jsonLen) % 8)) % 8);
  // The sections are views of the buffer when it is aligned (gunzip gives a fresh one), else of a copy.
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
    arrays[s.name] = new C(buffer as ArrayBuffer, start + s.offset, s.length);
  }
  return new RestorerModel(header, arrays as unknown as ModelArrays, foldOf);
}

/** Read the committed model, or null when none has been trained. */
export function readModelFile(url: URL = MODEL_URL, foldOf: (s: string) => string): RestorerModel | null {
  if (!existsSync(url)) return null;
  const gz = readFileSync(url);
  // the gzip trailer holds the unpacked size: one output chunk of that size spares zlib's copy
  const size = gz.length >= 4 ? gz.readUInt32LE(gz.length - 4) : 0;
  return decodeModel(gunzipSync(gz, size > 0 ? { chunkSize: Math.max(64 * 1024, size + 1) } : {}), foldOf);
}
