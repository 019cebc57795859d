/**
 * Candidate generation: for an observed word, the syllables (or abbreviations) the page may
 * have had, each with its channel cost. Reached through the strip map (same fold), through
 * OCR rewrites (rules of the channel, up to two), and, for OCR text, one generic edit.
 */
import type { Channel } from './channel.js';
import type { Slot } from './decoder.js';
import { UNK, type RestorerModel } from './model.js';
import { wordKey } from './lexicon.js';
import { casePattern, fold } from './syllable.js';
import { BoundedCache } from './cache.js';
import { FoldNodes, FoldTrie } from './ocr-search.js';
import { INITIALS_SEGMENT, type Initials } from './initials.js';
import { CANDIDATE_CACHE_SIZE, CHANNEL_COSTS, COST_CACHE_SIZE, FREE_READING, NOISY_PRUNE_GAP, OCR_PRUNE_GAP, MAX_EXPANSION_COST, MAX_REWRITES, MAX_VARIANT_LENGTH, OCR_NON_SYLLABLE_COST, PRUNE_GAP, RANK_FREQUENCY_WEIGHT, UNKNOWN_WORD_COST } from './tuning.js';

export interface Candidate {
  id: number;
  /** Lower-case text of the candidate (or the token as written, for the identity of an unknown word). */
  text: string;
  cost: number;
  /** True when this candidate is the token itself. */
  identity: boolean;
  /**
   * How far (nats of channel and frequency) the candidate ranks behind the token's best;
   * the decoder tries far ones only where the previous word makes them likely (`chặt chẽ`).
   */
  gap?: number;
}

export interface CandidateOptions {
  /** How many candidates to keep per token. */
  maxCandidates: number;
  /** Try OCR rewrites even when the strip map already gives candidates. */
  ocr: boolean;
  /** Where a D of initials stands for Đ (initials.ts): asked in stripped text only. */
  initials?: Initials | null;
}

const LETTERS_ONLY = /^[\p{L}]+$/u;
const nodesOf = new WeakMap<RestorerModel, FoldNodes>();

/** The trie of a model's folded inventory, built once (at load, by `loadRestorerModels`). */
export function foldNodes(model: RestorerModel): FoldNodes {
  let nodes = nodesOf.get(model);
  if (!nodes) nodesOf.set(model, (nodes = new FoldNodes(model.foldIndex.keys())));
  return nodes;
}

export class CandidateGenerator {
  /** Per token: its candidates in a slot that every piece of that token shares (never changed: names and the cache make new slots). */
  private readonly cache = new BoundedCache<string, Slot>(CANDIDATE_CACHE_SIZE);
  private readonly costCache = new BoundedCache<string, number>(COST_CACHE_SIZE);

  constructor(private readonly model: RestorerModel, private readonly channel: Channel, private readonly options: CandidateOptions) {}

  private trieCache: FoldTrie | undefined;
  /** The folded inventory as a trie, with the channel's rules (built on first use). */
  private get trie(): FoldTrie {
    if (!this.trieCache) {
      const rules = this.channel.expansions.map((r) => ({ ocr: r.ocr, gold: fold(r.gold).toLowerCase(), cost: r.cost }));
      this.trieCache = new FoldTrie(foldNodes(this.model), rules, { substitute: CHANNEL_COSTS.substitute, insert: CHANNEL_COSTS.insert, delete: CHANNEL_COSTS.delete });
    }
    return this.trieCache;
  }

  /** −ln P(observed token | syllable), for callers that test a reading of their own (names). */
  channelCost(observed: string, syllable: string): number {
    const key = `${observed}\u0000${syllable}`;
    let cost = this.costCache.get(key);
    if (cost === undefined) {
      cost = this.channel.cost(observed.toLowerCase(), syllable);
      this.costCache.set(key, cost);
    }
    return cost;
  }

  /** Whether the text looks like OCR output (partial marks), where words may be split or merged. */
  /** Marked text read with the learned mark channel (near-misses are candidates). */
  get noisy(): boolean {
    return this.channel.noisy;
  }

  get ocr(): boolean {
    return this.options.ocr;
  }

  /**
   * An all-caps token inside a document code (`KH-UBND`, `NQ/TU`): only itself or the
   * abbreviation as the corpus writes it (`QD` → `QĐ`), never a syllable; a Đ the text prints
   * is never taken away (`02/HĐ/2025` stays, though the table writes `HD`, of Hướng dẫn). In
   * stripped text one the table does not know gets the Đ its initials make likely (`QLDD` →
   * `QLĐĐ`, initials.ts).
   */
  codeCandidates(token: string): Candidate[] {
    let form = this.model.abbreviations.get(fold(token).toUpperCase());
    if (form && !onlyAddsStrokes(token, form)) form = undefined;
    if (!form && this.initials) form = this.initials.strokes(token);
    const self: Candidate = { id: this.model.idOf.get(token.toLowerCase()) ?? UNK, text: token, cost: 0, identity: true };
    if (!form || form === token) return [self];
    return [this.formCandidate(form)];
  }

  /** The model of initials, in stripped text only (elsewhere a code keeps the letters it was printed with). */
  private get initials(): Initials | null {
    return this.channel.stripped ? (this.options.initials ?? null) : null;
  }

  /** A form of the token (an abbreviation given its Đ) as its only reading. */
  private formCandidate(form: string): Candidate {
    return { id: this.model.idOf.get(form.toLowerCase()) ?? UNK, text: form.toLowerCase(), cost: 0, identity: false };
  }

  /**
   * Stripped text: a code of all-caps abbreviations joined by `&` (`DTTD&GSDT`, `KH&DT`) with
   * each segment as the abbreviation table or the model of initials writes it, when that
   * changes it (`ĐTTĐ&GSĐT`); undefined otherwise (the code stays as printed).
   */
  ampersandCandidates(token: string): Candidate[] | undefined {
    const initials = this.initials;
    if (!initials || !token.includes('&') || !token.includes('D')) return undefined;
    const form = token
      .split('&')
      .map((s) => {
        if (!INITIALS_SEGMENT.test(s)) return s;
        const form = this.model.abbreviations.get(s.replace(/Đ/g, 'D'));
        return form && onlyAddsStrokes(s, form) ? form : initials.strokes(s);
      })
      .join('&');
    return form === token ? undefined : [this.formCandidate(form)];
  }

  /**
   * Stripped text: the letter a one-letter token has in single-letter initials joined by `/`
   * (`d` of `d/c` → `đ`, as the corpus writes `đ/c`): `compound` is the initials as printed,
   * `index` the token's place in it. Undefined when the table has no such initials.
   */
  slashInitialCandidates(compound: string, index: number): Candidate[] | undefined {
    const form = this.initials?.slashForm(fold(compound.toLowerCase()));
    const letter = form?.split('/')[index];
    if (letter === undefined || letter === compound.split('/')[index]!.toLowerCase()) return undefined;
    return [{ id: this.model.idOf.get(letter) ?? UNK, text: letter, cost: 0, identity: false }];
  }

  candidates(token: string): Candidate[] {
    return this.slot(token).candidates;
  }

  /** The token's candidates as a slot (shared by every piece of that token). */
  slot(token: string): Slot {
    let slot = this.cache.get(token);
    if (slot === undefined) this.cache.set(token, (slot = { candidates: this.generate(token) }));
    return slot;
  }

  private generate(token: string): Candidate[] {
    const model = this.model;
    const lower = token.toLowerCase();
    const key = wordKey(token);
    const found = new Map<number, Candidate>();
    const put = (c: Candidate) => {
      const old = found.get(c.id);
      if (!old || c.cost < old.cost) found.set(c.id, c);
    };

    // abbreviations come back with the Đ the corpus writes (`HDND` → `HĐND`)
    const abbreviation = casePattern(token) === 'upper' && LETTERS_ONLY.test(token) && !model.foldIndex.has(fold(lower)) ? model.abbreviations.get(fold(token).toUpperCase()) : undefined;
    // a Đ the text prints is never taken away: `HĐ` (Hợp đồng) stays, though the table writes `HD` (Hướng dẫn)
    if (abbreviation && !onlyAddsStrokes(token, abbreviation)) return [{ id: model.idOf.get(key) ?? UNK, text: token, cost: 0, identity: true }];
    if (abbreviation && abbreviation !== token) {
      const id = model.idOf.get(abbreviation.toLowerCase()) ?? UNK;
      // the Đ the corpus writes is a mark the text lost: free in stripped text, dear in correct text
      const strokes = (abbreviation.match(/Đ/gu) ?? []).length - (token.match(/Đ/gu) ?? []).length;
      const expanded: Candidate = { id, text: abbreviation.toLowerCase(), cost: Math.max(0, strokes) * this.channel.drop, identity: false };
      return this.channel.trusted ? [expanded, { id: model.idOf.get(key) ?? UNK, text: token, cost: 0, identity: true }] : [{ ...expanded, cost: 0 }];
    }
    // stripped text: one the table does not know gets the Đ its initials make likely (`THDT` → `THĐT`)
    if (!abbreviation && this.channel.stripped && this.options.initials && casePattern(token) === 'upper' && INITIALS_SEGMENT.test(token) && !model.foldIndex.has(fold(lower))) {
      const form = this.options.initials.strokes(token);
      if (form !== token) return [this.formCandidate(form)];
    }
    // in OCR text, an all-caps token may be an abbreviation with a misread letter (`HPND`)
    if (!abbreviation && this.options.ocr && casePattern(token) === 'upper' && LETTERS_ONLY.test(token) && token.length >= 3 && !model.foldIndex.has(fold(lower)) && !model.abbreviations.has(fold(token).toUpperCase())) {
      const forms = new Set<string>();
      for (const v of this.rewrites(lower)) {
        const form = model.abbreviations.get(v.toUpperCase());
        if (form && form.length === token.length) forms.add(form);
      }
      if (forms.size === 1) {
        const form = [...forms][0]!;
        const self: Candidate = { id: model.idOf.get(key) ?? UNK, text: token, cost: OCR_NON_SYLLABLE_COST, identity: true };
        return [{ id: model.idOf.get(form.toLowerCase()) ?? UNK, text: form.toLowerCase(), cost: this.channel.cost(lower, form.toLowerCase()), identity: false }, self];
      }
    }
    // a single letter (list items `a)`, initials) is kept or read with its marks, never rebuilt
    const single = [...lower].length === 1;

    // the token itself
    const selfId = model.idOf.get(key);
    if (selfId !== undefined) {
      // in OCR text a known non-syllable (`cia`, `tir`, `hd`) is more often a misread syllable
      const foreign = this.options.ocr && !model.isSyllable(selfId) && !(casePattern(token) === 'upper' && token.length > 1);
      put({ id: selfId, text: model.vocab[selfId]!, cost: this.channel.sameFoldCost(key, key) + (foreign ? OCR_NON_SYLLABLE_COST : 0), identity: true });
    }


    // the strip map
    const lettersOnly = LETTERS_ONLY.test(lower);
    if (lettersOnly) {
      const ids = model.foldIndex.get(fold(lower));
      if (ids) for (const id of ids) put({ id, text: model.vocab[id]!, cost: this.channel.sameFoldCost(lower, model.vocab[id]!), identity: id === selfId });
    }

    // OCR readings: folds within reach by search, then exact costs for those that can still rank
    if ((!single || !lettersOnly) && (!lettersOnly || this.options.ocr)) this.searchReadings(lower, found, put);

    // an unknown token can always stay as it is (its LM unit is <unk>)
    // (an unknown word that reads as known syllables is most likely those syllables)
    if (selfId === undefined && ![...found.values()].some((c) => c.identity)) put({ id: UNK, text: token, cost: found.size ? UNKNOWN_WORD_COST : 0, identity: true });
    const list = [...found.values()];
    // keep the best by channel cost and frequency
    const rank = (c: Candidate) => c.cost - RANK_FREQUENCY_WEIGHT * model.a.uniLp[c.id]!;
    list.sort((a, b) => rank(a) - rank(b) || a.id - b.id);
    // candidates far behind the best on channel and frequency cannot win in any context
    const best = rank(list[0]!);
    const gap = this.channel.noisy ? NOISY_PRUNE_GAP : this.options.ocr ? OCR_PRUNE_GAP : PRUNE_GAP;
    const kept = list.slice(0, this.options.maxCandidates).filter((c, i) => i === 0 || rank(c) <= best + gap);
    for (const c of kept) c.gap = rank(c) - best;
    // the token as it is stays a choice unless a known syllable reads it almost for free
    // (stripped text: `truong` is not a word of its own)
    const identity = list.find((c) => c.identity);
    const freeReading = list.some((c) => !c.identity && c.cost < FREE_READING);
    if (identity && !kept.includes(identity) && !(identity.id === UNK && freeReading)) {
      if (kept.length < this.options.maxCandidates) kept.push(identity);
      else kept[kept.length - 1] = identity;
    }
    return kept;
  }

  /**
   * The OCR readings of `generate`: folds within reach by search, then exact costs for those
   * that can still rank. (A method of its own: inside `generate` each of its deoptimisations
   * made the optimising compiler rebuild all of `generate`, 80–190 ms of compiling each time.)
   */
  private searchReadings(lower: string, found: Map<number, Candidate>, put: (c: Candidate) => void): void {
    const model = this.model;
    const uni = model.a.uniLp;
    const pending: { id: number; rank: number }[] = [];
    for (const [f, lb] of this.trie.search(lower, MAX_EXPANSION_COST)) {
      for (const id of model.foldIndex.get(f) ?? []) if (!found.has(id)) pending.push({ id, rank: lb - RANK_FREQUENCY_WEIGHT * uni[id]! });
    }
    pending.sort((a, b) => a.rank - b.rank || a.id - b.id);
    // the ranks of the readings so far, ascending, in `ranks[0 … n)` (a typed array: an array's
    // map changed with its values, and each change made the compiler build this method again)
    const ranks = new Float64Array(found.size + pending.length);
    let n = 0;
    for (const c of found.values()) n = insertRank(ranks, n, c.cost - RANK_FREQUENCY_WEIGHT * uni[c.id]!);
    const gap = this.channel.noisy ? NOISY_PRUNE_GAP : this.options.ocr ? OCR_PRUNE_GAP : PRUNE_GAP;
    const max = this.options.maxCandidates;
    for (const p of pending) {
      // a lower bound that cannot enter the kept list ends the search (exact ≥ lower bound)
      if (n > 0 && p.rank > ranks[0]! + gap) break;
      if (n >= max && p.rank >= ranks[max - 1]!) break;
      const cost = this.channel.cost(lower, model.vocab[p.id]!);
      if (cost > MAX_EXPANSION_COST) continue;
      put({ id: p.id, text: model.vocab[p.id]!, cost, identity: false });
      n = insertRank(ranks, n, cost - RANK_FREQUENCY_WEIGHT * uni[p.id]!);
    }
  }

  /**
   * Folded strings reachable from the observed one by up to two rewrites, and one edit. The
   * rewrites see the marks OCR printed (`é` may stand for ê, â or ô); lookups are folded.
   */
  private rewrites(obs: string): Set<string> {
    const found = new Set<string>([obs]);
    let frontier = [obs];
    for (let depth = 0; depth < MAX_REWRITES; depth++) {
      const next: string[] = [];
      for (const s of frontier) {
        for (const r of this.channel.expansions) {
          let at = s.indexOf(r.ocr);
          while (at >= 0) {
            const v = s.slice(0, at) + fold(r.gold).toLowerCase() + s.slice(at + r.ocr.length);
            if (!found.has(v) && v.length > 0 && v.length <= MAX_VARIANT_LENGTH) {
              found.add(v);
              next.push(v);
            }
            at = s.indexOf(r.ocr, at + 1);
          }
        }
      }
      frontier = next;
    }
    // one generic edit: a character dropped, a vowel OCR lost, or a non-letter read as a vowel
    const out = new Set<string>();
    for (const f of found) {
      const s = fold(f);
      out.add(s);
      for (let i = 0; i <= s.length; i++) {
        if (i < s.length) out.add(s.slice(0, i) + s.slice(i + 1));
        for (const v of 'aeo') out.add(s.slice(0, i) + v + s.slice(i));
        if (i < s.length && !/[a-z]/.test(s[i]!)) for (const v of 'aeiouy') out.add(s.slice(0, i) + v + s.slice(i + 1));
      }
    }
    return out;
  }
}

/** The table's form of a token differs from it only by Đ where the token has D (it takes no printed Đ away). */
function onlyAddsStrokes(token: string, form: string): boolean {
  const upper = token.toUpperCase();
  for (let i = upper.indexOf('Đ'); i >= 0; i = upper.indexOf('Đ', i + 1)) if (form[i] !== 'Đ') return false;
  return true;
}

/** r inserted into the ascending `ranks[0 … n)`; the new count. */
function insertRank(ranks: Float64Array, n: number, r: number): number {
  let k = n;
  while (k > 0 && ranks[k - 1]! > r) {
    ranks[k] = ranks[k - 1]!;
    k--;
  }
  ranks[k] = r;
  return n + 1;
}
