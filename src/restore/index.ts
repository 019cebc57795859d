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
import { CandidateGenerator, type Candidate } from './candidates.js';
import { Channel, estimateKeep, isOcrKeep } from './channel.js';
import { loadConfusionModel, type ConfusionModel } from './confusion-model.js';
import { decode } from './decoder.js';
import { readModelFile, MODEL_URL, type RestorerModel } from './model.js';
import { markPlaceNames, protectNames } from './names.js';
import { inventedCapitals, writeLines, type Placement } from './output.js';
import type { Piece } from './pieces.js';
import { fold, tonePlacementOf } from './syllable.js';
import { tokenizeLine } from './tokenize.js';
import { BEAM_STATES, CHANNEL_WEIGHT, FAR_GAP, KEEP_LEVELS, MAX_CANDIDATES, MAX_OCR_CANDIDATES, OCR_BEAM_STATES, TRUSTED_MARKS } from './tuning.js';
import { RestoreOptions, type RestoreResult } from './types.js';
import { fixedPiece, listLabelIndex, piecesOf } from './words.js';

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

function generatorFor(model: RestorerModel, confusions: ConfusionModel | null, pKeep: number): CandidateGenerator {
  const level = keepLevel(pKeep);
  const ocrMode = isOcrKeep(pKeep);
  const key = `${level}${ocrMode ? ' ocr' : ''}`;
  let g = generators.get(key);
  if (!g) {
    const channel = new Channel({ pKeep: level, ocrMode, confusions });
    g = new CandidateGenerator(model, channel, { maxCandidates: ocrMode ? MAX_OCR_CANDIDATES : MAX_CANDIDATES, ocr: ocrMode });
    generators.set(key, g);
  }
  return g;
}

export function restore(text: string, options: RestoreOptions = {}): RestoreResult {
  const opts = RestoreOptions.parse(options);
  const { model, confusions } = loadRestorerModels();
  // invisibles out first (a zero-width space or soft hyphen between a letter and its mark
  // keeps them apart), then NFC: every later step reads composed letters
  const lines = text.split('\n').map(cleanLine);
  if (!model) {
    return { text: lines.join('\n'), changes: [], messages: [{ reason: 'no restorer model (run `npm run train`): text left as it is', ruleId: 'restore-no-model', from: 0, to: 0 }] };
  }
  const tStart = performance.now();
  const pKeep = estimateKeep(text);
  const gen = generatorFor(model, confusions, pKeep);

  // Lines are hard-wrapped and blank lines often separate the lines of one paragraph (PDF
  // text), so the decoder reads the text as one stream.
  const pieces: Piece[] = [];
  const tokenLines = lines.map((line) => tokenizeLine(line.replace(/\r$/, '')));
  const stream = tokenLines.flat();
  let k = 0;
  tokenLines.forEach((tokens, li) => {
    const label = listLabelIndex(tokens);
    tokens.forEach((token, ti) => {
      if (ti === label) pieces.push(fixedPiece(token, token.text, li, model));
      else for (const p of piecesOf(token, stream[k - 1], stream[k + 1], lines[li]!, li, model, gen)) pieces.push(p);
      k++;
    });
  });

  markPlaceNames(pieces, model, gen);
  if (pKeep >= TRUSTED_MARKS) protectNames(pieces, model);

  const tDecode = performance.now();
  const slots = pieces.map((p) => p.slot);
  const d = decode(model, slots, CHANNEL_WEIGHT, gen.ocr ? OCR_BEAM_STATES : BEAM_STATES, gen.ocr ? Infinity : FAR_GAP);
  const chosen: Candidate[] = slots.map((s, i) => s.candidates[d.choice[i]!]!);
  if (process.env.VNPLAN_DEBUG) {
    pieces.forEach((p, i) => {
      if (p.text === process.env.VNPLAN_DEBUG) console.error(i, p.text, d.choice[i], d.confidence[i], p.slot.candidates.map((c) => `${c.text}:${c.cost.toFixed(2)}`).join(' '));
    });
  }
  const lowerCase = gen.ocr ? inventedCapitals(pieces, chosen, model) : new Set<number>();
  if (process.env.VNPLAN_TIMING) console.error(`restore: candidates ${(tDecode - tStart).toFixed(0)} ms, decode ${(performance.now() - tDecode).toFixed(0)} ms, ${pieces.length} slots, ${(pieces.reduce((n, p) => n + p.slot.candidates.length, 0) / Math.max(1, pieces.length)).toFixed(2)} candidates per slot`);
  const result = writeLines(lines, pieces, chosen, d.confidence, lowerCase, { ...opts, placement: placementFor(opts.tonePlacement, pieces) });
  // NFC lines and NFC readings joined at word boundaries stay NFC; this is the guarantee
  result.text = result.text.normalize('NFC');
  return result;
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

export * from './types.js';
