/**
 * A signer's name OCR broke (`Pham Ng(.)c Hu’ng`): the surname read without its marks takes its
 * one spelling (`Phạm`), and a syllable with specks inside (`(.)`, `’` for a horn) is matched
 * against the common name syllables (`src/data/names.ts`), the specks standing for the vowel
 * marks OCR lost. A syllable that reads already is left as printed.
 */
import { NAME_SYLLABLES, SURNAMES } from '../data/names.js';
import { fold } from '../text/index.js';

const bySkeleton = (list: readonly string[]) => {
  const map = new Map<string, string>();
  for (const s of list) if (!map.has(fold(s))) map.set(fold(s), s);
  return map;
};
const SURNAME = bySkeleton(SURNAMES);
/** Specks OCR reads for a vowel's marks: `(.)` for a dot below, `’` `'` `` ` `` for a horn or a tone. */
const SPECKS = /[().’'`´]+/gu;

function repairSyllable(token: string, first: boolean): string {
  const clean = token.replace(SPECKS, '');
  const surname = first ? SURNAME.get(fold(clean)) : undefined;
  if (surname) return matchCase(surname, token);
  if (!SPECKS.test(token)) return token;
  SPECKS.lastIndex = 0;
  // The specks stand where vowel marks were lost: the letters around them must match.
  const skeleton = fold(token).replace(SPECKS, '.?');
  const re = new RegExp(`^${skeleton}$`);
  const horn = /[uo][’'`]/iu.test(token);
  const hit = NAME_SYLLABLES.find((s) => re.test(fold(s)) && (!horn || /[ươ]/iu.test(s)));
  return hit ? matchCase(hit, token) : token;
}

function matchCase(word: string, as: string): string {
  return as === as.toUpperCase() && as !== as.toLowerCase() ? word.toLocaleUpperCase('vi') : word;
}

export function repairName(name: string): string {
  return name.split(/(\s+)/).map((t, i) => (/\s/.test(t) ? t : repairSyllable(t, i === 0))).join('');
}
