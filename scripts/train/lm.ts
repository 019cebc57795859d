/**
 * Train the restorer's model from the corpus: vocabulary (valid syllables, frequent other
 * words, abbreviations), an interpolated modified Kneser-Ney n-gram LM (order `order`, 4 by
 * default) pruned by count, per-word case statistics, the abbreviation table (all-caps tokens
 * and the Đ they carry) and the gazetteer's names.
 *
 * Counting keys an n-gram by (slot of its (n−1)-gram prefix, last word), as the runtime does,
 * so one pass over the corpus (held in memory as word ids) counts every order.
 */
import { BOS, EOS, EMPTY_KEY, FLAG_ABBREV, FLAG_NAME, FLAG_SYLLABLE, encodeModel, hashKey } from '../../src/restore/model.js';
import { RESERVED_VOCAB, tokenId, wordKey } from '../../src/restore/lexicon.js';
import { tokenizeLine } from '../../src/restore/tokenize.js';
import { casePattern, fold, isValidSyllable } from '../../src/restore/syllable.js';
import { documentLines, listCorpus, type CorpusDoc } from './corpus.js';
import { loadGazetteer } from './names.js';

export interface LmOptions {
  corpus: string;
  /** Highest n-gram order. */
  order?: number;
  /** Minimum weighted count of a kept n-gram, by order (index n). */
  minCounts?: number[];
  /** Lower orders from continuation counts (Kneser-Ney) or from raw counts (absolute discounting). */
  lowerOrders?: 'kn' | 'raw';
  /**
   * Fixed discounts D1, D2, D3+ for every order instead of those from the counts of counts (NaN:
   * keep that one). The counts are register-weighted (tvpl-vanban ×4), so the counts of counts
   * mix units: D3+ from them falls with the order (1.23, 0.94, 0.56 for orders 2–4). Fixing it
   * at 1.2 or 2.4 for every order measured no better (docs/restorer.md).
   */
  discounts?: number[];
  log?: (msg: string) => void;
}

const MAX_VOCAB = 65000;
/** How much a gazetteer phrase (`xã chư pơng`) counts: names are rare in the corpus but sure. */
const NAME_WEIGHT = 10;
/** An unmarked form rarer than this share of its marked sibling is dropped from the vocabulary. */
const STRIPPED_FORM_SHARE = 0.003;
/** Default order and count cut-offs (weighted counts; tvpl-vanban counts 4 per occurrence). */
export const DEFAULT_ORDER = 4;
/**
 * Lower orders from raw counts (absolute discounting) beat Kneser-Ney continuation counts for
 * choosing among a token's readings: held-out tvpl-vanban 99.14 vs 99.06 %, dev plans 99.29 vs
 * 99.25 %, 000 SER 0.0348 vs 0.0357 (eng held-out 0.0278 vs 0.0261, business_55 92.2 vs 92.7 %
 * go the other way). See docs/restorer.md.
 */
export const DEFAULT_LOWER_ORDERS: 'raw' | 'kn' = 'raw';
export const DEFAULT_MIN_COUNTS = [0, 0, 1, 2, 3, 3, 3];
/** In the id sequence: a break in the text that is no sentence boundary (before a gazetteer phrase). */
const SEPARATOR = 0xffff;

/** Open-addressing counts of n-grams keyed by (context u32, word u16). */
class Counts {
  ctx: Uint32Array;
  word: Uint16Array;
  count: Uint32Array;
  mask: number;
  size = 0;
  constructor(bits: number) {
    this.ctx = new Uint32Array(1 << bits).fill(EMPTY_KEY);
    this.word = new Uint16Array(1 << bits);
    this.count = new Uint32Array(1 << bits);
    this.mask = (1 << bits) - 1;
  }
  /** Add `by` to (ctx, w); its slot. */
  add(ctx: number, w: number, by: number): number {
    let i = hashKey(ctx, w, this.mask);
    for (;;) {
      const k = this.ctx[i]!;
      if (k === ctx && this.word[i] === w) break;
      if (k === EMPTY_KEY) {
        this.ctx[i] = ctx;
        this.word[i] = w;
        if (++this.size > this.mask * 0.85) throw new Error('n-gram count table full');
        break;
      }
      i = (i + 1) & this.mask;
    }
    this.count[i]! += by;
    return i;
  }
  slot(ctx: number, w: number): number {
    let i = hashKey(ctx, w, this.mask);
    for (;;) {
      const k = this.ctx[i]!;
      if (k === ctx && this.word[i] === w) return i;
      if (k === EMPTY_KEY) return -1;
      i = (i + 1) & this.mask;
    }
  }
}

function bitsFor(n: number, load: number): number {
  let b = 10;
  while ((1 << b) * load < n) b++;
  return b;
}

/** Growable Uint16 / Uint8 arrays for the corpus as ids. */
class Seq {
  ids = new Uint16Array(1 << 20);
  weight = new Uint8Array(1 << 20);
  length = 0;
  push(id: number, w: number): void {
    if (this.length === this.ids.length) {
      const ids = new Uint16Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const weight = new Uint8Array(this.weight.length * 2);
      weight.set(this.weight);
      this.weight = weight;
    }
    this.ids[this.length] = id;
    this.weight[this.length++] = w;
  }
}

function docsLines(docs: CorpusDoc[], fn: (line: string, weight: number) => void): void {
  const seen = new Set<string>();
  for (const doc of docs) for (const line of documentLines(doc, seen)) fn(line, doc.weight);
}

/** Modified Kneser-Ney discounts D1, D2, D3+ from the counts of counts (Chen & Goodman). */
function discounts(countOfCounts: number[]): [number, number, number] {
  const [, n1 = 0, n2 = 0, n3 = 0, n4 = 0] = countOfCounts;
  if (n1 === 0 || n2 === 0 || n3 === 0 || n4 === 0) return [0.5, 0.75, 0.9];
  const y = n1 / (n1 + 2 * n2);
  const clamp = (d: number, hi: number) => Math.max(0.05, Math.min(hi, d));
  return [clamp(1 - (2 * y * n2) / n1, 1), clamp(2 - (3 * y * n3) / n2, 2), clamp(3 - (4 * y * n4) / n3, 3)];
}

/**
 * A codebook of 256 levels for a list of values (equal-count bins: each level is the mean of
 * 1/256 of the sorted values, so the dense middle gets fine steps) and each value's code.
 */
export function quantise(values: number[]): [Float32Array, Uint8Array] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const book = new Float32Array(256);
  const codes = new Uint8Array(values.length);
  const per = Math.max(1, Math.ceil(values.length / 256));
  for (let level = 0; level < 256; level++) {
    const from = level * per, to = Math.min(values.length, from + per);
    if (from >= to) {
      book[level] = book[level - 1] ?? 0;
      continue;
    }
    let sum = 0;
    for (let k = from; k < to; k++) sum += values[order[k]!]!;
    book[level] = sum / (to - from);
    for (let k = from; k < to; k++) codes[order[k]!] = level;
  }
  return [book, codes];
}

export function trainLm(options: LmOptions): { model: Buffer; stats: Record<string, number | string> } {
  const log = options.log ?? (() => {});
  const N = options.order ?? DEFAULT_ORDER;
  const minCounts = options.minCounts ?? DEFAULT_MIN_COUNTS;
  const docs = listCorpus(options.corpus).filter((d) => !d.heldOut);
  log(`corpus: ${docs.length} documents used (held-out slice excluded); order ${N}, minimum counts ${minCounts.slice(2, N + 1).join('/')}`);

  // Pass 1: word counts and the all-caps forms.
  const wordCounts = new Map<string, number>();
  const capsForms = new Map<string, Map<string, number>>();
  let tokens = 0;
  docsLines(docs, (line, weight) => {
    for (const t of tokenizeLine(line)) {
      tokens++;
      if (t.kind !== 'word' || /\p{N}/u.test(t.text)) continue;
      const key = wordKey(t.text);
      wordCounts.set(key, (wordCounts.get(key) ?? 0) + weight);
      if (t.text.length >= 2 && t.text.length <= 10 && casePattern(t.text) === 'upper' && /^\p{Lu}+$/u.test(t.text)) {
        const f = fold(t.text);
        let forms = capsForms.get(f);
        if (!forms) capsForms.set(f, (forms = new Map()));
        forms.set(t.text, (forms.get(t.text) ?? 0) + 1);
      }
    }
  });
  log(`pass 1: ${tokens} tokens, ${wordCounts.size} word forms`);

  // Abbreviations: all-caps tokens that are not syllables, in the form the corpus prefers.
  const abbreviations: Record<string, string> = {};
  const syllableFolds = new Set<string>();
  for (const w of wordCounts.keys()) if (isValidSyllable(w)) syllableFolds.add(fold(w).toUpperCase());
  for (const [f, forms] of [...capsForms].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (syllableFolds.has(f)) continue;
    let best = '', bestN = 0, total = 0;
    for (const [form, n] of forms) {
      total += n;
      if (n > bestN || (n === bestN && form < best)) {
        best = form;
        bestN = n;
      }
    }
    if (bestN >= 5 && bestN / total >= 0.6) abbreviations[f] = best;
  }

  // Gazetteer names.
  const gazetteer = loadGazetteer();
  const nameSyllables = new Set<string>();
  for (const phrase of gazetteer.phrases) for (const t of tokenizeLine(phrase)) if (t.kind === 'word') nameSyllables.add(wordKey(t.text));

  // Vocabulary. A word written without marks that is rare beside a marked word of the same
  // fold is text that lost its marks (URLs, slugs, stripped quotes), not a word of its own.
  const foldMax = new Map<string, number>();
  for (const [w, n] of wordCounts) {
    const f = fold(w);
    if (f !== w) foldMax.set(f, Math.max(foldMax.get(f) ?? 0, n));
  }
  const entries: { w: string; n: number; flag: number }[] = [];
  for (const [w, n] of wordCounts) {
    if (fold(w) === w && n < STRIPPED_FORM_SHARE * (foldMax.get(w) ?? 0)) continue;
    const syl = isValidSyllable(w);
    const name = nameSyllables.has(w);
    const abbrev = Object.prototype.hasOwnProperty.call(abbreviations, fold(w).toUpperCase()) && abbreviations[fold(w).toUpperCase()]!.toLowerCase() === w;
    if ((syl && n >= 2) || name || (abbrev && n >= 5) || (n >= 40 && w.length <= 12 && /^\p{L}+$/u.test(w))) {
      entries.push({ w, n, flag: (syl ? FLAG_SYLLABLE : 0) | (name ? FLAG_NAME : 0) | (abbrev ? FLAG_ABBREV : 0) });
    }
  }
  for (const w of nameSyllables) if (!wordCounts.has(w)) entries.push({ w, n: 0, flag: FLAG_NAME | (isValidSyllable(w) ? FLAG_SYLLABLE : 0) });
  entries.sort((a, b) => b.n - a.n || (a.w < b.w ? -1 : a.w > b.w ? 1 : 0));
  const vocab = [...RESERVED_VOCAB, ...entries.slice(0, MAX_VOCAB - RESERVED_VOCAB.length).map((e) => e.w)];
  const flags = new Uint8Array(vocab.length);
  entries.slice(0, MAX_VOCAB - RESERVED_VOCAB.length).forEach((e, i) => (flags[RESERVED_VOCAB.length + i] = e.flag));
  const idOf = new Map(vocab.map((w, i) => [w, i]));
  const V = vocab.length;
  log(`vocabulary: ${V} (${flags.filter((f) => f & FLAG_SYLLABLE).length} syllables, ${Object.keys(abbreviations).length} abbreviations, ${gazetteer.names.length} names)`);

  // Pass 2: the corpus as id sequences (BOS … EOS per line).
  const seq = new Seq();
  docsLines(docs, (line, weight) => {
    seq.push(BOS, weight);
    for (const t of tokenizeLine(line)) seq.push(tokenId(t, idOf), weight);
    seq.push(EOS, weight);
  });
  // Names as short phrases (`xã chư pơng`), so that the LM knows them in context.
  // (no sentence boundary around a name: its n-grams only, after a separator that is not counted)
  for (const phrase of gazetteer.phrases) {
    seq.push(SEPARATOR, NAME_WEIGHT);
    for (const t of tokenizeLine(phrase)) seq.push(tokenId(t, idOf), NAME_WEIGHT);
  }
  log(`pass 2: ${seq.length} ids`);

  // Counting: every order in one pass, each n-gram keyed by its prefix's slot.
  const tables: Counts[] = [];
  const tableBits = [0, 0, 23, 25, 26, 26, 26];
  for (let n = 2; n <= N; n++) tables[n] = new Counts(Math.min(tableBits[n]!, bitsFor(seq.length, 0.7)));
  {
    // slots of the n-grams ending at the previous position (index n), and at this one
    let prev = new Int32Array(N + 1).fill(-1);
    let cur = new Int32Array(N + 1).fill(-1);
    for (let i = 0; i < seq.length; i++) {
      const w = seq.ids[i]!, wt = seq.weight[i]!;
      if (w === BOS || w === SEPARATOR) {
        prev.fill(-1);
        if (w === BOS) prev[1] = BOS;
        continue;
      }
      cur.fill(-1);
      cur[1] = w;
      for (let n = 2; n <= N; n++) {
        const ctx = prev[n - 1]!;
        if (ctx < 0) break;
        cur[n] = tables[n]!.add(ctx, w, wt);
      }
      [prev, cur] = [cur, prev];
    }
  }
  log(`counted: ${tables.slice(2).map((t, k) => `${t.size} ${k + 2}-grams`).join(', ')}`);

  // For every n-gram slot: whether it begins a sentence, and the slot of its suffix (its last
  // n−1 words) in table n−1 (for bigrams: the last word's id).
  const startsAtBos: Uint8Array[] = [];
  const suffixSlot: Int32Array[] = [];
  for (let n = 2; n <= N; n++) {
    const t = tables[n]!;
    const bos = new Uint8Array(t.mask + 1);
    const sx = new Int32Array(t.mask + 1).fill(-1);
    for (let i = 0; i <= t.mask; i++) {
      const ctx = t.ctx[i]!;
      if (ctx === EMPTY_KEY) continue;
      const w = t.word[i]!;
      if (n === 2) {
        bos[i] = ctx === BOS ? 1 : 0;
        sx[i] = w;
      } else {
        bos[i] = startsAtBos[n - 1]![ctx]!;
        // suffix of (prefix, w) = (suffix of prefix, w)
        const ps = suffixSlot[n - 1]![ctx]!;
        sx[i] = tables[n - 1]!.slot(ps, w);
      }
    }
    startsAtBos[n] = bos;
    suffixSlot[n] = sx;
  }

  // Kneser-Ney counts: the highest order keeps its counts; a lower-order n-gram counts the
  // distinct words seen before it (n-grams that begin a sentence keep their own counts).
  const knCount: Float64Array[] = [];
  const rawLower = (options.lowerOrders ?? (process.env.VNPLAN_LM_LOWER as 'raw' | 'kn' | undefined) ?? DEFAULT_LOWER_ORDERS) === 'raw';
  for (let n = 2; n <= N; n++) knCount[n] = n === N || rawLower ? Float64Array.from(tables[n]!.count) : new Float64Array(tables[n]!.mask + 1);
  const knUni = new Float64Array(V);
  for (let n = 2; n <= N; n++) {
    const t = tables[n]!;
    for (let i = 0; i <= t.mask; i++) {
      if (t.ctx[i] === EMPTY_KEY) continue;
      const sx = suffixSlot[n]![i]!;
      if (sx < 0) continue;
      if (n === 2) knUni[sx]! += 1;
      else if (!rawLower) knCount[n - 1]![sx]! += 1;
    }
  }
  for (let n = 2; n < N; n++) {
    const t = tables[n]!;
    for (let i = 0; i <= t.mask; i++) if (t.ctx[i] !== EMPTY_KEY && startsAtBos[n]![i]) knCount[n]![i] = t.count[i]!;
  }

  // Which n-grams are kept: count cut-offs, and every prefix of a kept n-gram.
  const keep: Uint8Array[] = [];
  for (let n = N; n >= 2; n--) {
    const t = tables[n]!;
    const k = new Uint8Array(t.mask + 1);
    for (let i = 0; i <= t.mask; i++) if (t.ctx[i] !== EMPTY_KEY && t.count[i]! >= minCounts[n]!) k[i] = 1;
    if (n < N) {
      const up = tables[n + 1]!;
      for (let i = 0; i <= up.mask; i++) if (keep[n + 1]![i]) k[up.ctx[i]!] = 1;
    }
    keep[n] = k;
  }

  // Is every kept n-gram's suffix (its last n − 1 words) kept too? (With every bigram kept and
  // counts that only grow from an n-gram to its suffix, it is; the runtime relies on it.)
  let suffixClosed = true;
  for (let n = 3; n <= N && suffixClosed; n++) {
    const t = tables[n]!;
    for (let i = 0; i <= t.mask; i++) {
      if (!keep[n]![i]) continue;
      const sx = suffixSlot[n]![i]!;
      if (sx < 0 || !keep[n - 1]![sx]) {
        suffixClosed = false;
        break;
      }
    }
  }
  log(`suffix-closed: ${suffixClosed ? 'yes' : 'no (the runtime searches every order)'}`);

  // Discounts per order from the counts of counts of the counts each order uses.
  const D: [number, number, number][] = [];
  for (let n = 2; n <= N; n++) {
    const coc = [0, 0, 0, 0, 0];
    const c = knCount[n]!;
    for (let i = 0; i < c.length; i++) {
      const v = Math.round(c[i]!);
      if (v >= 1 && v <= 4) coc[v]!++;
    }
    D[n] = discounts(coc);
    // (an experiment's fixed discounts, NaN where the counts' own stay)
    if (options.discounts) D[n] = D[n]!.map((d, k) => (Number.isNaN(options.discounts![k] ?? NaN) ? d : options.discounts![k]!)) as [number, number, number];
  }
  const disc = (n: number, c: number) => (c <= 0 ? 0 : c < 1.5 ? D[n]![0] : c < 2.5 ? D[n]![1] : D[n]![2]);
  log(`discounts: ${D.slice(2).map((d, k) => `${k + 2}: ${d.map((x) => x.toFixed(2)).join('/')}`).join('; ')}`);

  // Unigrams: continuation counts, interpolated with the uniform distribution.
  let knTotal = 0;
  for (let w = 0; w < V; w++) knTotal += knUni[w]!;
  const uniLp = new Float32Array(V), uniBow = new Float32Array(V);
  for (let w = 0; w < V; w++) uniLp[w] = Math.log((knUni[w]! + 0.5) / (knTotal + 0.5 * V));
  uniLp[BOS] = -99;

  // Per context (a word for bigrams, a slot of table n−1 above): total count and the sum of
  // the discounts of its continuations (the interpolation weight's numerator).
  const ctxTotal: Float64Array[] = [], ctxDisc: Float64Array[] = [];
  for (let n = 2; n <= N; n++) {
    const size = n === 2 ? V : tables[n - 1]!.mask + 1;
    const total = new Float64Array(size), dsum = new Float64Array(size);
    const t = tables[n]!, c = knCount[n]!;
    for (let i = 0; i <= t.mask; i++) {
      if (t.ctx[i] === EMPTY_KEY) continue;
      const v = c[i]!;
      if (v <= 0) continue;
      total[t.ctx[i]!]! += v;
      dsum[t.ctx[i]!]! += disc(n, v);
    }
    ctxTotal[n] = total;
    ctxDisc[n] = dsum;
  }

  // Probabilities of the kept n-grams, order by order (interpolated with the order below as
  // the runtime model computes it), then the backoff weight of every kept context, chosen so
  // that its distribution sums to one: (1 − Σ kept P(w|h)) / (1 − Σ kept P_lower(w|h')).
  const prob: Float64Array[] = [];
  /** Backoff weight (not ln) of contexts of order n: index = word (n = 2) or slot of table n−1. */
  const ctxBow: Float64Array[] = [];
  /** The context one word shorter: its words for order n−1 (n = 3: the last word; n ≥ 4: a slot of table n−2). */
  const shorter = (n: number, ctx: number): number => (n === 3 ? tables[2]!.word[ctx]! : suffixSlot[n - 1]![ctx]!);
  /** P(w | ctx) at order m as the runtime model gives it (backing off where not kept). */
  const modelProb = (m: number, ctx: number, w: number): number => {
    if (m === 1) return Math.exp(uniLp[w]!);
    if (ctx < 0) return modelProb(m - 1, -1, w);
    const s = tables[m]!.slot(ctx, w);
    if (s >= 0 && keep[m]![s]) return prob[m]![s]!;
    const kept = m === 2 || keep[m - 1]![ctx] === 1;
    const bow = kept ? ctxBow[m]![ctx]! : 1;
    return bow * modelProb(m - 1, m === 2 ? -1 : shorter(m, ctx), w);
  };
  for (let n = 2; n <= N; n++) {
    const t = tables[n]!, c = knCount[n]!;
    const size = n === 2 ? V : tables[n - 1]!.mask + 1;
    const p = new Float64Array(t.mask + 1);
    const sumP = new Float64Array(size), sumLow = new Float64Array(size);
    for (let i = 0; i <= t.mask; i++) {
      if (!keep[n]![i]) continue;
      const ctx = t.ctx[i]!, w = t.word[i]!, v = c[i]!;
      const total = ctxTotal[n]![ctx]!;
      const lower = n === 2 ? Math.exp(uniLp[w]!) : modelProb(n - 1, shorter(n, ctx), w);
      p[i] = total > 0 ? Math.max(v - disc(n, v), 0) / total + (ctxDisc[n]![ctx]! / total) * lower : lower;
      sumP[ctx]! += p[i]!;
      sumLow[ctx]! += lower;
    }
    prob[n] = p;
    const bow = new Float64Array(size).fill(1);
    for (let h = 0; h < size; h++) {
      if (sumP[h] === 0) continue;
      bow[h] = Math.max(1e-6, 1 - sumP[h]!) / Math.max(1e-6, 1 - sumLow[h]!);
    }
    ctxBow[n] = bow;
  }
  for (let v = 0; v < V; v++) uniBow[v] = Math.log(ctxBow[2]![v]!);

  // Output: per order, the kept n-grams sorted by (index of their prefix among the kept
  // (n−1)-grams, word): that order is a trie, stored as the runtime reads it (model.ts): the
  // last words (u16), how many n-grams each context has (one byte; 255: the count is in the
  // overflow list), probabilities and backoff weights quantised to one byte each against a
  // codebook of 256 levels.
  const out: Record<string, Uint8Array | Uint16Array | Uint32Array | Float32Array> = {};
  const kept: number[] = [];
  let prevIndex: Int32Array | undefined;
  let prevKept = V;
  for (let n = 2; n <= N; n++) {
    const t = tables[n]!;
    const slots: number[] = [];
    for (let i = 0; i <= t.mask; i++) if (keep[n]![i]) slots.push(i);
    const ctxOf = (i: number) => (n === 2 ? t.ctx[i]! : prevIndex![t.ctx[i]!]!);
    for (const i of slots) if (ctxOf(i) < 0) throw new Error(`order ${n}: a kept n-gram's prefix was not kept`);
    slots.sort((x, y) => ctxOf(x) - ctxOf(y) || t.word[x]! - t.word[y]!);
    kept[n] = slots.length;
    const index = new Int32Array(t.mask + 1).fill(-1);
    slots.forEach((i, k) => (index[i] = k));
    const words = new Uint16Array(slots.length);
    const perContext = new Uint32Array(prevKept);
    slots.forEach((i, k) => {
      words[k] = t.word[i]!;
      perContext[ctxOf(i)]!++;
    });
    const counts = new Uint8Array(prevKept);
    const overflow: number[] = [];
    perContext.forEach((c, k) => {
      counts[k] = Math.min(c, 255);
      if (c >= 255) overflow.push(c);
    });
    const lps = slots.map((i) => Math.log(prob[n]![i]!));
    const [lpBook, lpCodes] = quantise(lps);
    out[`w${n}`] = words;
    out[`c${n}`] = counts;
    out[`o${n}`] = Uint32Array.from(overflow);
    out[`p${n}`] = lpCodes;
    out[`q${n}`] = lpBook;
    if (n < N) {
      const [bowBook, bowCodes] = quantise(slots.map((i) => Math.log(ctxBow[n + 1]![i]!)));
      out[`b${n}`] = bowCodes;
      out[`r${n}`] = bowBook;
    }
    prevIndex = index;
    prevKept = slots.length;
  }
  log(`kept: ${kept.slice(2).map((k, i) => `${k} ${i + 2}-grams`).join(', ')}`);

  const model = encodeModel(
    {
      version: 4,
      order: N,
      suffixClosed,
      vocab,
      abbreviations,
      names: gazetteer.names,
      provenance: {
        corpus: 'shared/corpus (held-out slice excluded)',
        documents: docs.length,
        tokens,
        weights: JSON.stringify(Object.fromEntries(docs.map((d) => [d.folder, d.weight]))),
        order: N,
        minCounts: minCounts.slice(2, N + 1).join('/'),
        discounts: D.slice(2).map((d) => d.map((x) => x.toFixed(3)).join('/')).join(' '),
        gazetteer: gazetteer.source,
      },
    },
    { flags, uniLp, uniBow, ...out, ...nameSections(gazetteer.names, idOf) },
  );
  return { model, stats: { documents: docs.length, tokens, vocab: V, ...Object.fromEntries(kept.slice(2).map((k, i) => [`${i + 2}-grams`, k])) } };
}

/**
 * The gazetteer's names as vocabulary ids, for the runtime's name index (names.ts): per name
 * (in the header's order) its syllable count (`nameLengths`) and the ids of its syllables as
 * `wordKey` spells them (`nameIds`; 0xffff: not in the vocabulary).
 */
function nameSections(names: string[], idOf: Map<string, number>): { nameLengths: Uint8Array; nameIds: Uint16Array } {
  const lengths: number[] = [];
  const ids: number[] = [];
  for (const name of names) {
    const syllables = name.toLowerCase().split(/\s+/u).map(wordKey);
    lengths.push(Math.min(255, syllables.length));
    for (const w of syllables.slice(0, 255)) ids.push(idOf.get(w) ?? 0xffff);
  }
  return { nameLengths: Uint8Array.from(lengths), nameIds: Uint16Array.from(ids) };
}
