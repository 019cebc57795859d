/** Words of the Vietnamese date grammar: recurrence, quarters, cues of due dates. */
import type { z } from 'zod';
import type { Recurrence } from '../contract/plan.js';

type RecurrenceKind = z.infer<typeof Recurrence>;

/** Recurrence words (folded), most specific first. */
export const RECURRENCE_CUES: ReadonlyArray<[RecurrenceKind, RegExp]> = [
  ['quarterly', /\b(?:hang|hhang) quy\b|\bmoi quy\b|\bdinh ky (?:hang )?quy\b|\btheo quy\b/],
  ['monthly', /\bhang thang\b|\bmoi thang\b|\bdinh ky (?:hang )?thang\b/],
  ['semiannual', /\b(?:dinh ky|bao cao|so ket) 6 thang\b|\b6 thang (?:mot lan|1 lan)\b|\bsau thang\b/],
  ['annual', /\bhang nam\b|\bmoi nam\b|\bdinh ky\b|\bthuong nien\b/],
];

/** `Quý I` … `Quý IV` → quarter number. */
export const QUARTERS: Readonly<Record<string, number>> = { I: 1, II: 2, III: 3, IV: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** Labels that announce when the plan (or an activity) takes place (folded). */
export const TIME_LABEL = /(?:thoi gian(?: thuc hien| trien khai| to chuc)?|thoi han|tien do)\s*:?\s*$/;
