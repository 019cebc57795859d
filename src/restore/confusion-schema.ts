/** The confusion model file's schema (confusion-model.ts reads the file without it: zod costs a restore process about 0.2 s). */
import { z } from 'zod';

export const ConfusionPair = z.object({
  /** What the page said: one to three characters, NFC, case kept. */
  gold: z.string().min(1).max(3),
  /** What OCR printed for it: zero (deleted) to three characters. */
  ocr: z.string().max(3),
  count: z.number().int().positive(),
});

export const ConfusionModel = z.object({
  version: z.literal(1),
  /** What the counts were measured on (engines, pages, characters), for the record. */
  provenance: z.record(z.string(), z.union([z.string(), z.number()])),
  /** Per OCR model (`eng`, `vie`): the pairs seen, identities included. */
  engines: z.record(
    z.string(),
    z.object({
      pairs: z.array(ConfusionPair),
      /** How often each gold unit was seen in the aligned text (the denominators). */
      goldCounts: z.record(z.string(), z.number().int().positive()),
    }),
  ),
});
export type ConfusionPair = z.infer<typeof ConfusionPair>;
export type ConfusionModel = z.infer<typeof ConfusionModel>;
