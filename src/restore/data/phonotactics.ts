/**
 * The phonotactics of the Vietnamese syllable, written as spelled (quốc ngữ):
 * onset? + rime (medial? nucleus coda?) + tone. Used to tell a possible syllable from junk.
 */

/** Written onsets, longest first so that `ngh` is tried before `ng` and `n`. */
export const ONSETS: readonly string[] = [
  'ngh', 'ch', 'gh', 'gi', 'kh', 'ng', 'nh', 'ph', 'qu', 'th', 'tr',
  'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', '',
];
/** Onsets written only before front vowels (i, e, ê, y). */
export const SOFT_ONSETS: ReadonlySet<string> = new Set(['k', 'gh', 'ngh']);
/** Onsets never written before front vowels. */
export const HARD_ONSETS: ReadonlySet<string> = new Set(['c', 'g', 'ng']);
/** Codas after which only the sắc and nặng tones occur. */
export const STOP_CODAS: readonly string[] = ['ch', 'c', 'p', 't'];

/** Nucleus → the codas it takes (`-` for none). */
const NUCLEUS_CODAS: Record<string, string> = {
  a: '- p t c ch m n ng nh i y o u',
  ă: 'p t c m n ng',
  â: 'p t c m n ng y u',
  e: '- p t c ch m n ng o',
  ê: '- p t c ch m n nh u',
  i: '- p t c ch m n nh u a',
  y: '- t ch nh u',
  o: '- p t c m n ng i',
  oo: 'c ng',
  ô: '- p t c m n ng i',
  ơ: '- p t c m n i',
  u: '- p t c m n ng i',
  ư: '- p t c m n ng i u',
  iê: 'p t c m n ng u',
  yê: 'p t c m n ng u',
  ya: '-',
  uô: 'p t c m n ng i',
  ua: '-',
  ươ: 'p t c m n ng i u',
  ưa: '-',
};

/** Medial `o` (before a, ă, e) and `u` (before â, ê, y, ơ, yê, ya, and a/ă/e/i/ô after q). */
const MEDIAL_O = ['a', 'ă', 'e'];
const MEDIAL_U = ['â', 'ê', 'y', 'ơ', 'yê', 'ya', 'a', 'ă', 'e'];

function build(): Set<string> {
  const rimes = new Set<string>();
  const add = (nucleus: string, prefix = '') => {
    for (const coda of NUCLEUS_CODAS[nucleus]!.split(' ')) {
      const c = coda === '-' ? '' : coda;
      if (nucleus === 'i' && c === 'a') rimes.add(prefix + 'ia');
      else rimes.add(prefix + nucleus + c);
    }
  };
  for (const n of Object.keys(NUCLEUS_CODAS)) add(n);
  for (const n of MEDIAL_O) add(n, 'o');
  for (const n of MEDIAL_U) add(n, 'u');
  rimes.delete('');
  return rimes;
}

/** Every written rime (tone mark removed). After `qu` the medial `u` belongs to the onset. */
export const RIME_SET: ReadonlySet<string> = build();
