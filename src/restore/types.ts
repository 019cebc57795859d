/** The restorer's public types, from zod schemas (the library boundary). */
import { z } from 'zod';

export const RestoreOptions = z.object({
  /**
   * Below this confidence (0–1) a token the restorer would change is kept as it was
   * and flagged instead.
   * @default 0.5
   */
  minConfidence: z.number().min(0).max(1).default(0.5),
  /**
   * Flag (as a message) restored tokens whose confidence is below this.
   * @default 0.8
   */
  flagBelow: z.number().min(0).max(1).default(0.8),
  /**
   * Where the tone mark of open `oa`, `oe`, `uy` syllables goes. `classic`: on the first vowel
   * (`hòa`, `hóa`, `thủy`, `Ủy ban`), as plans and administrative documents write; `modern`: on
   * the second (`hoà`, `hoá`, `thuỷ`, `Uỷ ban`); `keep`: every word keeps the placement it has
   * in the input, and restored words take the placement most of the input's words have
   * (classic when the input shows none).
   * @default 'classic'
   */
  tonePlacement: z.enum(['classic', 'modern', 'keep']).default('classic'),
  /**
   * List the changes and messages. `false`: the text alone (the same text; `changes` and
   * `messages` come back empty), as `vnplan restore` prints it: a long text's list of changes
   * is a large share of the memory a call allocates.
   * @default true
   */
  details: z.boolean().default(true),
});
export type RestoreOptions = z.input<typeof RestoreOptions>;

export const RestoreChange = z.object({
  /** UTF-16 offsets of the token in the output text. */
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  original: z.string(),
  restored: z.string(),
  confidence: z.number().min(0).max(1),
});
export type RestoreChange = z.infer<typeof RestoreChange>;

export const RestoreMessage = z.object({
  reason: z.string(),
  ruleId: z.string(),
  /** UTF-16 offsets in the output text. */
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  confidence: z.number().min(0).max(1).optional(),
});
export type RestoreMessage = z.infer<typeof RestoreMessage>;

export const RestoreResult = z.object({
  text: z.string(),
  changes: z.array(RestoreChange),
  messages: z.array(RestoreMessage),
});
export type RestoreResult = z.infer<typeof RestoreResult>;
