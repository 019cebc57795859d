/**
 * The restore options checked and defaulted by hand, as `RestoreOptions.parse` (types.ts)
 * would: loading zod costs a `vnplan restore` process about 0.2 s of CPU, more than the model
 * load, and nothing else on that path needs it. A test compares the two.
 */
import type { RestoreOptions } from './types.js';

export type ParsedRestoreOptions = Required<RestoreOptions>;

const PLACEMENTS: readonly string[] = ['classic', 'modern', 'keep'];

export function parseRestoreOptions(options: unknown): ParsedRestoreOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError('restore options: expected an object');
  const o = options as Record<string, unknown>;
  const unit = (name: string, fallback: number): number => {
    const v = o[name];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || Number.isNaN(v) || v < 0 || v > 1) throw new TypeError(`restore options: ${name} must be a number from 0 to 1`);
    return v;
  };
  const placement = o.tonePlacement ?? 'classic';
  if (typeof placement !== 'string' || !PLACEMENTS.includes(placement)) throw new TypeError(`restore options: tonePlacement must be one of ${PLACEMENTS.join(', ')}`);
  const details = o.details ?? true;
  if (typeof details !== 'boolean') throw new TypeError('restore options: details must be true or false');
  return { minConfidence: unit('minConfidence', 0.5), flagBelow: unit('flagBelow', 0.8), tonePlacement: placement as ParsedRestoreOptions['tonePlacement'], details };
}
