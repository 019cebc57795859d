/**
 * Parser: text → root of `line` nodes. Page breaks (form feed lines from paged inputs)
 * are dropped and remembered as each line's page. A text read in another encoding than
 * UTF-8 says so (an info message), so a wrong guess can be seen.
 */
import type { Plugin } from 'unified';
import type { LineNode, PlanRoot } from '../tree.js';
import { ENCODING_NAMES } from '../input/encoding.js';
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
  this.parser = (doc, file) => {
    const encoding = file.data.source?.encoding;
    if (encoding && encoding !== 'utf-8') {
      file.info(`Read as ${ENCODING_NAMES[encoding]} text and converted to Unicode`, { ruleId: 'encoding', source: 'vnplan:input' });
    }
    return parseLines(doc, (file.data.source?.pages ?? null) !== null);
  };
};

export default planParse;
