/**
 * The training corpus (`../shared/corpus` beside the repository, or `VNPLAN_CORPUS` / `--corpus`): its folders,
 * their weights, and the deterministic held-out slice that training never reads.
 */
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `shared/corpus` beside the repository (where CI and the developers have it), unless VNPLAN_CORPUS says otherwise. */
export const DEFAULT_CORPUS = process.env.VNPLAN_CORPUS ?? fileURLToPath(new URL('../../../shared/corpus', import.meta.url));

/**
 * How much each register counts in the language model. `tvpl-vanban` (provincial
 * decisions and letters) is closest to the plans; `phapdien` is large and repetitive.
 */
export const REGISTER_WEIGHTS: Record<string, number> = {
  'tvpl-vanban': 4,
  congbao: 2,
  phapdien: 1,
  viwiki: 1,
  // for experiments: VNPLAN_REGISTER_WEIGHTS='{"tvpl-vanban":1}'
  ...(process.env.VNPLAN_REGISTER_WEIGHTS ? (JSON.parse(process.env.VNPLAN_REGISTER_WEIGHTS) as Record<string, number>) : {}),
};

/**
 * The evaluation slice, one rule for every trainer (language model, OCR confusions) and
 * every bench: a document is held out when the sha1 of its file name, in hex, starts with
 * 0 or 1 (one in eight). No trainer reads it; the benches measure on it.
 */
export function isHeldOut(file: string): boolean {
  const first = createHash('sha1').update(file).digest('hex')[0];
  return first === '0' || first === '1';
}

export interface CorpusDoc {
  folder: string;
  file: string;
  path: string;
  weight: number;
  heldOut: boolean;
}

export function listCorpus(root: string = DEFAULT_CORPUS): CorpusDoc[] {
  if (!existsSync(root)) throw new Error(`corpus not found: ${root} (set VNPLAN_CORPUS or --corpus)`);
  const docs: CorpusDoc[] = [];
  for (const folder of readdirSync(root).sort()) {
    const dir = join(root, folder, 'docs');
    if (!existsSync(dir)) continue;
    const weight = REGISTER_WEIGHTS[folder] ?? 1;
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.txt')) continue;
      docs.push({ folder, file, path: join(dir, file), weight, heldOut: isHeldOut(file) });
    }
  }
  return docs;
}

/** The lines of a document, NFC, without the long lines already seen (shared provisions). */
export function* documentLines(doc: CorpusDoc, seen: Set<string>): Generator<string> {
  const text = readFileSync(doc.path, 'utf8').normalize('NFC');
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || lostItsMarks(line)) continue;
    if (line.length > 80) {
      const key = createHash('md5').update(line).digest('base64');
      if (seen.has(key)) continue;
      seen.add(key);
    }
    yield line;
  }
}

/**
 * A line of Vietnamese without its marks (slugs, URLs, stripped quotations) or in another
 * language: under a third of the marked letters Vietnamese has. Kept out of the LM, which
 * would otherwise learn that unmarked words follow each other.
 */
export function lostItsMarks(line: string): boolean {
  const nfd = line.normalize('NFD');
  const letters = (nfd.match(/\p{L}/gu) ?? []).length;
  if (letters < 12) return false;
  const marked = (nfd.match(/\p{L}\p{M}+/gu) ?? []).length + (nfd.match(/[đĐ]/g) ?? []).length;
  return marked / letters < 0.09;
}
