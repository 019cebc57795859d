/**
 * Extract: the segmented tree → the contract fields on `file.data.plan`.
 * PLACEHOLDER: empty fields until the extractors land.
 */
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { SCHEMA_VERSION, type PlanDocument } from '../contract/plan.js';
import type { PlanRoot } from '../tree.js';

export function extractPlan(_tree: PlanRoot, file: VFile): PlanDocument {
  const source = file.data.source!;
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { file: source.file, sha256: source.sha256, mediaType: source.mediaType, pages: source.pages?.length ?? null },
    header: { issuer: null, documentType: null, number: null, place: null, issuedDate: null, title: null },
    sections: [], objectives: [], assignments: [], deadlines: [], budgetSources: [],
    signature: null, recipients: [], legalBases: [], messages: [],
  };
}

const extract: Plugin<[], PlanRoot> = () => (tree, file) => {
  file.data.plan = extractPlan(tree, file);
};
export default extract;
