/**
 * Names: place names of the gazetteer read as such (`Chu Pong` → Chư Pơng), and the marks of
 * names kept when the text's marks are trusted (`Nguyễn Duy Luân` stays, though `luận` is the
 * likelier syllable).
 */
import type { CandidateGenerator } from './candidates.js';
import { BoundedCache } from './cache.js';
import { wordKey } from './lexicon.js';
import { NAME_SYLLABLES, SURNAMES } from '../data/names.js';
import { AUTHORITY_MARK, POSITIONS } from '../data/signature.js';
import { UNK, type RestorerModel } from './model.js';
import { ADMIN_UNITS } from './data/structure.js';
import { adjacent, capitalisedWord, wholeToken, type Piece } from './pieces.js';
import { casePattern, fold, isValidSyllable } from './syllable.js';
import { CANDIDATE_CACHE_SIZE, MAX_NAME_SYLLABLES, NAME_BONUS, NAME_MARK_CHANGE_COST, NAME_MAX_COST_PER_SYLLABLE, NAME_MAX_SYLLABLE_COST, SIGNATURE_BLOCK_LINES } from './tuning.js';

/** Place names of the gazetteer, by the fold of their first syllable: `chu` → [[chư, pơng], …]. */
const nameIndexes = new WeakMap<RestorerModel, Map<string, string[][]>>();

export function nameIndex(model: RestorerModel): Map<string, string[][]> {
  let index = nameIndexes.get(model);
  if (index) return index;
  index = new Map();
  // the names' syllables as the vocabulary spells them (wordKey), as ids: stored by the trainer
  const lengths = model.a.nameLengths as Uint8Array, ids = model.a.nameIds as Uint16Array;
  for (let k = 0, at = 0; k < lengths.length; at += lengths[k++]!) {
    const n = lengths[k]!;
    if (n < 2 || n > MAX_NAME_SYLLABLES) continue;
    const syllables: string[] = [];
    for (let j = at; j < at + n && ids[j]! < model.vocab.length; j++) syllables.push(model.vocab[ids[j]!]!);
    if (syllables.length < n) continue;
    const key = fold(syllables[0]!);
    const list = index.get(key);
    if (list) list.push(syllables);
    else index.set(key, [syllables]);
  }
  nameIndexes.set(model, index);
  return index;
}

/** The names of one first fold by the fold of their second syllable, in their order. */
const secondFoldIndexes = new WeakMap<Map<string, string[][]>, Map<string, Map<string, string[][]>>>();

function bySecondFold(index: Map<string, string[][]>, first: string): Map<string, string[][]> {
  let byFirst = secondFoldIndexes.get(index);
  if (!byFirst) secondFoldIndexes.set(index, (byFirst = new Map()));
  let bySecond = byFirst.get(first);
  if (!bySecond) {
    bySecond = new Map();
    for (const name of index.get(first) ?? []) {
      const f = fold(name[1]!);
      const list = bySecond.get(f);
      if (list) list.push(name);
      else bySecond.set(f, [name]);
    }
    byFirst.set(first, bySecond);
  }
  return bySecond;
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
    // a name has two syllables or more, each capitalised
    if (!capitalisedWord(pieces[i]) || !capitalisedWord(pieces[i + 1])) continue;
    const first = pieces[i]!;
    let firstFolds = firstFoldCache.get(first.text);
    if (!firstFolds) {
      firstFolds = new Set([fold(first.text.toLowerCase()), ...first.slot.candidates.map((c) => fold(c.text))].filter((f) => index.has(f)));
      firstFoldCache.set(first.text, firstFolds);
    }
    // outside OCR text a name's letters are as printed: only names whose second syllable has
    // the second word's letters can match (the same names in the same order as the full list)
    const secondFold = gen.ocr ? undefined : fold(pieces[i + 1]!.text.toLowerCase());
    for (const f of firstFolds) {
      const names = secondFold === undefined ? index.get(f) : bySecondFold(index, f).get(secondFold);
      for (const name of names ?? []) {
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

/* ------------------------------------------------------------------------------------------
 * Signers' names (`Pham Ng(.)c Hu’ng` → Phạm Ng(.)c Hưng, not Phản Ứng(.)c)
 * ---------------------------------------------------------------------------------------- */

const surnameByFold = new Map<string, string>();
for (const s of SURNAMES) if (!surnameByFold.has(fold(s.toLowerCase()))) surnameByFold.set(fold(s.toLowerCase()), s.toLowerCase());
const NAME_SYLLABLE_SET: ReadonlySet<string> = new Set([...NAME_SYLLABLES, ...SURNAMES].map((s) => s.toLowerCase()));
/** Specks OCR prints for a name's lost marks, glued to its letters: `Ng(.)c`, `Hu’ng`. */
const SPECK = /^[().’'`´]$/u;
const SPECKS_INSIDE = /\p{L}[’'`´]/u;

/**
 * The lines of signature blocks: from a signer's title printed in capitals at the end of a line
 * (`CHU TICH`, `KT. CHỦ TỊCH`, `PHO GIAM DOC`) or an authority mark (`TM. UY BAN NHAN DAN`),
 * the next `SIGNATURE_BLOCK_LINES` lines.
 */
export function signatureLines(lines: readonly string[]): Set<number> {
  const out = new Set<number>();
  lines.forEach((line, li) => {
    const words = line.match(/[\p{L}\p{M}]+/gu) ?? [];
    let tail = '';
    let title = false;
    for (let k = words.length - 1; k >= 0 && !title; k--) {
      const w = words[k]!;
      if (w !== w.toUpperCase() || w === w.toLowerCase()) break;
      tail = tail ? `${fold(w.toLowerCase())} ${tail}` : fold(w.toLowerCase());
      title = POSITIONS.includes(tail);
    }
    const mark = AUTHORITY_MARK.exec(line);
    if (mark) {
      const rest = line.slice(mark.index + mark[0].length).match(/[\p{L}\p{M}]{2,}/gu) ?? [];
      if (rest.length >= 2 && rest.every((w) => w === w.toUpperCase())) title = true;
    }
    if (title) for (let k = li; k <= li + SIGNATURE_BLOCK_LINES && k < lines.length; k++) out.add(k);
  });
  return out;
}

/**
 * In the signature block, a run of 2–4 capitalised words whose first folds to a surname is the
 * signer's name: the surname takes its one spelling (`Pham` → Phạm, never the commoner `Phản`),
 * the other words prefer the syllables of names (`Thj` → Thị), and a word OCR broke into letters
 * and specks (`Ng(.)c`, `Hu’ng`) is kept as printed: the specks say which marks were lost
 * (`’` a horn), which the extractor reads against the names (src/extract/names.ts).
 */
export function markSignerNames(pieces: Piece[], lines: readonly string[], model: RestorerModel, gen: CandidateGenerator): void {
  const block = signatureLines(lines);
  if (block.size === 0) return;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (!block.has(p.line) || !capitalisedWord(p) || casePattern(p.text) !== 'title' || !wholeToken(pieces, i)) continue;
    const surname = surnameByFold.get(fold(p.text.toLowerCase()));
    const surnameId = surname === undefined ? undefined : model.idOf.get(surname);
    if (surnameId === undefined) continue;
    // the words of the name: capitalised, on the line, each a token of letters with specks glued on
    const words: number[][] = [[i]];
    let k = i + 1;
    while (words.length < MAX_NAME_SYLLABLES && k < pieces.length) {
      const q = pieces[k]!;
      if (q.line !== p.line || !capitalisedWord(q) || !adjacent(pieces[k - 1], q) || !(pieces[k - 1]!.token.to < q.token.from)) break;
      const word = [k++];
      // `Ng(.)c`: letters and specks with no space between them are one word
      while (k < pieces.length && pieces[k]!.line === p.line && pieces[k]!.token.from === pieces[k - 1]!.token.to && (SPECK.test(pieces[k]!.text) || /\p{L}/u.test(pieces[k]!.text))) word.push(k++);
      words.push(word);
    }
    if (words.length < 2) continue;
    p.slot = { candidates: [{ id: surnameId, text: surname!, cost: gen.channelCost(p.text, surname!) - NAME_BONUS, identity: wordKey(p.text) === surname }, ...p.slot.candidates.filter((c) => c.id !== surnameId)] };
    for (const word of words.slice(1)) {
      if (word.length > 1 || SPECKS_INSIDE.test(pieces[word[0]!]!.text)) {
        for (const idx of word) keepAsPrinted(pieces[idx]!, model);
        continue;
      }
      const q = pieces[word[0]!]!;
      q.slot = { candidates: q.slot.candidates.map((c) => (NAME_SYLLABLE_SET.has(c.text) ? { ...c, cost: c.cost - NAME_BONUS } : c)) };
    }
    i = words[words.length - 1]![words[words.length - 1]!.length - 1]!;
  }
}

/** The piece is read as printed (a broken name syllable the restorer cannot mend word by word). */
function keepAsPrinted(p: Piece, model: RestorerModel): void {
  const id = model.idOf.get(wordKey(p.text)) ?? p.slot.candidates.find((c) => c.identity)?.id ?? UNK;
  p.fixed = true;
  p.slot = { candidates: [{ id, text: p.text, cost: 0, identity: true }] };
}
