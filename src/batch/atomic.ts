/**
 * Atomic output: write a temporary file beside the target, then rename it over. The
 * temporaries in flight are tracked so an interrupted run can remove them; ones left by a
 * killed process are swept at the next start.
 */
import { unlinkSync } from 'node:fs';
import { mkdir, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const TMP_MARK = '.vnplan-tmp-';

export class AtomicWriter {
  private readonly inFlight = new Set<string>();
  private seq = 0;

  async write(path: string, data: string | Uint8Array): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}${TMP_MARK}${process.pid}-${++this.seq}`;
    this.inFlight.add(tmp);
    try {
      await writeFile(tmp, data);
      await rename(tmp, path);
    } catch (error) {
      await unlink(tmp).catch(() => undefined);
      throw error;
    } finally {
      this.inFlight.delete(tmp);
    }
  }

  /** Remove every temporary still being written (synchronous: safe in a signal handler). */
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

/** Remove temporaries left under `dir` by a process that was killed outright. */
export async function sweepTemporaries(dir: string): Promise<number> {
  let removed = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (e.isFile() && e.name.includes(TMP_MARK)) {
      await unlink(join(e.parentPath, e.name)).catch(() => undefined);
      removed++;
    }
  }
  return removed;
}
