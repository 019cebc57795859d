/**
 * The learned OCR channel: how often OCR printed `ocr` where the page said `gold`.
 * Written by `scripts/train/confusions.ts` (rendered corpus pages OCRed with tesseract
 * `eng` and `vie`, aligned with their truth) to `models/confusions.json.gz`; read by the
 * restorer's candidate generator as P(ocr | gold) = count / goldCounts[gold].
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
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

export const CONFUSION_MODEL_URL = new URL('../../models/confusions.json.gz', import.meta.url);

/** Load the committed confusion model, or null when none has been trained. */
export function loadConfusionModel(url: URL = CONFUSION_MODEL_URL): ConfusionModel | null {
  if (!existsSync(url)) return null;
  return checkConfusionModel(JSON.parse(gunzipSync(readFileSync(url)).toString('utf8')));
}

/**
 * The file's content checked as `ConfusionModel.parse` checks it, by hand: the schema's
 * parse costs a process tens of milliseconds on its thousands of pairs, and every
 * `vnplan restore` loads this file.
 */
export function checkConfusionModel(raw: unknown): ConfusionModel {
  const fail = (what: string): never => {
    throw new Error(`confusion model: ${what}`);
  };
  const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const isCount = (x: unknown) => Number.isInteger(x) && (x as number) > 0;
  if (!isRecord(raw) || raw.version !== 1) return fail('not a version 1 model');
  if (!isRecord(raw.provenance) || !Object.values(raw.provenance).every((v) => typeof v === 'string' || typeof v === 'number')) fail('provenance');
  if (!isRecord(raw.engines)) return fail('engines');
  for (const [name, engine] of Object.entries(raw.engines)) {
    if (!isRecord(engine) || !Array.isArray(engine.pairs) || !isRecord(engine.goldCounts)) fail(`engine ${name}`);
    const e = engine as { pairs: unknown[]; goldCounts: Record<string, unknown> };
    for (const pair of e.pairs) {
      const p = pair as Record<string, unknown>;
      if (!isRecord(pair) || typeof p.gold !== 'string' || p.gold.length < 1 || p.gold.length > 3 || typeof p.ocr !== 'string' || p.ocr.length > 3 || !isCount(p.count)) fail(`engine ${name}: a pair`);
    }
    if (!Object.values(e.goldCounts).every(isCount)) fail(`engine ${name}: gold counts`);
  }
  return raw as unknown as ConfusionModel;
}

export interface ChannelEntry {
  gold: string;
  ocr: string;
  count: number;
  /** P(ocr | gold) = count / goldCounts[gold]. */
  p: number;
}

export interface ConfusionIndex {
  /** For each gold unit, what OCR printed for it, likeliest first. */
  byGold: Map<string, ChannelEntry[]>;
  /** For each OCR string, the gold units it was printed for, by P(ocr | gold) descending. */
  byOcr: Map<string, ChannelEntry[]>;
}

/** Both directions of one engine's table, for candidate generation (OCR → gold) and scoring. */
export function indexConfusions(model: ConfusionModel, engine: string): ConfusionIndex {
  const byGold = new Map<string, ChannelEntry[]>();
  const byOcr = new Map<string, ChannelEntry[]>();
  const table = model.engines[engine];
  for (const pair of table?.pairs ?? []) {
    const total = table?.goldCounts[pair.gold] ?? pair.count;
    const entry: ChannelEntry = { ...pair, p: pair.count / Math.max(total, pair.count) };
    byGold.set(pair.gold, [...(byGold.get(pair.gold) ?? []), entry]);
    byOcr.set(pair.ocr, [...(byOcr.get(pair.ocr) ?? []), entry]);
  }
  const likeliest = (a: ChannelEntry, b: ChannelEntry) => b.p - a.p || b.count - a.count;
  for (const list of byGold.values()) list.sort(likeliest);
  for (const list of byOcr.values()) list.sort(likeliest);
  return { byGold, byOcr };
}
