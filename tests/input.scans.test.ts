/**
 * Paged inputs through their loaders with real files and the real engine: PDF text layers
 * and OCR (mupdf), multi-page TIFF and turned pages (sharp), every bad input, and `page`
 * carried through the pipeline.
 */
import { characterErrorRate as cer } from '../scripts/lib/distance.js';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSource } from '../src/input/load.js';
import { InputError, type SourceDocument } from '../src/input/source.js';
import { useTextLayer } from '../src/input/pdf.js';
import { pageDpi } from '../src/input/image.js';
import { TesseractJsEngine } from '../src/ocr/index.js';
import { processSource } from '../src/pipeline.js';


const truth = (name: string) => readFileSync(`fixtures/scans/truth/${name}.txt`, 'utf8');
const truthPages = (name: string) => truth(name).split('\f\n');
const engine = new TesseractJsEngine({ lang: 'vie', jobs: 2 });
afterAll(() => engine.close());
const load = (file: string, ocrMode?: string) => loadSource(file, { ocr: engine, ...(ocrMode ? { ocrMode } : {}) });

async function inputError(file: string): Promise<InputError> {
  const error = await load(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('PDF', () => {
  it('uses a real text layer as it is, page by page, without OCR', async () => {
    const doc = await load('fixtures/scans/text-layer.pdf');
    expect(doc.mediaType).toBe('application/pdf');
    const expected = truthPages('text-layer');
    expect(doc.pages).toHaveLength(expected.length);
    doc.pages!.forEach((page, i) => {
      expect(page).toMatchObject({ number: i + 1, method: 'text-layer', confidence: null });
      expect(cer(expected[i]!, page.text)).toBe(0);
    });
  });

  it('OCRs again a text layer made by an OCR without Vietnamese marks', async () => {
    const doc = await load('fixtures/scans/eng-text-layer.pdf');
    expect(doc.pages![0]!.method).toBe('ocr');
    expect(doc.pages![0]!.rawText).not.toBe(undefined);
    expect(cer(truth('eng-text-layer'), doc.text)).toBeLessThan(0.02);
  });

  it('OCRs an image-only page rendered at 300 dpi, keeping confidence and word boxes', async () => {
    const doc = await load('fixtures/scans/image-only.pdf');
    const page = doc.pages![0]!;
    expect(page.method).toBe('ocr');
    expect(page.confidence).toBeGreaterThan(80);
    expect(page.words!.length).toBeGreaterThan(40);
    expect(cer(truth('image-only'), doc.text)).toBeLessThan(0.02);
  });

  it('decides per page by --ocr mode, as OCRmyPDF does', () => {
    const text = truth('clean');
    const over = (imageShare: number) => ({ text, imageShare });
    expect(useTextLayer(over(0), 'skip', 'vie')).toBe(true);
    expect(useTextLayer(over(0.9), 'skip', 'vie')).toBe(true);
    expect(useTextLayer(over(0.9), 'redo', 'vie')).toBe(false);
    expect(useTextLayer(over(0), 'redo', 'vie')).toBe(true);
    expect(useTextLayer(over(0), 'force', 'vie')).toBe(false);
    expect(useTextLayer({ text: '  3  ', imageShare: 0 }, 'skip', 'vie')).toBe(false);
    const accentless = text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd');
    expect(useTextLayer(over(0), 'skip', 'vie')).toBe(true);
    expect(useTextLayer({ text: accentless, imageShare: 0 }, 'skip', 'vie')).toBe(false);
    expect(useTextLayer({ text: accentless, imageShare: 0 }, 'skip', 'eng')).toBe(true);
  });
});

describe('images', () => {
  it('reads every page of a multi-page TIFF, in order', async () => {
    const doc = await load('fixtures/scans/two-pages.tif');
    expect(doc.mediaType).toBe('image/tiff');
    const expected = truthPages('two-pages');
    expect(doc.pages!.map((p) => p.number)).toEqual([1, 2]);
    doc.pages!.forEach((page, i) => expect(cer(expected[i]!, page.text)).toBeLessThan(0.02));
    expect(doc.text.split('\n\f\n')).toHaveLength(2);
  });

  it('turns an upside-down page before reading it', async () => {
    const doc = await load('fixtures/scans/upside-down.png');
    expect(cer(truth('upside-down'), doc.text)).toBeLessThan(0.02);
  });

  it('takes a stated resolution, else the one that makes the page A4', () => {
    expect(pageDpi(300, 2480, 3508)).toBe(300);
    expect(pageDpi(72, 1654, 2339)).toBe(200);
    expect(pageDpi(undefined, 2480, 3508)).toBe(300);
  });
});

describe('bad inputs', () => {
  it.each([
    ['corrupt.pdf', 'corrupt'],
    ['encrypted.pdf', 'encrypted'],
    ['empty.pdf', 'empty'],
    ['misnamed.png', 'unsupported-type'],
    ['huge-page.png', 'too-large'],
    ['no-such-file.pdf', 'not-found'],
  ])('%s is an InputError (%s) naming the file', async (name, code) => {
    const error = await inputError(`fixtures/scans/bad/${name}`);
    expect(error.code).toBe(code);
    expect(error.message).toContain(name);
  });
});

describe('pages through the pipeline', () => {
  it('gives every line of a paged input its page, and extracted items theirs', async () => {
    const source: SourceDocument = await load('fixtures/scans/text-layer.pdf');
    const result = await processSource(source);
    const pagesSeen = new Set<number>();
    const visit = (node: { data?: { page?: number }; children?: unknown[] }) => {
      if (node.data?.page !== undefined) pagesSeen.add(node.data.page);
      for (const child of node.children ?? []) visit(child as typeof node);
    };
    visit(result.tree as never);
    expect([...pagesSeen].sort()).toEqual(source.pages!.map((p) => p.number));
    expect(result.plan.source).toMatchObject({ mediaType: 'application/pdf', pages: source.pages!.length });
    const itemPages = [...JSON.stringify(result.plan).matchAll(/"page":(\d+)/g)].map((m) => Number(m[1]));
    expect(itemPages.length).toBeGreaterThan(0);
    expect(new Set(itemPages).size).toBeGreaterThan(1);
  });
});
