/**
 * Plans as offices scan them, through the real loaders and the real engine (small pages from
 * scripts/make-scans.ts --committed-office): a colour scan with a hand-written number, an
 * incoming stamp over the header, a seal over the signature; the same page in gray under an
 * old `eng`-model text layer; a duplex scan with a blank back and a signature-only last page;
 * a Tờ trình and its draft decision in one PDF through `ingest`.
 */
import { characterErrorRate as cer } from '../scripts/lib/distance.js';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSource } from '../src/input/load.js';
import { TesseractJsEngine } from '../src/ocr/index.js';
import { processSource } from '../src/pipeline.js';
import { runIngest } from '../src/batch/ingest.js';
import type { SourceDocument } from '../src/input/source.js';

const engine = new TesseractJsEngine({ lang: 'vie', jobs: 2 });
afterAll(() => engine.close());
const dir = 'fixtures/scans/office';
const truth = (name: string) => readFileSync(`${dir}/truth/${name}.txt`, 'utf8');
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const lineTexts = (doc: SourceDocument) => doc.pages!.flatMap((p) => p.lines ?? []).map((l) => l.text);

/** The header and footer as the page shows them, in reading order, whatever OCR made of single letters. */
function expectReadingOrder(texts: string[]): void {
  const at = (re: RegExp) => texts.findIndex((t) => re.test(t));
  const order = [/^ỦY BAN NH/u, /^THÀNH PH/u, /^S\S{0,2}:/u, /^CỘNG HÒA/u, /^Độc lập/u, /ngày 18 tháng 11/u, /^KẾ HOẠCH$/u, /^Nơi nhận/u, /^- Lưu/u, /^KT\. CH/u, /^PHÓ CH/u, /Diệu Thúy$/u].map(at);
  expect(order.every((i) => i >= 0), JSON.stringify(texts.slice(0, 12))).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
}

describe('a colour scan of a printed, signed, sealed and stamped plan', () => {
  let doc: SourceDocument;
  it('drops the stamp and seal ink, reads the header and footer tables column by column', async () => {
    doc = await loadSource(`${dir}/plan.colour.jpg`, { ocr: engine });
    const page = doc.pages![0]!;
    expect(page.messages?.some((m) => m.ruleId === 'colour-dropout')).toBe(true);
    expectReadingOrder(lineTexts(doc));
    // Columns are blocks of their own.
    const issuer = page.lines!.find((l) => /^THÀNH PH/u.test(l.text))!;
    const motto = page.lines!.find((l) => /^Độc lập/u.test(l.text))!;
    expect(issuer.column).toBe('left');
    expect(motto.column).toBe('right');
    expect(issuer.block).not.toBe(motto.block);
    expect(issuer.words.length).toBeGreaterThan(2);
    // Nothing of the stamp, the seal or the signature in the text.
    expect(doc.text).not.toMatch(/ĐẾN|HƯNG NGUYÊN|5746|20\/11\/2025|Chuyển/u);
    // The whole page, header and footer included, reads as printed (the hand-written number may be left out).
    expect(cer(flat(truth('plan').replace('172/KH', '/KH')), flat(doc.text.replace(/Số: \d+ ?\/KH/u, 'Số: /KH')))).toBeLessThan(0.02);
  });

  it('extracts the header and footer fields; the hand-written number is read only when OCR is sure of it', async () => {
    const { plan } = await processSource(doc);
    expect(plan.header).toMatchObject({ documentType: 'Kế hoạch', place: 'Thành phố Hồ Chí Minh', issuedDate: '2025-11-18' });
    expect(plan.header.issuer?.toLowerCase()).toBe('ủy ban nhân dân thành phố hồ chí minh'); // never a stamp's or the number's words
    expect(cer('TRIỂN KHAI THI HÀNH LUẬT VIỆC LÀM TRÊN ĐỊA BÀN THÀNH PHỐ HỒ CHÍ MINH', plan.header.title ?? '')).toBeLessThan(0.05);
    expect(plan.signature?.signer).toBe('Trần Thị Diệu Thúy');
    expect(plan.recipients).toHaveLength(4);
    if (plan.header.number === null) {
      expect(plan.messages.some((m) => m.ruleId === 'header-unreadable')).toBe(true);
      expect(plan.review.reasons.join(' ')).toMatch(/header could not be read/);
    } else expect(plan.header.number).toBe('172/KH-UBND');
  });
});

describe('the same page in gray under an old eng-model OCR layer', () => {
  it('is OCRed again by default; the stamp text is kept apart with its registry number', async () => {
    const doc = await loadSource(`${dir}/eng-layer.pdf`, { ocr: engine });
    const page = doc.pages![0]!;
    expect(page.method).toBe('ocr');
    expect(page.messages?.find((m) => m.ruleId === 'text-layer')?.reason).toMatch(/does not read as Vietnamese/);
    expectReadingOrder(lineTexts(doc));
    expect(doc.text).not.toMatch(/HƯNG NGUYÊN|ĐẾN\b|Chuyển/u);
    const stamp = page.stamps?.find((s) => s.kind === 'incoming');
    expect(stamp?.text).toMatch(/HƯNG NGUYÊN/u);
    expect(cer(flat(truth('plan').replace('172/KH', '/KH')), flat(doc.text.replace(/Số: \d+ ?\/KH/u, 'Số: /KH')))).toBeLessThan(0.04);
  });
});

describe('a duplex scan', () => {
  it('reports and skips the blank back, keeps page numbers, reads the signature-only last page', async () => {
    const doc = await loadSource(`${dir}/duplex.pdf`, { ocr: engine });
    expect(doc.pages!.map((p) => p.method)).toEqual(['ocr', 'blank', 'ocr']);
    expect(doc.pages![1]!.messages![0]).toMatchObject({ ruleId: 'blank-page', severity: 'info' });
    const expected = truth('duplex').split('\f\n');
    expect(cer(flat(expected[0]!), flat(doc.pages![0]!.text))).toBeLessThan(0.02);
    expect(cer(flat(expected[2]!), flat(doc.pages![2]!.text))).toBeLessThan(0.05);
    const { plan } = await processSource(doc);
    expect(plan.messages.find((m) => m.ruleId === 'blank-page')?.reason).toMatch(/^Page 2: Blank page/);
    expect(plan.signature?.page).toBe(3);
  });
});

describe('a page that comes back empty', () => {
  it('is read again in sparse mode before it is given up, and says so', async () => {
    // Page 2: print under a dark round seal the size of the page, which automatic segmentation
    // takes for a picture. Page 1 holds a line of text, so the file is not refused as empty.
    const sharp = (await import('sharp')).default;
    const text = (y: number, t: string) => `<text x="650" y="${y}" font-family="DejaVu Serif" font-weight="bold" font-size="27" fill="#111">${t}</text>`;
    const page = (body: string) => sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="600"><rect width="1240" height="600" fill="#fff"/>${body}</svg>`)).grayscale().png().toBuffer();
    const pages = [await page(text(200, 'PHÓ CHỦ TỊCH')), await page(`<circle cx="800" cy="300" r="225" fill="#888"/>${text(200, 'PHÓ CHỦ TỊCH')}${text(400, 'Trần Thị Diệu Thúy')}`)];
    const file = join(mkdtempSync(join(tmpdir(), 'vnplan-empty-')), 'sealed.tif');
    await sharp(pages, { join: { animated: true } } as never).extractChannel(0).tiff({ xres: 150 / 25.4, yres: 150 / 25.4 }).toFile(file);
    try {
      const doc = await loadSource(file, { ocr: engine });
      expect(doc.pages![0]!.text).toMatch(/PHÓ CHỦ TỊCH/u);
      expect(doc.pages![0]!.messages?.some((m) => m.ruleId === 'ocr-sparse-retry') ?? false).toBe(false);
      const retry = doc.pages![1]!.messages?.find((m) => m.ruleId === 'ocr-sparse-retry');
      expect(retry?.reason).toMatch(/^Nothing found in automatic page segmentation/);
    } finally {
      rmSync(file, { force: true });
    }
  });
});

describe('several documents in one PDF', () => {
  it('ingest writes one set of outputs per document, with source.part', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vnplan-parts-'));
    try {
      const { exitCode } = await runIngest({ paths: [`${dir}/two-documents.pdf`], outDir: out, progress: 'none' }, { engine });
      expect(exitCode).toBe(0);
      const written = readdirSync(out).filter((f) => f.startsWith('two-documents')).sort();
      expect(written).toEqual([
        'two-documents.pdf.json', 'two-documents.pdf.md', 'two-documents.pdf.ocr.txt',
        'two-documents.pdf.part2.json', 'two-documents.pdf.part2.md', 'two-documents.pdf.part2.ocr.txt', 'two-documents.pdf.part2.txt',
        'two-documents.pdf.txt',
      ]);
      const parts = ['two-documents.pdf.json', 'two-documents.pdf.part2.json'].map((f) => JSON.parse(readFileSync(join(out, f), 'utf8')) as { source: { part: number; pages: number }; header: { number: string | null; issuer: string | null } });
      expect(parts.map((p) => [p.source.part, p.source.pages, p.header.number])).toEqual([[1, 1, '215/TTr-SNV'], [2, 1, null]]);
      expect(parts[1]!.header.issuer).toMatch(/Nghệ An/);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { documents: Array<{ outputs: { json: string }; parts?: Array<{ json: string }> }> };
      expect(manifest.documents[0]!.outputs.json).toBe('two-documents.pdf.json');
      expect(manifest.documents[0]!.parts!.map((p) => p.json)).toEqual(['two-documents.pdf.part2.json']);
      // A re-run finds every part in place and skips the file.
      const again = await runIngest({ paths: [`${dir}/two-documents.pdf`], outDir: out, progress: 'none' }, { engine });
      expect(again.report.counts.skipped).toBe(1);
      // A lost part is noticed: the file is done again, under the same names.
      rmSync(join(out, 'two-documents.pdf.part2.md'));
      const third = await runIngest({ paths: [`${dir}/two-documents.pdf`], outDir: out, progress: 'none' }, { engine });
      expect(third.report.counts.done).toBe(1);
      expect(readdirSync(out).filter((f) => f.startsWith('two-documents.pdf.part2')).length).toBe(4);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
