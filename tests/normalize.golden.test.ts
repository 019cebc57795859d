/** Golden: input text → normalised lines and the messages raised (tests/fixtures/normalize/<case>/). */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'vitest';
import { VFile } from 'vfile';
import { normalizeTree } from '../src/stages/normalize.js';
import { parseLines } from '../src/stages/parse.js';
import type { LineNode } from '../src/tree.js';
import { expectGolden } from './helpers/golden.js';

const root = 'tests/fixtures/normalize';

describe('normalize (golden)', () => {
  it.each(readdirSync(root))('%s', (name) => {
    const tree = parseLines(readFileSync(`${root}/${name}/input.txt`, 'utf8'), false);
    const file = new VFile();
    normalizeTree(tree, file);
    expectGolden(`${root}/${name}/output.txt`, (tree.children as LineNode[]).map((l) => l.value).join('\n') + '\n');
    expectGolden(`${root}/${name}/messages.txt`, file.messages.map(String).join('\n') + '\n');
  });
});
