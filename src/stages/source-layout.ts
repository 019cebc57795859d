/**
 * Source layout: what the loader knew about each line of a paged input goes onto the tree,
 * right after parsing. Each line gets its page's own number (`SourcePage.number`: the page
 * in the file, also for a part of a file that holds several documents) and, for OCRed pages,
 * the layout block and column it was read from (`block`, `column`: ../ocr/layout.ts). What
 * the loader noticed on a page (a blank page skipped, a text layer judged, stamp ink dropped,
 * a stamp's text kept out, a number it could not read) becomes a message on the file, placed
 * at the line it is about (or the page's first line).
 */
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import type { SourceDocument } from '../input/source.js';
import type { LineNode, PlanRoot } from '../tree.js';

const SOURCE = 'vnplan:ocr';

export function attachSourceLayout(tree: PlanRoot, file: VFile, source: SourceDocument): void {
  const pages = source.pages;
  if (!pages) return;
  const byPage = new Map<number, LineNode[]>();
  for (const node of tree.children) {
    if (node.type !== 'line' || node.data.page === undefined) continue;
    const list = byPage.get(node.data.page) ?? [];
    list.push(node);
    byPage.set(node.data.page, list);
  }
  pages.forEach((page, index) => {
    const lines = byPage.get(index + 1) ?? [];
    const textLines = lines.filter((l) => l.value.trim() !== '');
    for (const l of lines) l.data.page = page.number;
    if (page.lines) {
      textLines.forEach((l, k) => {
        const ocr = page.lines![k];
        if (!ocr || ocr.text.trim() !== l.value.trim()) return;
        l.data.block = ocr.block;
        if (ocr.column) l.data.column = ocr.column;
      });
    }
    for (const m of page.messages ?? []) {
      const at = (m.line !== undefined ? textLines[m.line] : undefined) ?? lines[0];
      const options = { ruleId: m.ruleId, source: SOURCE, ...(at ? { place: { line: at.data.sourceLine, column: 1 } } : {}) };
      const reason = `Page ${page.number}: ${m.reason}`;
      if (m.severity === 'warning') file.message(reason, options);
      else file.info(reason, options);
    }
  });
}

const sourceLayout: Plugin<[], PlanRoot> = () => (tree, file) => {
  const source = file.data.source;
  if (source) attachSourceLayout(tree, file, source);
};
export default sourceLayout;
