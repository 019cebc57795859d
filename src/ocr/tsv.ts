/**
 * Tesseract's TSV output (the same from tesseract.js and the native command) → text,
 * mean confidence and word boxes. Text is rebuilt from the word rows so that both engines
 * give the same layout: words of a line joined by a space, paragraphs by a blank line.
 */
import type { OcrWord } from '../input/source.js';
import type { OcrPageResult } from './engine.js';

const WORD_LEVEL = '5';

export function parseTesseractTsv(tsv: string): OcrPageResult {
  const words: OcrWord[] = [];
  const lines: string[] = [];
  let current: string[] = [];
  let lineKey = '';
  let paragraphKey = '';
  const flush = () => {
    if (current.length) lines.push(current.join(' '));
    current = [];
  };
  for (const row of tsv.split('\n')) {
    const cols = row.split('\t');
    if (cols.length < 12 || cols[0] !== WORD_LEVEL) continue;
    const [, page, block, par, line, , left, top, width, height, conf] = cols;
    const text = cols.slice(11).join('\t').trim();
    if (text === '') continue;
    const thisParagraph = `${page}.${block}.${par}`;
    const thisLine = `${thisParagraph}.${line}`;
    if (thisLine !== lineKey) {
      flush();
      if (paragraphKey !== '' && thisParagraph !== paragraphKey) lines.push('');
      lineKey = thisLine;
      paragraphKey = thisParagraph;
    }
    current.push(text);
    const x0 = Number(left);
    const y0 = Number(top);
    words.push({
      text,
      confidence: Math.max(0, Math.min(100, Number(conf))),
      bbox: { x0, y0, x1: x0 + Number(width), y1: y0 + Number(height) },
    });
  }
  flush();
  const confidence = words.length ? words.reduce((sum, w) => sum + w.confidence, 0) / words.length : null;
  return { text: lines.length ? `${lines.join('\n')}\n` : '', confidence, words };
}
