/**
 * Restore: runs the restorer over the document's lines, then settles each line's position
 * in the restored text (the text spans index). Low-confidence tokens become messages.
 */
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { restore, type RestoreOptions } from '../restore/index.js';
import type { LineNode, PlanRoot } from '../tree.js';

const SOURCE = 'vnplan:restore';

export interface RestoreStageOptions extends RestoreOptions {
  /** Skip restoration (text already correct, or the caller restores elsewhere). */
  skip?: boolean;
}

export function restoreTree(tree: PlanRoot, file: VFile, options: RestoreStageOptions = {}): void {
  const lines = tree.children as LineNode[];
  // No lines (a page with no text): nothing to restore, and '' would come back as one line.
  if (!options.skip && lines.length > 0) {
    const { skip: _skip, ...restoreOptions } = options;
    const result = restore(lines.map((l) => l.value).join('\n'), restoreOptions);
    const restored = result.text.split('\n');
    if (restored.length !== lines.length) {
      file.fail(`restorer broke the line contract: ${lines.length} lines in, ${restored.length} out`, {
        ruleId: 'line-contract', source: SOURCE,
      });
    }
    lines.forEach((line, i) => (line.value = restored[i]!));
    file.data.restoreChanges = result.changes;
    settleLines(lines, file);
    const starts = lineStarts(file.data.restoredText ?? '');
    for (const m of result.messages) {
      file.message(m.reason, { place: placeOf(starts, m.from, m.to), ruleId: m.ruleId, source: SOURCE });
    }
    return;
  }
  settleLines(lines, file);
}

/** Give every line its position in the restored text and store that text on the file. */
export function settleLines(lines: LineNode[], file: VFile): void {
  let offset = 0;
  lines.forEach((line, i) => {
    const end = offset + line.value.length;
    line.position = {
      start: { line: i + 1, column: 1, offset },
      end: { line: i + 1, column: line.value.length + 1, offset: end },
    };
    offset = end + 1;
  });
  file.data.restoredText = lines.map((l) => l.value).join('\n');
  file.data.restoredSourceLines = lines.map((l) => l.data.sourceLine);
}

/** Line/column place of an offset range of the restored text, given its `lineStarts`. */
export function placeOf(starts: readonly number[], from: number, to: number) {
  const point = (offset: number) => {
    // the last line starting at or before the offset (binary search: many messages stay linear)
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
  };
  return { start: point(from), end: point(to) };
}

/** Offsets where the lines of a text start (computed once per text, for `placeOf`). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const restoreStage: Plugin<[RestoreStageOptions?], PlanRoot> = (options) => (tree, file) =>
  restoreTree(tree, file, options);
export default restoreStage;
