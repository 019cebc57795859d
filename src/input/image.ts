/**
 * Image inputs (PNG, JPEG, multi-page TIFF) through sharp: every page is OCRed. The
 * resolution comes from the file when it states a plausible one, else from the page size
 * assuming A4, which is what scanned plans are.
 */
import sharp, { type Metadata } from 'sharp';
import { InputError, joinPages, type SourceDocument } from './source.js';
import { sha256 } from './text.js';
import { ocrLoadOptions } from '../ocr/load-options.js';
import { readPages } from '../ocr/pages.js';
import { MAX_PAGE_SIDE } from '../ocr/prepare.js';

const A4_LONG_SIDE_INCHES = 297 / 25.4;

/** The resolution to assume: the stated one when plausible, else the one that makes the page A4. */
export function pageDpi(stated: number | undefined, width: number, height: number): number {
  if (stated !== undefined && stated >= 100 && stated <= 1200) return stated;
  const fromA4 = Math.max(width, height) / A4_LONG_SIDE_INCHES;
  return Math.min(600, Math.max(100, Math.round(fromA4)));
}

export async function loadImage(file: string, bytes: Uint8Array, options: Record<string, unknown>, mediaType: string): Promise<SourceDocument> {
  const ocr = ocrLoadOptions(options);
  let meta: Metadata;
  try {
    // The header only: a decompression bomb is refused below by its stated size, as too-large.
    meta = await sharp(bytes, { pages: 1, limitInputPixels: false }).metadata();
  } catch (cause) {
    if (/pixel limit/i.test((cause as Error).message)) throw new InputError(file, 'too-large', `the image is larger than ${MAX_PAGE_SIDE} pixels on a side`, { cause });
    throw new InputError(file, 'corrupt', `not a readable ${mediaType} image (${(cause as Error).message})`, { cause });
  }
  const count = meta.pages ?? 1;
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width > MAX_PAGE_SIDE || height > MAX_PAGE_SIDE) {
    throw new InputError(file, 'too-large', `page of ${width}×${height} pixels is larger than ${MAX_PAGE_SIDE} pixels on a side`);
  }
  const pages = await readPages(file, count, async (number) => ({
    kind: 'ocr',
    render: async () => {
      try {
        // Colour pages stay in colour: stamp ink is dropped by its colour before OCR (src/ocr/colour.ts).
        const decoder = sharp(bytes, { page: number - 1, pages: 1, limitInputPixels: MAX_PAGE_SIDE * MAX_PAGE_SIDE }).flatten({ background: '#ffffff' });
        const colour = (meta.channels ?? 1) >= 3 && meta.space !== 'b-w';
        const { data, info } = colour
          ? await decoder.toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true })
          : await decoder.grayscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
        if (info.width > MAX_PAGE_SIDE || info.height > MAX_PAGE_SIDE) {
          throw new InputError(file, 'too-large', `page ${number} of ${info.width}×${info.height} pixels is larger than ${MAX_PAGE_SIDE} pixels on a side`);
        }
        const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        const dpi = pageDpi(meta.density, info.width, info.height);
        return info.channels === 3 ? { data: pixels, width: info.width, height: info.height, dpi, channels: 3 as const } : { data: pixels, width: info.width, height: info.height, dpi };
      } catch (cause) {
        if (cause instanceof InputError) throw cause;
        throw new InputError(file, 'corrupt', `page ${number} cannot be decoded (${(cause as Error).message})`, { cause });
      }
    },
  }), ocr);
  if (pages.every((p) => p.text.trim() === '')) throw new InputError(file, 'empty', `no text found on ${count === 1 ? 'the page' : `any of the ${count} pages`}`);
  return { file, sha256: sha256(bytes), mediaType, pages, text: joinPages(pages) };
}
