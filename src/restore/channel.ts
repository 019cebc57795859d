/**
 * The noisy channel: −ln P(observed token | syllable the page had), in nats. Two parts:
 * a mark channel (each tone or vowel mark, and the stroke of đ, is kept or dropped with a
 * probability estimated from the text itself: correct text keeps them, stripped text drops
 * them) and an OCR channel of weighted edits (learned confusions when a model is present,
 * else the generic table), combined in a small alignment.
 */
import type { ConfusionModel } from './confusion-model.js';
import { BoundedCache } from './cache.js';
import { learnedMarkRates } from './marks.js';
import { GENERIC_CONFUSIONS } from './data/ocr-confusions.js';
import { fold } from './syllable.js';
import { CHANNEL_COSTS, MARKED_LETTER_SHARE, MAX_KEEP, MIN_KEEP, MIN_LETTERS_TO_ESTIMATE, OCR_MODE_MAX_KEEP, OCR_MODE_MIN_KEEP, SHORT_TEXT_KEEP, TRUSTED_MARKS } from './tuning.js';

export { MARKED_LETTER_SHARE };

interface Letter {
  base: string;
  /** 0 none, 1 breve, 2 circumflex, 3 horn, 4 stroke (đ). */
  shape: number;
  /** 0 none, 1..5 tone marks. */
  tone: number;
}

const SHAPES: Record<string, number> = { '\u0306': 1, '\u0302': 2, '\u031b': 3 };
const TONES: Record<string, number> = { '\u0300': 1, '\u0301': 2, '\u0303': 3, '\u0309': 4, '\u0323': 5 };
const letterCache = new BoundedCache<string, Letter | null>(4096);

function letter(ch: string): Letter | null {
  let l = letterCache.get(ch);
  if (l !== undefined) return l;
  if (ch === 'đ') l = { base: 'd', shape: 4, tone: 0 };
  else {
    const d = ch.normalize('NFD');
    const base = d[0]!;
    if (!/[a-z]/.test(base)) l = null;
    else {
      let shape = 0, tone = 0;
      for (const m of d.slice(1)) {
        if (SHAPES[m]) shape = SHAPES[m]!;
        else if (TONES[m]) tone = TONES[m]!;
      }
      l = { base, shape, tone };
    }
  }
  letterCache.set(ch, l);
  return l;
}

interface Rule {
  ocr: string;
  /** Folded gold (generic rules) or exact gold (learned rules). */
  gold: string;
  exact: boolean;
  cost: number;
}

export interface ChannelOptions {
  /** Probability that a mark of the page survives in the text (0.02 stripped … 0.995 correct). */
  pKeep: number;
  /** English-model OCR text (decided on the text's own estimate, before it is snapped to a level). */
  ocrMode?: boolean;
  confusions?: ConfusionModel | null;
  /**
   * Marked text only: the weight λ of the Vietnamese-model OCR mark channel against the clean
   * one (0: correct text; the text's estimated noise otherwise; see marks.ts).
   */
  noise?: number;
}

/** Estimate how much of the marking survived in a text: 0.02 (none) … 0.995 (all). */
export function estimateKeep(text: string): number {
  // per code point: a letter, a letter carrying a mark (precomposed, or đ), a combining mark
  let letters = 0, marked = 0, prevLetter = false, prevMarked = false;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    let kind: number;
    if (code < 0x80) {
      kind = (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a ? 1 : 0;
      i++;
    } else {
      // per code point; those of the BMP in a table, the others (surrogate pairs) in a map
      const cp = text.codePointAt(i)!;
      if (cp < 0x10000) {
        let k = bmpKinds[cp]!;
        if (k === 0) bmpKinds[cp] = k = charKind(String.fromCharCode(cp)) + 1;
        kind = k - 1;
        i++;
      } else {
        const ch = String.fromCodePoint(cp);
        let k = charKinds.get(ch);
        if (k === undefined) charKinds.set(ch, (k = charKind(ch)));
        kind = k;
        i += 2;
      }
    }
    if (kind === 3) {
      if (prevLetter && !prevMarked) {
        marked++;
        prevMarked = true;
      }
      continue;
    }
    prevLetter = kind > 0;
    prevMarked = kind === 2;
    if (kind > 0) letters++;
    if (kind === 2) marked++;
  }
  if (letters < MIN_LETTERS_TO_ESTIMATE) return SHORT_TEXT_KEEP;
  return Math.min(MAX_KEEP, Math.max(MIN_KEEP, marked / letters / MARKED_LETTER_SHARE));
}

/** 0 other, 1 letter, 2 letter with a Vietnamese mark, 3 combining mark. */
function charKind(ch: string): number {
  return /\p{M}/u.test(ch) ? 3 : !/\p{L}/u.test(ch) ? 0 : ch === 'đ' || ch === 'Đ' || /\p{M}/u.test(ch.normalize('NFD')) ? 2 : 1;
}

/** The kinds of code points beyond the BMP, and of those in it (kind + 1; 0: not yet known). */
const charKinds = new BoundedCache<string, number>(4096);
const bmpKinds = new Uint8Array(0x10000);

/** The keep-probability of English-model OCR text (its marks mostly lost, `é` for the e family). */
export function isOcrKeep(p: number): boolean {
  return p > OCR_MODE_MIN_KEEP && p < OCR_MODE_MAX_KEEP;
}

type Engine = ConfusionModel['engines'][string];

interface RuleTables {
  byLast: ReadonlyMap<string, Rule[]>;
  single: ReadonlyMap<string, number>;
  expansions: readonly Rule[];
}

/**
 * The OCR rules of an engine (with the generic table), indexed: the same for every reading
 * level, so built once per engine (a channel per level would otherwise rebuild them).
 */
const ruleTablesOf = new WeakMap<object, RuleTables>();
const GENERIC_ONLY = {};

function ruleTables(engine: Engine | undefined): RuleTables {
  const cacheKey = engine ?? GENERIC_ONLY;
  const cached = ruleTablesOf.get(cacheKey);
  if (cached) return cached;
  // The generic table stays beside a learned model: it carries what scans do and clean
  // renders do not (docs/restorer.md, "The generic table", has the measurements).
  const rules: Rule[] = GENERIC_CONFUSIONS.map((r) => ({ ocr: r.ocr, gold: r.gold, exact: false, cost: r.cost }));
  if (engine) {
    const goldTotals = new Map<string, number>();
    for (const [g, n] of Object.entries(engine.goldCounts)) goldTotals.set(g.toLowerCase(), (goldTotals.get(g.toLowerCase()) ?? 0) + n);
    const counts = new Map<string, number>();
    for (const pair of engine.pairs) {
      const g = pair.gold.toLowerCase(), o = pair.ocr.toLowerCase();
      if (g === o || fold(g) === fold(o)) continue; // marks are the mark channel's
      const key = `${g}\u0000${o}`;
      counts.set(key, (counts.get(key) ?? 0) + pair.count);
    }
    for (const [key, n] of counts) {
      const [g, o] = key.split('\u0000') as [string, string];
      const total = goldTotals.get(g);
      if (!total || n < 2) continue;
      rules.push({ ocr: o, gold: g, exact: true, cost: Math.max(0.3, -Math.log(n / total)) });
    }
  }
  const byLast = new Map<string, Rule[]>();
  const single = new Map<string, number>();
  const expansions: Rule[] = [];
  for (const r of rules) {
    if (r.ocr.length === 1 && r.gold.length === 1) {
      const k = `${r.ocr}\u0000${r.gold}\u0000${r.exact ? 1 : 0}`;
      single.set(k, Math.min(single.get(k) ?? Infinity, r.cost));
    }
    const last = r.ocr.slice(-1);
    const list = byLast.get(last);
    if (list) list.push(r);
    else byLast.set(last, [r]);
    if (r.ocr.length > 0) expansions.push(r);
  }
  const tables = { byLast, single, expansions };
  ruleTablesOf.set(cacheKey, tables);
  return tables;
}

/** The `vie` engine's mark rates (marks.ts), once per engine. */
const markRatesOf = new WeakMap<object, Map<string, number>>();

function markRates(vie: Engine): Map<string, number> {
  let rates = markRatesOf.get(vie);
  if (!rates) markRatesOf.set(vie, (rates = learnedMarkRates(vie)));
  return rates;
}

export class Channel {
  readonly keep: number;
  readonly drop: number;
  readonly ocrMode: boolean;
  /** The text's marks are evidence (correct text, Vietnamese-model OCR), not noise. */
  readonly trusted: boolean;
  /** Stripped text (keep-probability at `MIN_KEEP`): no mark survived, so none was printed to keep. */
  readonly stripped: boolean;
  /** Marked text read with the learned mark channel (Vietnamese-model OCR): near-misses are candidates. */
  get noisy(): boolean {
    return this.markTable !== null;
  }
  /** −ln P(o | g) for letters of one base in marked text (null: the keep/drop scheme alone). */
  private readonly markTable: Map<string, number> | null = null;
  private readonly byLast: ReadonlyMap<string, Rule[]>;
  private readonly single: ReadonlyMap<string, number>;
  readonly expansions: readonly Rule[];

  constructor(options: ChannelOptions) {
    const p = Math.min(MAX_KEEP, Math.max(MIN_KEEP, options.pKeep));
    this.keep = -Math.log(p);
    this.drop = -Math.log(1 - p);
    this.ocrMode = options.ocrMode ?? isOcrKeep(p);
    this.trusted = p >= TRUSTED_MARKS;
    this.stripped = p <= MIN_KEEP && !this.ocrMode;
    const learned = options.confusions;
    const engine = learned ? (learned.engines[p < OCR_MODE_MAX_KEEP ? 'eng' : 'vie'] ?? Object.values(learned.engines)[0]) : undefined;
    ({ byLast: this.byLast, single: this.single, expansions: this.expansions } = ruleTables(engine));
    const noise = options.noise ?? 0;
    const vie = learned?.engines.vie;
    if (!this.ocrMode && noise > 0 && vie) {
      this.markTable = new Map();
      for (const [key, rate] of markRates(vie)) {
        const [o, g] = key.split('\u0000') as [string, string];
        const clean = Math.exp(-this.marksCost(letter(o)!, letter(g)!, o));
        this.markTable.set(key, -Math.log((1 - noise) * clean + noise * rate));
      }
    }
  }

  private marksCost(o: Letter, g: Letter, oChar: string): number {
    if (oChar === 'é' && g.base === 'e' && this.ocrMode) return CHANNEL_COSTS.eAcuteForE;
    let cost = 0;
    if (g.shape) cost += o.shape === g.shape ? this.keep : o.shape === 0 ? this.drop : CHANNEL_COSTS.wrongMark;
    else if (o.shape) cost += CHANNEL_COSTS.wrongMark;
    if (g.tone) cost += o.tone === g.tone ? this.keep : o.tone === 0 ? this.drop : CHANNEL_COSTS.wrongMark;
    else if (o.tone) cost += CHANNEL_COSTS.wrongMark;
    return cost;
  }

  /** −ln P(o | g) for one observed character and one page letter. */
  charCost(o: string, g: string): number {
    const gl = letter(g);
    const ol = letter(o);
    if (gl && ol && gl.base === ol.base) {
      if (this.markTable) {
        const t = this.markTable.get(`${o.toLowerCase()}\u0000${g.toLowerCase()}`);
        if (t !== undefined) return t;
      }
      return this.marksCost(ol, gl, o);
    }
    let best: number = CHANNEL_COSTS.substitute;
    const exact = this.single.get(`${o}\u0000${g}\u00001`);
    if (exact !== undefined) best = Math.min(best, exact);
    if (gl) {
      const generic = this.single.get(`${o}\u0000${gl.base}\u00000`);
      if (generic !== undefined) best = Math.min(best, generic);
    }
    return best;
  }

  /** Cost of an observed token given a candidate of the same length and fold (no alignment needed). */
  sameFoldCost(obs: string, gold: string): number {
    // a vocabulary word whose fold has another length (a ligature, a letter outside Vietnamese)
    if (obs.length !== gold.length) return this.cost(obs, gold);
    let cost = 0;
    for (let i = 0; i < gold.length; i++) cost += this.charCost(obs[i]!, gold[i]!);
    return cost;
  }

  /** −ln P(obs | gold) by weighted alignment (characters, multi-character rules, edits). */
  cost(obs: string, gold: string): number {
    const g = [...gold];
    const gf = g.map((ch) => fold(ch));
    return this.align(obs, gold, g, gf);
  }

  private align(obs: string, gold: string, g: string[], gf: string[]): number {
    const n = obs.length, m = g.length;
    const W = m + 1;
    const dp = new Float64Array((n + 1) * W).fill(Infinity);
    dp[0] = 0;
    // the folded gold as one string when every letter folds to one code unit (Vietnamese
    // always does), so that a rule compares in place instead of joining a slice per cell
    let folded: string | undefined = '';
    for (const f of gf) {
      if (f.length !== 1) {
        folded = undefined;
        break;
      }
      folded += f;
    }
    const matched: Rule[] = [];
    for (let i = 0; i <= n; i++) {
      // the rules whose OCR side ends here, once per row (single letters are charCost's)
      matched.length = 0;
      if (i > 0) {
        for (const r of this.byLast.get(obs[i - 1]!) ?? []) {
          const a = r.ocr.length;
          if (a <= i && !(a === 1 && r.gold.length === 1) && obs.startsWith(r.ocr, i - a)) matched.push(r);
        }
      }
      for (let j = 0; j <= m; j++) {
        const here = dp[i * W + j]!;
        if (i === 0 && j === 0) continue;
        let best = here;
        if (i > 0 && j > 0) best = Math.min(best, dp[(i - 1) * W + j - 1]! + this.charCost(obs[i - 1]!, g[j - 1]!));
        if (i > 0) best = Math.min(best, dp[(i - 1) * W + j]! + CHANNEL_COSTS.insert);
        if (j > 0) best = Math.min(best, dp[i * W + j - 1]! + CHANNEL_COSTS.delete);
        for (const r of matched) {
          const a = r.ocr.length, b = r.gold.length;
          if (b > j) continue;
          if (r.exact ? !gold.startsWith(r.gold, j - b) : folded !== undefined ? !folded.startsWith(r.gold, j - b) : gf.slice(j - b, j).join('') !== r.gold) continue;
          // generic rules stand for the whole letter group, marks included
          best = Math.min(best, dp[(i - a) * W + j - b]! + r.cost);
        }
        dp[i * W + j] = best;
      }
    }
    return dp[n * W + m]!;
  }
}
