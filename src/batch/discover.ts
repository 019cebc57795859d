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
import type { InputErrorCode } from '../input/source.js';
import { readableName } from './names.js';

export const INPUT_EXTENSIONS = ['.pdf', '.tif', '.tiff', '.png', '.jpg', '.jpeg', '.txt', '.text', '.docx', '.doc'] as const;

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
}

/** A path the walk met and did not take, with why (reported, never silent). */
export interface WalkNote {
  path: string;
  reason: string;
}

export interface Discovery {
  inputs: DiscoveredInput[];
  notes: WalkNote[];
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
export async function discoverInputs(paths: readonly string[], outDir: string): Promise<Discovery> {
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
      if (kind === 'dir') {
        await enterFolder(full, display, rel, chain, link);
      } else if (kind === 'file') {
        if (hasInputExtension(name)) inputs.push({ path: full, display, key: await realKey(full), relative: rel });
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
  return { inputs: unique, notes };
}
