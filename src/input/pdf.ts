/**
 * PDF inputs through mupdf (WebAssembly, offline). Per page, per `--ocr` mode:
 *   skip  (default) use a real text layer; OCR pages without one, and layers that do not read
 *         as Vietnamese (../ocr/text-layer.ts: an old OCR without Vietnamese) when reading it;
 *   redo  as skip, and also OCR again pages whose text lies over a scanned image;
 *   force OCR every page.
 * Each page's decision is a message on it. Pages are rendered at 300 dpi, in colour when the
 * page holds colour (stamp ink is dropped by its colour), else in gray. mupdf objects live in
 * WebAssembly memory, so each is destroyed as soon as it is used.
 */
import { InputError, joinPages, type PageMessage, type SourceDocument } from './source.js';
import { sha256 } from './text.js';
import { languages } from '../ocr/models.js';
import { ocrLoadOptions, type OcrMode } from '../ocr/load-options.js';
import { readPages, type PageTask } from '../ocr/pages.js';
import type { DecodedPage } from '../ocr/read-page.js';
import { MAX_PAGE_SIDE } from '../ocr/prepare.js';
import { describeReading, hasRealText, vietnameseReading } from '../ocr/text-layer.js';

const RENDER_DPI = 300;
const POINTS_PER_INCH = 72;
/** A page image covering this share of the page makes the page a scan. */
const SCAN_IMAGE_SHARE = 0.5;

type MuPdf = typeof import('mupdf');

let mupdfModule: Promise<MuPdf> | undefined;
let loadedMuPdf: MuPdf | undefined;
/** mupdf's own warnings (broken xref repaired…) would garble stderr and its JSON progress lines: keep the last few for error reasons. */
const recentLog: string[] = [];
function loadMuPdf(): Promise<MuPdf> {
  mupdfModule ??= import('mupdf').then((m) => {
    loadedMuPdf = m;
    m.setLog((message: string) => {
      recentLog.push(message.trim());
      if (recentLog.length > 5) recentLog.shift();
    });
    return m;
  });
  return mupdfModule;
}

interface TextLayer {
  text: string;
  /** Share of the page covered by its largest image. */
  imageShare: number;
}

function readTextLayer(mupdf: MuPdf, page: import('mupdf').Page): TextLayer {
  const [x0, y0, x1, y1] = page.getBounds();
  const pageArea = Math.max(1, (x1 - x0) * (y1 - y0));
  const stext = page.toStructuredText('preserve-whitespace,preserve-images');
  let imageShare = 0;
  try {
    stext.walk({
      onImageBlock(bbox) {
        const [a, b, c, d] = bbox;
        imageShare = Math.max(imageShare, ((c - a) * (d - b)) / pageArea);
      },
    });
    // Fonts often share one glyph between "-" and the soft hyphen, and the PDF's ToUnicode
    // then names the soft hyphen: Vietnamese text does not hyphenate, so it is a hyphen.
    return { text: stext.asText().replace(/\u00AD/g, '-'), imageShare };
  } finally {
    stext.destroy();
    void mupdf;
  }
}

export interface TextLayerDecision {
  use: boolean;
  /** Why, for the page's messages (none for a page without a text layer). */
  message?: PageMessage;
}

/** Use a page's text layer, or OCR the page: by `--ocr` mode and by whether the layer reads as Vietnamese. */
export function judgeTextLayer(layer: TextLayer, mode: OcrMode, lang: string): TextLayerDecision {
  if (!hasRealText(layer.text)) return { use: false };
  const info = (reason: string): PageMessage => ({ ruleId: 'text-layer', reason, severity: 'info' });
  if (mode === 'force') return { use: false, message: info('Text layer not used (--ocr force): page OCRed') };
  if (languages(lang).includes('vie')) {
    const reading = vietnameseReading(layer.text);
    if (reading.judged && !reading.vietnamese) {
      return { use: false, message: info(`Text layer does not read as Vietnamese (${describeReading(reading)}): the work of an OCR without Vietnamese; page OCRed again`) };
    }
    if (mode === 'redo' && layer.imageShare >= SCAN_IMAGE_SHARE) return { use: false, message: info('Text layer over a scanned image (--ocr redo): page OCRed again') };
    return { use: true, message: info(`Text layer used${reading.judged ? ` (reads as Vietnamese: ${describeReading(reading)})` : ''}`) };
  }
  if (mode === 'redo' && layer.imageShare >= SCAN_IMAGE_SHARE) return { use: false, message: info('Text layer over a scanned image (--ocr redo): page OCRed again') };
  return { use: true, message: info('Text layer used') };
}

export function useTextLayer(layer: TextLayer, mode: OcrMode, lang: string): boolean {
  return judgeTextLayer(layer, mode, lang).use;
}

/** True when the page draws colour: an image in colour, or coloured vector ink (checked on a small render). */
function pageHasColour(page: import('mupdf').Page): boolean {
  const mupdf = loadedMuPdf!;
  const scale = 40 / POINTS_PER_INCH;
  const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
  try {
    const px = pixmap.getPixels();
    const n = pixmap.getNumberOfComponents();
    const stride = pixmap.getStride();
    let coloured = 0;
    for (let y = 0; y < pixmap.getHeight(); y++) {
      for (let x = 0, i = y * stride; x < pixmap.getWidth(); x++, i += n) {
        const r = px[i]!, g = px[i + 1]!, b = px[i + 2]!;
        const max = Math.max(r, g, b), min = Math.min(r, g, b);
        if (max >= 90 && max - min >= 40) coloured++;
      }
    }
    return coloured >= 3;
  } finally {
    pixmap.destroy();
  }
}

export async function loadPdf(file: string, bytes: Uint8Array, options: Record<string, unknown>): Promise<SourceDocument> {
  const ocr = ocrLoadOptions(options);
  const lang = ocr.ocr?.lang ?? ocr.ocrEngine?.lang ?? 'vie';
  const mupdf = await loadMuPdf();
  recentLog.length = 0;
  let doc: import('mupdf').Document;
  try {
    doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  } catch (cause) {
    const detail = [String((cause as Error).message ?? cause), ...recentLog].join('; ');
    throw new InputError(file, 'corrupt', `not a readable PDF (${detail})`, { cause });
  }
  try {
    if (doc.needsPassword() && !doc.authenticatePassword('')) {
      throw new InputError(file, 'encrypted', 'the PDF is encrypted with a password');
    }
    let count: number;
    try {
      count = doc.countPages();
    } catch (cause) {
      throw new InputError(file, 'corrupt', `the PDF's page tree cannot be read (${(cause as Error).message})`, { cause });
    }
    if (count === 0) throw new InputError(file, 'corrupt', 'the PDF has no pages');
    const task = async (number: number): Promise<PageTask> => {
      let page: import('mupdf').Page;
      try {
        page = doc.loadPage(number - 1);
      } catch (cause) {
        throw new InputError(file, 'corrupt', `page ${number} cannot be read (${(cause as Error).message})`, { cause });
      }
      try {
        const [x0, y0, x1, y1] = page.getBounds();
        const scale = RENDER_DPI / POINTS_PER_INCH;
        const width = Math.ceil((x1 - x0) * scale);
        const height = Math.ceil((y1 - y0) * scale);
        const layer = readTextLayer(mupdf, page);
        const decision = judgeTextLayer(layer, ocr.ocrMode ?? 'skip', lang);
        if (decision.use) return { kind: 'text', text: layer.text, messages: decision.message ? [decision.message] : [] };
        if (width > MAX_PAGE_SIDE || height > MAX_PAGE_SIDE) {
          throw new InputError(file, 'too-large', `page ${number} would be ${width}×${height} pixels at ${RENDER_DPI} dpi, larger than ${MAX_PAGE_SIDE}`);
        }
        // In colour when the page holds colour: stamp ink is dropped by its colour before OCR.
        const colour = pageHasColour(page);
        const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), colour ? mupdf.ColorSpace.DeviceRGB : mupdf.ColorSpace.DeviceGray, false, true);
        try {
          const w = pixmap.getWidth();
          const h = pixmap.getHeight();
          const n = colour ? 3 : 1;
          const stride = pixmap.getStride();
          const pixels = pixmap.getPixels();
          const data = new Uint8Array(w * h * n);
          if (stride === w * n) data.set(pixels.subarray(0, w * h * n));
          else for (let y = 0; y < h; y++) data.set(pixels.subarray(y * stride, y * stride + w * n), y * w * n);
          const decoded: DecodedPage = colour ? { data, width: w, height: h, dpi: RENDER_DPI, channels: 3 } : { data, width: w, height: h, dpi: RENDER_DPI };
          return { kind: 'ocr', render: async () => decoded, messages: decision.message ? [decision.message] : [] };
        } finally {
          pixmap.destroy();
          // A scan's page image is drawn once: keeping it decoded in mupdf's cache only costs memory.
          mupdf.emptyStore();
        }
      } catch (cause) {
        if (cause instanceof InputError) throw cause;
        throw new InputError(file, 'corrupt', `page ${number} cannot be rendered (${(cause as Error).message})`, { cause });
      } finally {
        page.destroy();
      }
    };
    const pages = await readPages(file, count, task, ocr);
    if (pages.every((p) => p.text.trim() === '')) {
      const repaired = doc.asPDF()?.wasRepaired() ?? false;
      throw repaired
        ? new InputError(file, 'corrupt', `the PDF is damaged: mupdf repaired it, and none of its ${count} pages holds any text${recentLog.length ? ` (${recentLog.join('; ')})` : ''}`)
        : new InputError(file, 'empty', `none of the ${count} pages holds any text`);
    }
    return { file, sha256: sha256(bytes), mediaType: 'application/pdf', pages, text: joinPages(pages) };
  } finally {
    doc.destroy();
    // Release cached fonts and images of this document: memory stays flat over a long batch.
    mupdf.emptyStore();
  }
}
