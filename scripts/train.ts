/**
 * `npm run train [-- --corpus DIR] [--out FILE] [--with-ocr-confusions]`: builds the restorer's model
 * (`models/restorer.bin`, not compressed: the runtime reads its arrays as they are) and its
 * model of initials (`models/initials.json.gz`, scripts/train/initials.ts) from the corpus
 * alone, deterministically. With
 * `--with-ocr-confusions` (or VNPLAN_TRAIN_CONFUSIONS=1) it also runs the OCR confusion step
 * (`scripts/train/confusions.ts`, which writes `models/confusions.json.gz`).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CORPUS } from './train/corpus.js';
import { trainInitials, writeInitials } from './train/initials.js';
import { trainLm } from './train/lm.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const corpus = flag('--corpus') ?? DEFAULT_CORPUS;
const withConfusions = args.includes('--with-ocr-confusions') || process.env.VNPLAN_TRAIN_CONFUSIONS === '1';
const modelsDir = new URL('../models/', import.meta.url);
mkdirSync(modelsDir, { recursive: true });

const t0 = Date.now();
const log = (m: string) => console.log(`[train ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
// for experiments: VNPLAN_LM_ORDER=3, VNPLAN_LM_MIN_COUNTS=0,0,2,2,3
const order = process.env.VNPLAN_LM_ORDER ? Number(process.env.VNPLAN_LM_ORDER) : undefined;
const minCounts = process.env.VNPLAN_LM_MIN_COUNTS ? process.env.VNPLAN_LM_MIN_COUNTS.split(',').map(Number) : undefined;
// for experiments: VNPLAN_LM_DISCOUNTS=',,1.2' (D1, D2, D3+; empty: from the counts)
const discounts = process.env.VNPLAN_LM_DISCOUNTS ? process.env.VNPLAN_LM_DISCOUNTS.split(',').map((x) => (x === '' ? NaN : Number(x))) : undefined;
const { model, stats } = trainLm({ corpus, log, ...(order ? { order } : {}), ...(minCounts ? { minCounts } : {}), ...(discounts ? { discounts } : {}) });
const outPath = flag('--out') ?? new URL('restorer.bin', modelsDir).pathname;
writeFileSync(outPath, model);
log(`${outPath}: ${(model.length / 1e6).toFixed(1)} MB (${JSON.stringify(stats)})`);
// (beside the language model: `--out` elsewhere leaves the committed one alone)
const initialsPath = join(dirname(outPath), 'initials.json.gz');
writeInitials(trainInitials({ corpus, log }), initialsPath);
log(`${initialsPath} written`);

const confusionsScript = new URL('./train/confusions.ts', import.meta.url);
if (withConfusions) {
  if (!existsSync(confusionsScript)) {
    console.error('train: --with-ocr-confusions given but scripts/train/confusions.ts does not exist');
    process.exit(1);
  }
  const mod = (await import(pathToFileURL(confusionsScript.pathname).href)) as { trainConfusions?: (o: { corpus: string; modelsDir: string; log: (m: string) => void }) => Promise<unknown> | unknown };
  if (typeof mod.trainConfusions !== 'function') throw new Error('scripts/train/confusions.ts exports no trainConfusions(options)');
  await mod.trainConfusions({ corpus, modelsDir: modelsDir.pathname, log });
} else if (existsSync(confusionsScript)) {
  log('OCR confusion model not retrained (pass --with-ocr-confusions; it OCRs rendered pages and takes long)');
}
