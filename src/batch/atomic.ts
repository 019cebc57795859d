/**
 * Atomic output: every file is written whole to a temporary in the output folder's own work
 * folder (`.vnplan/tmp/`, same file system) and renamed into place, so no reader ever sees
 * half a file. Temporaries are named by run (`<run>-<pid>-<n>`), never by a pattern of the
 * outputs' names: an input called `plan.vnplan-tmp-1.txt` is an input like any other. The
 * temporaries of a run that died are swept by the next one; a live run's are left alone.
 *
 * A small reserve file (`.vnplan/reserve`) keeps room for the last words of a run on a disk
 * that fills: it is kept until the run's end, the report is written over its own blocks
 * (`writeIntoReserve`), and what that frees takes the error records and the manifest.
 */
import { closeSync, ftruncateSync, fstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const WORK_DIR = '.vnplan';
export const TMP_DIR = join(WORK_DIR, 'tmp');
export const RESERVE_FILE = join(WORK_DIR, 'reserve');
export const RESERVE_BYTES = 256 * 1024;

export class AtomicWriter {
  private readonly inFlight = new Set<string>();
  private seq = 0;
  private readonly tmpDir: string;

  /** `tag` names this run's temporaries (`<run id>-<pid>`). */
  constructor(readonly outDir: string, readonly tag: string) {
    this.tmpDir = join(outDir, TMP_DIR);
  }

  /** Write `data` to a new temporary; returns its path. A failed write leaves nothing. */
  async stage(data: string | Uint8Array): Promise<string> {
    await mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, `${this.tag}-${++this.seq}`);
    this.inFlight.add(tmp);
    try {
      await writeFile(tmp, data);
    } catch (error) {
      await this.discard(tmp);
      throw error;
    }
    return tmp;
  }

  /** Rename a staged temporary over `target` (relative to the output folder). */
  async commit(tmp: string, target: string): Promise<void> {
    const path = join(this.outDir, target);
    await mkdir(dirname(path), { recursive: true });
    await rename(tmp, path);
    this.inFlight.delete(tmp);
  }

  async discard(tmp: string): Promise<void> {
    this.inFlight.delete(tmp);
    await unlink(tmp).catch(() => undefined);
  }

  /** Write one file atomically (`target` relative to the output folder). */
  async write(target: string, data: string | Uint8Array): Promise<void> {
    await this.commit(await this.stage(data), target);
  }

  /** Remove every temporary still in flight (synchronous: safe in a signal handler). */
  discardInFlight(): void {
    for (const tmp of this.inFlight) {
      try {
        unlinkSync(tmp);
      } catch {
        // already renamed or never created
      }
    }
    this.inFlight.clear();
  }
}

/** Remove the temporaries of runs that are over (`alive(runId)` false). Returns how many. */
export async function sweepTemporaries(outDir: string, alive: (runId: number) => boolean): Promise<number> {
  let names: string[];
  try {
    names = await readdir(join(outDir, TMP_DIR));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const runId = Number(/^(\d+)-/.exec(name)?.[1] ?? Number.NaN);
    if (Number.isInteger(runId) && alive(runId)) continue;
    await unlink(join(outDir, TMP_DIR, name)).then(() => removed++, () => undefined);
  }
  return removed;
}

/** Make sure the reserve is there, whole (a disk already full simply has none). */
export function ensureReserve(outDir: string): void {
  const path = join(outDir, RESERVE_FILE);
  let fd: number | undefined;
  let whole = false;
  try {
    fd = openSync(path, 'a+');
    // A short one is what a run that died while writing its report into it left.
    if (fstatSync(fd).size < RESERVE_BYTES) {
      ftruncateSync(fd, 0);
      if (writeSync(fd, Buffer.alloc(RESERVE_BYTES)) !== RESERVE_BYTES) throw new Error('short write');
    }
    whole = true;
  } catch {
    // no room for it
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  // None rather than a short one, which would promise room it does not hold.
  if (!whole) releaseReserve(outDir);
}

/** Give the reserve's space back (the disk is full: what is left to write must fit). */
export function releaseReserve(outDir: string): void {
  try {
    unlinkSync(join(outDir, RESERVE_FILE));
  } catch {
    // none
  }
}

/**
 * Write `data` to `target` (relative to the output folder) in the reserve's own blocks:
 * written over the reserve from its start, cut to its length and renamed into place, so it
 * needs no free space, whatever took the rest of the disk meanwhile. False when there is no
 * reserve or `data` is larger than it (the reserve is left as it is), or when writing over
 * it failed (it is given back): the caller writes it the ordinary way.
 */
export function writeIntoReserve(outDir: string, target: string, data: string): boolean {
  const path = join(outDir, RESERVE_FILE);
  const bytes = Buffer.from(data);
  let fd: number;
  try {
    fd = openSync(path, 'r+');
  } catch {
    return false;
  }
  try {
    if (fstatSync(fd).size < bytes.length) return false;
    // Over blocks the file has: no allocation on ext4, XFS or tmpfs (a copy-on-write file
    // system may still want room, and then the reserve is given back below).
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at, at);
    ftruncateSync(fd, bytes.length);
  } catch {
    closeSync(fd);
    releaseReserve(outDir);
    return false;
  }
  closeSync(fd);
  renameSync(path, join(outDir, target));
  return true;
}
