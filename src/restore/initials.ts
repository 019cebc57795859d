/**
 * Initials that lost their Đ. Abbreviations are initials (`ĐT` đầu tư, `HĐND` Hội đồng nhân
 * dân, `QLĐĐ` quản lý đất đai), and stripped text prints every Đ of them as `D`: the whole
 * abbreviation is looked up in the model's abbreviation table first, but most codes' segments
 * (`ĐTTĐ&GSĐT`, `QLĐĐ` of `10716/SNNMT-QLĐĐ`, `ĐU` of `03-TTr/ĐU`) are too rare to be in it.
 * Here each `D` of an all-caps segment is given its Đ by the letters around it, as the corpus's
 * abbreviations and codes write them: P(Đ | two letters either side), backed off to one letter
 * either side, one side, and all D's (the counts: `scripts/train/initials.ts`, from the
 * training part of the corpus; `models/initials.json.gz`). And single-letter initials joined by
 * `/` (`đ/c` đồng chí) are read whole from a table of the forms the corpus writes.
 *
 * Only stripped text asks (candidates.ts, words.ts): in correct text and OCR a code keeps the
 * letters it was printed with.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { BoundedCache } from './cache.js';
import { INITIALS_PRIOR_WEIGHT, INITIALS_STROKE_ABOVE, CANDIDATE_CACHE_SIZE } from './tuning.js';

export const INITIALS_MODEL_URL = new URL('../../models/initials.json.gz', import.meta.url);

/** The model file (`scripts/train/initials.ts` writes it). */
export interface InitialsData {
  version: 1;
  provenance: Record<string, string | number>;
  /** Context key (`strokeContexts`) → weighted counts [written D, written Đ]. */
  contexts: Record<string, [number, number]>;
  /** Single-letter initials joined by `/`, folded and in small letters → the form the corpus writes (`d/c` → `đ/c`). */
  slashInitials: Record<string, string>;
}

/** A segment the letter model reads: two capitals or more, Latin letters and Đ only. */
export const INITIALS_SEGMENT = /^[A-ZĐ]{2,}$/;

/**
 * The contexts of the letter at `i` of a folded segment (its Đ as D), most specific first:
 * two letters either side (`^`, `$` beyond the ends), two on one side and one on the other,
 * one either side, one on the left, one on the right, none. Shared by training and reading.
 */
export function strokeContexts(folded: string, i: number): [string, string, string, string, string, string, string] {
  const p = `^^${folded}$$`;
  const j = i + 2;
  const l2 = p.slice(j - 2, j), l1 = p[j - 1]!, r1 = p[j + 1]!, r2 = p.slice(j + 1, j + 3);
  return [`${l2}_${r2}`, `${l2}_${r1}`, `${l1}_${r2}`, `${l1}_${r1}`, `${l1}_`, `_${r1}`, '_'];
}

export class Initials {
  private readonly cache = new BoundedCache<string, string>(CANDIDATE_CACHE_SIZE);

  // (the parsed objects are read as they are: copying 3,000 contexts into a Map doubled the load time)
  constructor(private readonly data: InitialsData) {}

  /**
   * The segment with Đ for each `D` the corpus's initials make likelier Đ than D (`GSDT` →
   * `GSĐT`, `QLDD` → `QLĐĐ`, `UBND` and `USD` as they are); a Đ already there stays. Anything
   * but an all-caps segment of Latin letters comes back as it is.
   */
  strokes(segment: string): string {
    if (!INITIALS_SEGMENT.test(segment) || !segment.includes('D')) return segment;
    let out = this.cache.get(segment);
    if (out === undefined) {
      const folded = segment.replace(/Đ/g, 'D');
      out = '';
      for (let i = 0; i < segment.length; i++) out += segment[i] === 'D' && this.pStroke(folded, i) > INITIALS_STROKE_ABOVE ? 'Đ' : segment[i];
      this.cache.set(segment, out);
    }
    return out;
  }

  /** P(Đ) of the D at `i`: each context's counts smoothed towards its back-off (the next more general). */
  pStroke(folded: string, i: number): number {
    const [a, b, c, d, e, f, g] = strokeContexts(folded, i);
    const smooth = (key: string, prior: number) => {
      const n = Object.hasOwn(this.data.contexts, key) ? this.data.contexts[key] : undefined;
      return n ? (n[1] + INITIALS_PRIOR_WEIGHT * prior) / (n[0] + n[1] + INITIALS_PRIOR_WEIGHT) : prior;
    };
    const pAll = smooth(g, 0.5);
    const pOne = (smooth(e, pAll) + smooth(f, pAll)) / 2;
    const pNear = smooth(d, pOne);
    const pWide = (smooth(b, pNear) + smooth(c, pNear)) / 2;
    return smooth(a, pWide);
  }

  /** The form the corpus writes for single-letter initials joined by `/` (`d/c` → `đ/c`), folded and in small letters, or undefined. */
  slashForm(folded: string): string | undefined {
    return Object.hasOwn(this.data.slashInitials, folded) ? this.data.slashInitials[folded] : undefined;
  }
}

/** The committed model, or null when none has been trained (the rule is then off). */
export function loadInitials(url: URL = INITIALS_MODEL_URL): Initials | null {
  if (!existsSync(url)) return null;
  const raw = JSON.parse(gunzipSync(readFileSync(url)).toString('utf8')) as InitialsData;
  if (raw.version !== 1 || typeof raw.contexts !== 'object' || typeof raw.slashInitials !== 'object') throw new Error('initials model: not a version 1 model');
  return new Initials(raw);
}
