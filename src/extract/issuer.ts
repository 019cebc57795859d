/**
 * The issuing body named by the left column of a header: a chain of bodies, each printed on
 * its own lines (`UBND TỈNH LÀO CAI` / `SỞ CÔNG THƯƠNG`), written out as the full name of the
 * lowest one. A body printed under its parent takes the parent's place, which is part of its
 * full name (`Sở Công Thương tỉnh Lào Cai`); an organ of its parent (`BAN THƯỜNG TRỰC`) takes
 * the parent's whole name (`Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh`).
 */
import { ADMIN_UNITS, BODY_TYPE_WORDS, BODY_OPENERS, ISSUER_EXPANSIONS, ORGANS_OF_PARENT, PROPER_PHRASES } from '../data/agencies.js';
import { fold, sentenceCase, titleCase, upperRatio } from '../text/index.js';

interface Body {
  /** The body's name written out, without its place (`Ủy ban nhân dân`, `Sở Công Thương`). */
  name: string;
  /** Its place (`tỉnh Lào Cai`), or '' when the body prints none. */
  place: string;
}

/** Compact folded form: no spaces, for OCR that merges words (`UY BANNHANDAN`). */
const compact = (s: string) => fold(s).replace(/[^a-z0-9]/g, '');

/** Offset in `s` after the first `n` compact characters. */
function afterCompact(s: string, n: number): number {
  let seen = 0;
  for (let i = 0; i < s.length; i++) {
    if (seen === n) return i;
    if (/[a-z0-9]/.test(fold(s[i]!))) seen++;
  }
  return s.length;
}

/** Where an administrative unit (`TỈNH`, `THÀNH PHỐ`, `XÃ` …) opens the place of a body, or -1. */
function placeStart(words: readonly string[]): number {
  for (let i = 1; i < words.length; i++) {
    const prev = fold(words[i - 1]!);
    // `… THƯƠNG BINH VÀ XÃ HỘI`, `VĂN HÓA - XÃ HỘI`: a field of the body, not its place.
    if (prev === 'va' || prev === '-' || prev === '–') continue;
    for (const unit of ADMIN_UNITS) {
      const unitWords = unit.split(' ');
      if (unitWords.every((u, k) => fold(words[i + k] ?? '') === fold(u)) && words.length > i + unitWords.length) return i;
    }
  }
  return -1;
}

/** `XÃ CHƯ PƠNG` → `xã Chư Pơng`; `THÀNH PHỐ HỒ CHÍ MINH` → `thành phố Hồ Chí Minh`. */
export function placeName(s: string): string {
  const t = s.trim();
  if (!t) return '';
  for (const unit of ADMIN_UNITS) {
    const cue = compact(unit);
    if (!compact(t).startsWith(cue)) continue;
    const rest = t.slice(afterCompact(t, cue.length)).trim();
    return `${unit} ${upperRatio(rest) > 0.8 ? titleCase(rest) : rest}`.trim();
  }
  return upperRatio(t) > 0.8 ? titleCase(t) : t;
}

/**
 * An upper-case body name written as names of bodies are: `SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ
 * HỘI` → `Sở Lao động - Thương binh và Xã hội` (capitals on the body, on its field, and
 * after `và` / `-` joining fields; proper phrases such as `Mặt trận Tổ quốc Việt Nam` as written).
 */
export function agencyCase(upper: string): string {
  let s = upperRatio(upper) >= 0.6 ? sentenceCase(upper.replace(/\s+/g, ' ').trim()) : upper.replace(/\s+/g, ' ').trim();
  const lower = s.toLocaleLowerCase('vi');
  const type = BODY_TYPE_WORDS.find((w) => lower.startsWith(`${w} `));
  const cap = (at: number) => {
    if (at < s.length) s = s.slice(0, at) + s.charAt(at).toLocaleUpperCase('vi') + s.slice(at + 1);
  };
  if (type) {
    cap(type.length + 1);
    for (const m of s.matchAll(/ (?:và|-|–) (?=\p{L})/gu)) cap(m.index + m[0].length);
  }
  for (const phrase of PROPER_PHRASES) {
    const at = s.toLocaleLowerCase('vi').indexOf(phrase.toLocaleLowerCase('vi'));
    if (at >= 0) s = s.slice(0, at) + phrase + s.slice(at + phrase.length);
  }
  return s;
}

/**
 * Abbreviations of bodies written out (`UBND` → `ỦY BAN NHÂN DÂN`, `MTTQ` → `MẶT TRẬN TỔ QUỐC`),
 * also where OCR merged or split the words of a name (`UY BANNHANDAN`).
 */
function expand(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    let taken = 0;
    for (let n = Math.min(3, words.length - i); n >= 1 && !taken; n--) {
      const key = compact(words.slice(i, i + n).join(''));
      const hit = ISSUER_EXPANSIONS.find(([abbr]) => abbr === key);
      if (hit) {
        out.push(hit[1].toLocaleUpperCase('vi'));
        taken = n;
      }
    }
    if (!taken) out.push(words[i]!);
    i += taken || 1;
  }
  return out.join(' ');
}

/**
 * Split the left column's printed lines into bodies. A line opening with a body word (`SỞ`,
 * `BAN`, `UBND` …) starts a new body once the one above is whole (it has its place, or a name
 * of three words or more); other lines continue it (`DÂN`, `TỈNH LAI CHÂU`, `VÀ XÃ HỘI`).
 */
function splitBodies(fragments: readonly string[]): string[] {
  const bodies: string[] = [];
  for (const fragment of fragments) {
    const words = fragment.split(/\s+/).filter(Boolean);
    const last = bodies[bodies.length - 1];
    const opens = BODY_OPENERS.some((o) => startsWithWords(words, o));
    if (last !== undefined && !(opens && (hasPlace(last) || last.split(/\s+/).length >= 3))) bodies[bodies.length - 1] = `${last} ${fragment}`;
    else bodies.push(fragment);
  }
  // One printed line holding a parent with its place, then the issuer (`UBND TỈNH LÀO CAI SỞ CÔNG THƯƠNG`).
  return bodies.flatMap((b) => {
    const words = b.split(/\s+/);
    const at = placeStart(words);
    if (at < 0) return [b];
    for (let i = at + 2; i < words.length; i++) {
      if (BODY_OPENERS.some((o) => startsWithWords(words.slice(i), o))) return [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    }
    return [b];
  });
}

function startsWithWords(words: readonly string[], phrase: string): boolean {
  const p = phrase.split(' ');
  return p.every((w, k) => fold(words[k] ?? '') === w);
}

const hasPlace = (body: string) => placeStart(body.split(/\s+/)) >= 0;

function readBody(text: string): Body {
  const words = expand(text).split(/\s+/).filter(Boolean);
  const at = placeStart(words);
  const nameWords = at < 0 ? words : words.slice(0, at);
  return { name: agencyCase(nameWords.join(' ')), place: at < 0 ? '' : placeName(words.slice(at).join(' ')) };
}

const full = (b: Body) => [b.name, b.place].filter(Boolean).join(' ');

/** `ỦY BAN NHÂN DÂN` + `XÃ CHƯ PƠNG` → `Ủy ban nhân dân xã Chư Pơng`. */
export function issuerFromLines(lines: readonly string[]): string | null {
  const fragments = lines.map((l) => l.replace(/^[\s/|\\]+|[\s/|\\]+$/g, '')).filter((l) => /\p{L}/u.test(l));
  if (fragments.length === 0) return null;
  const bodies = splitBodies(fragments).map(readBody);
  const issuer = bodies[bodies.length - 1]!;
  const parent = bodies.length >= 2 ? bodies[bodies.length - 2]! : undefined;
  if (parent && !issuer.place) {
    const organ = ORGANS_OF_PARENT.some((o) => fold(issuer.name) === o);
    if (organ) return `${issuer.name} ${full(parent)}`;
    if (parent.place) return `${issuer.name} ${parent.place}`;
  }
  return full(issuer);
}
