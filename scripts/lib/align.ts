/**
 * Character alignment of an OCR line with its true text, for counting OCR confusions.
 *
 * Levenshtein with backtrace on NFC code points. A substitution between letters of the same
 * base (`ư`/`u`, `đ`/`d`, `ệ`/`é`) costs less than an unrelated one, so that diacritic losses
 * line up letter for letter instead of drifting. The edit path is then read two ways:
 * - per gold character, with the OCR text it produced (insertions mostly belong to the gold
 *   character before them): `ủ`→`ti` in `của`→`ctia`;
 * - as blocks: maximal runs of adjacent edits merged into one unit of up to 3 characters on
 *   either side: `ườ`→`ud` in `cường`→`cudng`.
 */
import { editDistance as levenshtein } from './distance.js';

export type EditKind = 'match' | 'sub' | 'del' | 'ins';

export interface EditOp {
  kind: EditKind;
  /** The gold character ('' for an insertion). */
  gold: string;
  /** The OCR character ('' for a deletion). */
  ocr: string;
}

export interface AlignedUnit {
  gold: string;
  ocr: string;
}

export interface LineAlignment {
  ops: EditOp[];
  /** One unit per gold character, in order; their `gold` parts concatenate to the gold line. */
  units: AlignedUnit[];
  /** Merged runs of adjacent edits (no identities), each at most `maxUnit` characters a side. */
  blocks: AlignedUnit[];
  /** Unit-cost Levenshtein distance and its ratio to the gold length. */
  distance: number;
  cer: number;
}

const COMBINING = /\p{M}/gu;

/** The letter under its marks, lower case: `Ờ`→`o`, `đ`→`d`. */
export function baseLetter(ch: string): string {
  return ch.normalize('NFD').replace(COMBINING, '').replace(/đ/giu, 'd').toLowerCase();
}

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  if (baseLetter(a) === baseLetter(b)) return 0.5;
  return 1;
}

/** Plain unit-cost edit distance (natural's, via src/distance.ts). */
export { levenshtein };

/** The cheapest edit path from `gold` to `ocr` (both taken as NFC). */
export function alignChars(goldText: string, ocrText: string): EditOp[] {
  const g = Array.from(goldText.normalize('NFC'));
  const o = Array.from(ocrText.normalize('NFC'));
  const n = g.length;
  const m = o.length;
  const w = m + 1;
  const cost = new Float64Array((n + 1) * w);
  for (let i = 0; i <= n; i++) cost[i * w] = i;
  for (let j = 0; j <= m; j++) cost[j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      cost[i * w + j] = Math.min(
        cost[(i - 1) * w + j]! + 1,
        cost[i * w + j - 1]! + 1,
        cost[(i - 1) * w + j - 1]! + substitutionCost(g[i - 1]!, o[j - 1]!),
      );
    }
  }
  // Backtrace from the end. On ties: a match first, then an insertion (so that extra OCR
  // characters end up after the gold character they came from: `ủ`→`t`,+`i`), then a
  // substitution, then a deletion.
  const ops: EditOp[] = [];
  let i = n;
  let j = m;
  const eq = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  while (i > 0 || j > 0) {
    const here = cost[i * w + j]!;
    if (i > 0 && j > 0 && g[i - 1] === o[j - 1] && eq(here, cost[(i - 1) * w + j - 1]!)) {
      ops.push({ kind: 'match', gold: g[i - 1]!, ocr: o[j - 1]! });
      i--;
      j--;
    } else if (j > 0 && eq(here, cost[i * w + j - 1]! + 1)) {
      ops.push({ kind: 'ins', gold: '', ocr: o[j - 1]! });
      j--;
    } else if (i > 0 && j > 0 && eq(here, cost[(i - 1) * w + j - 1]! + substitutionCost(g[i - 1]!, o[j - 1]!))) {
      ops.push({ kind: 'sub', gold: g[i - 1]!, ocr: o[j - 1]! });
      i--;
      j--;
    } else {
      ops.push({ kind: 'del', gold: g[i - 1]!, ocr: '' });
      i--;
    }
  }
  return ops.reverse();
}

/**
 * One unit per gold character: its own op plus the insertions next to it. Insertions go to the
 * gold character before them, except between a correctly read character and a misread one,
 * where they belong to the misread one (`iệ`→`i€é` is `ệ`→`€é`), and at the start of a line.
 */
export function charUnits(ops: EditOp[]): AlignedUnit[] {
  const units: AlignedUnit[] = [];
  let pending = '';
  let lastKind: EditKind | null = null;
  for (const op of ops) {
    if (op.kind === 'ins') {
      pending += op.ocr;
      continue;
    }
    let prefix = '';
    if (pending) {
      const last = units[units.length - 1];
      if (!last || (lastKind === 'match' && op.kind !== 'match')) prefix = pending;
      else last.ocr += pending;
      pending = '';
    }
    units.push({ gold: op.gold, ocr: prefix + op.ocr });
    lastKind = op.kind;
  }
  const last = units[units.length - 1];
  if (pending && last) last.ocr += pending;
  return units;
}

/**
 * Maximal runs of adjacent edits merged into one unit. A run of insertions only is joined to
 * the gold character before it (or after it, at the start of a line). Runs longer than
 * `maxUnit` characters on either side are not units (their characters still count one by one).
 */
export function editBlocks(ops: EditOp[], maxUnit = 3): AlignedUnit[] {
  const blocks: AlignedUnit[] = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === 'match') {
      k++;
      continue;
    }
    let start = k;
    let end = k;
    while (end < ops.length && ops[end]!.kind !== 'match') end++;
    // A run with no gold character borrows its neighbouring gold character.
    if (ops.slice(start, end).every((op) => op.kind === 'ins')) {
      if (start > 0) start--;
      else if (end < ops.length) end++;
    }
    const run = ops.slice(start, end);
    const gold = run.map((op) => op.gold).join('');
    const ocr = run.map((op) => op.ocr).join('');
    const goldLength = Array.from(gold).length;
    if (goldLength >= 1 && goldLength <= maxUnit && Array.from(ocr).length <= maxUnit) blocks.push({ gold, ocr });
    k = Math.max(end, k + 1);
  }
  return blocks;
}

/** Aligns one OCR line with its gold line and reads the path as units and blocks. */
export function alignLine(goldText: string, ocrText: string, maxUnit = 3): LineAlignment {
  const gold = goldText.normalize('NFC');
  const ocr = ocrText.normalize('NFC');
  const ops = alignChars(gold, ocr);
  const distance = levenshtein(gold, ocr);
  const goldLength = Array.from(gold).length;
  return {
    ops,
    units: charUnits(ops),
    blocks: editBlocks(ops, maxUnit),
    distance,
    cer: goldLength === 0 ? (ocr.length === 0 ? 0 : 1) : distance / goldLength,
  };
}
