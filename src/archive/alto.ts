/**
 * ALTO v4 (the Library of Congress's layout-and-text format that libraries and national
 * archives ingest): one `Page` per page of the input, in pixels of the page image (the
 * input's own pixels; a PDF page as rendered at 300 dpi). Each OCRed line is a `TextLine`
 * in a `TextBlock` per layout block; each word a `String` with its box, `WC` (OCR word
 * confidence, 0–1) and `CONTENT`, the restored form; where OCR read it otherwise, that
 * reading is its `ALTERNATIVE` (`PURPOSE="ocr"`). Pages read from a text layer, and blank
 * pages, are `Page`s without text.
 */
import { VERSION } from '../version.js';
import type { ArchivePage } from './words.js';
import { attrs, esc } from './xml.js';

export const ALTO_NAMESPACE = 'http://www.loc.gov/standards/alto/ns-v4#';
export const ALTO_SCHEMA_LOCATION = 'http://www.loc.gov/standards/alto/v4/alto-4-4.xsd';

const box = (b: { x0: number; y0: number; x1: number; y1: number }) => ({
  HEIGHT: Math.max(0, Math.round(b.y1 - b.y0)), WIDTH: Math.max(0, Math.round(b.x1 - b.x0)), HPOS: Math.round(b.x0), VPOS: Math.round(b.y0),
});

export interface AltoOptions {
  /** The input's name, as `sourceImageInformation/fileName`. */
  fileName: string;
}

export function renderAlto(pages: readonly ArchivePage[], options: AltoOptions): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<alto xmlns="${ALTO_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${ALTO_NAMESPACE} ${ALTO_SCHEMA_LOCATION}">`);
  out.push('  <Description>');
  out.push('    <MeasurementUnit>pixel</MeasurementUnit>');
  out.push(`    <sourceImageInformation><fileName>${esc(options.fileName)}</fileName></sourceImageInformation>`);
  out.push('    <Processing ID="vnplan">');
  out.push('      <processingCategory>contentGeneration</processingCategory>');
  out.push('      <processingStepDescription>OCR (tesseract, vie), then vnplan\'s repair of OCR damage and restoration of Vietnamese diacritics: CONTENT is the restored form, ALTERNATIVE the OCR reading</processingStepDescription>');
  out.push(`      <processingSoftware><softwareName>vnplan</softwareName><softwareVersion>${esc(VERSION)}</softwareVersion></processingSoftware>`);
  out.push('    </Processing>');
  out.push('  </Description>');
  out.push('  <Layout>');
  for (const page of pages) {
    const p = `p${page.number}`;
    const size = page.width !== null && page.height !== null ? { HEIGHT: page.height, WIDTH: page.width } : {};
    out.push(`    <Page${attrs({ ID: p, ...size, PHYSICAL_IMG_NR: page.number, PROCESSING: page.lines.length ? 'vnplan' : undefined, LANG: 'vi' })}>`);
    if (page.width !== null && page.height !== null) {
      out.push(`      <PrintSpace${attrs({ HEIGHT: page.height, WIDTH: page.width, HPOS: 0, VPOS: 0 })}>`);
      // Consecutive lines of one layout block make a TextBlock.
      const blocks: Array<typeof page.lines> = [];
      for (const line of page.lines) {
        const last = blocks[blocks.length - 1];
        if (last && last[0]!.block === line.block) last.push(line);
        else blocks.push([line]);
      }
      let lineNo = 0, wordNo = 0;
      blocks.forEach((lines, b) => {
        const bb = {
          x0: Math.min(...lines.map((l) => l.box.x0)), y0: Math.min(...lines.map((l) => l.box.y0)),
          x1: Math.max(...lines.map((l) => l.box.x1)), y1: Math.max(...lines.map((l) => l.box.y1)),
        };
        out.push(`        <TextBlock${attrs({ ID: `${p}_b${b + 1}`, ...box(bb), LANG: 'vi' })}>`);
        for (const line of lines) {
          out.push(`          <TextLine${attrs({ ID: `${p}_l${++lineNo}`, ...box(line.box) })}>`);
          line.words.forEach((w, i) => {
            if (i > 0) {
              const prev = line.words[i - 1]!.box;
              out.push(`            <SP${attrs({ WIDTH: Math.max(0, w.box.x0 - prev.x1), HPOS: prev.x1, VPOS: Math.min(prev.y0, w.box.y0) })}/>`);
            }
            const a = attrs({ ID: `${p}_w${++wordNo}`, ...box(w.box), CONTENT: w.text, WC: Math.min(1, Math.max(0, Math.round(w.confidence * 1000) / 1000)) });
            if (w.ocr !== null && w.ocr.normalize('NFC') !== w.text) {
              out.push(`            <String${a}><ALTERNATIVE PURPOSE="ocr">${esc(w.ocr)}</ALTERNATIVE></String>`);
            } else out.push(`            <String${a}/>`);
          });
          out.push('          </TextLine>');
        }
        out.push('        </TextBlock>');
      });
      out.push('      </PrintSpace>');
    }
    out.push('    </Page>');
  }
  out.push('  </Layout>');
  out.push('</alto>');
  return `${out.join('\n')}\n`;
}
