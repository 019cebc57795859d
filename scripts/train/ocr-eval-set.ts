/**
 * A held-out evaluation set for the restorer: passages of documents the confusion model never
 * saw (file name sha1 hex starting with 0 or 1), rendered, degraded like the training pages and
 * OCRed with tesseract `eng` (the seed-style garbling). Writes line-aligned pairs
 *   .cache/ocr-eval/<id>.ocr.txt   what OCR printed, one line per rendered line it read
 *   .cache/ocr-eval/<id>.gold.txt  the true text of those lines
 * plus manifest.json. Corpus text: never commit these files.
 *
 *   npx tsx scripts/train/ocr-eval-set.ts --pages 12
 */
import { DEFAULT_CORPUS } from './corpus.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { z } from 'zod';
import { alignLine } from '../lib/align.js';
import type { OcrLang } from '../lib/ocr-page.js';
import { ocrPages, pairLines, pickPassages, preparePages, VARIANTS, type Variant } from './confusions.js';

/** What the `vie` evaluation reads: realistic scans where `vie` errs (fax and office), never clean pages. */
export const VIE_EVAL_VARIANTS: readonly Variant[] = ['fax-200', 'office-grey'];

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const EvalSetOptions = z.object({
  corpusDir: z.string(),
  outDir: z.string().default(join(REPO, '.cache', 'ocr-eval')),
  pages: z.number().int().positive().default(12),
  engine: z.enum(['eng', 'vie']).default('eng'),
  jobs: z.number().int().positive().default(2),
  dpi: z.number().positive().default(300),
  cacheDir: z.string().nullable().default(join(REPO, '.cache', 'ocr-train')),
  log: z.custom<(message: string) => void>().optional(),
});
export type EvalSetOptions = z.input<typeof EvalSetOptions>;

export interface EvalSetEntry {
  id: string;
  source: string;
  variant: string;
  engine: string;
  lines: number;
  characters: number;
  /** Character error rate of the OCR text against the gold text, over the paired lines. */
  cer: number;
}

export async function makeOcrEvalSet(input: EvalSetOptions): Promise<EvalSetEntry[]> {
  const o = EvalSetOptions.parse(input);
  // A different salt from training, so that the passages are not the first pages of a fixed list.
  const passages = pickPassages(o.corpusDir, o.pages, { heldOut: true, salt: 'ocr-eval' });
  const pages = await preparePages(passages, o.dpi, o.engine === 'vie' ? VIE_EVAL_VARIANTS : VARIANTS);
  const results = await ocrPages(pages, o.engine as OcrLang, o.jobs, o.cacheDir, o.log);
  mkdirSync(o.outDir, { recursive: true });
  const entries: EvalSetEntry[] = [];
  pages.forEach((page, k) => {
    const pairs = pairLines(page.lines, results[k]!);
    let distance = 0;
    let characters = 0;
    for (const p of pairs) {
      const a = alignLine(p.gold, p.ocr);
      distance += a.distance;
      characters += a.units.length;
    }
    writeFileSync(join(o.outDir, `${page.id}.ocr.txt`), `${pairs.map((p) => p.ocr).join('\n')}\n`);
    writeFileSync(join(o.outDir, `${page.id}.gold.txt`), `${pairs.map((p) => p.gold).join('\n')}\n`);
    entries.push({
      id: page.id,
      source: `${page.folder}/${page.file}`,
      variant: page.variant,
      engine: o.engine,
      lines: pairs.length,
      characters,
      cer: characters === 0 ? 0 : distance / characters,
    });
  });
  writeFileSync(join(o.outDir, 'manifest.json'), `${JSON.stringify(entries, null, 2)}\n`);
  return entries;
}

async function main(argv: string[]) {
  const opts = new Command()
    .name('ocr-eval-set')
    .description('Render and OCR held-out corpus passages into line-aligned .ocr.txt/.gold.txt pairs')
    .option('--corpus <dir>', 'corpus folder', DEFAULT_CORPUS)
    .option('--out <dir>', 'output folder', join(REPO, '.cache', 'ocr-eval'))
    .option('--pages <n>', 'pages', (v) => parseInt(v, 10), 12)
    .option('--engine <lang>', 'eng or vie', 'eng')
    .option('--jobs <n>', 'tesseract workers', (v) => parseInt(v, 10), 2)
    .parse(argv)
    .opts<{ corpus: string; out: string; pages: number; engine: 'eng' | 'vie'; jobs: number }>();
  const entries = await makeOcrEvalSet({
    corpusDir: opts.corpus,
    outDir: opts.out,
    pages: opts.pages,
    engine: opts.engine,
    jobs: opts.jobs,
    log: (m) => process.stderr.write(`${m}\n`),
  });
  const chars = entries.reduce((s, e) => s + e.characters, 0);
  const errors = entries.reduce((s, e) => s + e.cer * e.characters, 0);
  for (const e of entries) process.stdout.write(`${e.id}\t${e.lines} lines\t${e.characters} chars\tCER ${(100 * e.cer).toFixed(1)}%\n`);
  process.stdout.write(`${entries.length} pages, ${chars} characters, CER ${((100 * errors) / Math.max(1, chars)).toFixed(1)}% -> ${opts.out}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
