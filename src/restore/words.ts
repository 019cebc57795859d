/**
 * Word splitting: the tokens of a line become the pieces the decoder reads. List labels and
 * numbers are fixed; tokens inside document codes are only kept or given their Đ; in OCR text
 * a word no candidate reads cheaply is cut where OCR merged words (`ngay22` → `ngày 22`,
 * `BANNHANDAN` → `BAN NHÂN DÂN`).
 */
import type { Candidate, CandidateGenerator } from './candidates.js';
import { hasMergedNumber, inWordPosition, isCodeLike, isGarbleShape } from './codes.js';
import { tokenId } from './lexicon.js';
import { UNK, type RestorerModel } from './model.js';
import type { Piece } from './pieces.js';
import type { Slot } from './decoder.js';
import { LETTER_LABEL, LETTER_LABEL_CLOSE, ROMAN_LABEL, ROMAN_LABEL_CLOSE } from './data/structure.js';
import type { Token } from './tokenize.js';
import { BoundedCache } from './cache.js';
import { CANDIDATE_CACHE_SIZE, MAX_PIECE_LENGTH, MAX_WORD_TOKEN_LENGTH, NUMBER_AS_WORD_COST, PIECE_MAX_COST, PIECE_PENALTY, SPLIT_ABOVE } from './tuning.js';

const OCR_LETTER_SYMBOL = /^[&¢€¥§]$/u;

/**
 * The index of the list label that opens a line (`a)`, `¢)`, `1.`, `II.`, `I11.`), or -1:
 * labels are structure the segmenter reads, never words to restore.
 */
export function listLabelIndex(tokens: Token[]): number {
  const [label, close] = tokens;
  if (!label || !close || close.from !== label.to || label.kind === 'punct') return -1;
  if (close.text === LETTER_LABEL_CLOSE && LETTER_LABEL.test(label.text)) return 0;
  if (close.text === ROMAN_LABEL_CLOSE && (label.kind === 'number' || ROMAN_LABEL.test(label.text))) return 0;
  return -1;
}

/** An all-caps word attached to `/` or `-` with letters or digits beyond: part of a document code. */
export function inCode(token: Token, line: string): boolean {
  // (each pattern needs a `.` `@` `/` `-` right before or after the token: looked at first)
  const before = line.charCodeAt(token.from - 1), after = line.charCodeAt(token.to);
  const dotBefore = before === 0x2e || before === 0x40, dotAfter = after === 0x2e || after === 0x40;
  // addresses and file names: `ubnd@gialai.gov.vn`, `www.chinhphu.vn`
  if ((dotBefore && /[\p{L}\p{N}][.@]$/u.test(line.slice(Math.max(0, token.from - 2), token.from))) || (dotAfter && /^[.@][\p{L}\p{N}]/u.test(line.slice(token.to, token.to + 2)))) return true;
  const slashBefore = before === 0x2f || before === 0x2d, slashAfter = after === 0x2f || after === 0x2d;
  if (!slashBefore && !slashAfter) return false;
  if (!/^[\p{Lu}\p{N}]+$/u.test(token.text) || !/\p{L}/u.test(token.text)) return false;
  return (slashBefore && /[\p{L}\p{N}][/-]$/u.test(line.slice(Math.max(0, token.from - 2), token.from))) || (slashAfter && /^[/-][\p{L}\p{N}]/u.test(line.slice(token.to, token.to + 2)));
}

/**
 * A one-letter token inside single letters joined by `/` and nothing else (`d/c`, `V/v`): the
 * initials as printed and the token's place in them; undefined otherwise.
 */
export function slashInitials(token: Token, line: string): { compound: string; index: number } | undefined {
  if (line.charCodeAt(token.from - 1) !== 0x2f && line.charCodeAt(token.to) !== 0x2f) return undefined;
  const letter = (at: number) => at >= 0 && at < line.length && /\p{L}/u.test(line[at]!);
  let from = token.from, to = token.to;
  while (line[from - 1] === '/' && letter(from - 2)) from -= 2;
  while (line[to] === '/' && letter(to + 1)) to += 2;
  // nothing joined beyond (`ab/c`, `d/c2`, `d/c/`)
  const joined = (at: number) => at >= 0 && at < line.length && /[\p{L}\p{M}\p{N}/]/u.test(line[at]!);
  if (to - from < 3 || joined(from - 1) || joined(to)) return undefined;
  return { compound: line.slice(from, to), index: (token.from - from) / 2 };
}

/** A fixed (not decoded) piece: numbers, punctuation. */
export function fixedPiece(token: Token, text: string, line: number, model: RestorerModel): Piece {
  // (the candidate depends on the text and the token's kind alone: remembered, never changed)
  const cache = fixedCandidates[token.kind];
  let cand = cache.get(text);
  if (cand === undefined || fixedModel !== model) {
    if (fixedModel !== model) {
      for (const c of Object.values(fixedCandidates)) c.clear();
      fixedModel = model;
    }
    const id = tokenId({ ...token, text, kind: /^\p{N}+$/u.test(text) ? 'number' : token.kind }, model.idOf);
    cache.set(text, (cand = { id, text, cost: 0, identity: true }));
  }
  return { line, token, text, fixed: true, slot: { candidates: [cand] } };
}

const fixedCandidates: Record<Token['kind'], BoundedCache<string, Candidate>> = {
  word: new BoundedCache(CANDIDATE_CACHE_SIZE),
  number: new BoundedCache(CANDIDATE_CACHE_SIZE),
  punct: new BoundedCache(CANDIDATE_CACHE_SIZE),
};
let fixedModel: RestorerModel | undefined;

/** `isCodeLike` per token text (three regular expressions), remembered. */
const codeLike = new BoundedCache<string, boolean>(CANDIDATE_CACHE_SIZE);

function isCodeLikeWord(text: string): boolean {
  let v = codeLike.get(text);
  if (v === undefined) codeLike.set(text, (v = isCodeLike(text)));
  return v;
}

function wordPiece(token: Token, line: number, text: string, slot: Slot): Piece {
  return { line, token, text, fixed: false, slot };
}

function bestCost(cands: Candidate[]): number {
  let best = Infinity;
  for (const c of cands) if (c.id !== UNK && c.cost < best) best = c.cost;
  return best;
}

function bestSyllableCost(cands: Candidate[], model: RestorerModel): number {
  let best = Infinity;
  for (const c of cands) if (model.isSyllable(c.id) && c.cost < best) best = c.cost;
  return best;
}

/** A word token as one piece, or split where OCR merged words (`ngay22`, `BANNHANDAN`): pushed onto `out`. */
export function piecesOf(token: Token, prev: Token | undefined, next: Token | undefined, lineText: string, line: number, model: RestorerModel, gen: CandidateGenerator, out: Piece[]): void {
  if (token.kind !== 'word') {
    const fixed = fixedPiece(token, token.text, line, model);
    // OCR prints digits and symbols for whole syllables (`13` for là, `&` for ở)
    if (gen.ocr && (token.kind === 'number' ? token.text.length <= 2 : OCR_LETTER_SYMBOL.test(token.text))) {
      const readings = gen.candidates(token.text).filter((c) => !c.identity && model.isSyllable(c.id));
      for (const c of readings) fixed.slot.candidates.push({ ...c, cost: c.cost + NUMBER_AS_WORD_COST });
      fixed.fixed = readings.length === 0;
    }
    out.push(fixed);
    return;
  }
  // never a word (a syllable has at most 7 letters): kept, and no step pays for its length
  if (token.text.length > MAX_WORD_TOKEN_LENGTH) {
    out.push(fixedPiece(token, token.text, line, model));
    return;
  }
  // codes and identifiers pass through, unless OCR garbled a word into their shape; in stripped
  // text abbreviations joined by `&` get their Đ (`DTTD&GSDT` → `ĐTTĐ&GSĐT`)
  if (isCodeLikeWord(token.text) && !(gen.ocr && isGarbleShape(token.text) && inWordPosition(prev, next))) {
    const strokes = gen.ampersandCandidates(token.text);
    out.push(strokes ? wordPiece(token, line, token.text, { candidates: strokes }) : fixedPiece(token, token.text, line, model));
    return;
  }
  // single-letter initials joined by `/` (`d/c`): in stripped text, the letter the corpus writes
  if (token.to - token.from === 1) {
    const initials = slashInitials(token, lineText);
    const strokes = initials && gen.slashInitialCandidates(initials.compound, initials.index);
    if (strokes) {
      out.push(wordPiece(token, line, token.text, { candidates: strokes }));
      return;
    }
  }
  if (inCode(token, lineText)) {
    out.push(wordPiece(token, line, token.text, { candidates: gen.codeCandidates(token.text) }));
    return;
  }
  const slot = gen.slot(token.text);
  // only OCR merges words; elsewhere a long token is a code or a foreign word
  if (!gen.ocr || bestCost(slot.candidates) <= SPLIT_ABOVE) {
    out.push(wordPiece(token, line, token.text, slot));
    return;
  }
  // letters and a number run together (one stand-in digit is usually a letter: `18n` lên)
  if (hasMergedNumber(token.text)) {
    const runs = token.text.match(/\p{N}+|[^\p{N}]+/gu)!;
    for (const run of runs) {
      if (/^\p{N}+$/u.test(run) || [...run].length < 2) out.push(fixedPiece(token, run, line, model));
      else for (const t of splitLetters(run, model, gen)) out.push(wordPiece(token, line, t, gen.slot(t)));
    }
    return;
  }
  const parts = [...token.text].length >= 5 ? splitLetters(token.text, model, gen) : [token.text];
  if (parts.length > 1) for (const t of parts) out.push(wordPiece(token, line, t, gen.slot(t)));
  else out.push(wordPiece(token, line, token.text, slot));
}

/** Best segmentation of a letter run into readable syllables, or the run itself. */
function splitLetters(run: string, model: RestorerModel, gen: CandidateGenerator): string[] {
  const chars = [...run];
  const n = chars.length;
  const runCost = bestCost(gen.candidates(run));
  if (n < 4 || /\p{Lu}\p{Ll}+\p{Lu}/u.test(run)) return [run];
  const best = new Float64Array(n + 1).fill(Infinity);
  const from = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  for (let j = 1; j <= n; j++) {
    for (let i = Math.max(0, j - MAX_PIECE_LENGTH); i < j; i++) {
      if (best[i] === Infinity) continue;
      const piece = chars.slice(i, j).join('');
      if (j - i < 2 && !/\p{N}/u.test(piece)) continue;
      const c = bestSyllableCost(gen.candidates(piece), model);
      if (c > PIECE_MAX_COST) continue;
      const v = best[i]! + c + PIECE_PENALTY;
      if (v < best[j]!) {
        best[j] = v;
        from[j] = i;
      }
    }
  }
  // best[n] carries one penalty per piece: a split must beat the whole word by that much
  if (best[n] === Infinity || best[n]! >= runCost) return [run];
  const cuts: string[] = [];
  for (let j = n; j > 0; j = from[j]!) cuts.unshift(chars.slice(from[j]!, j).join(''));
  return cuts;
}
