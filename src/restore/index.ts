/**
 * The restorer: diacritics and OCR repair for Vietnamese text. Contract: one output line
 * per input line; what is not a Vietnamese word (numbers, codes, punctuation, spacing) is
 * kept; correct text comes out unchanged. A syllable-level noisy-channel decoder: candidates
 * from the strip map and the OCR channel, a trigram language model, Viterbi per paragraph.
 */
import { pathToFileURL } from 'node:url';
import { CandidateGenerator, type Candidate } from './candidates.js';
import { Channel, estimateKeep } from './channel.js';
import { loadConfusionModel, type ConfusionModel } from './confusion-model.js';
import { decode, type Slot } from './decoder.js';
import { wordKey, tokenId } from './lexicon.js';
import { readModelFile, MODEL_URL, UNK, type RestorerModel } from './model.js';
import { applyCase, casePattern, fold, isValidSyllable } from './syllable.js';
import { LETTER_LABEL, LETTER_LABEL_CLOSE, OCR_INVENTED_CAPITALS, ROMAN_LABEL, ROMAN_LABEL_CLOSE, SENTENCE_END } from './data/structure.js';
import { tokenizeLine, type Token } from './tokenize.js';
import { RestoreOptions, type RestoreChange, type RestoreMessage, type RestoreResult } from './types.js';

/** How much the channel counts against the language model. */
const CHANNEL_WEIGHT = 1;
const MAX_CANDIDATES = 12;
/** Beam width: OCR lattices are wider and OCR text is short, so it gets more states. */
const BEAM_STATES = 6;
const OCR_BEAM_STATES = 10;
/** Outside OCR text, candidates ranked this far behind are tried only after a likely previous word. */
const FAR_GAP = 2.5;
/** OCR text needs more: its tokens reach many syllables at similar cost. */
const MAX_OCR_CANDIDATES = 12;
/** A word whose best reading costs more than this is tried as pieces (split words). */
const SPLIT_ABOVE = 4;
const PIECE_PENALTY = 2.5;
/**
 * All-caps runs (headings, the letter-spaced header block) are merged words more often than
 * damaged ones (`XACHU` → XÃ CHƯ, then `CHƯ PƠNG` reads as a name): their pieces pay less.
 */
const CAPS_PIECE_PENALTY = 2;
/** A piece of a split word must read as a syllable at most this dear. */
const PIECE_MAX_COST = 2.5;
/** Reading a short number or a lone symbol as a syllable, on top of the channel cost. */
const NUMBER_AS_WORD_COST = 2;
const OCR_LETTER_SYMBOL = /^[&¢€¥§]$/u;
/** Place names: how many syllables, how dear a syllable's reading may be, and the bonus. */
const MAX_NAME_SYLLABLES = 4;
const NAME_MAX_SYLLABLE_COST = 3.5;
const NAME_MAX_COST_PER_SYLLABLE = 2.5;
const NAME_BONUS = 3;
/** Above this estimated keep-probability the text's marks are trusted (English-model OCR: ~0.2). */
const TRUSTED_MARKS = 0.5;
/**
 * Changing the marks of a validly marked syllable inside a capitalised run (a person's or a
 * place's name) when the marks are trusted: on top of the channel, so it essentially never
 * happens (the LM prefers common words: `Duy Luân` → `Duy Luận`).
 */
const NAME_MARK_CHANGE_COST = 12;

interface Loaded {
  model: RestorerModel | null;
  confusions: ConfusionModel | null;
  loadMs: number;
}

let loaded: Loaded | undefined;

/** Load the models once per process (lazily, on first use). */
export function loadRestorerModels(url: URL = process.env.VNPLAN_RESTORER_MODEL ? pathToFileURL(process.env.VNPLAN_RESTORER_MODEL) : MODEL_URL): Loaded {
  if (loaded) return loaded;
  const t0 = performance.now();
  const model = readModelFile(url, (s) => fold(s));
  const confusions = loadConfusionModel();
  loaded = { model, confusions, loadMs: performance.now() - t0 };
  return loaded;
}

const generators = new Map<number, CandidateGenerator>();

function generatorFor(model: RestorerModel, confusions: ConfusionModel | null, pKeep: number): CandidateGenerator {
  const key = Math.round(pKeep * 200);
  let g = generators.get(key);
  if (!g) {
    const channel = new Channel({ pKeep: key / 200, confusions });
    g = new CandidateGenerator(model, channel, { maxCandidates: channel.ocrMode ? MAX_OCR_CANDIDATES : MAX_CANDIDATES, ocr: channel.ocrMode });
    generators.set(key, g);
  }
  return g;
}

interface Piece {
  line: number;
  /** The source token (in the line) this piece belongs to. */
  token: Token;
  text: string;
  slot: Slot;
  fixed: boolean;
}

export function restore(text: string, options: RestoreOptions = {}): RestoreResult {
  const opts = RestoreOptions.parse(options);
  const { model, confusions } = loadRestorerModels();
  const lines = text.split('\n');
  if (!model) {
    return { text, changes: [], messages: [{ reason: 'no restorer model (run `npm run train`): text left as it is', ruleId: 'restore-no-model', from: 0, to: 0 }] };
  }
  const tStart = performance.now();
  const pKeep = estimateKeep(text);
  const gen = generatorFor(model, confusions, pKeep);

  // pieces of every line, paragraph by paragraph
  const pieces: Piece[] = [];
  const paragraphs: [number, number][] = [];
  let start = 0;
  lines.forEach((line, li) => {
    // Lines are hard-wrapped and blank lines often separate the lines of one paragraph
    // (PDF text), so the decoder reads the text as one stream.
    const tokens = tokenizeLine(line.replace(/\r$/, ''));
    const label = listLabelIndex(tokens);
    tokens.forEach((token, ti) => {
      if (ti === label) pieces.push(fixedPiece(token, token.text, li, model));
      else for (const p of piecesOf(token, line, li, model, gen)) pieces.push(p);
    });
  });
  if (pieces.length > start) paragraphs.push([start, pieces.length]);

  markPlaceNames(pieces, model, gen);
  if (pKeep >= TRUSTED_MARKS) protectNames(pieces, model);

  const chosen: Candidate[] = new Array(pieces.length);
  const confidence = new Array<number>(pieces.length).fill(1);
  const tDecode = performance.now();
  for (const [a, b] of paragraphs) {
    const slots = pieces.slice(a, b).map((p) => p.slot);
    const d = decode(model, slots, CHANNEL_WEIGHT, gen.ocr ? OCR_BEAM_STATES : BEAM_STATES, gen.ocr ? Infinity : FAR_GAP);
    for (let i = 0; i < slots.length; i++) {
      if (process.env.VNPLAN_DEBUG && pieces[a + i]!.text === process.env.VNPLAN_DEBUG) console.error(i, pieces[a + i]!.text, d.choice[i], d.confidence[i], slots[i]!.candidates.map((c) => `${c.text}:${c.cost.toFixed(2)}`).join(' '));
      chosen[a + i] = slots[i]!.candidates[d.choice[i]!]!;
      confidence[a + i] = d.confidence[i]!;
    }
  }
  const lowerCase = gen.ocr ? inventedCapitals(pieces, chosen, model) : new Set<number>();

  if (process.env.VNPLAN_TIMING) console.error(`restore: candidates ${(tDecode - tStart).toFixed(0)} ms, decode ${(performance.now() - tDecode).toFixed(0)} ms, ${pieces.length} slots, ${(pieces.reduce((n, p) => n + p.slot.candidates.length, 0) / pieces.length).toFixed(2)} candidates per slot`);
  // rebuild the lines: only word tokens are rewritten, everything between them is copied
  const changes: RestoreChange[] = [];
  const messages: RestoreMessage[] = [];
  const out: string[] = [];
  let offset = 0;
  let pi = 0;
  lines.forEach((line, li) => {
    let result = '';
    let cursor = 0;
    const lineUpper = isUpperLine(line);
    while (pi < pieces.length && pieces[pi]!.line === li) {
      const token = pieces[pi]!.token;
      const group: Piece[] = [];
      while (pi < pieces.length && pieces[pi]!.token === token) group.push(pieces[pi++]!);
      result += line.slice(cursor, token.from);
      cursor = token.to;
      const from = offset + result.length;
      let minConf = 1;
      const parts = group.map((p, k) => {
        const idx = pieces.indexOf(p, pi - group.length + k);
        const c = chosen[idx]!;
        const conf = confidence[idx]!;
        if (p.fixed || c.identity) return p.text;
        minConf = Math.min(minConf, conf);
        return lowerCase.has(idx) ? c.text : renderCandidate(p.text, c, lineUpper);
      });
      let restored = group.length > 1 ? joinPieces(group, parts) : parts[0]!;
      if (restored !== token.text) {
        if (minConf < opts.minConfidence) {
          messages.push({ reason: `kept "${token.text}": best reading "${restored}" is uncertain`, ruleId: 'restore-uncertain', from, to: from + token.text.length, confidence: round(minConf) });
          restored = token.text;
        } else {
          changes.push({ from, to: from + restored.length, original: token.text, restored, confidence: round(minConf) });
          if (minConf < opts.flagBelow) messages.push({ reason: `"${token.text}" restored as "${restored}" with low confidence`, ruleId: 'restore-low-confidence', from, to: from + restored.length, confidence: round(minConf) });
        }
      } else if (group.some((p) => !p.fixed && p.slot.candidates.length === 1 && p.slot.candidates[0]!.id === UNK && /\p{L}/u.test(p.text) && !/^\p{Lu}+$/u.test(p.text))) {
        messages.push({ reason: `"${token.text}" is not a known Vietnamese word and was kept`, ruleId: 'restore-unknown-word', from, to: from + restored.length });
      }
      result += restored;
    }
    result += line.slice(cursor);
    out.push(result);
    offset += result.length + 1;
  });
  return { text: out.join('\n'), changes, messages };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The candidate in the case of the observed token. */
function renderCandidate(observed: string, c: Candidate, lineUpper: boolean): string {
  if (wordKey(observed) === c.text) return observed;
  const pattern = casePattern(observed);
  // OCR mixes case inside words (`PiCH`, `CAp`): the line decides (a heading is all caps)
  return applyCase(c.text, pattern === 'mixed' ? (lineUpper ? 'upper' : 'title') : pattern);
}

/** Most words of two letters or more on the line are in capitals. */
function isUpperLine(line: string): boolean {
  const words = line.match(/[\p{L}\p{M}]{2,}/gu) ?? [];
  const upper = words.filter((w) => w === w.toUpperCase()).length;
  return words.length > 0 && upper * 2 > words.length;
}

function joinPieces(group: Piece[], parts: string[]): string {
  let s = parts[0]!;
  for (let i = 1; i < group.length; i++) s += ' ' + parts[i]!;
  void group;
  return s;
}

/** Place names of the gazetteer, by the fold of their first syllable: `chu` → [[chư, pơng], …]. */
const nameIndexes = new WeakMap<RestorerModel, Map<string, string[][]>>();

function nameIndex(model: RestorerModel): Map<string, string[][]> {
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

/**
 * Capitalised runs of words that read as a place name of the gazetteer (`Chu Pong` →
 * Chư Pơng, `Hén Qudn` → Hớn Quản) get that reading as a cheaper candidate: names are rare in
 * the corpus, so the LM alone would prefer common words (`Chủ Động`).
 */
/** Per candidate generator (reading mode): token → folds of its readings that begin a name. */
const firstFoldCaches = new WeakMap<CandidateGenerator, Map<string, Set<string>>>();

function markPlaceNames(pieces: Piece[], model: RestorerModel, gen: CandidateGenerator): void {
  const index = nameIndex(model);
  let firstFoldCache = firstFoldCaches.get(gen);
  if (!firstFoldCache) firstFoldCaches.set(gen, (firstFoldCache = new Map()));
  const capitalised = (p: Piece | undefined) => !!p && !p.fixed && /^\p{Lu}/u.test(p.text);
  for (let i = 0; i < pieces.length; i++) {
    if (!capitalised(pieces[i])) continue;
    const first = pieces[i]!;
    let firstFolds = firstFoldCache.get(first.text);
    if (!firstFolds) {
      firstFolds = new Set([fold(first.text.toLowerCase()), ...first.slot.candidates.map((c) => fold(c.text))].filter((f) => index.has(f)));
      if (firstFoldCache.size > 50_000) firstFoldCache.clear();
      firstFoldCache.set(first.text, firstFolds);
    }
    for (const f of firstFolds) {
      for (const name of index.get(f) ?? []) {
        const n = name.length;
        const run = pieces.slice(i, i + n);
        if (run.length < n || !run.every(capitalised)) continue;
        const costs = run.map((p, k) => gen.channelCost(p.text, name[k]!));
        const total = costs.reduce((a, b) => a + b, 0);
        if (costs.some((c) => c > NAME_MAX_SYLLABLE_COST) || total > NAME_MAX_COST_PER_SYLLABLE * n) continue;
        run.forEach((p, k) => {
          const id = model.idOf.get(name[k]!)!;
          const cost = costs[k]! - NAME_BONUS; // below zero: a bonus
          const others = p.slot.candidates.filter((c) => c.id !== id);
          p.slot = { candidates: [{ id, text: name[k]!, cost, identity: wordKey(p.text) === name[k] }, ...others] };
        });
      }
    }
  }
}

/**
 * The index of the list label that opens a line (`a)`, `¢)`, `1.`, `II.`, `I11.`), or -1:
 * labels are structure the segmenter reads, never words to restore.
 */
function listLabelIndex(tokens: Token[]): number {
  const [label, close] = tokens;
  if (!label || !close || close.from !== label.to || label.kind === 'punct') return -1;
  if (close.text === LETTER_LABEL_CLOSE && LETTER_LABEL.test(label.text)) return 0;
  if (close.text === ROMAN_LABEL_CLOSE && (label.kind === 'number' || ROMAN_LABEL.test(label.text))) return 0;
  return -1;
}

const capitalisedWord = (p: Piece | undefined): boolean => !!p && !p.fixed && /^\p{Lu}/u.test(p.text);

/** The piece stands alone for its token (not part of a split word). */
const wholeToken = (pieces: Piece[], i: number): boolean => pieces[i - 1]?.token !== pieces[i]!.token && pieces[i + 1]?.token !== pieces[i]!.token;

/** Only spacing lies between two pieces of the same line. */
function adjacent(a: Piece | undefined, b: Piece | undefined): boolean {
  return !!a && !!b && a.line === b.line && a.token !== b.token && a.token.to <= b.token.from;
}

/**
 * When the text's marks are trusted, a capitalised, validly marked syllable next to another
 * capitalised word (a name: `Nguyễn Duy Luân`, `Ban Chỉ đạo`) keeps its marks: every other
 * reading pays `NAME_MARK_CHANGE_COST` more. Ordinary words are still repaired.
 */
function protectNames(pieces: Piece[], model: RestorerModel): void {
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
    p.slot = { candidates: p.slot.candidates.map((c) => (c.identity ? c : { ...c, cost: c.cost + NAME_MARK_CHANGE_COST })) };
  }
}

/**
 * Capitals OCR invented mid-sentence (`toàn X4,` → `toàn xã,`, `đẩy Iui` → `đẩy lùi`): the
 * pieces whose chosen syllable is written in small letters. Only where the token is damaged
 * (a digit or symbol inside, or letters the reading changed), its capital is one OCR makes up
 * (`OCR_INVENTED_CAPITALS`), the word before is a small-letter word and the word after is not
 * capitalised (not a name run). Words plans capitalise on purpose are never touched.
 */
function inventedCapitals(pieces: Piece[], chosen: Candidate[], model: RestorerModel): Set<number> {
  const out = new Set<number>();
  for (let i = 1; i < pieces.length; i++) {
    const p = pieces[i]!, c = chosen[i]!;
    if (p.fixed || c.identity || !model.isSyllable(c.id) || !wholeToken(pieces, i)) continue;
    const chars = [...p.text];
    const small = OCR_INVENTED_CAPITALS[chars[0]!];
    if (small === undefined || chars.length < 2 || /\p{Lu}/u.test(chars.slice(1).join(''))) continue;
    if (fold(c.text).charAt(0) !== (small ?? chars[0]!.toLowerCase())) continue;
    const damaged = /[^\p{L}\p{M}]/u.test(p.text) || fold(p.text.toLowerCase()) !== fold(c.text);
    if (!damaged) continue;
    const prev = pieces[i - 1]!, next = pieces[i + 1];
    if (prev.fixed || SENTENCE_END.test(prev.text) || !/^\p{Ll}/u.test(prev.text)) continue;
    if (next && next.line === p.line && capitalisedWord(next)) continue;
    out.add(i);
  }
  return out;
}

/** An all-caps word attached to `/` or `-` with letters or digits beyond: part of a document code. */
function inCode(token: Token, line: string): boolean {
  // addresses and file names: `ubnd@gialai.gov.vn`, `www.chinhphu.vn`
  if (/[\p{L}\p{N}][.@]$/u.test(line.slice(Math.max(0, token.from - 2), token.from)) || /^[.@][\p{L}\p{N}]/u.test(line.slice(token.to, token.to + 2))) return true;
  if (!/^[\p{Lu}\p{N}]+$/u.test(token.text) || !/\p{L}/u.test(token.text)) return false;
  const before = line.slice(Math.max(0, token.from - 2), token.from);
  const after = line.slice(token.to, token.to + 2);
  return /[\p{L}\p{N}][/-]$/u.test(before) || /^[/-][\p{L}\p{N}]/u.test(after);
}

/** A fixed (not decoded) piece: numbers, punctuation. */
function fixedPiece(token: Token, text: string, line: number, model: RestorerModel): Piece {
  const id = tokenId({ ...token, text, kind: /^\p{N}+$/u.test(text) ? 'number' : token.kind }, model.idOf);
  return { line, token, text, fixed: true, slot: { candidates: [{ id, text, cost: 0, identity: true }] } };
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

/** A word token as one piece, or split where OCR merged words (`ngay22`, `BANNHANDAN`). */
function piecesOf(token: Token, lineText: string, line: number, model: RestorerModel, gen: CandidateGenerator): Piece[] {
  if (token.kind !== 'word') {
    const fixed = fixedPiece(token, token.text, line, model);
    // OCR prints digits and symbols for whole syllables (`13` for là, `&` for ở)
    if (gen.ocr && (token.kind === 'number' ? token.text.length <= 2 : OCR_LETTER_SYMBOL.test(token.text))) {
      const readings = gen.candidates(token.text).filter((c) => !c.identity && model.isSyllable(c.id));
      for (const c of readings) fixed.slot.candidates.push({ ...c, cost: c.cost + NUMBER_AS_WORD_COST });
      fixed.fixed = readings.length === 0;
    }
    return [fixed];
  }
  const wordPiece = (text: string, cands: Candidate[]): Piece => ({ line, token, text, fixed: false, slot: { candidates: cands } });
  if (inCode(token, lineText)) return [wordPiece(token.text, gen.codeCandidates(token.text))];
  const whole = gen.candidates(token.text);
  const wholeCost = bestCost(whole);
  // only OCR merges words; elsewhere a long token is a code or a foreign word
  if (wholeCost <= SPLIT_ABOVE || !gen.ocr) return [wordPiece(token.text, whole)];
  // letters and digits run together
  // (only a run of two digits or more is a number: one digit is usually a letter, `18n` lên)
  if (/\p{N}{2}/u.test(token.text) && /\p{L}{2}/u.test(token.text)) {
    const runs = token.text.match(/\p{N}+|[^\p{N}]+/gu)!;
    const out: Piece[] = [];
    for (const run of runs) {
      if (/^\p{N}+$/u.test(run) || [...run].length < 2) out.push(fixedPiece(token, run, line, model));
      else out.push(...splitLetters(run).map((t) => wordPiece(t, gen.candidates(t))));
    }
    return out;
  }
  const parts = [...token.text].length >= 5 ? splitLetters(token.text) : [token.text];
  return parts.length > 1 ? parts.map((t) => wordPiece(t, gen.candidates(t))) : [wordPiece(token.text, whole)];

  /** Best segmentation of a letter run into readable syllables, or the run itself. */
  function splitLetters(run: string): string[] {
    const chars = [...run];
    const n = chars.length;
    const runCost = bestCost(gen.candidates(run));
    const penalty = casePattern(run) === 'upper' ? CAPS_PIECE_PENALTY : PIECE_PENALTY;
    if (n < 4 || /\p{Lu}\p{Ll}+\p{Lu}/u.test(run)) return [run];
    const best = new Float64Array(n + 1).fill(Infinity);
    const from = new Int32Array(n + 1).fill(-1);
    best[0] = 0;
    for (let j = 1; j <= n; j++) {
      for (let i = Math.max(0, j - 7); i < j; i++) {
        if (best[i] === Infinity) continue;
        const piece = chars.slice(i, j).join('');
        if (j - i < 2 && !/\p{N}/u.test(piece)) continue;
        const c = bestSyllableCost(gen.candidates(piece), model);
        if (c > PIECE_MAX_COST) continue;
        const v = best[i]! + c + penalty;
        if (v < best[j]!) { best[j] = v; from[j] = i; }
      }
    }
    // best[n] carries one penalty per piece: a split must beat the whole word by that much
    if (best[n] === Infinity || best[n]! >= runCost) return [run];
    const cuts: string[] = [];
    for (let j = n; j > 0; j = from[j]!) cuts.unshift(chars.slice(from[j]!, j).join(''));
    return cuts;
  }
}

export * from './types.js';
