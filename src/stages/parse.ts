/**
 * Parser: text → root of `line` nodes. Page breaks (form feed lines from paged inputs)
 * are dropped and remembered as each line's page.
 */
import type { Plugin } from 'unified';
import type { LineNode, PlanRoot } from '../tree.js';
import { PAGE_BREAK } from '../input/source.js';

export function parseLines(text: string, paged: boolean): PlanRoot {
  const children: LineNode[] = [];
  let page = 1;
  text.replace(/\r\n?/g, '\n').split('\n').forEach((value, index) => {
    if (value === PAGE_BREAK) {
      page += 1;
      return;
    }
    const node: LineNode = { type: 'line', value, data: { sourceLine: index + 1 } };
    if (paged) node.data.page = page;
    children.push(node);
  });
  return { type: 'root', children };
}

const planParse: Plugin<[], string, PlanRoot> = function () {
  this.parser = (doc, file) => parseLines(doc, (file.data.source?.pages ?? null) !== null);
};

export default planParse;
