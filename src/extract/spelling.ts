/**
 * Proper names restored in one place and not in another: a name read from a damaged
 * header line (`XÃ CHU PONG`) takes the spelling the document uses elsewhere with its
 * diacritics (`xã Chư Pơng` in the title), when the two fold to the same letters.
 */
import { ADMIN_UNITS } from '../data/agencies.js';
import { fold } from '../text/index.js';

const marks = (s: string) => [...s].filter((ch) => fold(ch) !== ch.toLowerCase()).length;

/** The spelling of `value` in `text` (same letters when folded) with the most diacritics. */
export function preferSpelling(value: string, text: string): string {
  const target = fold(value).replace(/\s+/g, ' ').trim();
  if (target.length < 3) return value;
  const folded = fold(text);
  const counts = new Map<string, number>();
  let at = folded.indexOf(target);
  while (at >= 0) {
    const before = folded[at - 1];
    const after = folded[at + target.length];
    if ((before === undefined || !/[a-z0-9]/.test(before)) && (after === undefined || !/[a-z0-9]/.test(after))) {
      const spelling = text.slice(at, at + target.length);
      counts.set(spelling, (counts.get(spelling) ?? 0) + 1);
    }
    at = folded.indexOf(target, at + 1);
  }
  let best = value;
  let bestScore = [marks(value), 0];
  for (const [spelling, n] of counts) {
    // Keep the value's own capitalisation pattern (`Chư Pơng`, not `CHƯ PƠNG`).
    const recased = [...spelling].map((ch, i) => (value[i] === value[i]?.toUpperCase() ? ch.toUpperCase() : ch.toLowerCase())).join('');
    const score = [marks(spelling), n];
    if (score[0]! > bestScore[0]! || (score[0] === bestScore[0] && score[1]! > bestScore[1]!)) {
      best = recased;
      bestScore = score;
    }
  }
  return best;
}

/** `Ủy ban nhân dân xã Chu Pong` → the place name after the administrative unit re-spelled. */
export function respellIssuer(issuer: string, text: string): string {
  for (const unit of ADMIN_UNITS) {
    const at = issuer.indexOf(` ${unit} `);
    if (at < 0) continue;
    const head = issuer.slice(0, at + unit.length + 2);
    return head + preferSpelling(issuer.slice(head.length), text);
  }
  return issuer;
}
