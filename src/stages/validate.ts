/**
 * Validate: the document is checked against the contract before anything is written.
 * The file's messages join the document here, so the output keeps them.
 */
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import type { Point } from 'unist';
import type { VFileMessage } from 'vfile-message';
import { z } from 'zod';
import { PlanDocument, type Message } from '../contract/plan.js';
import type { PlanRoot } from '../tree.js';

/** Thrown when the pipeline produced a document outside the contract: names the zod path. */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  constructor(readonly file: string, readonly issues: z.core.$ZodIssue[]) {
    super(`${file}: output breaks the contract: ${z.prettifyError(new z.ZodError(issues))}`);
  }
}

export function toContractMessage(m: VFileMessage): Message {
  const range = m.place && 'start' in m.place ? m.place : null;
  const place = range ? range.start : (m.place as Point | null | undefined);
  const message: Message = {
    reason: m.reason,
    ruleId: m.ruleId ?? 'unknown',
    source: m.source ?? 'vnplan',
    place: place && place.line > 0 ? { line: place.line, column: Math.max(1, place.column) } : null,
    severity: m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info',
  };
  // A range with offsets into the restored text doubles as a span, like every item's.
  const from = range?.start.offset, to = range?.end.offset;
  if (typeof from === 'number' && typeof to === 'number' && to >= from) message.span = [from, to];
  return message;
}

export function validatePlan(file: VFile): PlanDocument {
  const draft = { ...file.data.plan!, messages: [...(file.data.plan?.messages ?? []), ...file.messages.map(toContractMessage)] };
  const parsed = PlanDocument.safeParse(draft);
  if (!parsed.success) throw new ContractError(file.data.source?.file ?? String(file.path ?? 'input'), parsed.error.issues);
  file.data.plan = parsed.data;
  return parsed.data;
}

const validate: Plugin<[], PlanRoot> = () => (_tree, file) => {
  validatePlan(file);
};
export default validate;
