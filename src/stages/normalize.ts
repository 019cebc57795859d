/**
 * Normalise: Unicode NFC and the artefacts of PDF extraction and scanning: a blank line
 * between every line, page numbers, digital-signature stamps, Markdown emphasis, dash and
 * quote variants, odd white space. Each removal of a line is a message on the file.
 */
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import type { LineNode, PlanRoot } from '../tree.js';
import { DASHES, INVISIBLE, ODD_SPACE, PAGE_NUMBER_LINE, QUOTES, SIGNING_STAMP_LINE } from '../data/artefacts.js';

const SOURCE = 'vnplan:normalize';

/** Normalise the text of one line (no line structure involved). */
export function normalizeLineText(value: string): string {
  let s = value.normalize('NFC').replace(INVISIBLE, '').replace(ODD_SPACE, ' ');
  for (const [re, to] of DASHES) s = s.replace(re, to);
  for (const [re, to] of QUOTES) s = s.replace(re, to);
  // Markdown emphasis around words (`*Chương trình*`, `_a) …`), not bullets or lone stars.
  s = s.replace(/(^|[\s(“"'])[*_]{1,2}(?=\S)([^*_\n]*?\S)[*_]{1,2}(?=$|[\s).,;:”"'])/gu, '$1$2');
  s = s.replace(/^_+(?=\p{L})/u, '');
  return s.replace(/ +$/u, '').replace(/^ +/u, '');
}

/**
 * True when blank lines separate (almost) every pair of text lines: the PDF-extraction
 * artefact where each printed line is followed by an empty one.
 */
export function hasInterleavedBlanks(lines: readonly string[]): boolean {
  let text = 0, followedByBlank = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    if (lines[i]!.trim() === '') continue;
    text += 1;
    if (lines[i + 1]!.trim() === '') followedByBlank += 1;
  }
  return text >= 8 && followedByBlank / text > 0.85;
}

export function normalizeTree(tree: PlanRoot, file: VFile): void {
  const lines = tree.children as LineNode[];
  const interleaved = hasInterleavedBlanks(lines.map((l) => l.value));
  const kept: LineNode[] = [];
  for (const line of lines) {
    const original = line.value;
    line.value = normalizeLineText(original);
    const indent = /^[ \t\u00a0]*/u.exec(original)![0].replace(/\t/g, '    ').length;
    if (indent > 0 && line.value !== '') line.data.indent = indent;
    const at = { line: line.data.sourceLine, column: 1 };
    if (line.value !== '' && PAGE_NUMBER_LINE.test(line.value) && isolated(lines, line)) {
      file.message('Dropped a page number line', { place: at, ruleId: 'page-number', source: SOURCE });
      continue;
    }
    if (SIGNING_STAMP_LINE.test(line.value)) {
      file.message('Dropped a digital-signature stamp', { place: at, ruleId: 'signing-stamp', source: SOURCE });
      continue;
    }
    kept.push(line);
  }
  tree.children = interleaved ? dropInterleavedBlanks(kept) : collapseBlankRuns(kept);
  if (interleaved) {
    file.message('Removed the blank line between every line (PDF extraction artefact)', {
      ruleId: 'interleaved-blank-lines', source: SOURCE,
    });
  }
}

/** A page-number line stands alone: blank or absent neighbours on both sides. */
function isolated(lines: readonly LineNode[], line: LineNode): boolean {
  const i = lines.indexOf(line);
  const blank = (n: LineNode | undefined) => n === undefined || n.value.trim() === '';
  return blank(lines[i - 1]) && blank(lines[i + 1]);
}

/** With interleaved blanks, one blank line carries no meaning; two or more mark a break. */
function dropInterleavedBlanks(lines: LineNode[]): LineNode[] {
  const out: LineNode[] = [];
  let blanks = 0;
  for (const line of lines) {
    if (line.value === '') {
      blanks += 1;
      continue;
    }
    if (blanks >= 3 && out.length) out.push({ type: 'line', value: '', data: { ...line.data } });
    blanks = 0;
    out.push(line);
  }
  return out;
}

function collapseBlankRuns(lines: LineNode[]): LineNode[] {
  const out: LineNode[] = [];
  for (const line of lines) {
    if (line.value === '' && (out.length === 0 || out[out.length - 1]!.value === '')) continue;
    out.push(line);
  }
  while (out.length && out[out.length - 1]!.value === '') out.pop();
  return out;
}

const normalize: Plugin<[], PlanRoot> = () => (tree, file) => normalizeTree(tree, file);
export default normalize;
