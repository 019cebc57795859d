/** What a section is about, from its heading words (`src/data/sections.ts`). */
import type { SectionKind } from '../contract/plan.js';
import { SECTION_KIND_CUES } from '../data/sections.js';
import { findCueLoose, firstCueKind, foldWords } from '../text/index.js';

/** Kind of a Roman-numeral section from its heading words: the cue printed first wins. */
export function sectionKind(heading: string): SectionKind {
  return firstCueKind(heading, SECTION_KIND_CUES, true) ?? 'other';
}

/** Does the heading name this kind anywhere (`KINH PHÍ VÀ TỔ CHỨC THỰC HIỆN` names both)? */
export function namesKind(heading: string, kind: SectionKind): boolean {
  const words = foldWords(heading).split(' ');
  return (SECTION_KIND_CUES.find(([k]) => k === kind)?.[1] ?? []).some((cue) => findCueLoose(words, cue) >= 0);
}
