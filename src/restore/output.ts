/**
 * Output: the chosen readings written back into the lines. Only word tokens are rewritten,
 * everything between them is copied; a reading takes the case of the token it replaces; the
 * changes and messages carry UTF-16 spans of the output.
 */
import type { Candidate } from './candidates.js';
import { wordKey } from './lexicon.js';
import { UNK } from './model.js';
import type { Piece } from './pieces.js';
import { applyCase, casePattern, modernTonePlacement, unifyTonePlacement, type CasePattern } from './syllable.js';
import type { RestoreChange, RestoreMessage } from './types.js';
import { KEEPABLE_IDENTITY } from './tuning.js';

/** Where tone marks of open `oa`, `oe`, `uy` go in the output (see `RestoreOptions.tonePlacement`). */
export interface Placement {
  style: 'classic' | 'modern';
  /** Words the restorer does not change keep the input's placement. */
  keepInput: boolean;
}

export function placeTone(word: string, placement: Placement): string {
  return placement.style === 'modern' ? modernTonePlacement(word) : unifyTonePlacement(word);
}

/** The candidate in the case of the observed token, its tone placed as asked. */
export function renderCandidate(observed: string, c: Candidate, lineUpper: boolean | (() => boolean), placement: Placement): string {
  if (wordKey(observed) === c.text) return placement.keepInput ? observed : placeTone(observed, placement);
  const pattern = casePattern(observed);
  // OCR mixes case inside words (`PiCH`, `CAp`): the line decides (a heading is all caps)
  const upper = () => (typeof lineUpper === 'boolean' ? lineUpper : lineUpper());
  return placeTone(applyCase(c.text, pattern === 'mixed' ? (upper() ? 'upper' : 'title') : pattern), placement);
}

/** Most words of two letters or more on the line are in capitals. */
export function isUpperLine(line: string): boolean {
  const words = line.match(/[\p{L}\p{M}]{2,}/gu) ?? [];
  const upper = words.filter((w) => w === w.toUpperCase()).length;
  return words.length > 0 && upper * 2 > words.length;
}

export interface WriteOptions {
  minConfidence: number;
  flagBelow: number;
  placement: Placement;
  /** List changes and messages (else the text alone). */
  details: boolean;
}

/** Rebuild the lines from the chosen readings; changes and messages with output spans. */
export function writeLines(lines: string[], pieces: Piece[], chosen: Candidate[], confidence: ArrayLike<number>, identity: ArrayLike<number>, caseOf: ReadonlyMap<number, CasePattern>, opts: WriteOptions): { text: string; changes: RestoreChange[]; messages: RestoreMessage[] } {
  const changes: RestoreChange[] = [];
  const messages: RestoreMessage[] = [];
  const out: string[] = [];
  let offset = 0;
  let pi = 0;
  lines.forEach((line, li) => {
    let result = '';
    let cursor = 0;
    // (asked for only by a word in mixed case, `PiCH`)
    let lineUpperKnown: boolean | undefined;
    const lineUpper = () => (lineUpperKnown ??= isUpperLine(line));
    while (pi < pieces.length && pieces[pi]!.line === li) {
      const token = pieces[pi]!.token;
      const first = pi;
      while (pi < pieces.length && pieces[pi]!.token === token) pi++;
      result += line.slice(cursor, token.from);
      cursor = token.to;
      const from = offset + result.length;
      let minConf = 1;
      let keepable = true;
      // each piece's reading, joined by spaces (most tokens are one piece)
      let restored = '';
      for (let idx = first; idx < pi; idx++) {
        const p = pieces[idx]!;
        const c = chosen[idx]!;
        let part: string;
        if (p.fixed) part = p.text;
        else if (c.identity) part = opts.placement.keepInput ? p.text : placeTone(p.text, opts.placement);
        else {
          minConf = Math.min(minConf, confidence[idx]!);
          if (identity[idx]! < KEEPABLE_IDENTITY) keepable = false;
          const forced = caseOf.get(idx);
          part = forced !== undefined ? placeTone(applyCase(c.text, forced), opts.placement) : renderCandidate(p.text, c, lineUpper, opts.placement);
        }
        restored = idx === first ? part : `${restored} ${part}`;
      }
      if (restored !== token.text) {
        // an uncertain change is withheld only when the token as printed is itself a reading
        // (stripped `dot` is no word: its likeliest reading `đợt` beats keeping it)
        if (minConf < opts.minConfidence && keepable) {
          if (opts.details) messages.push({ reason: `kept "${token.text}": best reading "${restored}" is uncertain`, ruleId: 'restore-uncertain', from, to: from + token.text.length, confidence: round(minConf) });
          restored = token.text;
        } else if (opts.details) {
          changes.push({ from, to: from + restored.length, original: token.text, restored, confidence: round(minConf) });
          if (minConf < opts.flagBelow) messages.push({ reason: `"${token.text}" restored as "${restored}" with low confidence`, ruleId: 'restore-low-confidence', from, to: from + restored.length, confidence: round(minConf) });
        }
      } else if (opts.details) {
        for (let idx = first; idx < pi; idx++) {
          const p = pieces[idx]!;
          if (!p.fixed && p.slot.candidates.length === 1 && p.slot.candidates[0]!.id === UNK && /\p{L}/u.test(p.text) && !/^\p{Lu}+$/u.test(p.text)) {
            messages.push({ reason: `"${token.text}" is not a known Vietnamese word and was kept`, ruleId: 'restore-unknown-word', from, to: from + restored.length });
            break;
          }
        }
      }
      result += restored;
    }
    result += line.slice(cursor);
    out.push(result);
    offset += result.length + 1;
  });
  return { text: out.join('\n'), changes, messages };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
