/**
 * Names: place names of the gazetteer read as such (`Chu Pong` → Chư Pơng), and the marks of
 * names kept when the text's marks are trusted (`Nguyễn Duy Luân` stays, though `luận` is the
 * likelier syllable).
 */
import type { CandidateGenerator } from './candidates.js';
import { BoundedCache } from './cache.js';
import { wordKey } from './lexicon.js';
import type { RestorerModel } from './model.js';
import { ADMIN_UNITS } from './data/structure.js';
import { adjacent, capitalisedWord, wholeToken, type Piece } from './pieces.js';
import { casePattern, fold, isValidSyllable } from './syllable.js';
import { CANDIDATE_CACHE_SIZE, MAX_NAME_SYLLABLES, NAME_BONUS, NAME_MARK_CHANGE_COST, NAME_MAX_COST_PER_SYLLABLE, NAME_MAX_SYLLABLE_COST } from './tuning.js';

/** Place names of the gazetteer, by the fold of their first syllable: `chu` → [[chư, pơng], …]. */
const nameIndexes = new WeakMap<RestorerModel, Map<string, string[][]>>();

export function nameIndex(model: RestorerModel): Map<string, string[][]> {
  let index = nameIndexes.get(model);
  if (index) return index;
  index = new Map();
  for (const name of model.names) {
    const syllables = name.toLowerCase().split(/\s+/u).map(wordKey);
    if (syllables.length < 2 || syllables.length > MAX_NAME_SYLLABLES || !syllables.every((w) => model.idOf.has(w))) continue;
    const key = fold(syllables[0]!);
    const list = index.get(key);
    if (list) list.push(syllables);
    else index.set(key, [syllables]);
  }
  nameIndexes.set(model, index);
  return index;
}

/** Per candidate generator (reading mode): token → folds of its readings that begin a name. */
const firstFoldCaches = new WeakMap<CandidateGenerator, BoundedCache<string, Set<string>>>();

/**
 * Capitalised runs of words that read as a place name of the gazetteer (`Chu Pong` →
 * Chư Pơng, `Hén Qudn` → Hớn Quản) get that reading as a cheaper candidate: names are rare in
 * the corpus, so the LM alone would prefer common words (`Chủ Động`). Returns the names found:
 * the document's names (`splitGluedNames`).
 */
export function markPlaceNames(pieces: Piece[], model: RestorerModel, gen: CandidateGenerator): string[][] {
  const index = nameIndex(model);
  const found = new Map<string, string[]>();
  let firstFoldCache = firstFoldCaches.get(gen);
  if (!firstFoldCache) firstFoldCaches.set(gen, (firstFoldCache = new BoundedCache(CANDIDATE_CACHE_SIZE)));
  for (let i = 0; i < pieces.length; i++) {
    if (!capitalisedWord(pieces[i])) continue;
    const first = pieces[i]!;
    let firstFolds = firstFoldCache.get(first.text);
    if (!firstFolds) {
      firstFolds = new Set([fold(first.text.toLowerCase()), ...first.slot.candidates.map((c) => fold(c.text))].filter((f) => index.has(f)));
      firstFoldCache.set(first.text, firstFolds);
    }
    for (const f of firstFolds) {
      for (const name of index.get(f) ?? []) {
        const n = name.length;
        const run = pieces.slice(i, i + n);
        if (run.length < n || !run.every(capitalisedWord)) continue;
        // outside OCR text a name's letters are as printed: only its marks may be restored
        if (!gen.ocr && !run.every((p, k) => fold(p.text.toLowerCase()) === fold(name[k]!))) continue;
        const costs = run.map((p, k) => gen.channelCost(p.text, name[k]!));
        const total = costs.reduce((a, b) => a + b, 0);
        if (costs.some((c) => c > NAME_MAX_SYLLABLE_COST) || total > NAME_MAX_COST_PER_SYLLABLE * n) continue;
        run.forEach((p, k) => {
          const id = model.idOf.get(name[k]!)!;
          const cost = costs[k]! - NAME_BONUS; // below zero: a bonus
          const others = p.slot.candidates.filter((c) => c.id !== id);
          p.slot = { candidates: [{ id, text: name[k]!, cost, identity: wordKey(p.text) === name[k] }, ...others] };
        });
        found.set(name.join(' '), name);
      }
    }
  }
  return [...found.values()];
}

/**
 * When the text's marks are trusted, a capitalised, validly marked syllable next to another
 * capitalised word (a name: `Nguyễn Duy Luân`, `Ban Chỉ đạo`) keeps its marks: every other
 * reading pays `NAME_MARK_CHANGE_COST` more. Ordinary words are still repaired.
 */
export function protectNames(pieces: Piece[], model: RestorerModel, cost: number = NAME_MARK_CHANGE_COST): void {
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (p.fixed || casePattern(p.text) !== 'title' || !wholeToken(pieces, i)) continue;
    const nfd = p.text.toLowerCase().normalize('NFD');
    if (!/\p{M}/u.test(nfd) && !nfd.includes('đ')) continue;
    const self = p.slot.candidates.find((c) => c.identity);
    if (!self || !model.isSyllable(self.id) || !isValidSyllable(p.text)) continue;
    const prev = pieces[i - 1], next = pieces[i + 1];
    const inRun = (capitalisedWord(prev) && adjacent(prev, p)) || (capitalisedWord(next) && adjacent(p, next));
    if (!inRun) continue;
    p.slot = { candidates: p.slot.candidates.map((c) => (c.identity ? c : { ...c, cost: c.cost + cost })) };
  }
}

/* ------------------------------------------------------------------------------------------
 * Names glued to the word before them (`XACHU PONG` → XÃ CHƯ PƠNG)
 * ---------------------------------------------------------------------------------------- */

/**
 * An all-caps token that is an administrative unit glued onto the first syllable of one of the
 * document's names (`XACHU` + `PONG` where the document has Chư Pơng) is cut in two: the unit
 * (`XA`) and the name's first syllable (`CHU`), which `markPlaceNames` then reads as the name.
 * Returns whether any token was cut.
 */
export function splitGluedNames(pieces: Piece[], names: string[][], gen: CandidateGenerator): boolean {
  if (!gen.ocr || names.length === 0) return false;
  const byFirst = new Map<string, string[][]>();
  for (const name of names) {
    const key = fold(name[0]!);
    const list = byFirst.get(key);
    if (list) list.push(name);
    else byFirst.set(key, [name]);
  }
  let cut = false;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (p.fixed || !wholeToken(pieces, i) || casePattern(p.text) !== 'upper') continue;
    const chars = [...p.text];
    const folded = fold(p.text.toLowerCase());
    if ([...folded].length !== chars.length) continue;
    for (const [first, list] of byFirst) {
      if (!folded.endsWith(first) || folded.length <= first.length) continue;
      const headText = chars.slice(0, chars.length - [...first].length).join('');
      const unitFold = fold(headText.toLowerCase());
      if (!UNIT_FOLDS.has(unitFold)) continue;
      const tailText = chars.slice(chars.length - [...first].length).join('');
      // the rest of the name follows, capitalised, each syllable within reach of the channel
      const name = list.find((n) => n.slice(1).every((s, k) => {
        const q = pieces[i + 1 + k];
        return capitalisedWord(q) && q!.line === p.line && gen.channelCost(q!.text, s) <= NAME_MAX_SYLLABLE_COST;
      }));
      if (!name) continue;
      const head: Piece = { ...p, text: headText, slot: { candidates: gen.candidates(headText) } };
      const tail: Piece = { ...p, text: tailText, slot: { candidates: gen.candidates(tailText) } };
      pieces.splice(i, 1, head, tail);
      cut = true;
      break;
    }
  }
  return cut;
}

/** Administrative units printed before a place name (folded): xã, huyện, tỉnh, phường, quận, thôn, … */
const UNIT_FOLDS: ReadonlySet<string> = new Set(ADMIN_UNITS.map((u) => fold(u.toLowerCase())));

