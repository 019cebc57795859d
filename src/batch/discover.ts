/**
 * The inputs of a batch: files named on the command line as they are, and inside folders
 * (recursively, in byte order of the names) every file with an extension vnplan reads.
 *
 * Nothing found is dropped without a word. Names are read as bytes, so a name that is not
 * UTF-8 is still opened and is reported readably (`\xNN` for the bytes that are not).
 * Symbolic links are followed: a link to a file is an input under the link's name (once per
 * real file: a second path to the same file is noted, not ingested twice), a link to a
 * folder is walked (once per real folder: a link back up the tree is noted, not followed),
 * a dangling link or a loop of links with an input's extension fails with a record, and so
 * does a FIFO, socket or device file (never opened: a FIFO would block the batch). Hidden
 * files, Word's `~$` lock files and the output folder (by device and inode, so a link into
 * it is caught too) are left out.
 */
import { readdir, readlink, realpath, stat } from 'node:fs/promises';
import type { BigIntStats, Dirent } from 'node:fs';
import { basename, resolve } from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import type { InputErrorCode } from '../input/source.js';
import { readableName } from './names.js';

export const INPUT_EXTENSIONS = ['.pdf', '.tif', '.tiff', '.png', '.jpg', '.jpeg', '.txt', '.text', '.docx', '.doc'] as const;

/** How page images become one document: by the naming rule (`name-p1.jpg`, `name-p2.jpg` …), every image of a folder, or never. */
export const GroupMode = z.enum(['name', 'folder', 'none']);
export type GroupMode = z.infer<typeof GroupMode>;

export const IMAGE_EXTENSIONS = ['.tif', '.tiff', '.png', '.jpg', '.jpeg'] as const;

export interface DiscoverOptions {
  /** Globs a file must match one of (none: every file). */
  include?: readonly string[];
  /** Globs that leave a file or a folder out. */
  exclude?: readonly string[];
  group?: GroupMode;
}

/** One file of an input made of several (page images grouped into one document). */
export interface InputPart {
  path: string | Buffer;
  display: string;
}

export interface DiscoveredInput {
  /** The path to open (bytes when the name is not UTF-8). */
  path: string | Buffer;
  /** The path as the user gave or the walk found it, readable: what reports name. */
  display: string;
  /** The real path (links resolved), as bytes: what the ledger knows the input by. */
  key: Buffer;
  /** Its name under the output folder, before any disambiguation (`2023/plan.pdf`). */
  relative: string;
  /** Known before opening it: why it cannot be read. */
  problem?: { code: InputErrorCode; message: string };
  /**
   * Page images grouped into this one document, in page order (`path` is the first's). Its
   * ledger key is synthetic: the real folder, `/`, the group's name and a NUL byte, which no
   * file's path can hold.
   */
  parts?: InputPart[];
}

/** A path the walk met and did not take, with why (reported, never silent). */
export interface WalkNote {
  path: string;
  reason: string;
}

export interface Discovery {
  inputs: DiscoveredInput[];
  notes: WalkNote[];
  /** Files and folders left out by --include / --exclude, with the pattern that did it. */
  excluded: Array<{ path: string; reason: string }>;
  /** Files in walked folders whose extension vnplan does not read. */
  unsupported: string[];
}

const SLASH = Buffer.from('/');
const hasInputExtension = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 && (INPUT_EXTENSIONS as readonly string[]).includes(name.slice(dot).toLowerCase());
};
const idOf = (s: BigIntStats) => `${s.dev}:${s.ino}`;

function specialKind(d: { isFIFO(): boolean; isSocket(): boolean; isBlockDevice(): boolean; isCharacterDevice(): boolean }): string | null {
  if (d.isFIFO()) return 'a FIFO (named pipe)';
  if (d.isSocket()) return 'a socket';
  if (d.isBlockDevice()) return 'a block device';
  if (d.isCharacterDevice()) return 'a character device';
  return null;
}

async function realKey(path: Buffer): Promise<Buffer> {
  try {
    return await realpath(path, { encoding: 'buffer' });
  } catch {
    return path[0] === 0x2f ? path : Buffer.concat([Buffer.from(`${process.cwd()}/`), path]);
  }
}

/**
 * Paths (files or folders) → the inputs, in order, and notes on what was passed over. A
 * path that does not exist stays an input: reading it fails, the batch records that and
 * goes on.
 */
export async function discoverInputs(paths: readonly string[], outDir: string, options: DiscoverOptions = {}): Promise<Discovery> {
  const filter = pathFilter(options);
  const excluded: Discovery['excluded'] = [];
  const unsupported: string[] = [];
  const outStat = await stat(outDir, { bigint: true }).catch(() => null);
  const outId = outStat ? idOf(outStat) : null;
  const outReal = await realpath(outDir).catch(() => resolve(outDir));
  const inputs: DiscoveredInput[] = [];
  const notes: WalkNote[] = [];
  const walked = new Map<string, string>(); // folder dev:ino → where it was walked

  const walk = async (dir: Buffer, relative: string, chain: Set<string>): Promise<void> => {
    let entries: Dirent<Buffer>[];
    try {
      entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      const display = readableName(dir);
      inputs.push({
        path: dir, display, key: await realKey(dir), relative,
        problem: { code: 'unreadable', message: `${display}: the folder cannot be listed (${(error as NodeJS.ErrnoException).code ?? 'error'})` },
      });
      return;
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const entry of entries) {
      const name = readableName(entry.name);
      if (name.startsWith('.') || name.startsWith('~$')) continue;
      const full = Buffer.concat([dir, SLASH, entry.name]);
      const display = readableName(full);
      const rel = `${relative}/${name}`;
      let kind: 'dir' | 'file' | 'special' = entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'special';
      let special = specialKind(entry);
      let link = '';
      if (entry.isSymbolicLink()) {
        link = readableName(await readlink(full, { encoding: 'buffer' }).catch(() => Buffer.from('?')));
        try {
          const target = await stat(full);
          kind = target.isDirectory() ? 'dir' : target.isFile() ? 'file' : 'special';
          special = specialKind(target);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const why = code === 'ELOOP' ? `a loop of symbolic links (${link})` : code === 'ENOENT' ? `a symbolic link to ${link}, which does not exist` : `a symbolic link to ${link}, which cannot be followed (${code})`;
          if (hasInputExtension(name)) {
            inputs.push({ path: full, display, key: await realKey(full), relative: rel, problem: { code: code === 'ENOENT' ? 'not-found' : 'not-a-file', message: `${display}: ${why}` } });
          } else notes.push({ path: display, reason: why });
          continue;
        }
      }
      const inner = rel.slice(rel.indexOf('/') + 1);
      if (kind === 'dir') {
        const why = filter(inner, true);
        if (why) excluded.push({ path: display, reason: why });
        else await enterFolder(full, display, rel, chain, link);
      } else if (kind === 'file') {
        const why = filter(inner, false);
        if (why) excluded.push({ path: display, reason: why });
        else if (hasInputExtension(name)) inputs.push({ path: full, display, key: await realKey(full), relative: rel });
        else unsupported.push(display);
      } else {
        const what = special ?? 'not a regular file';
        if (hasInputExtension(name)) {
          inputs.push({ path: full, display, key: await realKey(full), relative: rel, problem: { code: 'not-a-file', message: `${display}: ${what}, not a regular file` } });
        } else notes.push({ path: display, reason: `${what}, not a regular file` });
      }
    }
  };

  const enterFolder = async (full: Buffer, display: string, rel: string, chain: Set<string>, link: string): Promise<void> => {
    let info: BigIntStats;
    try {
      info = await stat(full, { bigint: true });
    } catch (error) {
      notes.push({ path: display, reason: `the folder cannot be read (${(error as NodeJS.ErrnoException).code})` });
      return;
    }
    const id = idOf(info);
    if (id === outId) {
      notes.push({ path: display, reason: 'the output folder (or a link to it): left out' });
      return;
    }
    if (chain.has(id)) {
      notes.push({ path: display, reason: `${link ? `a symbolic link (${link})` : 'a folder'} back to a folder it is inside: not followed` });
      return;
    }
    const before = walked.get(id);
    if (before !== undefined) {
      notes.push({ path: display, reason: `the same folder as ${before}, walked already` });
      return;
    }
    walked.set(id, display);
    await walk(full, rel, new Set(chain).add(id));
  };

  for (const given of paths) {
    const p = given.length > 1 ? given.replace(/\/+$/, '') || '/' : given; // `in/` walks as `in`
    const full = Buffer.from(p);
    const info = await stat(full, { bigint: true }).catch(() => null);
    const real = await realpath(p).catch(() => resolve(p));
    if (info && (real === outReal || real.startsWith(`${outReal}/`))) {
      notes.push({ path: p, reason: 'inside the output folder: left out (outputs are never ingested again)' });
      continue;
    }
    if (info?.isDirectory()) {
      // Keep the folder's own name so that two folders' files stay apart.
      const own = basename(resolve(p)) || '_';
      await enterFolder(full, p, own, new Set(), '');
    } else {
      const why = filter(basename(p), false);
      if (why) {
        excluded.push({ path: p, reason: why });
        continue;
      }
      const problem = info && !info.isFile() && !info.isDirectory()
        ? { code: 'not-a-file' as const, message: `${p}: ${specialKind(info) ?? 'not a regular file'}, not a regular file` }
        : undefined;
      inputs.push({ path: p, display: p, key: await realKey(full), relative: basename(p) || '_', ...(problem ? { problem } : {}) });
    }
  }

  // One input per real file: a second path to it (a link, a file named twice) is noted.
  const seen = new Map<string, string>();
  const unique: DiscoveredInput[] = [];
  for (const input of inputs) {
    const k = input.key.toString('latin1');
    const first = seen.get(k);
    if (first !== undefined && !input.problem) {
      if (first !== input.display) notes.push({ path: input.display, reason: `the same file as ${first}: ingested once` });
      continue;
    }
    seen.set(k, input.display);
    unique.push(input);
  }
  return { inputs: groupPages(unique, options.group ?? 'name', notes), notes, excluded, unsupported };
}

/**
 * --include / --exclude as one test: the reason a path is left out, or null. Patterns are
 * matched (picomatch, dot files too) against the path inside the folder argument it was found
 * in (`2023/drafts/a.txt` under `archive/`), or the name of a file named on the command line;
 * a pattern without `/` against the name alone, at any depth. An excluded folder is not walked;
 * --include is asked of files only.
 */
export function pathFilter(options: DiscoverOptions): (inner: string, folder: boolean) => string | null {
  const include = (options.include ?? []).map((p) => [p, picomatch(p, { dot: true, basename: true })] as const);
  const exclude = (options.exclude ?? []).map((p) => [p, picomatch(p, { dot: true, basename: true })] as const);
  return (inner, folder) => {
    for (const [pattern, test] of exclude) if (test(inner)) return `--exclude ${pattern}`;
    if (!folder && include.length && !include.some(([, test]) => test(inner))) return `matches no --include (${include.map(([p]) => p).join(', ')})`;
    return null;
  };
}

/**
 * `name-p1.jpg`, `name_page2.png`, `name-001.tif`, `name 3.jpg`, `name.p4.png`, `scan12.jpg`,
 * `kh_trang2.png`: the stem, the page mark's style and the page number (1–3 digits, so that a
 * year, `kh-2023.jpg`, or a camera's `IMG_0412.jpg` is no page number; a stem may not end in a
 * digit).
 */
const PAGE_NAME = /^(.*?\p{L}.*?)(?<!\d)((?:[-_. ](?:page|trang|pg|tr|p)[-_. ]?|[-_. ])?)(\d{1,3})(\.[^./]+)$/iu;

export function pageName(name: string): { stem: string; style: string; page: number; ext: string } | null {
  const m = PAGE_NAME.exec(name);
  if (!m || !(IMAGE_EXTENSIONS as readonly string[]).includes(m[4]!.toLowerCase())) return null;
  const stem = m[1]!.replace(/[-_. ]+(?:page|trang|pg|tr|p)?$/iu, '');
  return stem ? { stem, style: m[2]!.toLowerCase(), page: Number(m[3]), ext: m[4]! } : null;
}

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' }).compare;
const isImage = (name: string) => (IMAGE_EXTENSIONS as readonly string[]).includes(name.slice(name.lastIndexOf('.')).toLowerCase());
const nameOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

/**
 * Page images that belong together become one input: by the naming rule (`group` `name`: two or
 * more images of one folder whose names differ only in a page number after the same stem, in the
 * number's order), or every image of a folder (`folder`, in natural name order: p2 before p10).
 * PDFs, Word and text files are never grouped, nor is an image alone or one that cannot be read.
 * The group stands where its first page stood.
 */
function groupPages(inputs: DiscoveredInput[], mode: GroupMode, notes: WalkNote[]): DiscoveredInput[] {
  if (mode === 'none') return inputs;
  const groups = new Map<string, Array<{ input: DiscoveredInput; page: number; stem: string; ext: string }>>();
  for (const input of inputs) {
    if (input.problem) continue;
    const name = nameOf(input.display);
    if (!isImage(name)) continue;
    const dir = dirOf(input.display);
    if (mode === 'folder') {
      const folder = nameOf(dirOf(input.relative)) || basename(resolve(dir || '.'));
      const list = groups.get(`${dir}\0`) ?? [];
      list.push({ input, page: 0, stem: folder, ext: name.slice(name.lastIndexOf('.')) });
      groups.set(`${dir}\0`, list);
      continue;
    }
    const page = pageName(name);
    if (!page) continue;
    const key = `${dir}\0${page.stem}\0${page.style}`;
    const list = groups.get(key) ?? [];
    list.push({ input, page: page.page, stem: page.stem, ext: page.ext });
    groups.set(key, list);
  }
  const replaced = new Map<DiscoveredInput, DiscoveredInput | null>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.page - b.page || natural(nameOf(a.input.display), nameOf(b.input.display)));
    const first = list[0]!;
    const dir = dirOf(first.input.display);
    const relDir = dirOf(first.input.relative);
    const display = dir ? `${dir}/${first.stem}` : first.stem;
    const realDir = first.input.key.subarray(0, Math.max(0, first.input.key.lastIndexOf(0x2f)));
    const group: DiscoveredInput = {
      path: first.input.path,
      display,
      key: Buffer.concat([realDir, SLASH, Buffer.from(`${first.stem}${first.ext}`), Buffer.from([0]), Buffer.from('pages')]),
      relative: relDir ? `${relDir}/${first.stem}${first.ext}` : `${first.stem}${first.ext}`,
      parts: list.map((m) => ({ path: m.input.path, display: m.input.display })),
    };
    if (mode === 'name') {
      const numbers = list.map((m) => m.page);
      const missing: number[] = [];
      for (let n = Math.min(...numbers) + 1; n < Math.max(...numbers) && missing.length < 10; n++) if (!numbers.includes(n)) missing.push(n);
      if (missing.length) notes.push({ path: display, reason: `page images grouped into one document, but no page ${missing.join(', ')} among them` });
    }
    replaced.set(first.input, group);
    for (const m of list.slice(1)) replaced.set(m.input, null);
  }
  return inputs.flatMap((input) => {
    const r = replaced.get(input);
    return r === undefined ? [input] : r === null ? [] : [r];
  });
}
