/**
 * Page furniture and print dirt: page numbers, running headers and footers, specks OCR reads
 * in the margins, and labels merged onto the line above. Lines are cut, never rewritten, so
 * spans stay exact; every removal is a message on the file.
 */
import type { VFile } from 'vfile';
import { PAGE_NUMBER_LINE } from '../data/artefacts.js';
import { foldWords } from '../text/index.js';
import type { LineNode } from '../tree.js';
import { classifyLine, printedExtent } from './labels.js';
import { joinLines, sliceLine, TERMINATED } from './line.js';
import { DANGLING_NAME_WORDS, DANGLING_WORDS } from '../data/words.js';
import type { Layout } from './layout.js';

const SOURCE = 'vnplan:segment';

/**
 * A short item title with its first lettered item on the same line (`1. Nội dung a) Tập
 * trung …`): OCR merges a short line with the next one, and text re-flowed from a PDF joins
 * a line that does not end a sentence with the next. The title is at most 20 words with no
 * sentence punctuation (a number of its own, `Mục tiêu 2.`, allowed), and the letter opens a
 * capitalised sentence or ends the line (`2. Yêu cầu a)` / `Xác định …`).
 */
export const MERGED_LETTER = /^((?:(?:[^\s.;:!?]+|\d{1,2}\.)\s+){0,19}[^\s.;:!?]+)\s+(?=[a-zđ]\)(?:\s+\p{Lu}|\s*$))/u;

export function splitMergedLabels(lines: readonly LineNode[]): LineNode[] {
  const out: LineNode[] = [];
  let wrappedTitle = false;
  for (const line of lines) {
    const label = classifyLine(line.value);
    // `2.1. Sở` / `Tài chính a) Tham mưu …`: the rest of a title wrapped after a joining word.
    const titled = label.kind === 'arabic' || label.kind === 'subnumber' || (label.kind === 'text' && wrappedTitle);
    const lastWord = /(\p{L}+)\s*$/u.exec(line.value)?.[1] ?? '';
    wrappedTitle = (label.kind === 'arabic' || label.kind === 'subnumber') && (DANGLING_NAME_WORDS.has(lastWord) || DANGLING_WORDS.has(lastWord));
    const m = titled ? MERGED_LETTER.exec(line.value.slice(label.restAt)) : null;
    if (!m) {
      out.push(line);
      continue;
    }
    const cut = label.restAt + m[0].length;
    out.push(sliceLine(line, 0, label.restAt + m[1]!.length), sliceLine(line, cut, line.value.length));
  }
  return out;
}

/**
 * Page numbers and running headers or footers of a paged input: a page-number line first or
 * last on its page (OCR often joins it to the text with no blank line, so the normaliser's
 * isolated-line rule misses it), and a line repeated first (or last) on three or more pages.
 */
export function withoutPageFurniture(lines: readonly LineNode[], file: VFile): LineNode[] {
  const edgesOf = (kept: readonly LineNode[]): Set<LineNode> => {
    const pages = new Map<number, LineNode[]>();
    for (const l of kept) if (l.data.page !== undefined) pages.set(l.data.page, [...(pages.get(l.data.page) ?? []), l]);
    return pages.size < 2 ? new Set() : new Set([...pages.values()].flatMap((p) => [p[0]!, p[p.length - 1]!]));
  };
  const at = (l: LineNode) => ({ line: l.data.sourceLine, column: 1 });
  const numbers = [...edgesOf(lines)].filter((l) => PAGE_NUMBER_LINE.test(l.value.trim()));
  for (const l of numbers) file.message('Dropped a page number line', { place: at(l), ruleId: 'page-number', source: SOURCE });
  const kept = lines.filter((l) => !numbers.includes(l));
  // The header or footer is at the page's edge once its page number is gone.
  const edges = edgesOf(kept);
  const keyOf = (l: LineNode) => foldWords(l.value).replace(/\d+/g, '#');
  const repeats = new Map<string, number>();
  for (const l of edges) if (keyOf(l).length >= 6) repeats.set(keyOf(l), (repeats.get(keyOf(l)) ?? 0) + 1);
  const running = [...edges].filter((l) => (repeats.get(keyOf(l)) ?? 0) >= 3);
  for (const l of running) file.message(`Dropped a running header or footer: \`${l.value.trim()}\``, { place: at(l), ruleId: 'running-header', source: SOURCE });
  return kept.filter((l) => !running.includes(l));
}

/**
 * `. Bạch Thông xây dựng …` after an unfinished full-width line: the mark is a speck, not a
 * bullet (a bullet does not cut a sentence that runs to the margin), so it is cut off.
 */
export function withoutWrapSpecks(lines: readonly LineNode[], width: Layout): LineNode[] {
  return lines.map((line, i) => {
    const prev = lines[i - 1]?.value.trim();
    const m = /^\s*[.~=”]\s+(?=\p{Lu})/u.exec(line.value);
    if (!m || prev === undefined || TERMINATED.test(prev) || prev.length < width.short) return line;
    return sliceLine(line, m[0].length, line.value.length);
  });
}

/** A scanned line without the specks OCR read in its margins (`printedExtent`). */
export function withoutSpecks(line: LineNode): LineNode {
  const [from, to] = printedExtent(line.value);
  return from === 0 && to === line.value.length ? line : sliceLine(line, from, to);
}

/** A label alone on its line: `III.`, `1.`, `a)` (web pages break a heading after its number). */
const LONE_LABEL = /^\s*(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})?|[a-zđ])\s*[.)]\s*$/u;

/**
 * A label printed alone on its line joins the line after it (`III.` / `NHIỆM VỤ, GIẢI PHÁP`,
 * `1.` / `Mục đích`), so the section reads as if printed on one line.
 */
export function joinLoneLabels(lines: readonly LineNode[], restored: string): LineNode[] {
  const out: LineNode[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (next && LONE_LABEL.test(line.value) && classifyLine(next.value).kind === 'text' && /^\s*\S/u.test(next.value)) {
      const joined = joinLines(line, next, restored);
      if (joined) {
        out.push(joined);
        i++;
        continue;
      }
    }
    out.push(line);
  }
  return out;
}
