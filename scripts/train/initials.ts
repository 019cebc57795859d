/**
 * The restorer's model of initials (src/restore/initials.ts): where a `D` of an abbreviation
 * stands for Đ. From the training part of the corpus only (the held-out slice is never read),
 * deterministically; writes `models/initials.json.gz` (a few hundred KB of counts, no text).
 *
 *   npx tsx scripts/train/initials.ts [--corpus DIR] [--out FILE]
 *
 * (also run by `npm run train`). What is counted, per document (a code a document repeats 50
 * times counts once), weighted by register as the language model is (`REGISTER_WEIGHTS`):
 * - every all-caps segment of two letters or more, Latin letters and Đ only, of a token or of a
 *   compound split at `-` `/` `&` `.` (`ĐTTĐ&GSĐT`, `NĐ-CP`, `05-CT/TW`), except a token alone
 *   whose letters read as a syllable (`ĐANG`, `DUNG`: words in capitals, the LM's business):
 *   for each of its D's, written D or Đ, in each context of `strokeContexts`;
 * - single-letter initials joined by `/` (`đ/c`, `Đ/c`), folded and in small letters: the form
 *   written, kept when it has weight ≥ `SLASH_MIN_WEIGHT` and ≥ 60 % of that key's weight (the
 *   abbreviation table's rule), and only when it has a đ.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DEFAULT_CORPUS, documentLines, listCorpus } from './corpus.js';
import { INITIALS_SEGMENT, strokeContexts, type InitialsData } from '../../src/restore/initials.js';
import { isValidSyllable } from '../../src/restore/syllable.js';

/** A token and the tokens joined to it by code separators, without spaces. */
const COMPOUND = /[\p{L}\p{M}\p{N}]+(?:[-/&.][\p{L}\p{M}\p{N}]+)*/gu;
const SEPARATOR = /[-/&.]/;
/** Single letters joined by `/`, nothing else joined on either side. */
const SLASH_INITIALS = /(?<![\p{L}\p{M}\p{N}/])\p{L}(?:\/\p{L})+(?![\p{L}\p{M}\p{N}/])/gu;
/** Weight (documents × register weight) a slash form needs; as the abbreviation table's 5 occurrences. */
const SLASH_MIN_WEIGHT = 5;
const SLASH_MIN_SHARE = 0.6;

const foldD = (s: string) => s.replace(/Đ/g, 'D').replace(/đ/g, 'd');

export function trainInitials(options: { corpus?: string; log?: (m: string) => void } = {}): InitialsData {
  const log = options.log ?? (() => {});
  const docs = listCorpus(options.corpus ?? DEFAULT_CORPUS).filter((d) => !d.heldOut);
  const contexts = new Map<string, [number, number]>();
  const slash = new Map<string, Map<string, number>>();
  const seen = new Set<string>();
  let segments = 0;
  for (const doc of docs) {
    const segs = new Set<string>();
    const slashes = new Set<string>();
    for (const line of documentLines(doc, seen)) {
      for (const m of line.matchAll(COMPOUND)) {
        const parts = m[0].split(SEPARATOR);
        for (const s of parts) {
          if (!INITIALS_SEGMENT.test(s) || !/[DĐ]/.test(s)) continue;
          if (parts.length === 1 && isValidSyllable(foldD(s).toLowerCase())) continue;
          segs.add(s);
        }
      }
      if (line.includes('/')) for (const m of line.matchAll(SLASH_INITIALS)) if (/[dđDĐ]/.test(m[0])) slashes.add(m[0].toLowerCase());
    }
    for (const s of segs) {
      segments++;
      const folded = foldD(s);
      for (let i = 0; i < s.length; i++) {
        if (folded[i] !== 'D') continue;
        for (const key of strokeContexts(folded, i)) {
          let n = contexts.get(key);
          if (!n) contexts.set(key, (n = [0, 0]));
          n[s[i] === 'Đ' ? 1 : 0] += doc.weight;
        }
      }
    }
    for (const s of slashes) {
      const key = foldD(s);
      let forms = slash.get(key);
      if (!forms) slash.set(key, (forms = new Map()));
      forms.set(s, (forms.get(s) ?? 0) + doc.weight);
    }
  }
  const slashInitials: Record<string, string> = {};
  for (const [key, forms] of [...slash].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let best = '', bestN = 0, total = 0;
    for (const [form, n] of forms) {
      total += n;
      if (n > bestN || (n === bestN && form < best)) [best, bestN] = [form, n];
    }
    if (bestN >= SLASH_MIN_WEIGHT && bestN / total >= SLASH_MIN_SHARE && best.includes('đ')) slashInitials[key] = best;
  }
  const sorted: Record<string, [number, number]> = {};
  for (const key of [...contexts.keys()].sort()) sorted[key] = contexts.get(key)!;
  log(`initials: ${docs.length} documents, ${segments} distinct segments with a D per document, ${contexts.size} contexts, slash initials ${JSON.stringify(slashInitials)}`);
  return { version: 1, provenance: { corpus: 'training part (isHeldOut excluded)', documents: docs.length, segments }, contexts: sorted, slashInitials };
}

export function writeInitials(data: InitialsData, out: string): void {
  mkdirSync(dirname(out), { recursive: true });
  // (gzip's header carries no time here: the file is the same for the same corpus)
  writeFileSync(out, gzipSync(JSON.stringify(data), { level: 9 }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const out = flag('--out') ?? fileURLToPath(new URL('../../models/initials.json.gz', import.meta.url));
  const data = trainInitials({ corpus: flag('--corpus'), log: console.log });
  writeInitials(data, out);
  console.log(`${out}: ${Object.keys(data.contexts).length} contexts`);
}
