/**
 * The searchable PDF: the scan's pages as they are, with the restored text as an invisible
 * layer (text render mode 3) on the words OCR found, so that search, selection and copy in
 * any PDF reader give the corrected Vietnamese. Written with mupdf (WebAssembly):
 *
 * - PDF inputs keep their own pages, objects and all: each OCRed page gets one more content
 *   stream (the text, wrapped so the page's own graphics state cannot leak into it) and the
 *   font in its resources. Pages read from a text layer, and blank pages, are left alone.
 * - Image inputs become one page per image, sized by its resolution: a JPEG is embedded
 *   byte for byte (DCTDecode); PNG and TIFF pages, which PDF cannot hold as they are, are
 *   embedded losslessly (Flate) as mupdf decodes them.
 * - The text's font is DejaVu Serif (the `dejavu-fonts-ttf` package; free licence, every
 *   Vietnamese letter precomposed), embedded by mupdf as a subset CID font with a ToUnicode
 *   map: what a reader extracts is the restored text, NFC. A word's glyphs are stretched to
 *   its box (and a space to the gap before the next word), on the line's height.
 * - PDF/A-2b is aimed at: XMP metadata (title, number, date of the plan; `pdfaid` part 2,
 *   conformance B), an sRGB output intent (the ICC profile libvips ships, through sharp),
 *   the font embedded with `CIDToGIDMap /Identity`, no encryption, no transparency. An input
 *   PDF is claimed PDF/A only when its pages hold nothing but images (`pdfaEligible`); its
 *   other content is not checked. No veraPDF run here: docs/archive.md says what is checked.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { VERSION } from '../version.js';
import { applyAffine, concatAffine, invertAffine, type Affine, type Point } from './geometry.js';
import type { ArchivePage } from './words.js';
import { esc } from './xml.js';

type MuPdf = typeof import('mupdf');
type PDFDocument = import('mupdf').PDFDocument;
type PDFObject = import('mupdf').PDFObject;
type Font = import('mupdf').Font;

const require = createRequire(import.meta.url);
const FONT_NAME = 'DejaVuSerif';
/** DejaVu Serif's ascender and descender (hhea), in em: a line's box spans both. */
const ASCENT = 0.928, DESCENT = 0.236;

export interface PdfMetadata {
  /** The input's name (dc:source). */
  fileName: string;
  title: string | null;
  number: string | null;
  /** ISO 8601 date of the plan (YYYY, YYYY-MM or YYYY-MM-DD). */
  date: string | null;
}

export interface SearchablePdf {
  bytes: Uint8Array;
  /** Pages that got a text layer. */
  textPages: number;
  /** Whether the file declares itself PDF/A-2b. */
  pdfa: boolean;
  /** Characters of the restored text the font has no glyph for (left out of the layer). */
  missingGlyphs: number;
}

let mupdfModule: Promise<MuPdf> | undefined;
const loadMuPdf = () => (mupdfModule ??= import('mupdf'));
let fontCache: Font | undefined;
let iccCache: Promise<Buffer> | undefined;

function textFont(mupdf: MuPdf): Font {
  fontCache ??= new mupdf.Font(FONT_NAME, readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')));
  return fontCache;
}

/** The sRGB ICC profile libvips ships (v4, CC0), for the output intent. */
function srgbProfile(): Promise<Buffer> {
  iccCache ??= sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } })
    .withIccProfile('srgb')
    .png()
    .toBuffer()
    .then(async (png) => {
      const icc = (await sharp(png).metadata()).icc;
      if (!icc) throw new Error('sharp gave no sRGB profile');
      return icc;
    });
  return iccCache;
}

const num = (v: number) => (Math.abs(v) < 1e-6 ? '0' : Number(v.toFixed(4)).toString());

/**
 * The content stream of a page's invisible text. `toUser` maps page image pixels to the
 * page's user space.
 */
function textLayer(page: ArchivePage, font: Font, fontKey: string, toUser: Affine, missing: { count: number }): string {
  const toImage = page.toImage!;
  const map = (p: Point) => applyAffine(toUser, applyAffine(toImage, p));
  const out: string[] = ['q', 'BT', '3 Tr', `/${fontKey} 1 Tf`];
  for (const line of page.lines) {
    const height = line.frame.y1 - line.frame.y0;
    if (height <= 0) continue;
    const size = height / (ASCENT + DESCENT);
    const baseline = line.frame.y1 - DESCENT * size;
    line.words.forEach((w, i) => {
      const next = line.words[i + 1];
      const run = next ? `${w.text} ` : w.text;
      let hex = '';
      let advance = 0;
      for (const ch of run) {
        const gid = font.encodeCharacter(ch.codePointAt(0)!);
        if (gid <= 0) {
          missing.count++;
          continue;
        }
        hex += gid.toString(16).padStart(4, '0');
        advance += font.advanceGlyph(gid);
      }
      if (!hex || advance <= 0) return;
      const x0 = w.frame.x0;
      const x1 = next && next.frame.x0 > w.frame.x1 ? next.frame.x0 : w.frame.x1;
      if (x1 <= x0) return;
      const o = map({ x: x0, y: baseline }), r = map({ x: x1, y: baseline }), u = map({ x: x0, y: baseline - size });
      out.push(`${num((r.x - o.x) / advance)} ${num((r.y - o.y) / advance)} ${num(u.x - o.x)} ${num(u.y - o.y)} ${num(o.x)} ${num(o.y)} Tm <${hex}> Tj`);
    });
  }
  out.push('ET', 'Q');
  return `${out.join('\n')}\n`;
}

/** The text font as a CID font of `doc` (mupdf writes its widths and ToUnicode map), with the CIDToGIDMap PDF/A asks for. */
function addTextFont(doc: PDFDocument, font: Font): PDFObject {
  const ref = doc.addFont(font);
  const descendant = ref.resolve().get('DescendantFonts').get(0).resolve();
  if (descendant.get('CIDToGIDMap').isNull()) descendant.put('CIDToGIDMap', doc.newName('Identity'));
  return ref;
}

/** A resource name not used yet in `dict`. */
function freeKey(dict: PDFObject, base: string): string {
  if (dict.isNull()) return base;
  for (let n = 0; ; n++) {
    const key = n ? `${base}${n}` : base;
    if (dict.get(key).isNull()) return key;
  }
}

/** Entries of a dictionary (0 for anything else). */
function entries(dict: PDFObject): number {
  let n = 0;
  if (!dict.isNull() && dict.resolve().isDictionary()) dict.resolve().forEach(() => n++);
  return n;
}

/** A font whose program is in the file (a Type 3 font is not taken: its glyphs are content). */
function fontEmbedded(font: PDFObject): boolean {
  const subtype = font.get('Subtype');
  if (subtype.isName() && subtype.asName() === 'Type3') return false;
  const described = subtype.isName() && subtype.asName() === 'Type0' ? font.get('DescendantFonts', 0).resolve() : font;
  const descriptor = described.get('FontDescriptor');
  return !descriptor.isNull() && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => !descriptor.get(k).isNull());
}

/** True when a PDF's pages hold only images (a scan), and fonts only if embedded: then the output can claim PDF/A-2b. */
export function pdfaEligible(doc: PDFDocument): boolean {
  const trailer = doc.getTrailer();
  if (!trailer.get('Encrypt').isNull()) return false;
  const root = trailer.get('Root');
  if (!root.get('Names', 'JavaScript').isNull() || !root.get('Names', 'EmbeddedFiles').isNull()) return false;
  if (!root.get('OpenAction').isNull() || !root.get('AA').isNull() || !root.get('AcroForm').isNull()) return false;
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.findPage(i);
    if (!page.get('Annots').isNull() || !page.get('AA').isNull() || !page.get('Group').isNull()) return false;
    const resources = page.getInheritable('Resources');
    if (resources.isNull()) continue;
    let fontsEmbedded = true;
    const fonts = resources.get('Font');
    if (!fonts.isNull()) fonts.resolve().forEach((f) => (fontsEmbedded &&= fontEmbedded(f.resolve())));
    if (!fontsEmbedded) return false;
    for (const key of ['ExtGState', 'Pattern', 'Shading', 'Properties']) {
      const d = resources.get(key);
      if (entries(d) > 0) return false;
    }
    const colorSpaces = resources.get('ColorSpace');
    if (entries(colorSpaces) > 0) return false;
    const xobjects = resources.get('XObject');
    let ok = true;
    if (!xobjects.isNull()) {
      xobjects.forEach((x) => {
        const o = x.resolve();
        if (o.get('Subtype').asName() !== 'Image') ok = false;
        if (o.get('Interpolate').isBoolean() && o.get('Interpolate').asBoolean()) ok = false;
        if (!o.get('Alternates').isNull() || !o.get('OPI').isNull() || !o.get('SMask').isNull()) ok = false;
        const filters = o.get('Filter');
        const names = filters.isArray() ? Array.from({ length: filters.length }, (_, k) => filters.get(k).asName()) : filters.isName() ? [filters.asName()] : [];
        if (names.some((n) => n === 'LZWDecode' || n === 'Crypt')) ok = false;
        const cs = o.get('ColorSpace');
        if (cs.isName() && cs.asName() === 'DeviceCMYK') ok = false;
      });
    }
    if (!ok) return false;
  }
  return true;
}

function xmp(meta: PdfMetadata, pdfa: boolean): string {
  const date = meta.date && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(meta.date) ? meta.date : null;
  const lines = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
  ];
  if (pdfa) {
    lines.push('<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">', '<pdfaid:part>2</pdfaid:part>', '<pdfaid:conformance>B</pdfaid:conformance>', '</rdf:Description>');
  }
  lines.push('<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">', '<dc:format>application/pdf</dc:format>');
  if (meta.title) lines.push(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(meta.title)}</rdf:li></rdf:Alt></dc:title>`);
  if (meta.number) lines.push(`<dc:identifier>${esc(meta.number)}</dc:identifier>`);
  if (date) lines.push(`<dc:date><rdf:Seq><rdf:li>${date}</rdf:li></rdf:Seq></dc:date>`);
  lines.push('<dc:language><rdf:Bag><rdf:li>vi</rdf:li></rdf:Bag></dc:language>', `<dc:source>${esc(meta.fileName)}</dc:source>`, '</rdf:Description>');
  lines.push('<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">', `<pdf:Producer>${esc(producer())}</pdf:Producer>`, '</rdf:Description>');
  lines.push('</rdf:RDF>', '</x:xmpmeta>');
  // Room to edit the packet in place, as XMP writers leave.
  lines.push(`${' '.repeat(99)}\n`.repeat(20) + '<?xpacket end="w"?>');
  return lines.join('\n');
}

const producer = () => `vnplan ${VERSION} (MuPDF)`;

/** Catalog metadata: XMP, the Info dictionary agreeing with it, the sRGB output intent. */
async function addMetadata(doc: PDFDocument, meta: PdfMetadata, pdfa: boolean): Promise<void> {
  const root = doc.getTrailer().get('Root');
  const stream = doc.addRawStream(new TextEncoder().encode(xmp(meta, pdfa)), { Type: doc.newName('Metadata'), Subtype: doc.newName('XML') });
  root.put('Metadata', stream);
  const info = doc.newDictionary();
  if (meta.title) info.put('Title', doc.newString(meta.title));
  info.put('Producer', doc.newString(producer()));
  doc.getTrailer().put('Info', doc.addObject(info));
  const icc = await srgbProfile();
  const profile = doc.addStream(icc, { N: 3 });
  const intent = doc.newDictionary();
  intent.put('Type', doc.newName('OutputIntent'));
  intent.put('S', doc.newName('GTS_PDFA1'));
  intent.put('OutputConditionIdentifier', doc.newString('sRGB IEC61966-2.1'));
  intent.put('Info', doc.newString('sRGB IEC61966-2.1'));
  intent.put('DestOutputProfile', profile);
  const intents = doc.newArray();
  intents.push(intent);
  root.put('OutputIntents', intents);
  root.put('Lang', doc.newString('vi'));
}

/** Append a content stream to a page (its own contents wrapped in q … Q first), and a font to its resources. */
function overlayPage(doc: PDFDocument, pageObj: PDFObject, fontRef: PDFObject, build: (fontKey: string) => string): void {
  const inherited = pageObj.getInheritable('Resources');
  let resources = pageObj.get('Resources');
  if (resources.isNull()) {
    // Resources inherited from the page tree: the page gets its own copy to add to.
    resources = doc.newDictionary();
    if (!inherited.isNull()) inherited.resolve().forEach((v, k) => resources.put(k, v));
    pageObj.put('Resources', resources);
  }
  resources = resources.resolve();
  let fonts = resources.get('Font');
  if (fonts.isNull()) {
    fonts = doc.newDictionary();
    resources.put('Font', fonts);
  }
  fonts = fonts.resolve();
  const key = freeKey(fonts, 'VnText');
  fonts.put(key, fontRef);
  const contents = pageObj.get('Contents');
  const list = doc.newArray();
  list.push(doc.addStream('q\n', {}));
  if (contents.isArray()) contents.forEach((c) => list.push(c));
  else if (!contents.isNull()) list.push(contents);
  list.push(doc.addStream(`Q\n${build(key)}`, {}));
  pageObj.put('Contents', list);
}

const hasText = (p: ArchivePage) => p.toImage !== null && p.lines.some((l) => l.words.length);

/**
 * The searchable PDF of a scan, or null when no page has OCRed text (a born-digital PDF
 * keeps its own text layer: there is nothing to add).
 */
export async function renderSearchablePdf(original: Uint8Array, mediaType: string, pages: readonly ArchivePage[], meta: PdfMetadata): Promise<SearchablePdf | null> {
  if (!pages.some(hasText)) return null;
  const mupdf = await loadMuPdf();
  const font = textFont(mupdf);
  const missing = { count: 0 };
  let doc: PDFDocument | undefined;
  let pdfa = true;
  let textPages = 0;
  try {
    if (mediaType === 'application/pdf') {
      doc = new mupdf.PDFDocument(original);
      if (doc.needsPassword() && !doc.authenticatePassword('')) throw new Error('the PDF is encrypted');
      if (doc.countPages() !== pages.length) throw new Error(`the PDF has ${doc.countPages()} pages, OCR read ${pages.length}`);
      // Judged on a document of its own: walking the objects of the one being written, then
      // saving it with garbage collection, lost an image stream (mupdf.js 1.28).
      const probe = new mupdf.PDFDocument(original);
      try {
        pdfa = pdfaEligible(probe);
      } finally {
        probe.destroy();
      }
      const fontRef = addTextFont(doc, font);
      for (const [i, page] of pages.entries()) {
        if (!hasText(page)) continue;
        const pdfPage = doc.loadPage(i);
        try {
          const [bx0, by0] = pdfPage.getBounds();
          const s = 72 / page.dpi!;
          const toFitz: Affine = [s, 0, 0, s, bx0, by0];
          const toUser = concatAffine(toFitz, invertAffine(pdfPage.getTransform() as Affine));
          overlayPage(doc, pdfPage.getObject(), fontRef, (key) => textLayer(page, font, key, toUser, missing));
          textPages++;
        } finally {
          pdfPage.destroy();
        }
      }
    } else {
      doc = new mupdf.PDFDocument();
      const fontRef = addTextFont(doc, font);
      const images = imagesOf(mupdf, original, mediaType);
      try {
        if (images.length !== pages.length) throw new Error(`the image has ${images.length} pages, OCR read ${pages.length}`);
        for (const [i, page] of pages.entries()) {
          const image = images[i]!;
          const dpi = page.dpi ?? 300;
          const width = ((page.width ?? image.getWidth()) * 72) / dpi, height = ((page.height ?? image.getHeight()) * 72) / dpi;
          const toUser: Affine = [72 / dpi, 0, 0, -72 / dpi, 0, height];
          let contents = `q ${num(width)} 0 0 ${num(height)} 0 0 cm /Im0 Do Q\n`;
          if (hasText(page)) {
            contents += textLayer(page, font, 'VnText', toUser, missing);
            textPages++;
          }
          const resources = { XObject: { Im0: doc.addImage(image) }, Font: { VnText: fontRef } };
          doc.insertPage(-1, doc.addPage([0, 0, width, height], 0, resources, contents));
        }
      } finally {
        for (const image of images) image.destroy();
      }
    }
    doc.subsetFonts();
    await addMetadata(doc, meta, pdfa);
    const buffer = doc.saveToBuffer('compress,compress-fonts,garbage=compact');
    let bytes: Uint8Array;
    try {
      bytes = buffer.asUint8Array().slice();
    } finally {
      buffer.destroy();
    }
    checkImages(mupdf, mediaType === 'application/pdf' ? original : null, bytes, pages.length);
    return { bytes, textPages, pdfa, missingGlyphs: missing.count };
  } finally {
    doc?.destroy();
    mupdf.emptyStore();
  }
}

/** Per page, the raw lengths of its image XObjects that hold their data. */
function pageImages(mupdf: MuPdf, bytes: Uint8Array): number[][] {
  const doc = new mupdf.PDFDocument(bytes);
  try {
    const out: number[][] = [];
    for (let i = 0; i < doc.countPages(); i++) {
      const lengths: number[] = [];
      const xobjects = doc.findPage(i).getInheritable('Resources').get('XObject');
      if (!xobjects.isNull()) {
        xobjects.resolve().forEach((x) => {
          const o = x.resolve();
          if (o.get('Subtype').isName() && o.get('Subtype').asName() === 'Image') lengths.push(x.isStream() ? o.get('Length').asNumber() : -1);
        });
      }
      out.push(lengths.sort((a, b) => a - b));
    }
    return out;
  } finally {
    doc.destroy();
  }
}

/**
 * The written file, read back: as many pages, each with its image data (an input PDF's
 * images exactly as they were). A PDF that fails this is not written: the page images are
 * what the archive keeps.
 */
function checkImages(mupdf: MuPdf, original: Uint8Array | null, written: Uint8Array, pageCount: number): void {
  const after = pageImages(mupdf, written);
  if (after.length !== pageCount) throw new Error(`the searchable PDF has ${after.length} pages, not ${pageCount}`);
  after.forEach((lengths, i) => {
    if (!lengths.length || lengths.some((n) => n <= 0)) throw new Error(`page ${i + 1} of the searchable PDF lost its image`);
  });
  if (original) {
    const before = pageImages(mupdf, original);
    before.forEach((lengths, i) => {
      if (lengths.join() !== after[i]!.join()) throw new Error(`page ${i + 1} of the searchable PDF does not hold the input's images as they were`);
    });
  }
}

/** Each page's image of an image input: a JPEG or PNG as it is, each page of a TIFF as mupdf reads it. */
function imagesOf(mupdf: MuPdf, bytes: Uint8Array, mediaType: string): Array<import('mupdf').Image> {
  if (mediaType !== 'image/tiff') return [new mupdf.Image(bytes)];
  const doc = mupdf.Document.openDocument(bytes, mediaType);
  try {
    const images: Array<import('mupdf').Image> = [];
    for (let i = 0; i < doc.countPages(); i++) {
      const page = doc.loadPage(i);
      try {
        const stext = page.toStructuredText('preserve-images');
        try {
          let found: import('mupdf').Image | undefined;
          stext.walk({ onImageBlock: (_bbox, _m, image) => void (found ??= image) });
          if (!found) throw new Error(`TIFF page ${i + 1} holds no image`);
          images.push(found);
        } finally {
          stext.destroy();
        }
      } finally {
        page.destroy();
      }
    }
    return images;
  } finally {
    doc.destroy();
  }
}
