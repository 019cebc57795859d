/**
 * OCR candidates by search: the syllables (by their fold, `nghieu`) an observed token
 * (`nghiéu`, `d6i`, `cudng`) can be read as within a channel cost, found by walking a trie of
 * the folded syllable inventory alongside the token. Each step is a letter kept (free at this
 * level: marks are costed later, exactly), an OCR rule (`ud` → `uo`, `6` → `o`), or one generic
 * edit (a letter substituted, inserted or lost). The cost found is a lower bound of the exact
 * channel cost of every syllable of that fold, so the exact alignment (channel.ts) is computed
 * only for the few syllables that can still rank among the best: a token costs tens of
 * microseconds, not milliseconds, and the first text of a kind costs what the next ones cost.
 */
import { fold } from './syllable.js';
import { SEARCH_TABLE_WIDTH } from './tuning.js';

export interface SearchRule {
  /** What OCR printed (lower case, as printed). */
  ocr: string;
  /** The folded letters of the page it stands for (may be empty: printed junk). */
  gold: string;
  cost: number;
}

export interface SearchCosts {
  substitute: number;
  insert: number;
  delete: number;
}

const A = 'a'.charCodeAt(0);

/** The trie of the folded inventory: built once per model (it does not depend on the channel). */
export class FoldNodes {
  /** children[node * 26 + letter]: child node, or 0 (the root is never a child). */
  children: Int32Array;
  /** The fold ending at a node, or undefined. */
  readonly terminal: (string | undefined)[] = [];
  /** Nodes in use (the root included). */
  size = 1;

  constructor(folds: Iterable<string>) {
    this.children = new Int32Array(26 * 4096);
    for (const f of folds) if (/^[a-z]+$/.test(f)) this.insert(f);
  }

  private insert(word: string): void {
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i) - A;
      let child = this.children[node * 26 + c]!;
      if (child === 0) {
        child = this.size++;
        if ((child + 1) * 26 > this.children.length) {
          const grown = new Int32Array(this.children.length * 2);
          grown.set(this.children);
          this.children = grown;
        }
        this.children[node * 26 + c] = child;
      }
      node = child;
    }
    this.terminal[node] = word;
  }
}

/**
 * The cheapest cost seen per (node, position) of the running search, valid where `tableStamp`
 * holds that search's number: one table for every trie, kept and never cleared (a map per
 * search grew with every state it visited). Searches do not nest.
 */
let tableCost = new Float64Array(0);
let tableStamp = new Int32Array(0);
let searches = 0;

export class FoldTrie {
  private readonly nodeCount: number;
  private readonly children: Int32Array;
  private readonly terminal: (string | undefined)[];
  private readonly rulesByFirst = new Map<string, SearchRule[]>();
  /** Cheapest single-character rule (observed char → gold letter) at fold level. */
  private readonly single = new Map<string, number>();

  constructor(nodes: FoldNodes | Iterable<string>, rules: SearchRule[], private readonly costs: SearchCosts) {
    const n = nodes instanceof FoldNodes ? nodes : new FoldNodes(nodes);
    this.children = n.children;
    this.terminal = n.terminal;
    this.nodeCount = n.size;
    const seen = new Map<string, SearchRule>();
    for (const r of rules) {
      if (!r.ocr || !/^[a-z]*$/.test(r.gold)) continue;
      const key = `${r.ocr}\u0000${r.gold}`;
      const old = seen.get(key);
      if (!old || r.cost < old.cost) seen.set(key, r);
    }
    for (const r of seen.values()) {
      if ([...r.ocr].length === 1 && r.gold.length === 1) {
        const k = `${r.ocr}\u0000${r.gold}`;
        this.single.set(k, Math.min(this.single.get(k) ?? Infinity, r.cost));
        if (fold(r.ocr) === r.gold) continue; // a letter kept: step (a) covers it
      }
      const first = r.ocr[0]!;
      const list = this.rulesByFirst.get(first);
      if (list) list.push(r);
      else this.rulesByFirst.set(first, [r]);
    }
  }

  /** Every fold reachable from `obs` (lower case) within `maxCost`, with its lowest cost. */
  search(obs: string, maxCost: number): Map<string, number> {
    const out = new Map<string, number>();
    const n = obs.length;
    const folded: number[] = [];
    for (let i = 0; i < n; i++) {
      const f = fold(obs[i]!);
      folded.push(f.length === 1 && f >= 'a' && f <= 'z' ? f.charCodeAt(0) - A : -1);
    }
    // (a token longer than SEARCH_TABLE_WIDTH − 1 characters keeps its own map)
    const W = n + 1;
    const map = W > SEARCH_TABLE_WIDTH ? new Map<number, number>() : undefined;
    if (!map && tableStamp.length < this.nodeCount * SEARCH_TABLE_WIDTH) {
      tableCost = new Float64Array(this.nodeCount * SEARCH_TABLE_WIDTH);
      tableStamp = new Int32Array(this.nodeCount * SEARCH_TABLE_WIDTH);
    }
    if (searches === 0x7fffffff) {
      tableStamp.fill(0);
      searches = 0;
    }
    const now = ++searches;
    const bestCost = tableCost, stamp = tableStamp;
    const children = this.children;
    const { substitute, insert, delete: del } = this.costs;
    // what each printed character costs read as each letter: once per search, not per visit
    const sub = new Float64Array(n * 26);
    for (let i = 0; i < n; i++) {
      for (let g = 0; g < 26; g++) sub[i * 26 + g] = Math.min(substitute, this.single.get(`${obs[i]}\u0000${String.fromCharCode(A + g)}`) ?? Infinity);
    }
    const visit = (node: number, i: number, cost: number): void => {
      const key = node * W + i;
      if (map) {
        const seen = map.get(key);
        if (seen !== undefined && seen <= cost) return;
        map.set(key, cost);
      } else {
        if (stamp[key] === now && bestCost[key]! <= cost) return;
        stamp[key] = now;
        bestCost[key] = cost;
      }
      if (i === n) {
        const word = this.terminal[node];
        if (word !== undefined) {
          const old = out.get(word);
          if (old === undefined || cost < old) out.set(word, cost);
        }
      }
      const base = node * 26;
      if (i < n) {
        const f = folded[i]!;
        // (a) the letter as printed (marks are the exact channel's)
        if (f >= 0 && children[base + f]! !== 0) visit(children[base + f]!, i + 1, cost);
        // (b) OCR rules starting here
        const rules = this.rulesByFirst.get(obs[i]!);
        if (rules) {
          for (const r of rules) {
            const c = cost + r.cost;
            if (c > maxCost || !obs.startsWith(r.ocr, i)) continue;
            let m = node;
            for (let k = 0; k < r.gold.length && m >= 0; k++) {
              const child = children[m * 26 + r.gold.charCodeAt(k) - A]!;
              m = child === 0 ? -1 : child;
            }
            if (m >= 0) visit(m, i + r.ocr.length, c);
          }
        }
        // (c) a letter substituted, (d) a printed character with no letter of the page
        for (let g = 0; g < 26; g++) {
          const child = children[base + g]!;
          if (child === 0 || g === f) continue;
          const c = cost + sub[i * 26 + g]!;
          if (c <= maxCost) visit(child, i + 1, c);
        }
        if (cost + insert <= maxCost) visit(node, i + 1, cost + insert);
      }
      // (e) a letter of the page OCR lost
      if (cost + del <= maxCost) {
        for (let g = 0; g < 26; g++) {
          const child = children[base + g]!;
          if (child !== 0) visit(child, i, cost + del);
        }
      }
    };
    visit(0, 0, 0);
    return out;
  }
}
