/** What a section is about, from its heading words (`src/data/sections.ts`). */
import type { SectionKind } from '../contract/plan.js';
import { SECTION_KIND_CUES } from '../data/sections.js';
import { findCueLoose, foldWords } from '../text/index.js';

/** Kind of a Roman-numeral section from its heading words: the cue printed first wins. */
export function sectionKind(heading: string): SectionKind {
  const words = foldWords(heading).split(' ');
  let best: { kind: SectionKind; at: number } | undefined;
  for (const [kind, cues] of SECTION_KIND_CUES) {
    for (const cue of cues) {
      const at = findCueLoose(words, cue);
      if (at >= 0 && (!best || at < best.at)) best = { kind, at };
    }
  }
  return best?.kind ?? 'other';
}

/** Does the heading name this kind anywhere (`KINH PHÍ VÀ TỔ CHỨC THỰC HIỆN` names both)? */
export function namesKind(heading: string, kind: SectionKind): boolean {
  const words = foldWords(heading).split(' ');
  return (SECTION_KIND_CUES.find(([k]) => k === kind)?.[1] ?? []).some((cue) => findCueLoose(words, cue) >= 0);
}
