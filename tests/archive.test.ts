/**
 * The archive formats (`ingest --pdf --alto --hocr`) on real scans, really OCRed: a
 * three-page scanned PDF (one page blank), a two-page TIFF, a skewed JPEG, and a born-digital
 * PDF. The searchable PDF opens with mupdf, keeps the pages and their images, its text is
 * the restored text (mupdf, and poppler's pdftotext where installed), its words sit on the
 * printed words (a rendered page is looked at), and qpdf finds no fault (where installed).
 * ALTO and hOCR are well-formed and spell the restored text; ALTO validates against the
 * ALTO v4 schema when one is given (`ALTO_XSD=path/alto-4-4.xsd`, with xmllint).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import * as mupdf from 'mupdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameToImage, applyAffine } from '../src/archive/geometry.js';
import { placeWords } from '../src/archive/words.js';
import { runIngest } from '../src/batch/ingest.js';
import { Manifest } from '../src/batch/manifest.js';
import { PipelinePool } from '../src/batch/workers.js';
import { TesseractJsEngine } from '../src/ocr/index.js';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const HAS_QPDF = has('qpdf'), HAS_PDFTOTEXT = has('pdftotext'), HAS_XMLLINT = has('xmllint');
const ALTO_XSD = process.env.ALTO_XSD && existsSync(process.env.ALTO_XSD) ? process.env.ALTO_XSD : null;

/** Levenshtein distance over code points (texts of a few thousand characters). */
function distance(a: string, b: string): number {
  const x = [...a], y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}
/** Character error rate of `got` against `want`, white space collapsed (line breaks are layout). */
const norm = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();
const cer = (want: string, got: string) => distance(norm(want), norm(got)) / Math.max(1, norm(want).length);

const SCANS = ['office/duplex.pdf', 'two-pages.tif', 'office.jpg', 'text-layer.pdf'];
const root = mkdtempSync(join(tmpdir(), 'vnplan-archive-'));
const input = join(root, 'in'), out = join(root, 'out');
const engine = new TesseractJsEngine({ lang: 'vie', jobs: 2 });
const pool = new PipelinePool({ size: 1 });
let seconds = 0;

beforeAll(async () => {
  mkdirSync(input, { recursive: true });
  for (const f of SCANS) copyFileSync(join('fixtures/scans', f), join(input, f.split('/').pop()!));
  const t0 = performance.now();
  const { exitCode } = await runIngest({ paths: [input], outDir: out, progress: 'none', archive: ['pdf', 'alto', 'hocr'] }, { engine, pool });
  seconds = (performance.now() - t0) / 1000;
  expect(exitCode).toBe(0);
}, 180_000);
afterAll(async () => {
  await engine.close();
  await pool.close();
});

const restored = (name: string) => readFileSync(join(out, 'in', `${name}.txt`), 'utf8');
const openPdf = (path: string) => mupdf.Document.openDocument(readFileSync(path), 'application/pdf') as mupdf.PDFDocument;

/** Per page of a PDF, the raw bytes of its image XObjects. */
function imagesOf(doc: mupdf.PDFDocument): string[][] {
  const pages: string[][] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const found: string[] = [];
    const xobjects = doc.findPage(i).getInheritable('Resources').get('XObject');
    if (!xobjects.isNull()) xobjects.resolve().forEach((x) => found.push(Buffer.from(x.readRawStream().asUint8Array()).toString('base64').slice(0, 64) + x.readRawStream().getLength()));
    pages.push(found);
  }
  return pages;
}

function pdfText(doc: mupdf.Document): string {
  const pages: string[] = [];
  for (let i = 0; i < doc.countPages(); i++) pages.push(doc.loadPage(i).toStructuredText('').asText());
  return pages.join('\n');
}

describe('geometry and word placement', () => {
  it('maps a straightened, scaled frame back onto the page image', () => {
    // A 600 dpi page of 1000×800, scaled to 300 dpi (500×400), turned 90° clockwise (400×500).
    const m = frameToImage({ width: 400, height: 500, dpi: 300, angle: 90, imageWidth: 1000, imageHeight: 800, imageDpi: 600 });
    // The scaled page's upper left corner (0, 0) went to the turned frame's upper right (400, 0).
    const p = applyAffine(m, { x: 400, y: 0 });
    expect(p.x).toBeCloseTo(0, 6);
    expect(p.y).toBeCloseTo(0, 6);
    const q = applyAffine(m, { x: 0, y: 500 });
    expect(q.x).toBeCloseTo(1000, 6);
    expect(q.y).toBeCloseTo(800, 6);
  });

  it('gives restored words the OCR boxes one to one, or spreads them over the line', () => {
    const box = (x0: number, x1: number) => ({ x0, y0: 10, x1, y1: 30 });
    const line = { text: 'Ke hoach', bbox: box(0, 100), confidence: 80, block: 1, words: [{ text: 'Ke', confidence: 90, bbox: box(0, 30) }, { text: 'hoach', confidence: 70, bbox: box(40, 100) }] };
    expect(placeWords(line, 'Kế hoạch')).toEqual([
      { text: 'Kế', ocr: 'Ke', confidence: 0.9, frame: box(0, 30) },
      { text: 'hoạch', ocr: 'hoach', confidence: 0.7, frame: box(40, 100) },
    ]);
    const spread = placeWords(line, 'Kế hoạch này');
    expect(spread.map((w) => w.text)).toEqual(['Kế', 'hoạch', 'này']);
    expect(spread[0]!.frame.x0).toBe(0);
    expect(spread[2]!.frame.x1).toBeCloseTo(100, 6);
    expect(spread.every((w) => w.ocr === null && w.confidence === 0.8)).toBe(true);
  });
});

describe('searchable PDF', () => {
  it('is written for each scan, beside the other outputs, and not for a born-digital PDF', () => {
    for (const name of ['duplex.pdf', 'two-pages.tif', 'office.jpg']) {
      for (const suffix of ['.searchable.pdf', '.alto.xml', '.hocr']) expect(existsSync(join(out, 'in', name + suffix)), name + suffix).toBe(true);
    }
    expect(existsSync(join(out, 'in', 'text-layer.pdf.searchable.pdf'))).toBe(false);
    const manifest = Manifest.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    const duplex = manifest.documents.find((d) => d.input.endsWith('duplex.pdf'))!;
    expect(duplex.outputs?.pdf).toBe('in/duplex.pdf.searchable.pdf');
    expect(manifest.documents.find((d) => d.input.endsWith('text-layer.pdf'))!.outputs?.pdf).toBeUndefined();
    console.log(`archive: ${SCANS.length} inputs ingested with --pdf --alto --hocr in ${seconds.toFixed(1)} s`);
  });

  it('keeps the scanned PDF\'s pages and images as they were', () => {
    const original = openPdf(join(input, 'duplex.pdf'));
    const written = openPdf(join(out, 'in', 'duplex.pdf.searchable.pdf'));
    expect(written.countPages()).toBe(original.countPages());
    expect(imagesOf(written)).toEqual(imagesOf(original));
  });

  it('embeds a JPEG byte for byte and each TIFF page as a page of its own', () => {
    const jpeg = readFileSync(join(input, 'office.jpg'));
    const pdf = openPdf(join(out, 'in', 'office.jpg.searchable.pdf'));
    const im = pdf.findPage(0).getInheritable('Resources').get('XObject').resolve();
    let raw: Uint8Array | undefined;
    im.forEach((x) => (raw = x.readRawStream().asUint8Array()));
    expect(Buffer.from(raw!).equals(jpeg)).toBe(true);
    expect(openPdf(join(out, 'in', 'two-pages.tif.searchable.pdf')).countPages()).toBe(2);
  });

  it('gives the restored text when mupdf extracts it (CER ≤ 0.01)', () => {
    for (const name of ['duplex.pdf', 'two-pages.tif', 'office.jpg']) {
      const got = pdfText(openPdf(join(out, 'in', `${name}.searchable.pdf`)));
      const rate = cer(restored(name), got);
      console.log(`archive: ${name}: CER of the PDF's text (mupdf) against the restored text ${rate.toFixed(4)}`);
      expect(rate, name).toBeLessThanOrEqual(0.01);
      // Vietnamese with its marks, NFC, as the restored text has it.
      expect(got).toBe(got.normalize('NFC'));
    }
  });

  it.skipIf(!HAS_PDFTOTEXT)('gives the restored text to poppler too (pdftotext -raw, CER ≤ 0.01)', () => {
    for (const name of ['duplex.pdf', 'two-pages.tif', 'office.jpg']) {
      const got = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', join(out, 'in', `${name}.searchable.pdf`), '-'], { encoding: 'utf8' });
      const rate = cer(restored(name), got);
      console.log(`archive: ${name}: CER of the PDF's text (pdftotext -raw) against the restored text ${rate.toFixed(4)}`);
      expect(rate, name).toBeLessThanOrEqual(0.01);
    }
  });

  it.skipIf(!HAS_QPDF)('passes qpdf --check', () => {
    for (const name of ['duplex.pdf', 'two-pages.tif', 'office.jpg']) {
      const r = spawnSync('qpdf', ['--check', join(out, 'in', `${name}.searchable.pdf`)], { encoding: 'utf8' });
      expect(r.status, `${name}: ${r.stdout}${r.stderr}`).toBe(0);
    }
  });

  it('puts each word on printed ink: a rendered page is dark under the words\' boxes', () => {
    for (const name of ['duplex.pdf', 'office.jpg', 'two-pages.tif']) {
      const doc = openPdf(join(out, 'in', `${name}.searchable.pdf`));
      let words = 0, inked = 0;
      for (let i = 0; i < doc.countPages(); i++) {
        const page = doc.loadPage(i);
        const zoom = 100 / 72;
        const pix = page.toPixmap(mupdf.Matrix.scale(zoom, zoom), mupdf.ColorSpace.DeviceGray, false, true);
        const px = pix.getPixels(), stride = pix.getStride(), w = pix.getWidth(), h = pix.getHeight();
        // Each word: the union of its characters' quads.
        const boxes: Array<[number, number, number, number]> = [];
        let cur: [number, number, number, number] | null = null;
        page.toStructuredText('').walk({
          onChar(c, _origin, _font, _size, quad) {
            if (c.trim() === '') {
              if (cur) boxes.push(cur);
              cur = null;
              return;
            }
            const xs = [quad[0], quad[2], quad[4], quad[6]], ys = [quad[1], quad[3], quad[5], quad[7]];
            const b: [number, number, number, number] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
            cur = cur ? [Math.min(cur[0], b[0]), Math.min(cur[1], b[1]), Math.max(cur[2], b[2]), Math.max(cur[3], b[3])] : b;
          },
          endLine() {
            if (cur) boxes.push(cur);
            cur = null;
          },
        });
        for (const [x0, y0, x1, y1] of boxes) {
          let dark = 0, all = 0;
          for (let y = Math.max(0, Math.floor(y0 * zoom)); y < Math.min(h, Math.ceil(y1 * zoom)); y++) {
            for (let x = Math.max(0, Math.floor(x0 * zoom)); x < Math.min(w, Math.ceil(x1 * zoom)); x++, all++) if (px[y * stride + x]! < 128) dark++;
          }
          words++;
          // Print covers some of a word's box; paper between lines covers none.
          if (all > 0 && dark / all >= 0.05) inked++;
        }
      }
      console.log(`archive: ${name}: ${inked} of ${words} words of the text layer lie on ink`);
      expect(words).toBeGreaterThan(20);
      expect(inked / words, name).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('declares PDF/A-2b for a scan made into a PDF, with the plan\'s metadata and an sRGB output intent', () => {
    const doc = openPdf(join(out, 'in', 'office.jpg.searchable.pdf'));
    const root = doc.getTrailer().get('Root');
    const xmp = root.get('Metadata').readStream().asString();
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    const plan = JSON.parse(readFileSync(join(out, 'in', 'office.jpg.json'), 'utf8')) as { header: { title: string | null } };
    if (plan.header.title) expect(xmp).toContain(plan.header.title);
    expect(root.get('OutputIntents').get(0).get('S').asName()).toBe('GTS_PDFA1');
    const font = doc.findPage(0).getInheritable('Resources').get('Font').get('VnText').resolve();
    expect(font.get('DescendantFonts', 0).resolve().get('CIDToGIDMap').asName()).toBe('Identity');
    expect(font.get('DescendantFonts', 0).resolve().get('FontDescriptor', 'FontFile2').isNull()).toBe(false);
  });
});

describe('ALTO and hOCR', () => {
  const parse = (text: string) => new DOMParser().parseFromString(text, 'application/xml');

  it('ALTO v4: one Page per page, every word a String with its box and confidence, CONTENTs spelling the restored text', () => {
    for (const [name, pages] of [['duplex.pdf', 3], ['two-pages.tif', 2], ['office.jpg', 1]] as const) {
      const xml = readFileSync(join(out, 'in', `${name}.alto.xml`), 'utf8');
      const errors: string[] = [];
      const doc = new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(xml, 'application/xml');
      expect(errors, name).toEqual([]);
      expect(doc.documentElement!.namespaceURI).toBe('http://www.loc.gov/standards/alto/ns-v4#');
      expect(doc.getElementsByTagName('Page').length).toBe(pages);
      const strings = Array.from(doc.getElementsByTagName('String'));
      expect(strings.length).toBeGreaterThan(20);
      for (const s of strings) {
        for (const a of ['HPOS', 'VPOS', 'WIDTH', 'HEIGHT']) expect(Number(s.getAttribute(a))).toBeGreaterThanOrEqual(0);
        const wc = Number(s.getAttribute('WC'));
        expect(wc >= 0 && wc <= 1).toBe(true);
      }
      const lines = Array.from(doc.getElementsByTagName('TextLine')).map((l) => Array.from(l.getElementsByTagName('String')).map((s) => s.getAttribute('CONTENT')).join(' '));
      expect(cer(restored(name), lines.join('\n')), name).toBeLessThanOrEqual(0.01);
      // Where OCR read a word otherwise, its reading is kept.
      const alternatives = Array.from(doc.getElementsByTagName('ALTERNATIVE'));
      for (const alt of alternatives) expect(alt.textContent).not.toBe((alt.parentNode as unknown as { getAttribute(name: string): string | null }).getAttribute('CONTENT'));
    }
  });

  it.skipIf(!HAS_XMLLINT || !ALTO_XSD)('ALTO validates against the ALTO v4 schema (xmllint, ALTO_XSD)', () => {
    for (const name of ['duplex.pdf', 'two-pages.tif', 'office.jpg']) {
      const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', ALTO_XSD!, join(out, 'in', `${name}.alto.xml`)], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
  });

  it('hOCR: ocr_page per page, ocrx_word with bbox and x_wconf, the same words as ALTO', () => {
    for (const name of ['duplex.pdf', 'two-pages.tif', 'office.jpg']) {
      const hocr = parse(readFileSync(join(out, 'in', `${name}.hocr`), 'utf8'));
      const alto = parse(readFileSync(join(out, 'in', `${name}.alto.xml`), 'utf8'));
      const spans = Array.from(hocr.getElementsByTagName('span')).filter((s) => s.getAttribute('class') === 'ocrx_word');
      expect(spans.length).toBe(alto.getElementsByTagName('String').length);
      for (const s of spans) expect(s.getAttribute('title')).toMatch(/^bbox \d+ \d+ \d+ \d+; x_wconf \d+$/);
      expect(spans.map((s) => s.textContent)).toEqual(Array.from(alto.getElementsByTagName('String')).map((s) => s.getAttribute('CONTENT')));
    }
  });
});

describe('reruns', () => {
  it('skips what is done, with or without the formats, and makes them for inputs done before without them', async () => {
    const again = await runIngest({ paths: [input], outDir: out, progress: 'none', archive: ['pdf', 'alto', 'hocr'] }, { engine, pool });
    expect(again.report.counts.skipped).toBe(SCANS.length);
    const plain = await runIngest({ paths: [input], outDir: out, progress: 'none' }, { engine, pool });
    expect(plain.report.counts.skipped).toBe(SCANS.length);
    expect(existsSync(join(out, 'in', 'office.jpg.searchable.pdf'))).toBe(true);
    // Done without --pdf, then asked with it: done again, now with its PDF.
    const other = join(root, 'out2');
    await runIngest({ paths: [join(input, 'office.jpg')], outDir: other, progress: 'none' }, { engine, pool });
    expect(existsSync(join(other, 'office.jpg.searchable.pdf'))).toBe(false);
    const withPdf = await runIngest({ paths: [join(input, 'office.jpg')], outDir: other, progress: 'none', archive: ['pdf'] }, { engine, pool });
    expect(withPdf.report.counts.done).toBe(1);
    expect(existsSync(join(other, 'office.jpg.searchable.pdf'))).toBe(true);
    expect(existsSync(join(other, 'office.jpg.alto.xml'))).toBe(false);
  });
});
