/**
 * Train the restorer's model from the corpus: vocabulary (valid syllables, frequent other
 * words, abbreviations), interpolated Kneser-Ney trigram LM pruned to a budget, the
 * abbreviation table (all-caps tokens and the Đ they carry) and the gazetteer's names.
 */
import { BOS, EOS, EMPTY_KEY, FLAG_ABBREV, FLAG_NAME, FLAG_SYLLABLE, LP_SCALE, encodeModel, hash2, hash3, type ModelArrays } from '../../src/restore/model.js';
import { RESERVED_VOCAB, tokenId, wordKey } from '../../src/restore/lexicon.js';
import { tokenizeLine } from '../../src/restore/tokenize.js';
import { casePattern, fold, isValidSyllable } from '../../src/restore/syllable.js';
import { documentLines, listCorpus, type CorpusDoc } from './corpus.js';
import { loadGazetteer } from './names.js';

export interface LmOptions {
  corpus: string;
  /** Minimum weighted count of a kept bigram / trigram. */
  minBigram?: number;
  minTrigram?: number;
  log?: (msg: string) => void;
}

const D2 = 0.75;
const D3 = 0.8;
const MAX_VOCAB = 65000;
/** How much a gazetteer phrase (`xã chư pơng`) counts: names are rare in the corpus but sure. */
const NAME_WEIGHT = 10;
/** An unmarked form rarer than this share of its marked sibling is dropped from the vocabulary. */
const STRIPPED_FORM_SHARE = 0.003;

class Table2 {
  keys: Uint32Array;
  counts: Uint32Array;
  mask: number;
  size = 0;
  constructor(bits: number) {
    this.keys = new Uint32Array(1 << bits).fill(EMPTY_KEY);
    this.counts = new Uint32Array(1 << bits);
    this.mask = (1 << bits) - 1;
  }
  add(key: number, w: number): number {
    let i = hash2(key, this.mask);
    for (;;) {
      const k = this.keys[i]!;
      if (k === key) break;
      if (k === EMPTY_KEY) {
        this.keys[i] = key;
        if (++this.size > this.mask * 0.8) throw new Error('Table2 full');
        break;
      }
      i = (i + 1) & this.mask;
    }
    this.counts[i]! += w;
    return i;
  }
  slot(key: number): number {
    let i = hash2(key, this.mask);
    for (;;) {
      const k = this.keys[i]!;
      if (k === key) return i;
      if (k === EMPTY_KEY) return -1;
      i = (i + 1) & this.mask;
    }
  }
}

class Table3 {
  ab: Uint32Array;
  c: Uint16Array;
  counts: Uint32Array;
  mask: number;
  size = 0;
  constructor(bits: number) {
    this.ab = new Uint32Array(1 << bits).fill(EMPTY_KEY);
    this.c = new Uint16Array(1 << bits);
    this.counts = new Uint32Array(1 << bits);
    this.mask = (1 << bits) - 1;
  }
  add(ab: number, c: number, w: number): void {
    let i = hash3(ab, c, this.mask);
    for (;;) {
      const k = this.ab[i]!;
      if (k === ab && this.c[i] === c) break;
      if (k === EMPTY_KEY) {
        this.ab[i] = ab;
        this.c[i] = c;
        if (++this.size > this.mask * 0.8) throw new Error('Table3 full');
        break;
      }
      i = (i + 1) & this.mask;
    }
    this.counts[i]! += w;
  }
}

function bitsFor(n: number, load = 0.6): number {
  let b = 10;
  while ((1 << b) * load < n) b++;
  return b;
}

function docsLines(docs: CorpusDoc[], fn: (line: string, weight: number) => void): void {
  const seen = new Set<string>();
  for (const doc of docs) for (const line of documentLines(doc, seen)) fn(line, doc.weight);
}

export function trainLm(options: LmOptions): { model: Buffer; stats: Record<string, number | string> } {
  const log = options.log ?? (() => {});
  const minBigram = options.minBigram ?? 2;
  const minTrigram = options.minTrigram ?? 2;
  const docs = listCorpus(options.corpus).filter((d) => !d.heldOut);
  log(`corpus: ${docs.length} documents used (held-out slice excluded)`);

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
      if (n > bestN || (n === bestN && form < best)) { best = form; bestN = n; }
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

  // Pass 2: n-gram counts.
  const uni = new Float64Array(V);
  const bi = new Table2(24);
  const tri = new Table3(26);
  const ids: number[] = [];
  const countSequence = (seq: number[], weight: number) => {
    for (let i = 1; i < seq.length; i++) {
      const c = seq[i]!, b = seq[i - 1]!;
      uni[c]! += weight;
      bi.add(((b << 16) | c) >>> 0, weight);
      if (i >= 2) tri.add(((seq[i - 2]! << 16) | b) >>> 0, c, weight);
    }
  };
  docsLines(docs, (line, weight) => {
    ids.length = 0;
    ids.push(BOS);
    for (const t of tokenizeLine(line)) ids.push(tokenId(t, idOf));
    ids.push(EOS);
    countSequence(ids, weight);
  });
  // Names as short phrases (`xã chư pơng`), so that the LM knows them in context.
  for (const phrase of gazetteer.phrases) {
    const seq = tokenizeLine(phrase).map((t) => tokenId(t, idOf));
    // (no sentence boundary around a name: its n-grams only)
    for (let i = 0; i < seq.length; i++) {
      uni[seq[i]!]! += NAME_WEIGHT;
      if (i >= 1) bi.add(((seq[i - 1]! << 16) | seq[i]!) >>> 0, NAME_WEIGHT);
      if (i >= 2) tri.add(((seq[i - 2]! << 16) | seq[i - 1]!) >>> 0, seq[i]!, NAME_WEIGHT);
    }
  }
  log(`pass 2: ${bi.size} bigrams, ${tri.size} trigrams`);

  // Kneser-Ney unigrams from continuation counts.
  const cont = new Float64Array(V);
  let contTotal = 0;
  const biCtxSum = new Float64Array(V), biCtxN = new Float64Array(V), biCtxPruned = new Float64Array(V);
  for (let i = 0; i <= bi.mask; i++) {
    const k = bi.keys[i]!;
    if (k === EMPTY_KEY) continue;
    const b = k >>> 16, c = k & 0xffff, n = bi.counts[i]!;
    cont[c]! += 1; contTotal++;
    biCtxSum[b]! += n; biCtxN[b]! += 1;
    if (n < minBigram) biCtxPruned[b]! += Math.max(n - D2, 0);
  }
  const uniLp = new Float32Array(V), uniBow = new Float32Array(V);
  for (let w = 0; w < V; w++) uniLp[w] = Math.log((cont[w]! + 0.5) / (contTotal + 0.5 * V));
  uniLp[BOS] = -99;
  for (let v = 0; v < V; v++) uniBow[v] = biCtxSum[v]! > 0 ? Math.log((D2 * biCtxN[v]! + biCtxPruned[v]!) / biCtxSum[v]!) : 0;

  // Trigram context sums, indexed by the bigram slot of the context.
  const triCtxSum = new Float64Array(bi.mask + 1), triCtxN = new Float64Array(bi.mask + 1), triCtxPruned = new Float64Array(bi.mask + 1);
  let keptTri = 0;
  for (let i = 0; i <= tri.mask; i++) {
    const ab = tri.ab[i]!;
    if (ab === EMPTY_KEY) continue;
    const s = bi.slot(ab);
    const n = tri.counts[i]!;
    triCtxSum[s]! += n; triCtxN[s]! += 1;
    if (n < minTrigram) triCtxPruned[s]! += Math.max(n - D3, 0);
    else keptTri++;
  }
  const p2 = (b: number, c: number, n: number) => Math.max(n - D2, 0) / biCtxSum[b]! + Math.exp(uniBow[b]! + uniLp[c]!) - biCtxPruned[b]! / biCtxSum[b]! * Math.exp(uniLp[c]!);
  // (the pruned mass is in uniBow; a kept bigram's own probability is its discounted count
  // plus the interpolation weight D·N1+/c times the unigram)
  const bigramProb = (b: number, c: number): number => {
    const s = bi.slot(((b << 16) | c) >>> 0);
    const n = s >= 0 ? bi.counts[s]! : 0;
    if (n >= minBigram) return p2(b, c, n);
    return Math.exp(uniBow[b]! + uniLp[c]!);
  };

  // Output bigram table: kept bigrams and every trigram context.
  let keptBi = 0;
  for (let i = 0; i <= bi.mask; i++) if (bi.keys[i] !== EMPTY_KEY && (bi.counts[i]! >= minBigram || triCtxSum[i]! > 0)) keptBi++;
  const bBits = bitsFor(keptBi);
  const biKeys = new Uint32Array(1 << bBits).fill(EMPTY_KEY), biLp = new Int16Array(1 << bBits), biBow = new Int16Array(1 << bBits);
  const q = (x: number) => Math.max(-32767, Math.min(32767, Math.round(x * LP_SCALE)));
  for (let i = 0; i <= bi.mask; i++) {
    const k = bi.keys[i]!;
    if (k === EMPTY_KEY || !(bi.counts[i]! >= minBigram || triCtxSum[i]! > 0)) continue;
    const b = k >>> 16, c = k & 0xffff;
    let j = hash2(k, biKeys.length - 1);
    while (biKeys[j] !== EMPTY_KEY) j = (j + 1) & (biKeys.length - 1);
    biKeys[j] = k;
    biLp[j] = q(Math.log(bigramProb(b, c)));
    biBow[j] = triCtxSum[i]! > 0 ? q(Math.log((D3 * triCtxN[i]! + triCtxPruned[i]!) / triCtxSum[i]!)) : 0;
  }
  const tBits = bitsFor(keptTri);
  const triAB = new Uint32Array(1 << tBits).fill(EMPTY_KEY), triC = new Uint16Array(1 << tBits), triLp = new Int16Array(1 << tBits);
  for (let i = 0; i <= tri.mask; i++) {
    const ab = tri.ab[i]!;
    if (ab === EMPTY_KEY || tri.counts[i]! < minTrigram) continue;
    const c = tri.c[i]!, b = ab & 0xffff, s = bi.slot(ab);
    const n = tri.counts[i]!;
    const lambda = (D3 * triCtxN[s]!) / triCtxSum[s]!;
    const p = Math.max(n - D3, 0) / triCtxSum[s]! + lambda * bigramProb(b, c);
    let j = hash3(ab, c, triAB.length - 1);
    while (triAB[j] !== EMPTY_KEY) j = (j + 1) & (triAB.length - 1);
    triAB[j] = ab; triC[j] = c; triLp[j] = q(Math.log(p));
  }
  log(`kept: ${keptBi} bigrams, ${keptTri} trigrams`);
  void EOS;

  const arrays: ModelArrays = { flags, uniLp, uniBow, biKeys, biLp, biBow, triAB, triC, triLp };
  const model = encodeModel(
    {
      version: 1,
      vocab,
      abbreviations,
      names: gazetteer.names,
      provenance: {
        corpus: 'shared/corpus (held-out slice excluded)',
        documents: docs.length,
        tokens,
        weights: JSON.stringify(Object.fromEntries(docs.map((d) => [d.folder, d.weight]))),
        minBigram,
        minTrigram,
        gazetteer: gazetteer.source,
      },
    },
    arrays,
  );
  return { model, stats: { documents: docs.length, tokens, vocab: V, bigrams: keptBi, trigrams: keptTri } };
}
