/**
 * The inputs of a batch: files named on the command line as they are, and inside folders
 * (recursively, in a stable order) every file with an extension vnplan reads. Hidden files,
 * the lock files Word leaves beside an open document (`~$plan.docx`) and the output folder
 * are left out.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';

export const INPUT_EXTENSIONS = ['.pdf', '.tif', '.tiff', '.png', '.jpg', '.jpeg', '.txt', '.text', '.docx', '.doc'] as const;

export interface DiscoveredInput {
  /** The path to read. */
  path: string;
  /** Where its outputs go under the output folder, without extension (`plans/kh-02`). */
  stem: string;
}

async function walk(dir: string, exclude: string, found: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name.startsWith('~$')) continue;
    const full = join(dir, entry.name);
    if (resolve(full) === exclude) continue;
    if (entry.isDirectory()) await walk(full, exclude, found);
    else if (entry.isFile() && (INPUT_EXTENSIONS as readonly string[]).includes(extname(entry.name).toLowerCase())) found.push(full);
  }
}

/**
 * Paths (files or folders) → inputs with unique output stems. A path that does not exist
 * stays an input: reading it fails, and the batch records that and goes on.
 */
export async function discoverInputs(paths: readonly string[], outDir: string): Promise<DiscoveredInput[]> {
  const exclude = resolve(outDir);
  const inputs: Array<{ path: string; base: string }> = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (info?.isDirectory()) {
      const found: string[] = [];
      await walk(p, exclude, found);
      // Keep the folder's own name so that two folders' files stay apart.
      const root = dirname(resolve(p));
      for (const f of found) inputs.push({ path: f, base: relative(root, resolve(f)) });
    } else {
      inputs.push({ path: p, base: basename(p) });
    }
  }
  const seenPaths = new Set<string>();
  const byStem = new Map<string, number>();
  const result: DiscoveredInput[] = [];
  for (const input of inputs) {
    const key = resolve(input.path);
    if (seenPaths.has(key)) continue;
    seenPaths.add(key);
    const ext = extname(input.base);
    let stem = (ext ? input.base.slice(0, -ext.length) : input.base).split(sep).join('/');
    const n = (byStem.get(stem) ?? 0) + 1;
    byStem.set(stem, n);
    if (n > 1) stem = `${stem}${ext ? `.${ext.slice(1)}` : ''}-${n}`;
    result.push({ path: input.path, stem });
  }
  return result;
}
