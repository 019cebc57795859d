/**
 * Learns the OCR channel P(ocr | gold) for the restorer: renders passages of the
 * administrative corpus to A4 pages (clean and scan-like), OCRs them with tesseract.js
 * (`eng`, which strips Vietnamese marks as in the seed scans, and `vie`), aligns every OCR
 * line with the line that was drawn there, and counts what was printed for what.
 *
 *   npx tsx scripts/train/confusions.ts --pages 60          # train, write models/confusions.json.gz
 *   npx tsx scripts/train/confusions.ts --report            # top confusions of the written model
 *
 * Held out (never trained on, see docs/ocr-channel.md): documents whose file name's sha1 hex
 * starts with `0` or `1`.
 */
import { seededRandom } from '../lib/random.js';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Command } from 'commander';
import sharp, { type Sharp } from 'sharp';
import { z } from 'zod';
import { loadConfusionModel } from '../../src/restore/confusion-model.js';
import { ConfusionModel } from '../../src/restore/confusion-schema.js';
import { alignLine, levenshtein, type AlignedUnit } from '../lib/align.js';
import { isHeldOut, DEFAULT_CORPUS } from './corpus.js';
import { createOcrScheduler, ocrLines, type OcrLang, type OcrLine } from '../lib/ocr-page.js';
import { layoutParagraphs, renderLayoutPage, type BBox, type ParagraphInput, type RenderedPage } from '../lib/render.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The administrative registers, closest to plans first, with how many pages each gets per round. */
export const TRAINING_FOLDERS = [
  { folder: 'tvpl-vanban', weight: 2 },
  { folder: 'congbao', weight: 1 },
] as const;

const sha1 = (text: string | Buffer) => createHash('sha1').update(text).digest('hex');

/** Characters the fonts draw and an OCR model could read; paragraphs with others are skipped. */
const PRINTABLE = /^[\p{Script=Latin}\p{Nd} .,;:!?()[\]"'“”‘’/%&+\-–—…*°=<>#@_§]+$/u;

export interface Passage {
  folder: string;
  file: string;
  paragraphs: ParagraphInput[];
}

/** Form blanks (`ngày......`, `____`): OCR reads dot leaders as junk letters, which would teach junk. */
const LEADERS = /[._…]{4,}|_{2,}/u;

/** Short all-capital lines are set as bold centred headings, as in the documents. */
function styleParagraph(text: string): ParagraphInput {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (text.length <= 70 && letters.length >= 3 && letters === letters.toUpperCase()) {
    return { text, bold: true, align: 'center' };
  }
  return text;
}

/**
 * Deterministic passages, one per page: documents in sha1 order of their names, folders
 * interleaved by weight, each passage starting at a hash-chosen paragraph.
 */
export function pickPassages(corpusDir: string, count: number, options: { heldOut: boolean; salt?: string }): Passage[] {
  const salt = options.salt ?? 'confusions';
  const lists = TRAINING_FOLDERS.map(({ folder, weight }) => {
    const docs = join(corpusDir, folder, 'docs');
    if (!existsSync(docs)) throw new Error(`Corpus folder missing: ${docs}`);
    const files = readdirSync(docs)
      .filter((f) => f.endsWith('.txt') && isHeldOut(f) === options.heldOut)
      .sort((a, b) => sha1(`${salt}:${a}`).localeCompare(sha1(`${salt}:${b}`)));
    return { folder, weight, files, next: 0 };
  });
  const passages: Passage[] = [];
  const order = lists.flatMap((l) => Array.from({ length: l.weight }, () => l));
  let guard = 0;
  while (passages.length < count && guard++ < count * 20) {
    const list = order[guard % order.length]!;
    if (list.files.length === 0) continue;
    const file = list.files[list.next++ % list.files.length]!;
    const round = Math.floor((list.next - 1) / list.files.length);
    const paragraphs = readFileSync(join(corpusDir, list.folder, 'docs', file), 'utf8')
      .normalize('NFC')
      .split('\n')
      .map((l) => l.replace(/\s+/gu, ' ').trim())
      .filter((l) => l.length > 0 && PRINTABLE.test(l) && !LEADERS.test(l));
    if (paragraphs.length < 5) continue;
    const start = parseInt(sha1(`${salt}:${file}:${round}`).slice(0, 8), 16) % Math.max(1, paragraphs.length - 25);
    passages.push({ folder: list.folder, file, paragraphs: paragraphs.slice(start, start + 80).map(styleParagraph) });
  }
  return passages;
}

/** How a page is degraded before OCR: archives hold office scans and poor copies. */
export const VARIANTS = ['clean-300', 'clean-300', 'office-300', 'jpeg-200', 'heavy-300'] as const;
/**
 * The degradations under which `vie` makes its real mistakes (a wrong tone or a lost hat on a
 * valid syllable: `Tổ`→`Tô`, `để`→`đề`, `tháng`→`thẳng`): 200 dpi fax pages thresholded to black
 * and white, greyscale office scans of faded print, poor scans. Clean pages teach `vie` nothing
 * (CER ~0.2 %); the restorer's clean channel covers them.
 */
export const VIE_VARIANTS = ['fax-200', 'office-grey', 'fax-200', 'heavy-300'] as const;
export const ALL_VARIANTS = [...new Set([...VARIANTS, ...VIE_VARIANTS])] as const;
export type Variant = (typeof VARIANTS)[number] | (typeof VIE_VARIANTS)[number];

/** JPEG compression artefacts, then back to PNG so the resolution travels with the image. */
async function jpegArtifacts(image: Sharp, quality: number, dpi: number): Promise<Buffer> {
  const jpeg = await image.jpeg({ quality }).toBuffer();
  return sharp(jpeg).toColourspace('b-w').withMetadata({ density: dpi }).png({ compressionLevel: 1 }).toBuffer();
}


type Lines = RenderedPage['lines'];
const mapLines = (lines: Lines, map: (b: BBox) => BBox): Lines => lines.map((l) => ({ text: l.text, bbox: map(l.bbox) }));

/**
 * A poor scan: faded and blurred print, grain, specks of dust, a slight skew, JPEG. The line
 * boxes are carried through the rotation.
 */
async function heavyScan(page: RenderedPage, seed: number): Promise<{ image: Buffer; lines: Lines }> {
  const rand = seededRandom(seed);
  const { data, info } = await sharp(page.png)
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .blur(1.2)
    .linear(0.7, 55)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  for (let k = 0; k < data.length; k += channels) {
    const v = data[k]! + (rand() + rand() - 1) * 28;
    for (let c = 0; c < channels; c++) data[k + c] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  const specks = Math.round((width * height) / 25_000);
  for (let n = 0; n < specks; n++) {
    const cx = Math.floor(rand() * width);
    const cy = Math.floor(rand() * height);
    const r = 1 + rand() * 2.5;
    const ink = Math.floor(rand() * 110);
    for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(height - 1, cy + r); y++) {
      for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(width - 1, cx + r); x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = ink;
      }
    }
  }
  const degrees = (rand() < 0.5 ? -1 : 1) * (0.25 + rand() * 0.35);
  const rotated = await sharp(data, { raw: { width, height, channels } })
    .rotate(degrees, { background: '#ffffff' })
    .toBuffer({ resolveWithObject: true });
  const image = await jpegArtifacts(
    sharp(rotated.data, { raw: { width: rotated.info.width, height: rotated.info.height, channels: rotated.info.channels } }),
    50,
    page.dpi,
  );
  // sharp turns clockwise about the centre and grows the canvas to hold the turned page.
  const theta = (degrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(theta), Math.sin(theta)];
  const [cx, cy] = [width / 2, height / 2];
  const [dx, dy] = [(rotated.info.width - width) / 2, (rotated.info.height - height) / 2];
  const turn = (x: number, y: number) => [cx + (x - cx) * cos - (y - cy) * sin + dx, cy + (x - cx) * sin + (y - cy) * cos + dy] as const;
  const lines = mapLines(page.lines, (b) => {
    const corners = [turn(b.x0, b.y0), turn(b.x1, b.y0), turn(b.x0, b.y1), turn(b.x1, b.y1)];
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  });
  return { image, lines };
}

/** Grain: independent noise on every pixel, about ±sigma grey levels. */
async function grain(image: Sharp, sigma: number, rand: () => number): Promise<Sharp> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  for (let k = 0; k < data.length; k++) {
    const v = data[k]! + (rand() + rand() + rand() - 1.5) * 2 * sigma;
    data[k] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
}

/**
 * A fax in fine mode: 200 dpi, blurred by the scanner, grainy, thresholded to black and white
 * (a dark threshold thickens strokes and fills the small marks in, a light one breaks them).
 * Parameters vary by page within the ranges measured to give `vie` 0.5–3 % CER.
 */
async function faxPage(page: RenderedPage, rand: () => number): Promise<{ image: Buffer; lines: Lines }> {
  const scale = 200 / page.dpi;
  const blur = 1.0 + rand() * 0.3;
  const sigma = 28 + rand() * 17;
  const threshold = Math.round(110 + rand() * 55);
  const small = sharp(page.png).flatten({ background: '#ffffff' }).toColourspace('b-w').blur(blur).resize(Math.round(page.width * scale), Math.round(page.height * scale));
  const noisy = await grain(small, sigma, rand);
  const image = await noisy.threshold(threshold).toColourspace('b-w').withMetadata({ density: 200 }).png().toBuffer();
  return { image, lines: mapLines(page.lines, (b) => ({ x0: b.x0 * scale, y0: b.y0 * scale, x1: b.x1 * scale, y1: b.y1 * scale })) };
}

/** A greyscale office scan of faded print: blur, grey paper, low contrast, grain, strong JPEG. */
async function officeGrey(page: RenderedPage, rand: () => number): Promise<{ image: Buffer; lines: Lines }> {
  const faded = sharp(page.png).flatten({ background: '#ffffff' }).toColourspace('b-w').blur(1.2 + rand() * 0.4).linear(0.65 + rand() * 0.15, 45 + rand() * 20);
  const noisy = await grain(faded, 10 + rand() * 8, rand);
  return { image: await jpegArtifacts(noisy, Math.round(35 + rand() * 20), page.dpi), lines: page.lines };
}

/** The image handed to OCR (greyscale) and the rendered lines' boxes in that image. */
export async function degrade(page: RenderedPage, variant: Variant, seed = 0): Promise<{ image: Buffer; lines: Lines }> {
  const grey = sharp(page.png).flatten({ background: '#ffffff' }).toColourspace('b-w');
  switch (variant) {
    case 'clean-300':
      return { image: await grey.withMetadata({ density: page.dpi }).png().toBuffer(), lines: page.lines };
    case 'office-300':
      return { image: await jpegArtifacts(grey.blur(0.8), 60, page.dpi), lines: page.lines };
    case 'jpeg-200': {
      const scale = 200 / page.dpi;
      const small = grey.resize(Math.round(page.width * scale), Math.round(page.height * scale), { kernel: 'lanczos3' });
      const lines = mapLines(page.lines, (b) => ({ x0: b.x0 * scale, y0: b.y0 * scale, x1: b.x1 * scale, y1: b.y1 * scale }));
      return { image: await jpegArtifacts(small, 50, 200), lines };
    }
    case 'heavy-300':
      return heavyScan(page, seed);
    case 'fax-200':
      return faxPage(page, seededRandom(seed * 7919 + 1));
    case 'office-grey':
      return officeGrey(page, seededRandom(seed * 7919 + 2));
  }
}

export interface LinePair {
  gold: string;
  ocr: string;
}

/**
 * Pairs OCR lines with the rendered lines by vertical overlap of their boxes; OCR lines that
 * fall on one rendered line (a line split in two) are joined left to right. Rendered lines
 * nobody read and OCR lines on no rendered line (specks) are left out.
 */
export function pairLines(gold: Array<{ text: string; bbox: BBox }>, ocr: OcrLine[], scale = 1): LinePair[] {
  const hits = new Map<number, OcrLine[]>();
  for (const line of ocr) {
    let best = -1;
    let bestOverlap = 0;
    gold.forEach((g, i) => {
      const y0 = g.bbox.y0 * scale;
      const y1 = g.bbox.y1 * scale;
      const overlap = Math.min(y1, line.bbox.y1) - Math.max(y0, line.bbox.y0);
      const horizontal = Math.min(g.bbox.x1 * scale, line.bbox.x1) - Math.max(g.bbox.x0 * scale, line.bbox.x0);
      const ratio = overlap / Math.max(1, Math.min(y1 - y0, line.bbox.y1 - line.bbox.y0));
      if (horizontal > 0 && ratio > bestOverlap) {
        bestOverlap = ratio;
        best = i;
      }
    });
    if (best >= 0 && bestOverlap >= 0.5) hits.set(best, [...(hits.get(best) ?? []), line]);
  }
  return [...hits.entries()]
    .sort(([a], [b]) => a - b)
    .map(([i, lines]) => ({
      gold: gold[i]!.text,
      ocr: lines
        .sort((a, b) => a.bbox.x0 - b.bbox.x0)
        .map((l) => l.text.trim())
        .join(' '),
    }));
}

type Counts = Map<string, Map<string, number>>;
const bump = (counts: Counts, gold: string, ocr: string, by = 1) => {
  const row = counts.get(gold) ?? new Map<string, number>();
  row.set(ocr, (row.get(ocr) ?? 0) + by);
  counts.set(gold, row);
};
const length = (s: string) => Array.from(s).length;

/**
 * Counts of one engine. Single gold characters are counted at every position. Units of 2–3
 * gold characters are kept only for those OCR misread as a whole (every character of the
 * window misread, as in `ườ`→`ud`) at least `minCount` times, more often than their
 * characters alone explain; those are then counted at every position, misread or not, so
 * that their denominators are right.
 */
export class ConfusionCounter {
  readonly lines: AlignedUnit[][] = [];
  characters = 0;
  keptLines = 0;
  droppedLines = 0;

  constructor(
    readonly maxUnit = 3,
    readonly maxCer = 0.5,
  ) {}

  /** Adds one line pair; returns false when the alignment is too poor to learn from. */
  add(pair: LinePair): boolean {
    const a = alignLine(pair.gold, pair.ocr, this.maxUnit);
    if (a.cer > this.maxCer || a.units.length === 0) {
      this.droppedLines++;
      return false;
    }
    this.keptLines++;
    this.characters += a.units.length;
    this.lines.push(a.units);
    return true;
  }

  /** Each window of 2..maxUnit units with its gold and OCR text. */
  private *windows(): Generator<{ units: AlignedUnit[]; gold: string; ocr: string }> {
    for (const units of this.lines) {
      for (let i = 0; i < units.length; i++) {
        for (let n = 2; n <= this.maxUnit && i + n <= units.length; n++) {
          const window = units.slice(i, i + n);
          yield { units: window, gold: window.map((u) => u.gold).join(''), ocr: window.map((u) => u.ocr).join('') };
        }
      }
    }
  }

  /**
   * The model of this engine. `minLift`: a multi-character unit is kept only when some misreading
   * of it is at least this many times likelier than its characters misread independently
   * (`ườ`→`ud` is; `iệ`→`ié` is just `ệ`→`é` next to an `i`, which single characters already say).
   */
  toEngineModel(minCount = 2, minLift = 1.5): ConfusionModel['engines'][string] {
    const pairs: Counts = new Map();
    const goldCounts = new Map<string, number>();
    const count = (gold: string, ocr: string) => {
      goldCounts.set(gold, (goldCounts.get(gold) ?? 0) + 1);
      if (length(ocr) <= this.maxUnit) bump(pairs, gold, ocr);
    };
    for (const units of this.lines) for (const u of units) count(u.gold, u.ocr);
    const single = (gold: string, ocr: string) => (pairs.get(gold)?.get(ocr) ?? 0) / (goldCounts.get(gold) ?? 1);

    // Windows misread in every character, with how they were split into characters.
    const garbled = new Map<string, { total: number; readings: Map<string, { n: number; split: AlignedUnit[] }> }>();
    const windowCounts = new Map<string, number>();
    for (const w of this.windows()) {
      windowCounts.set(w.gold, (windowCounts.get(w.gold) ?? 0) + 1);
      if (!w.units.every((u) => u.gold !== u.ocr)) continue;
      const entry = garbled.get(w.gold) ?? { total: 0, readings: new Map() };
      entry.total++;
      const reading = entry.readings.get(w.ocr) ?? { n: 0, split: w.units };
      reading.n++;
      entry.readings.set(w.ocr, reading);
      garbled.set(w.gold, entry);
    }
    const multi = new Set<string>();
    for (const [gold, entry] of garbled) {
      const seen = windowCounts.get(gold) ?? 1;
      for (const [ocr, r] of entry.readings) {
        if (r.n < minCount || length(ocr) > this.maxUnit) continue;
        const independent = r.split.reduce((p, u) => p * single(u.gold, u.ocr), 1);
        if (r.n / seen >= minLift * independent) multi.add(gold);
      }
    }
    for (const w of this.windows()) if (multi.has(w.gold)) count(w.gold, w.ocr);

    const kept: ConfusionPair[] = [];
    for (const [gold, row] of pairs) {
      for (const [ocr, n] of row) if (n >= minCount) kept.push({ gold, ocr, count: n });
    }
    kept.sort((a, b) => (a.gold < b.gold ? -1 : a.gold > b.gold ? 1 : b.count - a.count || (a.ocr < b.ocr ? -1 : 1)));
    const golds = new Set(kept.map((p) => p.gold));
    const counts = Object.fromEntries([...goldCounts.entries()].filter(([g]) => golds.has(g)).sort(([a], [b]) => (a < b ? -1 : 1)));
    return { pairs: kept, goldCounts: counts };
  }
}
type ConfusionPair = ConfusionModel['engines'][string]['pairs'][number];

export const TrainOptions = z.object({
  corpusDir: z.string(),
  out: z.string(),
  pages: z.number().int().positive().default(60),
  /** Pages for `vie`, rendered with VIE_VARIANTS (its mistakes are rarer: it needs more pages). */
  viePages: z.number().int().positive().default(90),
  engines: z.array(z.enum(['eng', 'vie'])).min(1).default(['eng', 'vie']),
  jobs: z.number().int().positive().default(2),
  dpi: z.number().positive().default(300),
  minCount: z.number().int().positive().default(2),
  /** Where OCR results are kept between runs (keyed by image and engine); null: no cache. */
  cacheDir: z.string().nullable().default(join(REPO, '.cache', 'ocr-train')),
  log: z.custom<(message: string) => void>().optional(),
});
/** Also accepts `scripts/train.ts`'s spelling: `corpus` for corpusDir, `modelsDir` for the out folder. */
export type TrainOptions =
  | z.input<typeof TrainOptions>
  | (Omit<z.input<typeof TrainOptions>, 'corpusDir' | 'out'> & { corpus: string; modelsDir: string });

function normalizeOptions(input: TrainOptions): z.input<typeof TrainOptions> {
  if ('corpusDir' in input) return input;
  const { corpus, modelsDir, ...rest } = input;
  return { ...rest, corpusDir: corpus, out: join(modelsDir, 'confusions.json.gz') };
}

export interface PreparedPage {
  id: string;
  folder: string;
  file: string;
  variant: Variant;
  image: Buffer;
  /** The rendered lines, their boxes in the coordinates of `image`. */
  lines: RenderedPage['lines'];
  font: string;
}

/** Renders and degrades one page per passage (first page of each passage's layout), the variants in turn. */
export async function preparePages(passages: Passage[], dpi: number, variants: readonly Variant[] = VARIANTS): Promise<PreparedPage[]> {
  const pages: PreparedPage[] = [];
  for (const [k, passage] of passages.entries()) {
    const layout = layoutParagraphs(passage.paragraphs, { dpi });
    const rendered = await renderLayoutPage(layout.pages[0]!, layout.font, { dpi });
    const variant = variants[k % variants.length]!;
    const { image, lines } = await degrade(rendered, variant, k + 1);
    const id = `${String(k).padStart(3, '0')}-${passage.file.replace(/\.txt$/u, '').slice(0, 24)}-${variant}`;
    pages.push({ id, folder: passage.folder, file: passage.file, variant, image, lines, font: rendered.font });
  }
  return pages;
}

/** OCR of every page with one engine, through a scheduler of `jobs` workers, cached by image. */
export async function ocrPages(pages: PreparedPage[], lang: OcrLang, jobs: number, cacheDir: string | null, log?: (m: string) => void): Promise<OcrLine[][]> {
  const cached = (p: PreparedPage) => (cacheDir ? join(cacheDir, `${lang}-${sha1(p.image)}.json`) : null);
  const todo = pages.filter((p) => {
    const file = cached(p);
    return !file || !existsSync(file);
  });
  if (todo.length > 0) {
    if (cacheDir) mkdirSync(cacheDir, { recursive: true });
    const scheduler = await createOcrScheduler(lang, jobs);
    let done = 0;
    try {
      await Promise.all(
        todo.map(async (p) => {
          const lines = await ocrLines(scheduler, p.image);
          const file = cached(p);
          if (file) writeFileSync(file, JSON.stringify(lines));
          else cache.set(`${lang}:${p.id}`, lines);
          log?.(`${lang} ${++done}/${todo.length} ${p.id}`);
        }),
      );
    } finally {
      await scheduler.terminate();
    }
  }
  return pages.map((p) => {
    const file = cached(p);
    return file ? (JSON.parse(readFileSync(file, 'utf8')) as OcrLine[]) : cache.get(`${lang}:${p.id}`)!;
  });
}
const cache = new Map<string, OcrLine[]>();

export interface TrainResult {
  model: ConfusionModel;
  seconds: number;
}

export async function trainConfusions(input: TrainOptions): Promise<TrainResult> {
  const o = TrainOptions.parse(normalizeOptions(input));
  const started = Date.now();
  const log = o.log ?? (() => undefined);
  const passages = pickPassages(o.corpusDir, Math.max(o.pages, o.viePages), { heldOut: false });
  const pagesOf = new Map<OcrLang, PreparedPage[]>();
  for (const lang of o.engines) {
    pagesOf.set(lang, await preparePages(passages.slice(0, lang === 'vie' ? o.viePages : o.pages), o.dpi, lang === 'vie' ? VIE_VARIANTS : VARIANTS));
  }
  const all = [...pagesOf.values()].flat();
  log(`rendered ${all.length} pages in ${((Date.now() - started) / 1000).toFixed(1)} s (font ${all[0]?.font})`);
  const engines: ConfusionModel['engines'] = {};
  const provenance: ConfusionModel['provenance'] = {
    trainer: 'scripts/train/confusions.ts',
    corpus: TRAINING_FOLDERS.map((f) => f.folder).join(','),
    heldOut: 'documents whose file name sha1 hex starts with 0 or 1',
    font: all[0]?.font ?? '',
    ocr: 'tesseract.js 7, @tesseract.js-data 4.0.0_best_int, LSTM, PSM 3',
    alignment: 'Levenshtein on NFC, same-base substitution 0.5; lines with CER > 0.5 dropped',
    maxUnit: 3,
    minCount: o.minCount,
  };
  for (const lang of o.engines) {
    const t = Date.now();
    const pages = pagesOf.get(lang)!;
    provenance[`${lang}.pages`] = pages.length;
    provenance[`${lang}.documents`] = new Set(pages.map((p) => `${p.folder}/${p.file}`)).size;
    provenance[`${lang}.variants`] = [...new Set(pages.map((p) => p.variant))].map((v) => `${v}:${pages.filter((p) => p.variant === v).length}`).join(',');
    const results = await ocrPages(pages, lang, o.jobs, o.cacheDir, log);
    const counter = new ConfusionCounter();
    // CER per variant over every paired line (dropped ones too), for the record.
    const errors = new Map<Variant, { distance: number; characters: number }>();
    pages.forEach((p, k) => {
      const e = errors.get(p.variant) ?? { distance: 0, characters: 0 };
      for (const pair of pairLines(p.lines, results[k]!)) {
        counter.add(pair);
        e.distance += levenshtein(pair.gold.normalize('NFC'), pair.ocr.normalize('NFC'));
        e.characters += length(pair.gold.normalize('NFC'));
      }
      errors.set(p.variant, e);
    });
    engines[lang] = counter.toEngineModel(o.minCount);
    for (const [variant, e] of errors) provenance[`${lang}.cer.${variant}`] = Number((e.distance / Math.max(1, e.characters)).toFixed(4));
    provenance[`${lang}.lines`] = counter.keptLines;
    provenance[`${lang}.droppedLines`] = counter.droppedLines;
    provenance[`${lang}.characters`] = counter.characters;
    log(`${lang}: ${counter.keptLines} lines kept, ${counter.droppedLines} dropped, ${counter.characters} characters, ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const model = ConfusionModel.parse({ version: 1, provenance, engines });
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, gzipSync(Buffer.from(`${JSON.stringify(model)}\n`), { level: 9 }));
  return { model, seconds: (Date.now() - started) / 1000 };
}

/** The most frequent non-identity pairs of one engine, with P(ocr | gold). */
export function topConfusions(model: ConfusionModel, engine: string, n = 30) {
  const e = model.engines[engine];
  if (!e) return [];
  return e.pairs
    .filter((p) => p.gold !== p.ocr)
    .sort((a, b) => b.count - a.count || (a.gold < b.gold ? -1 : 1))
    .slice(0, n)
    .map((p) => ({ ...p, p: p.count / (e.goldCounts[p.gold] ?? p.count) }));
}

export function formatReport(model: ConfusionModel, n = 30): string {
  const out: string[] = [];
  for (const engine of Object.keys(model.engines)) {
    const e = model.engines[engine]!;
    out.push(
      `## ${engine}: ${model.provenance[`${engine}.characters`]} characters, ${model.provenance[`${engine}.lines`]} lines, ${e.pairs.length} pairs kept`,
    );
    out.push('| # | gold | ocr | count | P(ocr|gold) |', '|---|---|---|---|---|');
    topConfusions(model, engine, n).forEach((p, i) =>
      out.push(`| ${i + 1} | \`${p.gold}\` | \`${p.ocr === '' ? '∅' : p.ocr}\` | ${p.count} | ${p.p.toFixed(3)} |`),
    );
    out.push('');
  }
  return out.join('\n');
}

async function main(argv: string[]) {
  const program = new Command()
    .name('confusions')
    .description('Learn the OCR confusion model from rendered corpus pages')
    .option('--corpus <dir>', 'corpus folder', DEFAULT_CORPUS)
    .option('--out <file>', 'model file', join(REPO, 'models', 'confusions.json.gz'))
    .option('--pages <n>', 'pages to render and OCR with eng', (v) => parseInt(v, 10), 60)
    .option('--vie-pages <n>', 'pages to render (degraded) and OCR with vie', (v) => parseInt(v, 10), 90)
    .option('--engines <list>', 'OCR models, comma separated', 'eng,vie')
    .option('--jobs <n>', 'tesseract workers', (v) => parseInt(v, 10), 2)
    .option('--no-cache', 'OCR every page again')
    .option('--report', 'print the top confusions of the model file and exit')
    .option('--top <n>', 'rows per engine in the report', (v) => parseInt(v, 10), 30)
    .parse(argv);
  const opts = program.opts<{ corpus: string; out: string; pages: number; viePages: number; engines: string; jobs: number; cache: boolean; report?: boolean; top: number }>();
  if (!opts.report) {
    const { seconds } = await trainConfusions({
      corpusDir: opts.corpus,
      out: opts.out,
      pages: opts.pages,
      viePages: opts.viePages,
      engines: opts.engines.split(',').map((s) => s.trim()) as OcrLang[],
      jobs: opts.jobs,
      cacheDir: opts.cache ? undefined : null,
      log: (m) => process.stderr.write(`${m}\n`),
    });
    process.stderr.write(`wrote ${opts.out} in ${seconds.toFixed(1)} s\n`);
  }
  const model = loadConfusionModel(pathToFileURL(resolve(opts.out)));
  if (!model) throw new Error(`No model at ${opts.out}`);
  process.stdout.write(`${formatReport(model, opts.top)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
