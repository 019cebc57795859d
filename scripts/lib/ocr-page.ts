/**
 * tesseract.js set up the way ocr-findings.md measured it: local `best_int` models only
 * (never a CDN), no cache files written, page segmentation mode 3 set explicitly.
 * Used by the confusion-model trainer and the held-out OCR evaluation set.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';

export type OcrLang = 'eng' | 'vie';

export interface OcrLine {
  text: string;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  confidence: number;
}

const require = createRequire(import.meta.url);

/** The folder holding `<lang>.traineddata.gz` of the npm model package. */
export function modelFolder(lang: OcrLang): string {
  const pkg = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  const folder = join(dirname(pkg), '4.0.0_best_int');
  const file = join(folder, `${lang}.traineddata.gz`);
  if (!existsSync(file)) throw new Error(`OCR model missing: ${file}`);
  return folder;
}

/** Starts one worker; bounded because a broken model can leave createWorker pending forever. */
export async function createOcrWorker(lang: OcrLang, timeoutMs = 60_000): Promise<Tesseract.Worker> {
  const langPath = modelFolder(lang);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`tesseract ${lang} worker did not start in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const worker = await Promise.race([
      Tesseract.createWorker(lang, Tesseract.OEM.LSTM_ONLY, {
        langPath,
        gzip: true,
        cacheMethod: 'none',
        errorHandler: () => undefined,
      }),
      timeout,
    ]);
    await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.AUTO });
    return worker;
  } finally {
    clearTimeout(timer);
  }
}

/** A scheduler of `workers` workers of one language. */
export async function createOcrScheduler(lang: OcrLang, workers = 2): Promise<Tesseract.Scheduler> {
  const scheduler = Tesseract.createScheduler();
  const started = await Promise.all(Array.from({ length: workers }, () => createOcrWorker(lang)));
  for (const w of started) scheduler.addWorker(w);
  return scheduler;
}

type Recognizer = Pick<Tesseract.Worker, 'recognize'> | Tesseract.Scheduler;

/** OCR of one image, as text lines with their boxes in reading order. */
export async function ocrLines(engine: Recognizer, image: Buffer): Promise<OcrLine[]> {
  const result =
    'addJob' in engine
      ? await engine.addJob('recognize', image, {}, { blocks: true, text: true })
      : await engine.recognize(image, {}, { blocks: true, text: true });
  const lines: OcrLine[] = [];
  for (const block of result.data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const text = line.text.replace(/\s+$/u, '');
        if (text) lines.push({ text, bbox: line.bbox, confidence: line.confidence });
      }
    }
  }
  return lines;
}
