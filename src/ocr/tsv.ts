/**
 * Tesseract's TSV output (the same from tesseract.js and the native command) → text, mean
 * confidence, word boxes, and the page structure tesseract found: its lines (with block,
 * paragraph and line numbers and their words) and the blocks that hold no text (ruled lines
 * and pictures). Text is rebuilt from the word rows so that both engines give the same
 * layout: words of a line joined by a space, paragraphs by a blank line.
 */
import type { BBox, OcrWord } from '../input/source.js';
import type { EngineLine, EngineRegion, OcrPageResult } from './engine.js';

const BLOCK_LEVEL = '2';
const WORD_LEVEL = '5';

/** A text-less block thinner than this share of its length is a ruled line, not a picture. */
const RULE_ASPECT = 8;

function box(left: string | undefined, top: string | undefined, width: string | undefined, height: string | undefined): BBox {
  const x0 = Number(left);
  const y0 = Number(top);
  return { x0, y0, x1: x0 + Number(width), y1: y0 + Number(height) };
}

export function parseTesseractTsv(tsv: string): OcrPageResult {
  const words: OcrWord[] = [];
  const lines: EngineLine[] = [];
  const blocks = new Map<string, BBox>();
  const blocksWithText = new Set<string>();
  const text: string[] = [];
  let current: EngineLine | undefined;
  let lineKey = '';
  let paragraphKey = '';
  const flush = () => {
    if (current?.words.length) {
      const b = current.words.reduce<BBox>(
        (acc, w) => ({ x0: Math.min(acc.x0, w.bbox.x0), y0: Math.min(acc.y0, w.bbox.y0), x1: Math.max(acc.x1, w.bbox.x1), y1: Math.max(acc.y1, w.bbox.y1) }),
        { ...current.words[0]!.bbox },
      );
      current.bbox = b;
      lines.push(current);
      text.push(current.words.map((w) => w.text).join(' '));
    }
    current = undefined;
  };
  for (const row of tsv.split('\n')) {
    const cols = row.split('\t');
    if (cols.length < 12) continue;
    const [level, page, block, par, line, , left, top, width, height, conf] = cols;
    if (level === BLOCK_LEVEL) {
      blocks.set(`${page}.${block}`, box(left, top, width, height));
      continue;
    }
    if (level !== WORD_LEVEL) continue;
    const word = cols.slice(11).join('\t').trim();
    if (word === '') continue;
    blocksWithText.add(`${page}.${block}`);
    const thisParagraph = `${page}.${block}.${par}`;
    const thisLine = `${thisParagraph}.${line}`;
    if (thisLine !== lineKey) {
      flush();
      if (paragraphKey !== '' && thisParagraph !== paragraphKey) text.push('');
      lineKey = thisLine;
      paragraphKey = thisParagraph;
      current = { block: Number(block), paragraph: Number(par), line: Number(line), bbox: { x0: 0, y0: 0, x1: 0, y1: 0 }, words: [] };
    }
    const w: OcrWord = { text: word, confidence: Math.max(0, Math.min(100, Number(conf))), bbox: box(left, top, width, height) };
    words.push(w);
    current!.words.push(w);
  }
  flush();
  const regions: EngineRegion[] = [];
  for (const [key, b] of blocks) {
    if (blocksWithText.has(key)) continue;
    const w = b.x1 - b.x0;
    const h = b.y1 - b.y0;
    if (w <= 0 || h <= 0) continue;
    regions.push({ kind: Math.max(w, h) >= RULE_ASPECT * Math.min(w, h) ? 'rule' : 'image', bbox: b });
  }
  const confidence = words.length ? words.reduce((sum, w) => sum + w.confidence, 0) / words.length : null;
  return { text: text.length ? `${text.join('\n')}\n` : '', confidence, words, lines, regions };
}
