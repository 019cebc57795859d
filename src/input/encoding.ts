/**
 * Text encodings: UTF-8 first, then UTF-16 (with a byte-order mark, or without one when its
 * NUL bytes show it), then the encodings Vietnamese offices used before Unicode: TCVN3 (ABC),
 * VNI-Windows, VISCII and Windows-1258. Those four share ASCII and differ above it, and any
 * byte string decodes in most of them, so each reading is scored by how Vietnamese it reads
 * (the share of its marked words that are valid syllables) and the best one is taken, only
 * if it clearly is Vietnamese. Everything comes out NFC.
 */
import { TCVN3, VISCII, WINDOWS_1252, WINDOWS_1258, type ByteTable } from '../data/encoding-tables.js';
import { VNI_BASE_LETTERS, VNI_BREVE, VNI_CIRCUMFLEX, VNI_SINGLE_LETTERS, VNI_TONE } from '../data/vni.js';
import { isValidSyllable } from '../restore/syllable.js';
import type { TextEncoding } from './source.js';

export type LegacyEncoding = Extract<TextEncoding, 'tcvn3' | 'vni' | 'viscii' | 'windows-1258'>;

/** In the order a tie is settled: how common each is in archives. */
export const LEGACY_ENCODINGS: readonly LegacyEncoding[] = ['tcvn3', 'vni', 'viscii', 'windows-1258'];

/** Names people know them by, for messages. */
export const ENCODING_NAMES: Readonly<Record<TextEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  tcvn3: 'TCVN3 (ABC)',
  vni: 'VNI-Windows',
  viscii: 'VISCII',
  'windows-1258': 'Windows-1258',
};

/** A reading must have at least this many marked words: fewer say nothing about the language. */
export const MIN_MARKED_WORDS = 3;
/** Share of marked words that must be valid syllables (real legacy texts score 0.95 and more). */
export const MIN_VALID_MARKED_SHARE = 0.8;
/** Share of all words that must carry marks: Vietnamese has about half; English with a few `é`s has almost none. */
export const MIN_MARKED_WORD_SHARE = 0.1;

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/u;
/** Control characters other than tab, line feed, form feed and carriage return: not text. */
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFFFD]/u;

// ── single-byte tables ────────────────────────────────────────────────────────────────────

function byteDecoder(table: ByteTable): string[] {
  const chars: string[] = [];
  for (let b = 0; b < 0x80; b++) chars.push(table.low[b] ?? String.fromCharCode(b));
  for (const c of table.high) chars.push(c);
  if (chars.length !== 256) throw new Error('a byte table must have 256 entries');
  return chars;
}

/** VNI is read through Windows-1252: its base letters and marks are those bytes. */
const BYTE_TABLES: Readonly<Record<LegacyEncoding, ByteTable>> = { tcvn3: TCVN3, viscii: VISCII, 'windows-1258': WINDOWS_1258, vni: WINDOWS_1252 };
const decoders = new Map<LegacyEncoding, string[]>();
function decoderOf(encoding: LegacyEncoding): string[] {
  let d = decoders.get(encoding);
  if (!d) decoders.set(encoding, (d = byteDecoder(BYTE_TABLES[encoding])));
  return d;
}

function decodeBytes(bytes: Uint8Array, chars: readonly string[]): string {
  let out = '';
  for (const b of bytes) out += chars[b]!;
  return out;
}

// ── VNI ───────────────────────────────────────────────────────────────────────────────────

const NFD_SHAPE = { circumflex: '\u0302', breve: '\u0306', horn: '\u031B' } as const;

/** Every Vietnamese letter (NFC, lower and upper case) with its VNI characters. */
function vniLetters(): Map<string, string> {
  const letters = new Map<string, string>();
  const tones = ['', ...Object.keys(VNI_TONE)];
  const add = (letter: string, vni: string) => {
    letters.set(letter.normalize('NFC'), vni);
    letters.set(letter.normalize('NFC').toUpperCase(), vni.toUpperCase());
  };
  for (const tone of tones) {
    for (const base of 'aeiouy') add(base + tone, base + (tone ? VNI_TONE[tone] : ''));
    for (const base of 'aeo') add(base + NFD_SHAPE.circumflex + tone, base + VNI_CIRCUMFLEX[(tone || 'none') as keyof typeof VNI_CIRCUMFLEX]);
    add(`a${NFD_SHAPE.breve}${tone}`, `a${VNI_BREVE[(tone || 'none') as keyof typeof VNI_BREVE]}`);
    add(`o${NFD_SHAPE.horn}${tone}`, VNI_BASE_LETTERS['ơ']! + (tone ? VNI_TONE[tone] : ''));
    add(`u${NFD_SHAPE.horn}${tone}`, VNI_BASE_LETTERS['ư']! + (tone ? VNI_TONE[tone] : ''));
  }
  add('đ', VNI_BASE_LETTERS['đ']!);
  for (const [letter, vni] of Object.entries(VNI_SINGLE_LETTERS)) add(letter, vni);
  return letters;
}

let vniTables: { encode: Map<string, string>; decode: Map<string, string> } | undefined;
function vni() {
  if (vniTables) return vniTables;
  const encode = vniLetters();
  const decode = new Map<string, string>();
  for (const [letter, seq] of encode) {
    if (seq === letter) continue; // a plain letter reads as itself
    decode.set(seq, letter);
    // A mark typed in the other case still belongs to its base letter (`Aù` is Á).
    if (seq.length === 2) {
      const other = seq[0]! + (seq[1] === seq[1]!.toUpperCase() ? seq[1]!.toLowerCase() : seq[1]!.toUpperCase());
      if (!decode.has(other)) decode.set(other, letter);
    }
  }
  return (vniTables = { encode, decode });
}

function decodeVni(bytes: Uint8Array): string {
  const text = decodeBytes(bytes, decoderOf('vni'));
  const { decode } = vni();
  let out = '';
  for (let i = 0; i < text.length; ) {
    const two = decode.get(text.slice(i, i + 2));
    if (two !== undefined) {
      out += two;
      i += 2;
      continue;
    }
    out += decode.get(text[i]!) ?? text[i]!;
    i += 1;
  }
  return out;
}

// ── TCVN3 capitals ────────────────────────────────────────────────────────────────────────

/**
 * The ABC fonts (TCVN3 "VN3") have no capital letters with a tone: a capital is typed as
 * the small letter's code and drawn large by the capitals font (.VnTimeH). Read plainly,
 * `KẾ HOẠCH` comes out `Kế HOạCH`. A word whose ASCII letters are all capitals and whose
 * small letters all carry a tone is put in capitals when it has two capitals or more, or
 * when it stands in a run of such words, capitals and numbers holding a capitalised
 * Vietnamese word (`Kế HOẠCH`, `KINH Tế - Xã HỘI`, `CHỈ THỊ Số 13/CT-TTg`). Brackets and
 * colons end a run (`NGHỊ (Ký tên)`, `ĐỒNG Số: 12`); abbreviations anchor none (`Bộ TN&MT`).
 * Not done when the text has any toned capital: then it uses the full set (VN1).
 */
export function restoreAbcCapitals(text: string): string {
  if (/\p{Lu}[\u0302\u0306\u031B]?[\u0300\u0301\u0303\u0309\u0323]/u.test(text.normalize('NFD'))) return text;
  const capitals = (w: string) => (w.match(/\p{Lu}/gu) ?? []).length;
  const fixable = (w: string) => {
    const small = [...w].filter((c) => /\p{Ll}/u.test(c));
    return small.length > 0 && /[A-Z]/.test(w) && !/[a-z]/.test(w) && small.every((c) => TONE.test(c.normalize('NFD')));
  };
  const anchor = (w: string) => capitals(w) >= 2 && !/[\p{Ll}\p{N}]/u.test(w) && isValidSyllable(w);
  return text.split('\n').map((line) => {
    // Words (letters and digits) at odd indexes, what lies between them at even ones.
    const parts = line.split(/([\p{L}\p{M}\p{N}]+)/u).map((w, i) => (i % 2 === 1 && fixable(w) && capitals(w) >= 2 ? w.toUpperCase() : w));
    let run: number[] = [];
    const close = () => {
      if (run.some((i) => anchor(parts[i]!))) for (const i of run) if (fixable(parts[i]!)) parts[i] = parts[i]!.toUpperCase();
      run = [];
    };
    for (let i = 1; i < parts.length; i += 2) {
      const w = parts[i]!;
      // A label before a colon stands alone (`ĐỒNG Số: 12`).
      if (/[()[\]:;|"“”]/u.test(parts[i - 1]!) || /^\s*:/u.test(parts[i + 1] ?? '')) close();
      if (fixable(w) || /^\p{N}+$/u.test(w) || (capitals(w) >= 1 && !/\p{Ll}/u.test(w))) run.push(i);
      else close();
      if (/^\s*:/u.test(parts[i + 1] ?? '')) close();
    }
    close();
    return parts.join('');
  }).join('\n');
}

// ── decoding and encoding ─────────────────────────────────────────────────────────────────

/** Decode bytes in one legacy encoding, NFC. Never throws: undefined bytes come out as U+FFFD. */
export function decodeLegacy(bytes: Uint8Array, encoding: LegacyEncoding): string {
  if (encoding === 'vni') return decodeVni(bytes).normalize('NFC');
  const text = decodeBytes(bytes, decoderOf(encoding)).normalize('NFC');
  return encoding === 'tcvn3' ? restoreAbcCapitals(text) : text;
}

export interface EncodeOptions {
  /** Windows-1258 and TCVN3: every tone as a combining mark after its letter, as Windows' Vietnamese keyboard typed it, rather than the precomposed byte where one exists. */
  decomposed?: boolean;
}

/** Encode Unicode text in a legacy encoding (for tests and fixtures); throws on a character it lacks. */
export function encodeLegacy(text: string, encoding: LegacyEncoding, options: EncodeOptions = {}): Uint8Array {
  const out: number[] = [];
  const fail = (c: string) => {
    throw new Error(`${ENCODING_NAMES[encoding]} has no U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} (${c})`);
  };
  const chars = decoderOf(encoding);
  const byteOf = new Map<string, number>();
  chars.forEach((c, b) => {
    if (c !== '\uFFFD' && !byteOf.has(c)) byteOf.set(c, b);
  });
  if (encoding === 'vni') {
    const { encode } = vni();
    for (const c of text.normalize('NFC')) {
      for (const ch of encode.get(c) ?? c) {
        const b = byteOf.get(ch);
        if (b === undefined) fail(ch);
        else out.push(b);
      }
    }
    return Uint8Array.from(out);
  }
  for (const c of text.normalize('NFC')) {
    const nfd = c.normalize('NFD');
    const tone = TONE.exec(nfd)?.[0];
    const whole = byteOf.get(c);
    if (whole !== undefined && !(options.decomposed && tone)) {
      out.push(whole);
      continue;
    }
    const base = tone ? byteOf.get(nfd.replace(tone, '').normalize('NFC')) : undefined;
    const mark = tone ? byteOf.get(tone) : undefined;
    if (base !== undefined && mark !== undefined) out.push(base, mark);
    else if (whole !== undefined) out.push(whole);
    else fail(c);
  }
  return Uint8Array.from(out);
}

// ── how Vietnamese a text reads ───────────────────────────────────────────────────────────

export interface VietnameseScore {
  words: number;
  /** Words with a letter outside ASCII. */
  marked: number;
  /** Marked words that are valid Vietnamese syllables. */
  validMarked: number;
  /** Control characters and U+FFFD: bytes the reading could not make text of. */
  controls: number;
}

export function scoreVietnamese(text: string): VietnameseScore {
  let words = 0, marked = 0, validMarked = 0, controls = 0;
  for (const m of text.normalize('NFC').matchAll(/[\p{L}\p{M}]+/gu)) {
    words++;
    if (!/[^\x00-\x7F]/.test(m[0])) continue;
    marked++;
    if (isValidSyllable(m[0])) validMarked++;
  }
  for (const _ of text.matchAll(new RegExp(CONTROL.source, 'gu'))) controls++;
  return { words, marked, validMarked, controls };
}

/** True when a reading is clearly Vietnamese text. */
export function readsAsVietnamese(s: VietnameseScore): boolean {
  return s.controls === 0 && s.marked >= MIN_MARKED_WORDS && s.validMarked / s.marked >= MIN_VALID_MARKED_SHARE
    && s.marked / Math.max(1, s.words) >= MIN_MARKED_WORD_SHARE;
}

export interface Reading {
  encoding: LegacyEncoding;
  text: string;
  score: VietnameseScore;
}

/** Every legacy reading of the bytes, best first (by share of valid marked words, then by tie order). */
export function legacyReadings(bytes: Uint8Array): Reading[] {
  const share = (s: VietnameseScore) => (s.controls > 0 ? -2 : s.marked === 0 ? -1 : s.validMarked / s.marked);
  return LEGACY_ENCODINGS
    .map((encoding) => {
      const text = decodeLegacy(bytes, encoding);
      return { encoding, text, score: scoreVietnamese(text) };
    })
    .sort((a, b) => share(b.score) - share(a.score) || LEGACY_ENCODINGS.indexOf(a.encoding) - LEGACY_ENCODINGS.indexOf(b.encoding));
}

// ── UTF-16 ────────────────────────────────────────────────────────────────────────────────

/**
 * UTF-16 without a byte-order mark, from where its NUL bytes fall: ASCII (and the high byte
 * of most Latin letters) is NUL in one half of every pair and rarely in the other.
 */
export function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  let even = 0, odd = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = bytes.length / 2;
  if (odd >= pairs * 0.3 && even <= odd * 0.05) return 'utf-16le';
  if (even >= pairs * 0.3 && odd <= even * 0.05) return 'utf-16be';
  return null;
}

export type Decoded = { ok: true; text: string; encoding: TextEncoding } | { ok: false; reason: string };

const strict = (label: string) => new TextDecoder(label, { fatal: true, ignoreBOM: true });

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', skip: number, how: string): Decoded {
  try {
    const text = strict(encoding).decode(bytes.subarray(skip));
    if (CONTROL.test(text)) return { ok: false, reason: `it looks like ${ENCODING_NAMES[encoding]} (${how}) but holds control characters there: not a text file` };
    return { ok: true, text: text.normalize('NFC'), encoding };
  } catch {
    return { ok: false, reason: `it starts like ${ENCODING_NAMES[encoding]} (${how}) but is not valid ${ENCODING_NAMES[encoding]}` };
  }
}

const KNOWN = 'UTF-8, UTF-16, TCVN3 (ABC), VNI-Windows, VISCII or Windows-1258';

/** Read bytes as text in the encoding they are in, or say why they are not text. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le', 2, 'byte-order mark');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be', 2, 'byte-order mark');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let utf8: string | undefined;
  try {
    utf8 = strict('utf-8').decode(bytes.subarray(bom));
  } catch {
    // not UTF-8: one of the others, or not text
  }
  // Plain UTF-8 is taken as it is (NUL bytes aside: ASCII in UTF-16 is valid UTF-8 too).
  if (utf8 !== undefined && !utf8.includes('\u0000')) return { ok: true, text: utf8, encoding: 'utf-8' };
  if (bytes.includes(0)) {
    const guess = guessUtf16(bytes);
    if (guess) return utf16(bytes, guess, 0, 'no byte-order mark');
    return { ok: false, reason: 'the file holds NUL bytes and is not UTF-16: not a text file' };
  }
  const best = legacyReadings(bytes)[0]!;
  if (readsAsVietnamese(best.score)) return { ok: true, text: best.text, encoding: best.encoding };
  const s = best.score;
  const detail = s.controls > 0 ? 'every reading of it holds control characters or bytes the encoding leaves undefined'
    : s.marked === 0 ? 'no reading of it has a word with Vietnamese marks'
    : `its best reading, ${ENCODING_NAMES[best.encoding]}, has ${s.validMarked} valid Vietnamese syllables in ${s.marked} marked words`;
  return { ok: false, reason: `the file is not UTF-8 text, and does not read as Vietnamese in ${KNOWN} (${detail})` };
}
