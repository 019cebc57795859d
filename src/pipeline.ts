/**
 * The vnplan pipeline, top to bottom: one unified processor over one document tree.
 *
 *   text ─ parse ─ source-layout ─ normalize ─ restore ─ segment ─ extract ─ review ─ validate ─ compile ─ json | md | text
 *
 * Problems found in a document are messages on its VFile and end up in the output's
 * `messages`; only inputs that cannot be read at all throw (`InputError`), and a document
 * that would break the contract throws `ContractError` instead of being written.
 */
import { unified } from 'unified';
import { VFile } from 'vfile';
import './file-data.js';
import type { PlanDocument } from './contract/plan.js';
import type { PlanRoot } from './tree.js';
import type { SourceDocument } from './input/source.js';
import parse from './stages/parse.js';
import sourceLayout from './stages/source-layout.js';
import normalize from './stages/normalize.js';
import restoreStage, { type RestoreStageOptions } from './stages/restore.js';
import segment from './stages/segment.js';
import extract from './stages/extract.js';
import review from './stages/review.js';
import validate from './stages/validate.js';
import compile, { type OutputFormat } from './stages/compile.js';

export interface PipelineOptions {
  /** What `process` returns as `output`. @default 'json' */
  format?: OutputFormat;
  restore?: RestoreStageOptions;
}

export function createProcessor(options: PipelineOptions = {}) {
  return unified()
    .use(parse)
    .use(sourceLayout)
    .use(normalize)
    .use(restoreStage, options.restore)
    .use(segment)
    .use(extract)
    .use(review)
    .use(validate)
    .use(compile, { format: options.format ?? 'json' })
    .freeze();
}

export interface PipelineResult {
  /** The validated contract document. */
  plan: PlanDocument;
  /** The serialisation asked for by `format`. */
  output: string;
  /** The restored text that spans index. */
  restoredText: string;
  /** The segmented document tree (for other renderings, e.g. Markdown). */
  tree: PlanRoot;
  file: VFile;
}

/** Run the whole pipeline on a loaded source. */
export async function processSource(source: SourceDocument, options: PipelineOptions = {}): Promise<PipelineResult> {
  const file = new VFile({ path: source.file, value: source.text, data: { source } });
  const processor = createProcessor(options);
  const tree = (await processor.run(processor.parse(file), file)) as PlanRoot;
  const output = processor.stringify(tree, file);
  return { plan: file.data.plan!, output: String(output), restoredText: file.data.restoredText ?? '', tree, file };
}

/** Synchronous variant for text already in memory (library use, tests). */
export function processSourceSync(source: SourceDocument, options: PipelineOptions = {}): PipelineResult {
  const file = new VFile({ path: source.file, value: source.text, data: { source } });
  const processor = createProcessor(options);
  const tree = processor.runSync(processor.parse(file), file) as PlanRoot;
  const output = processor.stringify(tree, file);
  return { plan: file.data.plan!, output: String(output), restoredText: file.data.restoredText ?? '', tree, file };
}
