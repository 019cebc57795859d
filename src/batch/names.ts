/**
 * Output names. A document's outputs mirror its input's relative path with the input's own
 * extension kept (`2023/plan.pdf` → `2023/plan.pdf.json`, `.txt`, `.md`, `.ocr.txt`), so
 * `a.pdf` and `a.txt` in one folder never meet. Where two inputs would still meet (two
 * folders named `2023` ingested in two runs, a name the file system cannot hold), the later
 * one gets a short content hash before its extension (`2023/plan~3f2a9c1b.pdf.json`). The
 * ledger (./ledger.ts) claims every name before anything is written there.
 */
import { createHash } from 'node:crypto';

/** Output suffixes, appended to a document's stem. */
export const OUTPUT_SUFFIX = { json: '.json', text: '.txt', markdown: '.md', ocr: '.ocr.txt' } as const;
export type OutputKind = keyof typeof OUTPUT_SUFFIX;
export const OUTPUT_KINDS = Object.keys(OUTPUT_SUFFIX) as OutputKind[];

/** Bytes a file name may have (ext4, XFS, Btrfs, tmpfs, NTFS in UTF-16 units). */
export const NAME_MAX = 255;
const LONGEST_SUFFIX = Math.max(...Object.values(OUTPUT_SUFFIX).map((s) => s.length));
/** Room kept for a disambiguating `~xxxxxxxx` (and a `-n` after it). */
const TAG_ROOM = 13;

/** Names at the top of `--out` that belong to vnplan itself. */
export const RESERVED_TOP = new Set(['manifest.json', 'report.json', 'vnplan.db', 'vnplan.db-wal', 'vnplan.db-shm', 'vnplan.db-journal', '.vnplan']);

/**
 * A file name's bytes as readable text: UTF-8 as it is, any byte that is not part of valid
 * UTF-8 as `\xNN` (Python's `backslashreplace`), so a name written in an old code page is
 * reported, and named in outputs, by what it holds.
 */
export function readableName(bytes: Uint8Array): string {
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    return strict.decode(bytes);
  } catch {
    // fall through: decode piece by piece
  }
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len > 0 && i + len <= bytes.length) {
      try {
        out += strict.decode(bytes.subarray(i, i + len));
        i += len;
        continue;
      } catch {
        // an invalid sequence: escape its first byte
      }
    }
    out += `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
    i++;
  }
  return out;
}

export function shortHash(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 8);
}

/** Cut `s` to at most `max` UTF-8 bytes without splitting a character. */
function cutBytes(s: string, max: number): string {
  if (Buffer.byteLength(s) <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** The extension a tag goes before: the input's own (`.pdf`), not a dot deep in the name. */
function splitExtension(name: string): [string, string] {
  const m = /^(.+?)(\.[A-Za-z0-9]{1,5})$/.exec(name);
  return m ? [m[1]!, m[2]!] : [name, ''];
}

/** Insert `~tag` before the extension: `plan.pdf` → `plan~3f2a9c1b.pdf`. */
export function tagName(name: string, tag: string): string {
  const [base, ext] = splitExtension(name);
  return `${base}~${tag}${ext}`;
}

/**
 * One path component made safe and short enough: `.` and `..` and empty names replaced, at
 * most `max` bytes (a long name keeps its start and its extension, and a hash of the whole
 * name tells it from others cut the same way).
 */
function component(name: string, max: number): string {
  let c = name.replace(/\0/g, '');
  if (c === '' || c === '.' || c === '..') c = `_${c.replace(/\./g, '_')}`;
  if (Buffer.byteLength(c) <= max) return c;
  const [base, ext] = splitExtension(c);
  const hash = shortHash(c);
  return `${cutBytes(base, max - Buffer.byteLength(ext) - 9)}~${hash}${ext}`;
}

/**
 * The stem a relative input path asks for: its components made safe, each within the name
 * limit, the last one with room for the longest output suffix and a disambiguating tag.
 */
export function candidateStem(relative: string): string {
  const parts = relative.split('/').filter((p) => p !== '');
  if (parts.length === 0) parts.push('_');
  const last = parts.length - 1;
  return parts.map((p, i) => component(p, i === last ? NAME_MAX - LONGEST_SUFFIX - TAG_ROOM : NAME_MAX)).join('/');
}

/** The stems to try, in order, for an input whose candidate is taken. */
export function* alternativeStems(candidate: string, contentHash: string): Generator<string> {
  const slash = candidate.lastIndexOf('/');
  const dir = candidate.slice(0, slash + 1);
  const last = candidate.slice(slash + 1);
  const tag = contentHash.slice(0, 8);
  yield dir + tagName(last, tag);
  for (let n = 2; ; n++) yield dir + tagName(last, `${tag}-${n}`);
}

export function outputPaths(stem: string): Record<OutputKind, string> {
  return { json: stem + OUTPUT_SUFFIX.json, text: stem + OUTPUT_SUFFIX.text, markdown: stem + OUTPUT_SUFFIX.markdown, ocr: stem + OUTPUT_SUFFIX.ocr };
}
