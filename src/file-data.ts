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
    /** The header prints a number left blank (`Số:   /KH-UBND`, a draft): no number is not a fault. */
    blankNumber: boolean;
    /** The document has back matter (`Nơi nhận`, a signature block) where a signer is expected. */
    hasBackMatter: boolean;
  }
}
export {};
