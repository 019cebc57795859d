/**
 * vnplan's library API.
 *
 *   import { extract, restore } from 'vnplan';
 *   const plan = await extract('plan.txt');          // contract document (validated)
 *   const { text, changes } = restore('Ke hoach');   // diacritics restored
 */
import { loadSource, type LoadOptions } from './input/load.js';
import type { SourceDocument } from './input/source.js';
import { textSourceFromBytes } from './input/text.js';
import { processSource, processSourceSync, type PipelineOptions, type PipelineResult } from './pipeline.js';
import type { PlanDocument } from './contract/plan.js';

export * from './contract/plan.js';
export { restore } from './restore/index.js';
export type { RestoreChange, RestoreMessage, RestoreOptions, RestoreResult } from './restore/types.js';
export { InputError, type SourceDocument, type SourcePage, type TextEncoding } from './input/source.js';
export { ContractError } from './stages/validate.js';
export { createProcessor, processSource, type PipelineOptions, type PipelineResult } from './pipeline.js';
export { loadSource } from './input/load.js';
export { VERSION } from './version.js';

/** Read a file (text, or a scan where OCR is installed) and return its validated document. */
export async function extract(file: string, options: PipelineOptions & { load?: LoadOptions } = {}): Promise<PlanDocument> {
  return (await extractFile(file, options)).plan;
}

export async function extractFile(file: string, options: PipelineOptions & { load?: LoadOptions } = {}): Promise<PipelineResult> {
  const source = await loadSource(file, options.load);
  return processSource(source, options);
}

/** Extract from text in memory; `name` stands in for the file name in `source.file`. */
export function extractText(text: string, name = 'input.txt', options: PipelineOptions = {}): PipelineResult {
  const source: SourceDocument = textSourceFromBytes(name, new TextEncoder().encode(text));
  return processSourceSync(source, options);
}
