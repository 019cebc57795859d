/**
 * Where the traineddata of each language lives, on this machine only: `models/tessdata/`
 * of the package (a `<lang>.traineddata[.gz]` dropped there wins), else the
 * `@tesseract.js-data/<lang>` package's `4.0.0_best_int` model. Nothing is ever fetched.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { OcrUnavailableError } from './engine.js';

const require = createRequire(import.meta.url);
const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MODEL_VARIANT = '4.0.0_best_int';

export interface ModelFile {
  lang: string;
  path: string;
  gzip: boolean;
}

export function languages(lang: string): string[] {
  return lang.split('+').filter(Boolean);
}

/** The model file of one language, or OcrUnavailableError saying where it was looked for. */
export function findModel(lang: string): ModelFile {
  const local = join(PACKAGE_ROOT, 'models', 'tessdata');
  const candidates: ModelFile[] = [
    { lang, path: join(local, `${lang}.traineddata`), gzip: false },
    { lang, path: join(local, `${lang}.traineddata.gz`), gzip: true },
  ];
  try {
    const pkg = dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
    candidates.push({ lang, path: join(pkg, MODEL_VARIANT, `${lang}.traineddata.gz`), gzip: true });
  } catch {
    // package not installed: only models/ can serve this language
  }
  const found = candidates.find((c) => existsSync(c.path));
  if (!found) {
    throw new OcrUnavailableError(
      `no OCR model for language "${lang}": put ${lang}.traineddata in ${local} or install @tesseract.js-data/${lang}`,
    );
  }
  return found;
}

function cacheDir(kind: string, models: ModelFile[]): string {
  const key = createHash('sha256').update(models.map((m) => `${m.path}:${m.gzip}`).join('|')).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `vnplan-${kind}-${key}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * One folder holding every language of `lang`, as tesseract.js wants (`langPath` + `gzip`).
 * Models from different packages are linked into a cache folder.
 */
export function tesseractJsLangPath(lang: string): { langPath: string; gzip: boolean } {
  const models = languages(lang).map(findModel);
  const first = models[0]!;
  const sameFolder = models.every((m) => dirname(m.path) === dirname(first.path) && m.gzip === first.gzip);
  if (sameFolder) return { langPath: dirname(first.path), gzip: first.gzip };
  const dir = cacheDir('langpath', models);
  for (const m of models) {
    const target = join(dir, `${m.lang}.traineddata.gz`);
    if (existsSync(target)) continue;
    if (m.gzip) symlinkSync(m.path, target);
    else throw new OcrUnavailableError(`mixing gzipped and plain models is not supported (${m.path})`);
  }
  return { langPath: dir, gzip: true };
}

/** A tessdata folder with plain `<lang>.traineddata` files for the native command (gunzipped once, atomically). */
export function nativeTessdataDir(lang: string): string {
  const models = languages(lang).map(findModel);
  const dir = cacheDir('tessdata', models);
  for (const m of models) {
    const target = join(dir, `${m.lang}.traineddata`);
    if (existsSync(target)) continue;
    const bytes = readFileSync(m.path);
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, m.gzip ? gunzipSync(bytes) : bytes);
    renameSync(tmp, target);
  }
  return dir;
}
