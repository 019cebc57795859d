/**
 * hOCR (HTML with OCR boxes, what tesseract and OCRmyPDF speak): an `ocr_page` per page, an
 * `ocr_carea` per layout block, `ocr_line` and `ocrx_word` with `bbox` (page image pixels)
 * and `x_wconf` (OCR word confidence, 0–100). A word's text is its restored form.
 */
import { VERSION } from '../version.js';
import type { ArchivePage } from './words.js';
import { esc } from './xml.js';

const bbox = (b: { x0: number; y0: number; x1: number; y1: number }) => `bbox ${Math.round(b.x0)} ${Math.round(b.y0)} ${Math.round(b.x1)} ${Math.round(b.y1)}`;

export function renderHocr(pages: readonly ArchivePage[], options: { fileName: string; title?: string | null }): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">');
  out.push('<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi" lang="vi">');
  out.push('<head>');
  out.push(`  <title>${esc(options.title ?? options.fileName)}</title>`);
  out.push('  <meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>');
  out.push(`  <meta name="ocr-system" content="vnplan ${esc(VERSION)}"/>`);
  out.push('  <meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_line ocrx_word ocrp_wconf"/>');
  out.push('  <meta name="ocr-langs" content="vi"/>');
  out.push('</head>');
  out.push('<body>');
  pages.forEach((page, index) => {
    const size = page.width !== null && page.height !== null ? `; bbox 0 0 ${page.width} ${page.height}` : '';
    const res = page.dpi !== null ? `; scan_res ${Math.round(page.dpi)} ${Math.round(page.dpi)}` : '';
    out.push(`  <div class="ocr_page" id="page_${page.number}" title="image &quot;${esc(options.fileName).replace(/&quot;/g, '')}&quot;${size}; ppageno ${index}${res}">`);
    let block = -1, blockNo = 0, lineNo = 0, wordNo = 0, open = false;
    for (const line of page.lines) {
      if (line.block !== block) {
        if (open) out.push('    </div>');
        block = line.block;
        const same: typeof page.lines = [];
        for (let j = page.lines.indexOf(line); j < page.lines.length && page.lines[j]!.block === block; j++) same.push(page.lines[j]!);
        const bb = { x0: Math.min(...same.map((l) => l.box.x0)), y0: Math.min(...same.map((l) => l.box.y0)), x1: Math.max(...same.map((l) => l.box.x1)), y1: Math.max(...same.map((l) => l.box.y1)) };
        out.push(`    <div class="ocr_carea" id="block_${page.number}_${++blockNo}" title="${bbox(bb)}">`);
        open = true;
      }
      const words = line.words.map((w) => `<span class="ocrx_word" id="word_${page.number}_${++wordNo}" title="${bbox(w.box)}; x_wconf ${Math.round(w.confidence * 100)}">${esc(w.text)}</span>`);
      out.push(`      <span class="ocr_line" id="line_${page.number}_${++lineNo}" title="${bbox(line.box)}">${words.join(' ')}</span>`);
    }
    if (open) out.push('    </div>');
    out.push('  </div>');
  });
  out.push('</body>');
  out.push('</html>');
  return `${out.join('\n')}\n`;
}
