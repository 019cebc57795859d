/**
 * Does a phrase name an agency, office or official (`Sở Tài chính`, `UBND các xã`, `Công an
 * tỉnh`, `Đề nghị Mặt trận …`)? Read by its head words (`src/data/agencies.ts`), OCR-tolerant;
 * used where items are assignments and where table cells are lead or partner agencies.
 */
import { AGENCY_HEADS, AGENCY_LEAD_WORDS, NON_AGENCY_FIRST_WORDS, NON_AGENCY_HEADS } from '../data/agencies.js';
import { editDistance, foldWords } from '../text/index.js';

/** Head words compared OCR-tolerantly: one edit in words of 4+ letters, two in 6+. */
function opensWith(words: readonly string[], head: string): boolean {
  return head.split(' ').every((h, k) => {
    const w = words[k];
    if (w === undefined) return false;
    if (w === h) return true;
    const shorter = Math.min(w.length, h.length);
    // Later words of a head already anchored by its first word may be more damaged.
    const max = shorter >= 6 || (k > 0 && shorter >= 4) ? 2 : shorter >= 4 ? 1 : 0;
    return max > 0 && editDistance(w, h, max) <= max;
  });
}

/** Does the phrase open with the name of an agency, office or official? */
export function namesAgency(phrase: string): boolean {
  const words = foldWords(phrase.replace(AGENCY_LEAD_WORDS, '')).replace(/^(?:\S{1,3} )?ngh[i1l] /, '').split(' ');
  if (NON_AGENCY_FIRST_WORDS.has(words[0]!) || NON_AGENCY_HEADS.some((h) => opensWith(words, h))) return false;
  return AGENCY_HEADS.some((h) => opensWith(words, h));
}

