/**
 * Scan fixtures: clean plan text rendered to A4 pages (scripts/lib/render.ts) and degraded
 * the way scanners and photocopiers do, with the ground truth of every page beside it.
 *
 *   npx tsx scripts/make-scans.ts --out DIR [--source FILE…] [--pages N] [--seed N]
 *   npx tsx scripts/make-scans.ts --committed      # rewrites fixtures/scans/ (small set)
 *   npx tsx scripts/make-scans.ts --committed-office   # only fixtures/scans/office/
 *   npx tsx scripts/make-scans.ts --office --out DIR [--source fixtures/plans/X.txt …] [--seed N]
 *                                    # realistic office scans (colour, gray office, fax), see makeOfficeScans
 *
 * Kinds of page (each `<stem>.<kind>.<ext>` with `<stem>.gt.txt`):
 *   clean   300 dpi PNG, as rendered
 *   office  300 dpi JPEG q85: skew 0.5–2°, slight blur, uneven contrast, light noise, a few specks
 *   poor    200 dpi JPEG q50: skew, blur, grey background, noise, hundreds of specks
 * Documents: a born-digital PDF with a real text layer (DejaVu Serif: mupdf's Liberation
 * has no precomposed Vietnamese), an image-only PDF, a PDF whose text layer is accent-less
 * English-model OCR over the scan, a multi-page TIFF (1-bit, G4, as archives keep them).
 * Deterministic for a given seed (but for the random salt of the encrypted PDF).
 */
import { seededRandom } from './lib/random.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as mupdf from 'mupdf';
import sharp from 'sharp';
import { layoutParagraphs, renderLayoutPage, type DocumentLayout, type PageLayout, type ParagraphInput } from './lib/render.js';
import { parsePlanText, type OfficePlan } from './lib/office-plan.js';
import { layoutOfficeDocument, officePageTruth, renderOfficePage, type OfficeMarks, type OfficePageLayout } from './lib/office-page.js';

export const SCAN_KINDS = ['clean', 'office', 'poor'] as const;
export type ScanKind = (typeof SCAN_KINDS)[number];

const TEXT_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';


function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const E_SIGNATURE_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:?\d{2}|Z)?$/;

/** A plan's text → paragraphs for the renderer: short all-capital lines are centred bold headings. */
export function planParagraphs(text: string): ParagraphInput[] {
  // The seeds keep the hard line breaks of the PDFs they came from; a line that does not end
  // a sentence and is followed by a lower-case start continues the same paragraph.
  const lines: string[] = [];
  for (const raw of text.split(/\n/)) {
    // Seeds are text taken from PDFs: Markdown emphasis and the time stamps of e-signatures
    // are not ink on a paper plan.
    const line = raw.replace(/\*+([^*\n]+)\*+/g, '$1').trim();
    if (!line || E_SIGNATURE_STAMP.test(line)) continue;
    const prev = lines[lines.length - 1];
    if (prev !== undefined && !/[.:;!?]$/.test(prev) && /^\p{Ll}/u.test(line)) lines[lines.length - 1] = `${prev} ${line}`;
    else lines.push(line);
  }
  return lines.map((line) => {
      const letters = line.replace(/[^\p{L}]/gu, '');
      const heading = letters.length > 0 && letters === letters.toUpperCase() && line.length < 90;
      return heading && !/^[IVX]+\./.test(line) ? { text: line, bold: true, align: 'center' as const, indentMm: 0 } : line;
    });
}

export function pageTruth(page: PageLayout): string {
  return `${page.lines.map((l) => l.text).join('\n')}\n`;
}

interface Degradation {
  dpi: number;
  skewDeg: [number, number];
  blurSigma: number;
  /** Background brightness range across the page (uneven lighting). */
  background: [number, number];
  /** Ink darkness range across the page (toner fading). */
  ink: [number, number];
  noiseSigma: number;
  specks: number;
  speckRadius: [number, number];
  jpegQuality: number;
}

export const DEGRADATIONS: Record<Exclude<ScanKind, 'clean'>, Degradation> = {
  office: { dpi: 300, skewDeg: [0.5, 2], blurSigma: 0.6, background: [238, 252], ink: [0.85, 1], noiseSigma: 5, specks: 25, speckRadius: [1, 2], jpegQuality: 85 },
  poor: { dpi: 200, skewDeg: [0.5, 2], blurSigma: 0.8, background: [215, 240], ink: [0.75, 0.95], noiseSigma: 9, specks: 500, speckRadius: [0.8, 2.2], jpegQuality: 50 },
};

/** A clean 300 dpi page → a degraded gray JPEG (and the skew applied, for the record). */
export async function degrade(png: Buffer, d: Degradation, seed: number): Promise<{ jpeg: Buffer; skew: number; width: number; height: number }> {
  const random = seededRandom(seed);
  const skew = (d.skewDeg[0] + random() * (d.skewDeg[1] - d.skewDeg[0])) * (random() < 0.5 ? -1 : 1);
  const meta = await sharp(png).metadata();
  const scale = d.dpi / (meta.density ?? 300);
  let img = sharp(png).flatten({ background: '#ffffff' }).grayscale();
  if (scale !== 1) img = sharp(await img.resize(Math.round(meta.width! * scale)).png().toBuffer());
  const rotated = await img.rotate(skew, { background: '#ffffff' }).blur(d.blurSigma).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const { width, height } = rotated.info;
  const px = new Uint8Array(rotated.data);
  // Lighting and toner vary smoothly across the sheet.
  const [bx, by, ix, iy] = [random(), random(), random(), random()];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      const bg = d.background[0] + (d.background[1] - d.background[0]) * (0.5 + 0.5 * Math.sin(3 * (u * bx + v * by) + bx * 6));
      const ink = d.ink[0] + (d.ink[1] - d.ink[0]) * (0.5 + 0.5 * Math.cos(2.5 * (u * ix - v * iy) + iy * 6));
      const darkness = (255 - px[y * width + x]!) / 255;
      const value = bg - darkness * ink * bg + gaussian(random) * d.noiseSigma;
      px[y * width + x] = Math.max(0, Math.min(255, Math.round(value)));
    }
  }
  for (let s = 0; s < d.specks; s++) {
    const cx = random() * width;
    const cy = random() * height;
    const r = d.speckRadius[0] + random() * (d.speckRadius[1] - d.speckRadius[0]);
    const shade = 20 + random() * 80;
    for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++) {
      for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) {
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) px[y * width + x] = Math.min(px[y * width + x]!, shade);
      }
    }
  }
  const jpeg = await sharp(px, { raw: { width, height, channels: 1 } }).withMetadata({ density: d.dpi }).jpeg({ quality: d.jpegQuality }).toBuffer();
  return { jpeg, skew, width, height };
}

/** A born-digital PDF: every line of the layout as real text (what a word processor exports). */
export function textLayerPdf(layout: DocumentLayout): Uint8Array {
  const font = new mupdf.Font('DejaVuSerif', readFileSync(TEXT_FONT));
  const buffer = new mupdf.Buffer();
  const writer = new mupdf.DocumentWriter(buffer, 'pdf', 'compress');
  for (const page of layout.pages) {
    const k = 72 / page.dpi;
    const device = writer.beginPage([0, 0, page.width * k, page.height * k]);
    const text = new mupdf.Text();
    const size = 13;
    for (const line of page.lines) {
      // DejaVu is wider than the Times-like face the layout was made with: squeeze each line into its box.
      const em = [...line.text].reduce((w, ch) => w + font.advanceGlyph(font.encodeCharacter(ch.codePointAt(0)!), 0), 0);
      const room = (line.bbox.x1 - line.x) * k;
      const sx = em > 0 ? Math.min(1, room / (em * size)) : 1;
      text.showString(font, [size * sx, 0, 0, -size, line.x * k, line.baseline * k], line.text);
    }
    device.fillText(text, mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, [0], 1);
    writer.endPage();
  }
  writer.close();
  const doc = mupdf.Document.openDocument(buffer.asUint8Array(), 'application/pdf').asPDF()!;
  doc.subsetFonts();
  return doc.saveToBuffer('compress,garbage').asUint8Array();
}

/** ASCII letters only, as the `eng` model prints Vietnamese (`của` → `cua`, `Đảng` → `Dang`). */
export function withoutMarks(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e\n]/g, '');
}

/** A line of an invisible text layer: its text and box in the page image's pixels. */
export interface HiddenLine {
  text: string;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

/** A PDF string of Latin-1 text (WinAnsi, as the simple font is encoded): other characters are dropped. */
function pdfString(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '(' || ch === ')') out += `\\${ch}`;
    else if (c >= 32 && c < 127) out += ch;
    else if (c >= 160 && c < 256) out += `\\${c.toString(8).padStart(3, '0')}`;
  }
  return `(${out})`;
}

/**
 * Image-only PDF of page images (JPEG, placed full page); with `hiddenText`, each page also
 * gets that text as an invisible layer (render mode 3), the way OCR tools add theirs; with
 * `hiddenLines`, each line is placed over its box in the image and stretched to its width,
 * as OCRmyPDF and scanner software place theirs.
 */
export function imagePdf(pages: Array<{ jpeg: Uint8Array; dpi: number; hiddenText?: string; hiddenLines?: HiddenLine[] }>): Uint8Array {
  const doc = new mupdf.PDFDocument();
  const font = doc.addSimpleFont(new mupdf.Font('Times-Roman'), 'Latin');
  pages.forEach((p) => {
    const img = new mupdf.Image(p.jpeg);
    const image = doc.addImage(img);
    // The page is the size of the scanned sheet: pixels at the scan's resolution.
    const width = Math.round((img.getWidth() * 72 * 100) / p.dpi) / 100;
    const height = Math.round((img.getHeight() * 72 * 100) / p.dpi) / 100;
    let content = `q ${width} 0 0 ${height} 0 0 cm /Im0 Do Q\n`;
    if (p.hiddenText) {
      content += `BT 3 Tr /F1 11 Tf 14 TL 85 ${height - 50} Td\n`;
      for (const line of p.hiddenText.split('\n')) content += `(${line.replace(/[\\()]/g, (c) => `\\${c}`)}) '\n`;
      content += 'ET\n';
    }
    if (p.hiddenLines?.length) {
      const k = 72 / p.dpi;
      const helvetica = new mupdf.Font('Times-Roman');
      content += 'BT 3 Tr\n';
      for (const line of p.hiddenLines) {
        const size = Math.max(4, (line.bbox.y1 - line.bbox.y0) * k * 0.8);
        const em = [...line.text].reduce((w, ch) => w + helvetica.advanceGlyph(helvetica.encodeCharacter(ch.codePointAt(0)!), 0), 0) * size;
        const stretch = em > 0 ? Math.max(10, Math.min(400, (((line.bbox.x1 - line.bbox.x0) * k) / em) * 100)) : 100;
        const x = (line.bbox.x0 * k).toFixed(2);
        const y = (height - line.bbox.y1 * k + size * 0.2).toFixed(2);
        content += `/F1 ${size.toFixed(2)} Tf ${stretch.toFixed(1)} Tz 1 0 0 1 ${x} ${y} Tm ${pdfString(line.text)} Tj\n`;
      }
      content += 'ET\n';
    }
    const resources = doc.addObject({ XObject: { Im0: image }, Font: { F1: font } });
    doc.insertPage(-1, doc.addPage([0, 0, width, height], 0, resources, content));
  });
  return doc.saveToBuffer('compress').asUint8Array();
}

/** A PDF encrypted with a user password: it cannot be opened without it. */
export function encryptPdf(bytes: Uint8Array): Uint8Array {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf').asPDF()!;
  return doc.saveToBuffer('encrypt=aes-256,user-password=secret,owner-password=owner-secret').asUint8Array();
}

/** A PDF cut short and overwritten in the middle, as a failed copy leaves it. */
export function corruptPdf(bytes: Uint8Array, seed = 7): Uint8Array {
  const random = seededRandom(seed);
  const out = bytes.slice(0, Math.floor(bytes.length * 0.6));
  for (let i = 200; i < out.length; i += 97) out[i] = Math.floor(random() * 256);
  return out;
}

export async function multiPageTiff(pngs: Buffer[], dpi: number): Promise<Buffer> {
  const pages = await Promise.all(pngs.map((p) => sharp(p).flatten({ background: '#ffffff' }).grayscale().threshold(160).png().toBuffer()));
  return sharp(pages, { join: { animated: true } } as never)
    .extractChannel(0)
    .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: dpi / 25.4, yres: dpi / 25.4, resolutionUnit: 'inch' } as never)
    .toBuffer();
}

// ---------------------------------------------------------------------------------------
// Office scans: plans printed in the Nghị định 30/2020 layout (scripts/lib/office-page.ts),
// marked by hand and by stamps, then scanned three ways.

/** How a printed, signed and stamped plan reaches vnplan. */
export const OFFICE_VARIANTS = ['colour', 'office', 'fax'] as const;
export type OfficeVariant = (typeof OFFICE_VARIANTS)[number];

/** The four dev plans with gold the realistic scans print by default. */
export const OFFICE_PLANS = [
  'fixtures/plans/nghean-kh1026-bao-ve-bi-mat-nha-nuoc-2025.txt',
  'fixtures/plans/cantho-kh159-truyen-thong-giam-ngheo-2025.txt',
  'fixtures/plans/laichau-kh7360-luat-tieu-chuan-quy-chuan-2025.txt',
  'fixtures/plans/hcm-kh172-thi-hanh-luat-viec-lam-2025.txt',
];

/** Communes whose incoming stamps land on the copies (names real enough, none an issuer of the plans). */
const STAMP_ORGS = ['UBND XÃ HƯNG NGUYÊN', 'UBND PHƯỜNG VINH PHÚ', 'UBND XÃ PHONG ĐIỀN', 'UBND XÃ TAM ĐƯỜNG', 'UBND PHƯỜNG BẾN THÀNH', 'UBND XÃ NGHI LỘC'];

/** The seal's text: the issuer's name on one line (`ỦY BAN NHÂN DÂN TỈNH NGHỆ AN`). */
function sealText(plan: OfficePlan): string {
  return plan.issuer.join(' ');
}

/** What lands on a plan's copy after printing: hand-written number, signature, seal, incoming stamp. */
export function officeMarks(plan: OfficePlan, seed: number, options: { signatureBox?: boolean } = {}): OfficeMarks {
  const random = seededRandom(seed);
  const date = /ngày (\d+) tháng (\d+) năm (\d{4})/u.exec(plan.placeDate);
  const day = date ? Math.min(28, Number(date[1]) + 1 + Math.floor(random() * 3)) : 1;
  const stampDate = date ? `${String(day).padStart(2, '0')}/${date[2]!.padStart(2, '0')}/${date[3]}` : '02/12/2025';
  const marks: OfficeMarks = {
    handwriting: true,
    signature: true,
    seal: { text: sealText(plan) },
    incomingStamp: { org: STAMP_ORGS[Math.floor(random() * STAMP_ORGS.length)]!, number: String(1000 + Math.floor(random() * 8999)), date: stampDate },
  };
  if (options.signatureBox) {
    const time = date ? `${date[1]!.padStart(2, '0')}.${date[2]!.padStart(2, '0')}.${date[3]} 16:${String(10 + Math.floor(random() * 49))}:${String(10 + Math.floor(random() * 49))} +07:00` : '';
    marks.signatureBox = { signer: sealText(plan).replace(/^ỦY BAN NHÂN DÂN/u, 'Ủy ban nhân dân').replace(/ (TỈNH|THÀNH PHỐ) /u, (m) => m.toLowerCase()), time };
  }
  return marks;
}

/** A colour scan: 300 dpi RGB JPEG q85, a slight skew, soft focus, sensor noise, uneven light. */
export async function scanColour(png: Buffer, seed: number): Promise<Buffer> {
  const random = seededRandom(seed);
  const skew = (0.2 + random() * 0.8) * (random() < 0.5 ? -1 : 1);
  const { data, info } = await sharp(png).removeAlpha().rotate(skew, { background: { r: 250, g: 249, b: 245 } }).blur(0.5).raw().toBuffer({ resolveWithObject: true });
  const px = new Uint8Array(data);
  const [bx, by] = [random(), random()];
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const light = 0.96 + 0.04 * Math.sin(3 * ((x / info.width) * bx + (y / info.height) * by) + bx * 6);
      const n = gaussian(random) * 3;
      for (let c = 0; c < 3; c++) {
        const k = (y * info.width + x) * 3 + c;
        px[k] = Math.max(0, Math.min(255, Math.round(px[k]! * light + n)));
      }
    }
  }
  return sharp(px, { raw: { width: info.width, height: info.height, channels: 3 } }).withMetadata({ density: 300 }).jpeg({ quality: 85 }).toBuffer();
}

/** A fax: gray, 200 dpi, skewed, thresholded to 1 bit with noise along the edges, a few specks. */
export async function scanFax(png: Buffer, seed: number): Promise<Buffer> {
  const random = seededRandom(seed);
  const skew = (0.3 + random() * 1.2) * (random() < 0.5 ? -1 : 1);
  const meta = await sharp(png).metadata();
  const scale = 200 / (meta.density ?? 300);
  const width = Math.round(meta.width! * scale);
  const height = Math.round(meta.height! * scale);
  const small = await sharp(png).removeAlpha().grayscale().resize(width, height).png().toBuffer();
  // Turned on the glass, then cut back to the sheet's size: every page of a fax has the same size.
  const turned = await sharp(small).rotate(skew, { background: '#ffffff' }).png().toBuffer({ resolveWithObject: true });
  const left = Math.floor((turned.info.width - width) / 2), top = Math.floor((turned.info.height - height) / 2);
  const { data, info } = await sharp(turned.data).extract({ left, top, width, height }).blur(0.6).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const px = new Uint8Array(data);
  for (let i = 0; i < px.length; i++) px[i] = px[i]! + gaussian(random) * 14 < 150 ? 0 : 255;
  for (let s = 0; s < 120; s++) {
    const cx = Math.floor(random() * info.width), cy = Math.floor(random() * info.height);
    const r = random() < 0.8 ? 0 : 1;
    for (let y = cy - r; y <= cy + r; y++) for (let x = cx - r; x <= cx + r; x++) if (x >= 0 && y >= 0 && x < info.width && y < info.height) px[y * info.width + x] = 0;
  }
  return sharp(px, { raw: { width: info.width, height: info.height, channels: 1 } }).withMetadata({ density: 200 }).png({ palette: true, colours: 2 }).toBuffer();
}

/** The blank back of a sheet scanned duplex: paper, the front's print showing through faintly, dust. */
export async function blankBack(frontPng: Buffer, seed: number): Promise<Buffer> {
  const random = seededRandom(seed);
  const { data, info } = await sharp(frontPng).removeAlpha().grayscale().flop().blur(2.5).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const px = new Uint8Array(data);
  for (let i = 0; i < px.length; i++) {
    const through = (255 - px[i]!) / 255;
    px[i] = Math.max(0, Math.min(255, Math.round(246 - through * 22 + gaussian(random) * 3)));
  }
  for (let s = 0; s < 15; s++) {
    const cx = Math.floor(random() * info.width), cy = Math.floor(random() * info.height);
    for (let y = cy - 1; y <= cy + 1; y++) for (let x = cx - 1; x <= cx + 1; x++) if (x >= 0 && y >= 0 && x < info.width && y < info.height) px[y * info.width + x] = 60;
  }
  return sharp(px, { raw: { width: info.width, height: info.height, channels: 1 } }).withMetadata({ density: 300 }).jpeg({ quality: 85 }).toBuffer();
}

/** 1-bit pages (PNG) → one multi-page TIFF, CCITT G4, as fax servers file them. */
export async function faxTiff(pages: Buffer[], dpi = 200): Promise<Buffer> {
  const gray = await Promise.all(pages.map((p) => sharp(p).grayscale().png().toBuffer()));
  return sharp(gray, { join: { animated: true } } as never)
    .extractChannel(0)
    .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: dpi / 25.4, yres: dpi / 25.4, resolutionUnit: 'inch' } as never)
    .toBuffer();
}

export interface OfficeScanOptions {
  out: string;
  /** Plan text files (fixtures/plans). */
  plans: string[];
  seed: number;
  variants?: readonly OfficeVariant[];
  /** Plans (by index) whose office copy is scanned duplex: a blank back after every page. */
  duplex?: number[];
  /** Plans (by index) whose copy carries the box of a digital signature. */
  signatureBox?: number[];
  /** Also write `<id>.eng-layer.pdf`: the office pages over an invisible layer of what the `eng` model reads on them. */
  engLayer?: boolean;
}

/** What tesseract's `eng` model reads on a page image, line by line with boxes: an old OCR's text layer. */
export async function engOcrLines(engine: import('../src/ocr/engine.js').OcrEngine, image: Buffer): Promise<HiddenLine[]> {
  const { data, info } = await sharp(image).flatten({ background: '#ffffff' }).grayscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  const meta = await sharp(image).metadata();
  const { prepareForOcr } = await import('../src/ocr/prepare.js');
  const { image: prepared } = await prepareForOcr({ data: new Uint8Array(data), width: info.width, height: info.height, dpi: meta.density ?? 300 }, { straighten: false });
  const result = await engine.recognize(prepared);
  return result.lines.map((l) => ({ text: l.words.map((w) => w.text).join(' '), bbox: l.bbox }));
}

/** A short name for a plan file: `nghean-kh1026-bao-ve-…` → `nghean-kh1026`. */
export function planId(path: string): string {
  return basename(path).replace(/\.[^.]+$/, '').split('-').slice(0, 2).join('-');
}

/**
 * Realistic scans of whole plans: per plan and page `<id>-p<n>.gt.txt` (the page's text in
 * reading order), `<id>-p<n>.<variant>.{jpg,png}`; per plan `<id>.gt.txt` (pages joined by
 * a form-feed line) and one document per variant: `<id>.colour.pdf`, `<id>.office.pdf`,
 * `<id>.fax.tif`. Returns the names written.
 */
export async function makeOfficeScans(o: OfficeScanOptions): Promise<string[]> {
  mkdirSync(o.out, { recursive: true });
  const written: string[] = [];
  const write = (name: string, data: Uint8Array | string) => {
    writeFileSync(join(o.out, name), data);
    written.push(name);
  };
  const variants = o.variants ?? OFFICE_VARIANTS;
  const { TesseractJsEngine } = await import('../src/ocr/tesseractjs.js');
  const eng = o.engLayer ? new TesseractJsEngine({ lang: 'eng', jobs: 1 }) : null;
  try {
  for (const [pi, source] of o.plans.entries()) {
    const id = planId(source);
    const plan = parsePlanText(readFileSync(source, 'utf8'));
    const pages = layoutOfficeDocument(plan, { handwrittenNumber: true });
    const marks = officeMarks(plan, o.seed * 1000 + pi, { signatureBox: o.signatureBox?.includes(pi) ?? pi === 3 });
    const docs: Record<OfficeVariant, Buffer[]> = { colour: [], office: [], fax: [] };
    const officePages: Buffer[] = [];
    for (const page of pages) {
      const seed = o.seed * 100_000 + pi * 1000 + page.number * 10;
      const pageMarks: OfficeMarks = page.number === 1 ? marks : { ...marks, incomingStamp: undefined, signatureBox: undefined };
      const png = await renderOfficePage(page, pageMarks, seed);
      const stem = `${id}-p${page.number}`;
      write(`${stem}.gt.txt`, officePageTruth(page));
      for (const variant of variants) {
        let image: Buffer;
        if (variant === 'colour') image = await scanColour(png, seed + 1);
        else if (variant === 'office') image = (await degrade(png, DEGRADATIONS.office, seed + 2)).jpeg;
        else image = await scanFax(png, seed + 3);
        write(`${stem}.${variant}.${variant === 'fax' ? 'png' : 'jpg'}`, image);
        docs[variant].push(image);
        if (variant === 'office') officePages.push(image);
        if (variant === 'office' && o.duplex?.includes(pi)) docs.office.push(await blankBack(png, seed + 4));
      }
    }
    write(`${id}.gt.txt`, pages.map(officePageTruth).join('\f\n'));
    if (docs.colour.length) write(`${id}.colour.pdf`, imagePdf(docs.colour.map((jpeg) => ({ jpeg, dpi: 300 }))));
    if (docs.office.length) write(`${id}.office.pdf`, imagePdf(docs.office.map((jpeg) => ({ jpeg, dpi: 300 }))));
    if (docs.fax.length) write(`${id}.fax.tif`, await faxTiff(docs.fax));
    if (eng && officePages.length) {
      const layered = [];
      for (const jpeg of officePages) layered.push({ jpeg, dpi: 300, hiddenLines: await engOcrLines(eng, jpeg) });
      write(`${id}.eng-layer.pdf`, imagePdf(layered));
    }
  }
  } finally {
    await eng?.close();
  }
  return written;
}

export type { OfficePageLayout };

/** A born-digital PDF of office pages: every printed line as real text (DejaVu Serif, squeezed into its box). */
export function officeTextPdf(pages: OfficePageLayout[]): Uint8Array {
  const font = new mupdf.Font('DejaVuSerif', readFileSync(TEXT_FONT));
  const buffer = new mupdf.Buffer();
  const writer = new mupdf.DocumentWriter(buffer, 'pdf', 'compress');
  for (const page of pages) {
    const k = 72 / page.dpi;
    const device = writer.beginPage([0, 0, page.width * k, page.height * k]);
    const text = new mupdf.Text();
    for (const item of [...page.items, ...page.furniture]) {
      const size = item.px * k;
      const em = [...item.text].reduce((w, ch) => w + font.advanceGlyph(font.encodeCharacter(ch.codePointAt(0)!), 0), 0);
      const sx = em > 0 ? Math.min(1, (item.width * k) / (em * size)) : 1;
      text.showString(font, [size * sx, 0, 0, -size, item.x * k, item.baseline * k], item.text);
    }
    device.fillText(text, mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, [0], 1);
    writer.endPage();
  }
  writer.close();
  const doc = mupdf.Document.openDocument(buffer.asUint8Array(), 'application/pdf').asPDF()!;
  doc.subsetFonts();
  return doc.saveToBuffer('compress,garbage').asUint8Array();
}

/** A Tờ trình of a department and the draft decision it submits, as they are filed together. */
export const SUBMISSION_WITH_DRAFT: OfficePlan[] = [
  {
    issuer: ['UBND TỈNH NGHỆ AN', 'SỞ NỘI VỤ'],
    number: { digits: '215', code: '/TTr-SNV' },
    motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    placeDate: 'Nghệ An, ngày 20 tháng 11 năm 2025',
    type: 'TỜ TRÌNH',
    title: 'Về việc ban hành Kế hoạch bảo vệ bí mật nhà nước năm 2026',
    body: [
      { text: 'Kính gửi: Ủy ban nhân dân tỉnh Nghệ An.', bold: false },
      { text: 'Thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng Chính phủ, Sở Nội vụ đã phối hợp với Công an tỉnh xây dựng dự thảo Kế hoạch bảo vệ bí mật nhà nước trên địa bàn tỉnh năm 2026.', bold: false },
      { text: 'Sở Nội vụ kính trình Ủy ban nhân dân tỉnh xem xét, ban hành Quyết định kèm theo dự thảo./.', bold: false },
    ],
    recipients: ['Như trên;', 'Lưu: VT, TCBC.'],
    signature: { authority: [], position: 'GIÁM ĐỐC', signer: 'Nguyễn Văn Hải' },
  },
  {
    issuer: ['ỦY BAN NHÂN DÂN', 'TỈNH NGHỆ AN'],
    number: { digits: '', code: '/QĐ-UBND' },
    motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    placeDate: 'Nghệ An, ngày tháng năm 2025',
    type: 'QUYẾT ĐỊNH',
    title: 'Ban hành Kế hoạch bảo vệ bí mật nhà nước năm 2026',
    body: [
      { text: 'ỦY BAN NHÂN DÂN TỈNH NGHỆ AN', bold: true },
      { text: 'Căn cứ Luật Bảo vệ bí mật nhà nước ngày 15 tháng 11 năm 2018;', bold: false },
      { text: 'Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 215/TTr-SNV ngày 20 tháng 11 năm 2025.', bold: false },
      { text: 'QUYẾT ĐỊNH:', bold: true },
      { text: 'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch bảo vệ bí mật nhà nước trên địa bàn tỉnh năm 2026.', bold: false },
      { text: 'Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.', bold: false },
    ],
    recipients: ['Như Điều 2;', 'Lưu: VT, NC.'],
    signature: { authority: ['TM. ỦY BAN NHÂN DÂN'], position: 'CHỦ TỊCH', signer: 'Lê Hồng Vinh' },
  },
];

/** The office plan of a committed test page: a plan's header and title, one paragraph, a short footer. */
function shortPlan(plan: OfficePlan): OfficePlan {
  return { ...plan, body: plan.body.slice(0, 2), recipients: [...plan.recipients.slice(0, 3), plan.recipients[plan.recipients.length - 1]!] };
}

/**
 * The committed office fixtures (fixtures/scans/office/, about 1.8 MB): one short page of a
 * real plan printed, signed, sealed and stamped, as a colour scan and as a gray office scan
 * under an old `eng`-model OCR text layer;
 * a duplex scan with a blank back; a signature-only last page; a Tờ trình with its draft
 * decision in one PDF; truth beside each.
 */
export async function makeCommittedOffice(out: string, seed: number): Promise<string[]> {
  const dir = join(out, 'office');
  mkdirSync(join(dir, 'truth'), { recursive: true });
  const written: string[] = [];
  const write = (name: string, data: Uint8Array | string) => {
    writeFileSync(join(dir, name), data);
    written.push(`office/${name}`);
  };
  const plan = shortPlan(parsePlanText(readFileSync(OFFICE_PLANS[3]!, 'utf8')));
  const laid = layoutOfficeDocument(plan, { handwrittenNumber: true, pageMm: { width: 210, height: 185 } });
  if (laid.length !== 1) throw new Error(`the committed plan page does not fit one page (${laid.length})`);
  const page = laid[0];
  const marks = officeMarks(plan, seed);
  const png = await renderOfficePage(page!, marks, seed);
  // Colour scans keep their colour; smaller files at q75 are still a scan.
  write('plan.colour.jpg', await sharp(await scanColour(png, seed + 1)).jpeg({ quality: 65 }).toBuffer());
  const office = (await degrade(png, { ...DEGRADATIONS.office, jpegQuality: 65 }, seed + 2)).jpeg;
  write('truth/plan.txt', officePageTruth(page!));
  // The same gray scan under the text an old OCR with the `eng` model left (`THANH PHO HO CHi MINH`, `Sé:`).
  const { TesseractJsEngine } = await import('../src/ocr/tesseractjs.js');
  const eng = new TesseractJsEngine({ lang: 'eng', jobs: 1 });
  try {
    write('eng-layer.pdf', imagePdf([{ jpeg: office, dpi: 300, hiddenLines: await engOcrLines(eng, office) }]));
  } finally {
    await eng.close();
  }
  // Duplex: a short page of body text, its blank back, and a last page holding only the signature block.
  const full = parsePlanText(readFileSync(OFFICE_PLANS[3]!, 'utf8'));
  const body = layoutOfficeDocument({ ...full, body: full.body.slice(2, 5) }, { pageMm: { width: 210, height: 297 } })[0]!;
  const bodyItems = body.items.filter((i) => i.zone === 'body');
  const up = Math.min(...bodyItems.map((i) => i.baseline)) - 30 * (300 / 25.4);
  const bodyOnly = { ...body, height: Math.round(120 * (300 / 25.4)), items: bodyItems.map((i) => ({ ...i, baseline: i.baseline - up })), rules: [], signatureBlank: undefined, header: undefined };
  const bodyPng = await renderOfficePage(bodyOnly, {}, seed + 3);
  const signatureOnly: OfficePlan = { ...plan, recipients: [] };
  const sigLayout = layoutOfficeDocument(signatureOnly, { pageMm: { width: 210, height: 297 } });
  const sigPage = sigLayout[sigLayout.length - 1]!;
  const sigOnly = { ...sigPage, items: sigPage.items.filter((i) => i.zone === 'footer-right'), furniture: [], rules: [], header: undefined };
  // Move the signature block to the top of its page, as it falls on a last page.
  const shift = Math.min(...sigOnly.items.map((i) => i.baseline)) - 40 * (300 / 25.4);
  const lifted = { ...sigOnly, height: Math.round(110 * (300 / 25.4)), items: sigOnly.items.map((i) => ({ ...i, baseline: i.baseline - shift })), signatureBlank: sigOnly.signatureBlank && { ...sigOnly.signatureBlank, top: sigOnly.signatureBlank.top - shift, bottom: sigOnly.signatureBlank.bottom - shift } };
  const sigPng = await renderOfficePage(lifted, { signature: true, seal: marks.seal }, seed + 4);
  const pages = [
    (await degrade(bodyPng, { ...DEGRADATIONS.office, jpegQuality: 60 }, seed + 5)).jpeg,
    await sharp(await blankBack(bodyPng, seed + 6)).jpeg({ quality: 50 }).toBuffer(),
    (await degrade(sigPng, { ...DEGRADATIONS.office, jpegQuality: 60 }, seed + 7)).jpeg,
  ];
  write('duplex.pdf', imagePdf(pages.map((jpeg) => ({ jpeg, dpi: 300 }))));
  write('truth/duplex.txt', [officePageTruth(bodyOnly), '', officePageTruth(lifted)].join('\f\n'));
  // Two documents in one PDF (born digital: no OCR needed to read them).
  const docs = SUBMISSION_WITH_DRAFT.map((p) => layoutOfficeDocument(p, { pageMm: { width: 210, height: 297 } }));
  write('two-documents.pdf', officeTextPdf(docs.flat()));
  write('truth/two-documents.txt', docs.map((d) => d.map(officePageTruth).join('\f\n')).join('\f\n'));
  return written;
}

interface Options {
  out: string;
  sources: string[];
  pages: number;
  seed: number;
  committed: boolean;
  /** Realistic office scans of the plans given with --source (fixtures/plans; default OFFICE_PLANS). */
  office: boolean;
  /** Only the committed office fixtures (fixtures/scans/office/). */
  committedOffice: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { out: '', sources: [], pages: Infinity, seed: 1, committed: false, office: false, committedOffice: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') o.out = argv[++i]!;
    else if (a === '--source') o.sources.push(argv[++i]!);
    else if (a === '--pages') o.pages = Number(argv[++i]);
    else if (a === '--seed') o.seed = Number(argv[++i]);
    else if (a === '--committed') o.committed = true;
    else if (a === '--committed-office') o.committedOffice = true;
    else if (a === '--office') o.office = true;
  }
  if (o.sources.length === 0) o.sources = o.office ? [...OFFICE_PLANS] : ['fixtures/seeds/002_c34fca3d98583d5b.txt', 'fixtures/seeds/003_251206f63cef4c9c.txt'];
  if (o.committed || o.committedOffice) o.out ||= 'fixtures/scans';
  if (!o.out) throw new Error('usage: make-scans.ts --out DIR [--source FILE…] [--pages N] [--seed N] [--office] | --committed | --committed-office');
  return o;
}

/** Full set: every kind of every page of each source, plus the PDFs and TIFF of each source. */
export async function makeScans(o: Pick<Options, 'out' | 'sources' | 'pages' | 'seed'>): Promise<string[]> {
  mkdirSync(o.out, { recursive: true });
  const written: string[] = [];
  const write = (name: string, data: Uint8Array | string) => {
    writeFileSync(join(o.out, name), data);
    written.push(name);
  };
  for (const [si, source] of o.sources.entries()) {
    const id = basename(source).replace(/\.[^.]+$/, '').replace(/_.*/, '');
    const layout = layoutParagraphs(planParagraphs(readFileSync(source, 'utf8')));
    const pages = layout.pages.slice(0, o.pages);
    const office: Buffer[] = [];
    for (const [pi, page] of pages.entries()) {
      const stem = `${id}-p${pi + 1}`;
      const rendered = await renderLayoutPage(page, layout.font);
      write(`${stem}.gt.txt`, pageTruth(page));
      write(`${stem}.clean.png`, rendered.png);
      for (const kind of ['office', 'poor'] as const) {
        const { jpeg } = await degrade(rendered.png, DEGRADATIONS[kind], o.seed * 1000 + si * 100 + pi * 2 + (kind === 'poor' ? 1 : 0));
        write(`${stem}.${kind}.jpg`, jpeg);
        if (kind === 'office') office.push(jpeg);
      }
    }
    write(`${id}.gt.txt`, pages.map(pageTruth).join('\f\n'));
    write(`${id}.text-layer.pdf`, textLayerPdf({ font: layout.font, pages }));
    write(`${id}.image-only.pdf`, imagePdf(office.map((jpeg) => ({ jpeg, dpi: DEGRADATIONS.office.dpi }))));
  }
  return written;
}

/** The small committed set under fixtures/scans/ (tests, README demo): short pages, few MB. */
export async function makeCommitted(out: string, seed: number): Promise<string[]> {
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  const write = (name: string, data: Uint8Array | string) => {
    writeFileSync(join(out, name), data);
    written.push(name);
  };
  const text002 = planParagraphs(readFileSync('fixtures/seeds/002_c34fca3d98583d5b.txt', 'utf8'));
  const text003 = planParagraphs(readFileSync('fixtures/seeds/003_251206f63cef4c9c.txt', 'utf8'));
  // Short pages keep each OCR test to a few seconds: A4 width, a third of its height.
  const short = { pageMm: { width: 210, height: 110 } };
  const a = layoutParagraphs(text002.slice(0, 6), short).pages[0]!;
  const b = layoutParagraphs(text003.slice(0, 6), short).pages[0]!;
  const c = layoutParagraphs(text003.slice(6, 12), short).pages[0]!;
  const font = layoutParagraphs(['x']).font;
  const [pa, pb, pc] = await Promise.all([a, b, c].map((p) => renderLayoutPage(p, font)));

  mkdirSync(join(out, 'truth'), { recursive: true });
  write('clean.png', await sharp(pa!.png).flatten({ background: '#ffffff' }).grayscale().png({ compressionLevel: 9 }).withMetadata({ density: 300 }).toBuffer());
  write('truth/clean.txt', pageTruth(a));
  const office = await degrade(pb!.png, DEGRADATIONS.office, seed * 10 + 1);
  write('office.jpg', office.jpeg);
  write('truth/office.txt', pageTruth(b));
  const rotated = await sharp(pa!.png).flatten({ background: '#ffffff' }).grayscale().rotate(180).png({ compressionLevel: 9 }).withMetadata({ density: 300 }).toBuffer();
  write('upside-down.png', rotated);
  write('truth/upside-down.txt', pageTruth(a));
  write('two-pages.tif', await multiPageTiff([pb!.png, pc!.png], 300));
  write('truth/two-pages.txt', `${pageTruth(b)}\f\n${pageTruth(c)}`);
  const full = layoutParagraphs(text002);
  write('text-layer.pdf', textLayerPdf(full));
  write('truth/text-layer.txt', full.pages.map(pageTruth).join('\f\n'));
  const poorC = await degrade(pc!.png, { ...DEGRADATIONS.office, jpegQuality: 60 }, seed * 10 + 2);
  write('image-only.pdf', imagePdf([{ jpeg: poorC.jpeg, dpi: 300 }]));
  write('truth/image-only.txt', pageTruth(c));
  // The text an old OCR with the `eng` model leaves under a scan (`Dà Näng`, `cua`): its lines, placed over their boxes.
  const { TesseractJsEngine } = await import('../src/ocr/tesseractjs.js');
  const eng = new TesseractJsEngine({ lang: 'eng', jobs: 1 });
  try {
    write('eng-text-layer.pdf', imagePdf([{ jpeg: poorC.jpeg, dpi: 300, hiddenLines: await engOcrLines(eng, poorC.jpeg) }]));
  } finally {
    await eng.close();
  }
  write('truth/eng-text-layer.txt', pageTruth(c));
  // Bad inputs: each must give an error record, never stop a batch.
  const bad = 'bad';
  mkdirSync(join(out, bad), { recursive: true });
  write(`${bad}/corrupt.pdf`, corruptPdf(textLayerPdf(layoutParagraphs(text003.slice(0, 4)))));
  write(`${bad}/encrypted.pdf`, encryptPdf(textLayerPdf(layoutParagraphs(text003.slice(0, 4)))));
  write(`${bad}/empty.pdf`, new Uint8Array(0));
  write(`${bad}/misnamed.png`, '<!DOCTYPE html>\n<html><body><h1>404 Not Found</h1></body></html>\n');
  write(`${bad}/huge-page.png`, await sharp({ create: { width: 20_000, height: 200, channels: 3, background: '#ffffff' } }).grayscale().png({ compressionLevel: 9 }).toBuffer());
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const o = parseArgs(process.argv.slice(2));
  const written = o.committed
    ? [...(await makeCommitted(o.out, o.seed)), ...(await makeCommittedOffice(o.out, o.seed))]
    : o.committedOffice
      ? await makeCommittedOffice(o.out, o.seed)
      : o.office
        ? await makeOfficeScans({ out: o.out, plans: o.sources, seed: o.seed, duplex: [1], engLayer: true })
        : await makeScans(o);
  console.log(`make-scans: ${written.length} files in ${o.out}`);
}
