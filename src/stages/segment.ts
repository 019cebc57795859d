/**
 * Segment: root of lines → front region, Roman-numeral sections (with numbered, lettered
 * children and blocks of lines), back region. PLACEHOLDER: every line goes to the front.
 */
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import type { LineNode, PlanRoot } from '../tree.js';

export function segmentTree(tree: PlanRoot, _file: VFile): void {
  const lines = tree.children as LineNode[];
  tree.children = [{ type: 'region', role: 'front', children: lines }];
}

const segment: Plugin<[], PlanRoot> = () => (tree, file) => segmentTree(tree, file);
export default segment;
