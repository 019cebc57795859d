/**
 * The restorer's trained model: syllable vocabulary, a backoff trigram language model
 * (interpolated Kneser-Ney, stored as log-probabilities and backoff weights in
 * open-addressing tables), the abbreviation table and the place-name table.
 * One gzip file, `models/restorer.bin.gz`, written by `npm run train`, read once per process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';

export const MODEL_URL = new URL('../../models/restorer.bin.gz', import.meta.url);
const MAGIC = 0x31524e56; // "VNR1"

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

/** Log-probabilities are stored as Int16 in units of 1/1000 nat. */
export const LP_SCALE = 1000;
export const EMPTY_KEY = 0xffffffff;

export const ModelHeader = z.object({
  version: z.literal(1),
  vocab: z.array(z.string()),
  /** Folded, upper-case abbreviation → the form the corpus writes (`HDND` → `HĐND`). */
  abbreviations: z.record(z.string(), z.string()),
  /** Place names from the gazetteer, as written (`Chư Pơng`). */
  names: z.array(z.string()),
  provenance: z.record(z.string(), z.union([z.string(), z.number()])),
  sections: z.array(z.object({ name: z.string(), type: z.enum(['f32', 'i16', 'u16', 'u32', 'u8']), offset: z.number(), length: z.number() })),
});
export type ModelHeader = z.infer<typeof ModelHeader>;

export function hash2(key: number, mask: number): number {
  let h = Math.imul(key ^ (key >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) & mask;
}

export function hash3(ab: number, c: number, mask: number): number {
  let h = Math.imul(ab ^ (ab >>> 15), 0x2c1b3c6d) ^ Math.imul(c + 0x9e37, 0x297a2d39);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) & mask;
}

export interface ModelArrays {
  flags: Uint8Array;
  uniLp: Float32Array;
  uniBow: Float32Array;
  biKeys: Uint32Array;
  biLp: Int16Array;
  biBow: Int16Array;
  triAB: Uint32Array;
  triC: Uint16Array;
  triLp: Int16Array;
}

export class RestorerModel {
  readonly vocab: string[];
  readonly idOf = new Map<string, number>();
  /** Folded lower-case syllable → ids of the syllables that fold to it, most frequent first. */
  readonly foldIndex = new Map<string, number[]>();
  readonly abbreviations: Map<string, string>;
  readonly names: string[];
  readonly provenance: ModelHeader['provenance'];
  private readonly biMask: number;
  private readonly triMask: number;
  /**
   * The n-gram tables interleaved for memory locality (one cache line per probe):
   * bigrams as (key, lp << 16 | bow), trigrams as (a << 16 | b, c << 16 | lp).
   */
  private readonly bi: Uint32Array;
  private readonly tri: Uint32Array;

  constructor(readonly header: ModelHeader, readonly a: ModelArrays, foldOf: (s: string) => string) {
    this.vocab = header.vocab;
    this.abbreviations = new Map(Object.entries(header.abbreviations));
    this.names = header.names;
    this.provenance = header.provenance;
    this.biMask = a.biKeys.length - 1;
    this.triMask = a.triAB.length - 1;
    this.bi = new Uint32Array(2 * a.biKeys.length);
    for (let i = 0; i < a.biKeys.length; i++) {
      this.bi[2 * i] = a.biKeys[i]!;
      this.bi[2 * i + 1] = ((a.biLp[i]! << 16) | (a.biBow[i]! & 0xffff)) >>> 0;
    }
    this.tri = new Uint32Array(2 * a.triAB.length);
    for (let i = 0; i < a.triAB.length; i++) {
      this.tri[2 * i] = a.triAB[i]!;
      this.tri[2 * i + 1] = ((a.triC[i]! << 16) | (a.triLp[i]! & 0xffff)) >>> 0;
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

  /** ln P(c | a b), backing off to bigram and unigram. */
  logProb(a: number, b: number, c: number): number {
    return this.logProbInContext(a, b, this.contextBackoff(a, b), c);
  }

  /** The backoff weight of the context (a, b), for `logProbInContext`. */
  contextBackoff(a: number, b: number): number {
    const slot = this.bigramSlot(((a << 16) | b) >>> 0);
    return slot >= 0 ? ((this.bi[slot + 1]! << 16) >> 16) / LP_SCALE : 0;
  }

  /** ln P(c | a b) given the context's backoff weight (saves a lookup per candidate). */
  logProbInContext(a: number, b: number, bowAB: number, c: number): number {
    const tri = this.tri;
    const ab = ((a << 16) | b) >>> 0;
    let i = hash3(ab, c, this.triMask);
    for (;;) {
      const k = tri[2 * i]!;
      if (k === EMPTY_KEY) break;
      const v = tri[2 * i + 1]!;
      if (k === ab && v >>> 16 === c) return ((v << 16) >> 16) / LP_SCALE;
      i = (i + 1) & this.triMask;
    }
    const slot = this.bigramSlot(((b << 16) | c) >>> 0);
    if (slot >= 0) return bowAB + (this.bi[slot + 1]! >> 16) / LP_SCALE;
    return bowAB + this.a.uniBow[b]! + this.a.uniLp[c]!;
  }

  /** ln P(c | b). */
  logProb2(b: number, c: number): number {
    const slot = this.bigramSlot(((b << 16) | c) >>> 0);
    if (slot >= 0) return (this.bi[slot + 1]! >> 16) / LP_SCALE;
    return this.a.uniBow[b]! + this.a.uniLp[c]!;
  }

  /** Offset of the bigram's pair in `bi` (key, lp << 16 | bow), or -1. */
  private bigramSlot(key: number): number {
    const bi = this.bi;
    let i = hash2(key, this.biMask);
    for (;;) {
      const k = bi[2 * i]!;
      if (k === key) return 2 * i;
      if (k === EMPTY_KEY) return -1;
      i = (i + 1) & this.biMask;
    }
  }

  isSyllable(id: number): boolean {
    return (this.a.flags[id]! & (FLAG_SYLLABLE | FLAG_NAME)) !== 0;
  }
}

const ctor = { f32: Float32Array, i16: Int16Array, u16: Uint16Array, u32: Uint32Array, u8: Uint8Array } as const;

/** Serialise a model (header + typed arrays) to one uncompressed buffer. */
export function encodeModel(header: Omit<ModelHeader, 'sections'>, arrays: ModelArrays): Buffer {
  const sections: ModelHeader['sections'] = [];
  const parts: Buffer[] = [];
  let offset = 0;
  for (const [name, arr] of Object.entries(arrays) as [string, ArrayLike<number> & ArrayBufferView][]) {
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
  if (raw.readUInt32LE(0) !== MAGIC) throw new Error('restorer model: bad magic');
  const jsonLen = raw.readUInt32LE(4);
  const header = ModelHeader.parse(JSON.parse(raw.subarray(8, 8 + jsonLen).toString('utf8')));
  const base = 8 + jsonLen + ((8 - ((8 + jsonLen) % 8)) % 8);
  // Copy once into an aligned buffer so the typed arrays can be views.
  const body = new Uint8Array(raw.length - base);
  body.set(raw.subarray(base));
  const arrays: Record<string, ArrayBufferView> = {};
  for (const s of header.sections) {
    const C = ctor[s.type];
    arrays[s.name] = new C(body.buffer, s.offset, s.length);
  }
  return new RestorerModel(header, arrays as unknown as ModelArrays, foldOf);
}

/** Read the committed model, or null when none has been trained. */
export function readModelFile(url: URL = MODEL_URL, foldOf: (s: string) => string): RestorerModel | null {
  if (!existsSync(url)) return null;
  return decodeModel(gunzipSync(readFileSync(url)), foldOf);
}
