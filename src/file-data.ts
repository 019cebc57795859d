/** What the stages keep on the VFile beside the tree (vfile `DataMap` augmentation). */
import type { PlanDocument } from './contract/plan.js';
import type { SourceDocument } from './input/source.js';
import type { RestoreChange } from './restore/types.js';

declare module 'vfile' {
  interface DataMap {
    /** The input as loaded. */
    source: SourceDocument;
    /** The text after normalise and restore: what `--format text` prints and spans index. */
    restoredText: string;
    /** Tokens the restorer changed, with offsets into `restoredText`'s lines. */
    restoreChanges: RestoreChange[];
    /** The extracted document, before validation. */
    plan: PlanDocument;
  }
}
export {};
