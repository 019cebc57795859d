/**
 * The restorer: diacritics and OCR repair for Vietnamese text. Contract: one output line
 * per input line; what is not a Vietnamese word (numbers, codes, punctuation, spacing) is
 * kept; correct text comes out unchanged. A syllable-level noisy-channel decoder: candidates
 * from the strip map and the OCR channel (candidates.ts, channel.ts), a language model
 * (model.ts), beam search per text (decoder.ts); words split where OCR merged them (words.ts),
 * names read and kept (names.ts), the lines written back (output.ts). Tuning: tuning.ts.
 */
import { pathToFileURL } from 'node:url';
import { BoundedCache } from './cache.js';
import { CandidateGenerator, foldNodes, type Candidate } from './candidates.js';
import { Channel, estimateKeep, isOcrKeep } from './channel.js';
import { loadConfusionModel, type ConfusionModel } from './confusion-model.js';
import { loadInitials, type Initials } from './initials.js';
import { bestPath, buildLattice, posteriors, type Lattice } from './decoder.js';
import { readModelFile, MODEL_URL, type RestorerModel } from './model.js';
import { markPlaceNames, nameIndex, markSignerNames, protectNames, splitGluedNames } from './names.js';
import { writeLines, type Placement } from './output.js';
import { ocrCase } from './ocr-case.js';
import type { Piece } from './pieces.js';
import { markSentenceStarts } from './sentences.js';
import { fold, tonePlacementOf } from './syllable.js';
import { tokenizeLine, type Token } from './tokenize.js';
import { addPairCacheCosts, clearCounts, documentCacheCosts, documentCounts } from './doc-cache.js';
import { BEAM_STATES, CACHE_REREAD_ABOVE, CACHE_WEIGHT, CACHE_WINDOW, CHANNEL_WEIGHT, PAIR_CACHE_WEIGHT, FAR_GAP, KEEP_LEVELS, MARK_CHANGE_RATE, MAX_CANDIDATES, MIN_MARK_CHANGES, VIE_MARK_WEIGHT, MAX_OCR_CANDIDATES, OCR_BEAM_STATES, TRUSTED_MARKS } from './tuning.js';
import { parseRestoreOptions } from './options.js';
import type { RestoreOptions, RestoreResult } from './types.js';
import { fixedPiece, listLabelIndex, piecesOf } from './words.js';

interface Loaded {
  model: RestorerModel | null;
  confusions: ConfusionModel | null;
  /** Where a D of initials stands for Đ (initials.ts; null: no such model, the rule is off). */
  initials: Initials | null;
  loadMs: number;
}

let loaded: Loaded | undefined;

/** Load the models once per process (lazily, on first use). */
export function loadRestorerModels(url: URL = process.env.VNPLAN_RESTORER_MODEL ? pathToFileURL(process.env.VNPLAN_RESTORER_MODEL) : MODEL_URL): Loaded {
  if (loaded) return loaded;
  const t0 = performance.now();
  const model = readModelFile(url, (s) => fold(s));
  const confusions = loadConfusionModel(process.env.VNPLAN_CONFUSION_MODEL ? pathToFileURL(process.env.VNPLAN_CONFUSION_MODEL) : undefined);
  const initials = loadInitials(process.env.VNPLAN_INITIALS_MODEL ? pathToFileURL(process.env.VNPLAN_INITIALS_MODEL) : undefined);
  // what every kind of text needs is built now, once, so that a first call costs what the next ones do
  if (model) {
    nameIndex(model);
    foldNodes(model);
    for (const level of KEEP_LEVELS) generatorFor(model, confusions, initials, level);
  }
  loaded = { model, confusions, initials, loadMs: performance.now() - t0 };
  return loaded;
}

/**
 * One candidate generator per reading level (the keep-probability snapped to `KEEP_LEVELS`):
 * a few generators whose caches serve every text of that kind. Bounded like every cache.
 */
const generators = new BoundedCache<string, CandidateGenerator>(2 * KEEP_LEVELS.length);

/** The level nearest to the estimated keep-probability, on the log-odds scale. */
export function keepLevel(pKeep: number): number {
  const logit = (p: number) => Math.log(p / (1 - p));
  let best = KEEP_LEVELS[0]!;
  for (const level of KEEP_LEVELS) if (Math.abs(logit(level) - logit(pKeep)) < Math.abs(logit(best) - logit(pKeep))) best = level;
  return best;
}

function generatorFor(model: RestorerModel, confusions: ConfusionModel | null, initials: Initials | null, pKeep: number): CandidateGenerator {
  const level = keepLevel(pKeep);
  const ocrMode = isOcrKeep(pKeep);
  const noise = ocrMode || level < TRUSTED_MARKS ? 0 : VIE_MARK_WEIGHT;
  const key = `${level}${ocrMode ? ' ocr' : ''} ${noise}`;
  let g = generators.get(key);
  if (!g) {
    const channel = new Channel({ pKeep: level, ocrMode, confusions, noise });
    g = new CandidateGenerator(model, channel, { maxCandidates: ocrMode ? MAX_OCR_CANDIDATES : MAX_CANDIDATES, ocr: ocrMode, initials });
    generators.set(key, g);
  }
  return g;
}

export function restore(text: string, options: RestoreOptions = {}): RestoreResult {
  const opts = parseRestoreOptions(options);
  const { model, confusions, initials } = loadRestorerModels();
  // VNPLAN_TIMING=1: the CPU time of each step on stderr
  const laps: [string, number][] | undefined = process.env.VNPLAN_TIMING ? [] : undefined;
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let lapFrom = laps ? cpuMs() : 0;
  const lap = (step: string) => {
    if (!laps) return;
    const now = cpuMs();
    laps.push([step, now - lapFrom]);
    lapFrom = now;
  };
  // invisibles out first (a zero-width space or soft hyphen between a letter and its mark
  // keeps them apart), then NFC: every later step reads composed letters
  const lines = text.split('\n').map(cleanLine);
  if (!model) {
    return { text: lines.join('\n'), changes: [], messages: [{ reason: 'no restorer model (run `npm run train`): text left as it is', ruleId: 'restore-no-model', from: 0, to: 0 }] };
  }
  const pKeep = estimateKeep(lines.join('\n'));
  const gen = generatorFor(model, confusions, initials, pKeep);

  // Lines are hard-wrapped and blank lines often separate the lines of one paragraph (PDF
  // text), so the decoder reads the text as one stream.
  const pieces: Piece[] = [];
  const tokenLines = lines.map((line) => tokenizeLine(line.replace(/\r$/, '')));
  // (a loop: Array.prototype.flat took 40 ms over the 35 dev plans)
  const stream: Token[] = [];
  for (const tokens of tokenLines) for (const t of tokens) stream.push(t);
  let k = 0;
  let previousLabel = '';
  lap('lines, keep, tokens');
  tokenLines.forEach((tokens, li) => {
    const label = listLabelIndex(tokens);
    tokens.forEach((token, ti) => {
      if (ti === label) {
        pieces.push(fixedPiece(token, letterLabel(token.text, previousLabel), li, model));
        if (tokens[1]?.text === ')') previousLabel = token.text;
      }
      else piecesOf(token, stream[k - 1], stream[k + 1], lines[li]!, li, model, gen, pieces);
      k++;
    });
  });

  lap('pieces');
  // names glued to the word before them are cut out where the document prints them elsewhere
  if (splitGluedNames(pieces, markPlaceNames(pieces, model, gen), gen)) markPlaceNames(pieces, model, gen);
  markSignerNames(pieces, lines, model, gen);
  if (pKeep >= TRUSTED_MARKS) protectNames(pieces, model);
  markSentenceStarts(pieces);

  lap('names');
  const beam = gen.ocr ? OCR_BEAM_STATES : BEAM_STATES;
  // (in OCR text and Vietnamese-model OCR every candidate is tried: their near-misses are far)
  const far = gen.ocr || gen.noisy ? Infinity : FAR_GAP;
  const lat = buildLattice(pieces, CHANNEL_WEIGHT, far);
  const starts = new Uint8Array(pieces.length);
  let choice = bestPath(model, lat, beam, undefined, starts);
  lap('first reading');
  let extra: Float64Array | undefined;
  if (CACHE_WEIGHT > 0) ({ choice, extra } = rereadWithCache(pieces, lat, choice, model, beam, starts, gen.ocr));
  lap('second reading');
  const chosen: Candidate[] = pieces.map((p, i) => p.slot.candidates[choice[i]!]!);
  // confidences are read only where the reading is not the token as printed (output.ts)
  const d = { choice, ...posteriors(model, lat, choice, extra, (i) => lat.self[i] !== choice[i], starts, !opts.details && !gen.noisy) };
  lap('posteriors');
  if (process.env.VNPLAN_DEBUG) {
    pieces.forEach((p, i) => {
      if (p.text === process.env.VNPLAN_DEBUG) console.error(i, p.text, d.choice[i], d.confidence[i], p.slot.candidates.map((c) => `${c.text}:${c.cost.toFixed(2)}`).join(' '));
    });
  }
  if (gen.noisy) keepMarksOfCorrectText(pieces, chosen, d.confidence, d.identity, model);
  const caseOf = gen.ocr ? ocrCase(pieces, chosen, model, lines) : new Map<number, never>();
  const result = writeLines(lines, pieces, chosen, d.confidence, d.identity, caseOf, { ...opts, placement: placementFor(opts.tonePlacement, pieces) });
  // NFC lines and NFC readings joined at word boundaries stay NFC; this is the guarantee
  result.text = result.text.normalize('NFC');
  lap('output');
  if (laps) console.error(`restore (CPU): ${laps.map(([step, ms]) => `${step} ${ms.toFixed(0)} ms`).join(', ')}; ${pieces.length} slots, ${(lat.ids.length / Math.max(1, pieces.length)).toFixed(2)} candidates per slot`);
  return result;
}

/**
 * The second reading with the document cache (doc-cache.ts). Only where the cache disagrees
 * with the first reading (and two slots around) are the candidates open again; elsewhere the
 * first reading stands, so the second reading costs a fraction of the first.
 */
/**
 * The document counts of `rereadWithCache`, kept between calls and zeroed after each (a fresh
 * array of the vocabulary's size was a short text's largest allocation).
 */
let countsScratch: Int32Array | undefined;

function rereadWithCache(pieces: Piece[], lat: Lattice, first: Int32Array, model: RestorerModel, beam: number, starts: Uint8Array, ocr: boolean): { choice: Int32Array; extra: Float64Array } {
  const chosen = pieces.map((p, i) => p.slot.candidates[first[i]!]!);
  if (countsScratch?.length !== model.vocab.length) countsScratch = new Int32Array(model.vocab.length);
  const counts = countsScratch;
  let extra: Float64Array;
  try {
    extra = documentCacheCosts(lat, first, documentCounts(pieces, chosen, model, counts), model, ocr);
    if (PAIR_CACHE_WEIGHT > 0) addPairCacheCosts(pieces, lat, first, extra);
  } finally {
    clearCounts(counts, chosen);
  }
  const open = new Uint8Array(pieces.length);
  for (let i = 0; i < pieces.length; i++) {
    if (extra[lat.offs[i]! + first[i]!]! <= CACHE_REREAD_ABOVE) continue;
    for (let k = Math.max(0, i - CACHE_WINDOW); k <= Math.min(pieces.length - 1, i + CACHE_WINDOW); k++) open[k] = 1;
  }
  return { choice: bestPath(model, lat, beam, { extra, open, choice: first }, starts), extra };
}

/**
 * Marked text is decoded with the Vietnamese-model OCR mark channel, where a valid syllable
 * may have been read with a wrong mark (`Tô` for Tổ). Whether the text is such OCR or correct
 * text shows in how many of those near-misses the decoder found: vie OCR of poor scans has
 * 0.7–8 % of its words so corrected, correct plans under 0.15 % (typos and the language
 * model's own mistakes). Below `MARK_CHANGE_RATE` the text is taken as correct and its valid
 * syllables keep their marks.
 */
function keepMarksOfCorrectText(pieces: Piece[], chosen: Candidate[], confidence: Float64Array, identity: Float64Array, model: RestorerModel): void {
  let words = 0;
  const changed: number[] = [];
  pieces.forEach((p, i) => {
    if (p.fixed) return;
    words++;
    const c = chosen[i]!;
    if (c.identity) return;
    const self = p.slot.candidates.find((x) => x.identity);
    if (self && model.isSyllable(self.id) && fold(c.text) === fold(p.text.toLowerCase())) changed.push(i);
  });
  if (changed.length >= MIN_MARK_CHANGES && changed.length >= MARK_CHANGE_RATE * words) return;
  for (const i of changed) {
    chosen[i] = pieces[i]!.slot.candidates.find((x) => x.identity)!;
    confidence[i] = 1;
    identity[i] = 1;
  }
}

/**
 * A letter label as printed, except `d)` right after `d)`: the alphabet of list labels runs
 * `a b c d đ e`, so a second `d)` is an `đ)` whose stroke was lost (stripped text, English-model OCR).
 */
function letterLabel(text: string, previous: string): string {
  if ((text === 'd' || text === 'D') && (previous === 'd' || previous === 'D')) return text === 'd' ? 'đ' : 'Đ';
  return text;
}

/**
 * Characters that print nothing: soft hyphen, zero-width space / non-joiner / joiner, word
 * joiner, byte-order mark. Removed before reading (and from the output text).
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

function cleanLine(line: string): string {
  return line.replace(INVISIBLE, '').normalize('NFC');
}

/** The output's tone placement; for `keep`, restored words follow most of the input's words. */
function placementFor(option: 'classic' | 'modern' | 'keep', pieces: Piece[]): Placement {
  if (option !== 'keep') return { style: option, keepInput: false };
  let classic = 0, modern = 0;
  for (const p of pieces) {
    if (p.fixed) continue;
    const style = tonePlacementOf(p.text);
    if (style === 'classic') classic++;
    else if (style === 'modern') modern++;
  }
  return { style: modern > classic ? 'modern' : 'classic', keepInput: true };
}

// (types only: the zod schemas stay out of a restore process, options.ts)
export type { RestoreChange, RestoreMessage, RestoreOptions, RestoreResult } from './types.js';
