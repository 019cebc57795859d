/**
 * `npm run bench:ocr`: OCR accuracy, extraction on scans, throughput and memory, on scans
 * generated afresh by scripts/make-scans.ts (seed from --seed, else the clock).
 *
 *   scans: realistic office scans of four dev plans (Nghị định 30 layout, hand-written
 *     number, signature, red seal, blue incoming stamp; colour, gray office and 200 dpi fax):
 *     whole-document CER (header and footer included) per variant, and extraction of each
 *     scan vs the same plan's text, both scored against the plan's gold
 *   layer: the office scans under an old `eng`-model OCR text layer: default `--ocr skip`
 *     vs `--ocr force`
 *
 *   CER of restored text (and of raw OCR) per kind: clean 300 dpi, office scan, poor 200 dpi
 *   extraction score (score-extract.mjs) of scanned plans vs the same plans' clean text
 *   pages/min of `vnplan ingest --jobs 2` on 20 office pages, as a ratio to Debian
 *     `tesseract` (same vie best_int model, 2 single-threaded processes, PSM 3), for both engines
 *   peak memory (RSS) of `vnplan ingest` on a 200-page batch, by quarter of the run
 *
 * Options (--name=value through `npm run bench:ocr -- …`): --seed N, --pages N (pages per plan for CER), --skip scans,layer,accuracy,extract,speed,memory,
 *          --plans N (realistic scans of the first N of OFFICE_PLANS, default 4), --variants colour,office,fax,
 *          --memory-pages N (default 200), --speed-pages N (default 20), --keep (keep the work folder).
 * Scorers come from the shared tools folder (../shared/tools, or $VNPLAN_SHARED/tools).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { nativeTessdataDir } from '../../src/ocr/models.js';
import { makeOfficeScans, makeScans, OFFICE_PLANS, OFFICE_VARIANTS, planId, type OfficeVariant } from '../make-scans.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const SHARED = process.env.VNPLAN_SHARED ?? resolve(REPO, '..', 'shared');
const SOURCES = ['fixtures/seeds/002_c34fca3d98583d5b.txt', 'fixtures/seeds/003_251206f63cef4c9c.txt'];
const GOLD: Record<string, string> = { '002': 'fixtures/gold/002_kon-ray.json', '003': 'fixtures/gold/003_bach-thong.json' };

interface Args {
  seed: number;
  pages: number;
  skip: Set<string>;
  memoryPages: number;
  speedPages: number;
  keep: boolean;
  /** Work in this folder (kept), reusing the scans and outputs already there: ingest skips what it has done. */
  work?: string;
  plans: number;
  variants: OfficeVariant[];
}

function parseArgs(input: string[]): Args {
  // `--pages=4` and `--pages 4` both work (the bench dispatcher reads bare words as bench names).
  const argv = input.flatMap((v) => (/^--[a-z-]+=/.test(v) ? [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)] : [v]));
  const a: Args = { seed: Date.now() % 100_000, pages: Infinity, skip: new Set(), memoryPages: 200, speedPages: 20, keep: false, plans: OFFICE_PLANS.length, variants: [...OFFICE_VARIANTS] };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--seed') a.seed = Number(argv[++i]);
    else if (v === '--pages') a.pages = Number(argv[++i]);
    else if (v === '--skip') for (const s of argv[++i]!.split(',')) a.skip.add(s);
    else if (v === '--memory-pages') a.memoryPages = Number(argv[++i]);
    else if (v === '--speed-pages') a.speedPages = Number(argv[++i]);
    else if (v === '--keep') a.keep = true;
    else if (v === '--work') {
      a.work = argv[++i];
      a.keep = true;
    }
    else if (v === '--plans') a.plans = Number(argv[++i]);
    else if (v === '--variants') a.variants = argv[++i]!.split(',') as OfficeVariant[];
  }
  return a;
}

/** `vnplan` from source, as a user runs it. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The children's user + system seconds from bash's `times` (second line: `0m5.120s 0m0.310s`). */
function childCpuSeconds(times: string): number {
  const line = times.trim().split('\n')[1] ?? '';
  return [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
}

function vnplan(args: string[], opts: { sampleRss?: boolean } = {}): Promise<{ code: number | null; seconds: number; stderr: string; rss: Array<{ t: number; mb: number }>; cpuSeconds: number }> {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    // Through bash, whose `times` prints the CPU time its children used (user and system).
    const command = [process.execPath, '--import', 'tsx', join(REPO, 'src/cli.ts'), ...args].map(shellQuote).join(' ');
    const child = spawn('bash', ['-c', `${command}; code=$?; times >&3; exit $code`], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let times = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (c: string) => (stderr += c));
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8');
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (c: string) => (times += c));
    const rss: Array<{ t: number; mb: number }> = [];
    const timer = opts.sampleRss
      ? setInterval(() => {
          try {
            // bash → node: sum the RSS of bash's children (the vnplan process).
            const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
            const kb = kids.reduce((sum, pid) => sum + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0), 0);
            rss.push({ t: (performance.now() - started) / 1000, mb: kb / 1024 });
          } catch {
            // the process has just ended
          }
        }, 500)
      : undefined;
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      resolvePromise({ code, seconds: (performance.now() - started) / 1000, stderr, rss, cpuSeconds: childCpuSeconds(times) });
    });
  });
}

function scoreText(gold: string, candidate: string): { chars: number; CER: number } {
  const out = execFileSync(process.execPath, [join(SHARED, 'tools/score-text.mjs'), gold, candidate, '--json'], { encoding: 'utf8' });
  return JSON.parse(out) as { chars: number; CER: number };
}

interface ExtractScore {
  overall: number;
  parts: Record<string, number>;
  detail: { header: Record<string, boolean> };
}

function scoreExtractFull(gold: string, candidate: string): ExtractScore {
  const out = execFileSync(process.execPath, [join(SHARED, 'tools/score-extract.mjs'), gold, candidate, '--json'], { encoding: 'utf8' });
  return JSON.parse(out) as ExtractScore;
}

function scoreExtract(gold: string, candidate: string): number {
  return scoreExtractFull(gold, candidate).overall;
}

/** What a scan's extraction lost against the plan text's: header fields missed, parts lower. */
function losses(scan: ExtractScore, text: ExtractScore): string {
  const header = Object.entries(scan.detail.header).filter(([k, ok]) => !ok && text.detail.header[k]).map(([k]) => k);
  const parts = Object.entries(scan.parts).filter(([k, v]) => k !== 'header' && v < (text.parts[k] ?? 0) - 0.005).map(([k, v]) => `${k} ${fmt(v, 2)}`);
  return [...header, ...parts].join(', ') || '-';
}

const fmt = (n: number, d = 4) => n.toFixed(d);

async function accuracy(scans: string, work: string): Promise<void> {
  console.log('\n-- CER against the ground truth (score-text.mjs; whole pages, all chars)');
  console.log('kind    pages  chars   CER restored  CER raw OCR   limit');
  const limits: Record<string, number> = { clean: 0.005, office: 0.01, poor: 0.04 };
  for (const kind of ['clean', 'office', 'poor'] as const) {
    const dir = join(work, `acc-${kind}`);
    mkdirSync(dir, { recursive: true });
    const pages = readdirSync(scans).filter((f) => f.includes(`.${kind}.`));
    for (const f of pages) copyFileSync(join(scans, f), join(dir, f.replace(`.${kind}`, '')));
    const out = join(work, `acc-${kind}-out`);
    const run = await vnplan(['ingest', dir, '--out', out, '--jobs', String(Math.min(2, cpus().length)), '--progress', 'none']);
    if (run.code !== 0) console.log(`  (ingest exit ${run.code}: ${run.stderr.trim().split('\n').pop()})`);
    let chars = 0;
    let restoredErrors = 0;
    let rawErrors = 0;
    for (const f of pages) {
      const stem = f.replace(/\.[a-z]+\.(png|jpg)$/, '');
      const gold = join(scans, `${stem}.gt.txt`);
      const base = join(out, `acc-${kind}`, stem);
      // A page that failed (no output) counts as all wrong, not as a crash of the bench.
      const missing = { chars: readFileSync(gold, 'utf8').replace(/\s+/g, ' ').trim().length, CER: 1 };
      const restored = existsSync(`${base}.txt`) ? scoreText(gold, `${base}.txt`) : missing;
      const raw = existsSync(`${base}.ocr.txt`) ? scoreText(gold, `${base}.ocr.txt`) : missing;
      if (!existsSync(`${base}.txt`)) console.log(`  ${stem}: no output (counted as CER 1)`);
      chars += restored.chars;
      restoredErrors += restored.CER * restored.chars;
      rawErrors += raw.CER * raw.chars;
    }
    console.log(`${kind.padEnd(7)} ${String(pages.length).padStart(5)}  ${String(chars).padStart(6)}  ${fmt(restoredErrors / chars).padStart(12)}  ${fmt(rawErrors / chars).padStart(11)}   ≤ ${limits[kind]}`);
  }
}

async function extraction(scans: string, work: string): Promise<void> {
  console.log('\n-- Extraction (score-extract.mjs overall) of the scanned plan (office-scan PDF, all pages) vs its clean text');
  console.log('plan  clean text  scanned   gap (≤ 0.05)');
  for (const id of ['002', '003']) {
    const source = SOURCES.find((s) => s.includes(`/${id}_`))!;
    const out = join(work, `extract-${id}`);
    const scanRun = await vnplan(['ingest', join(scans, `${id}.image-only.pdf`), '--out', out, '--progress', 'none']);
    const cleanRun = await vnplan(['extract', source, '--out', join(out, 'clean')]);
    if (scanRun.code !== 0 || cleanRun.code !== 0) console.log(`  (exit ${scanRun.code}/${cleanRun.code}: ${scanRun.stderr.trim().split('\n').pop()} ${cleanRun.stderr.trim()})`);
    const clean = scoreExtract(GOLD[id]!, join(out, 'clean', `${source.split('/').pop()!.replace(/\.txt$/, '')}.json`));
    // Outputs keep the input's extension (`002.image-only.pdf.json`); none counts as 0, said so.
    const scanned = extractionOf(GOLD[id]!, out, `${id}.image-only`)?.overall ?? 0;
    console.log(`${id}   ${fmt(clean, 3).padStart(10)}  ${fmt(scanned, 3).padStart(8)}   ${fmt(clean - scanned, 3).padStart(6)}${outputsOf(out, `${id}.image-only`).length ? '' : '  (no output)'}`);
  }
}

function ensureNativeTesseract(): boolean {
  if (spawnSync('tesseract', ['--version'], { stdio: 'ignore' }).status === 0) return true;
  console.log('  installing Debian tesseract-ocr (apt-get install -y tesseract-ocr)…');
  const apt = spawnSync('apt-get', ['install', '-y', 'tesseract-ocr'], { stdio: 'ignore' });
  return apt.status === 0 && spawnSync('tesseract', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** The baseline: Debian tesseract, vie best_int, PSM 3, OMP_THREAD_LIMIT=1, `parallel` processes at a time. */
async function nativeBaseline(files: string[], outDir: string, parallel: number): Promise<{ seconds: number; cpuSeconds: number }> {
  const tessdata = nativeTessdataDir('vie');
  mkdirSync(outDir, { recursive: true });
  const list = join(outDir, 'files.txt');
  writeFileSync(list, files.map((f, i) => `${f}\t${join(outDir, `p${i}`)}`).join('\n') + '\n');
  const script = `export OMP_THREAD_LIMIT=1; tr '\\t' '\\n' < ${shellQuote(list)} | xargs -n 2 -P ${parallel} sh -c 'tesseract "$0" "$1" --tessdata-dir ${tessdata} -l vie --oem 1 --psm 3 2>/dev/null'; times >&3`;
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn('bash', ['-c', script], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    let times = '';
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8');
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (c: string) => (times += c));
    child.on('close', () => done({ seconds: (performance.now() - started) / 1000, cpuSeconds: childCpuSeconds(times) }));
  });
}

async function speed(scans: string, work: string, pages: number): Promise<void> {
  console.log(`\n-- Throughput on ${pages} office-scan pages (300 dpi JPEG), 2 jobs`);
  const office = readdirSync(scans).filter((f) => f.endsWith('.office.jpg')).sort();
  const dir = join(work, 'speed');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < pages; i++) {
    const target = join(dir, `page-${String(i + 1).padStart(3, '0')}.jpg`);
    copyFileSync(join(scans, office[i % office.length]!), target);
    files.push(target);
  }
  if (!ensureNativeTesseract()) {
    console.log('  Debian tesseract is not available: no baseline');
    return;
  }
  // Other work on the machine changes wall-clock rates: baseline before and after, and CPU seconds beside.
  const before = await nativeBaseline(files, join(work, 'speed-native-1'), 2);
  const rows: Array<[string, number, number, number | null]> = [['Debian tesseract, 2 processes (before)', before.seconds, before.cpuSeconds, null]];
  for (const engine of ['tesseractjs', 'native'] as const) {
    // Separate one-page documents (their names would group them into one: --group none).
    const run = await vnplan(['ingest', dir, '--out', join(work, `speed-${engine}`), '--jobs', '2', '--ocr-engine', engine, '--progress', 'none', '--group', 'none']);
    rows.push([`vnplan ingest --jobs 2 --ocr-engine ${engine}`, run.seconds, run.cpuSeconds, run.code]);
  }
  const after = await nativeBaseline(files, join(work, 'speed-native-2'), 2);
  rows.push(['Debian tesseract, 2 processes (after)', after.seconds, after.cpuSeconds, null]);
  const nativeSeconds = (before.seconds + after.seconds) / 2;
  const nativeCpu = (before.cpuSeconds + after.cpuSeconds) / 2;
  console.log('run                                          wall s  pages/min  ratio   CPU s/page  CPU ratio');
  for (const [name, seconds, cpu, code] of rows) {
    const ppm = pages / (seconds / 60);
    console.log(`${name.padEnd(44)} ${seconds.toFixed(1).padStart(6)}  ${ppm.toFixed(1).padStart(9)}  ${(nativeSeconds / seconds).toFixed(2).padStart(5)}  ${(cpu / pages).toFixed(2).padStart(10)}  ${(nativeCpu / cpu).toFixed(2).padStart(9)}${code ? `  exit ${code}` : ''}`);
  }
  console.log('(ratio: pages/min over the mean of the two Debian runs; ≥ 0.6 wanted for tesseractjs. CPU ratio: the same with CPU seconds, less sensitive to other load)');
}

async function memory(scans: string, work: string, pages: number): Promise<void> {
  console.log(`\n-- Memory of vnplan ingest --jobs 2 on a ${pages}-page batch (office pages reused: half as JPEG files, half in 10-page image PDFs)`);
  const office = readdirSync(scans).filter((f) => f.endsWith('.office.jpg')).sort();
  const dir = join(work, 'memory');
  mkdirSync(dir, { recursive: true });
  const { imagePdf } = await import('../make-scans.js');
  const half = Math.floor(pages / 2);
  for (let i = 0; i < half; i++) copyFileSync(join(scans, office[i % office.length]!), join(dir, `page-${String(i + 1).padStart(3, '0')}.jpg`));
  for (let d = 0; d * 10 < pages - half; d++) {
    const n = Math.min(10, pages - half - d * 10);
    const jpegs = Array.from({ length: n }, (_, k) => ({ jpeg: new Uint8Array(readFileSync(join(scans, office[(d * 10 + k) % office.length]!))), dpi: 300 }));
    writeFileSync(join(dir, `doc-${String(d + 1).padStart(2, '0')}.pdf`), imagePdf(jpegs));
  }
  const run = await vnplan(['ingest', dir, '--out', join(work, 'memory-out'), '--jobs', '2', '--progress', 'none', '--group', 'none'], { sampleRss: true });
  const quarters = [0, 1, 2, 3].map((q) => {
    const from = (run.seconds * q) / 4;
    const to = (run.seconds * (q + 1)) / 4;
    return Math.max(0, ...run.rss.filter((s) => s.t >= from && s.t < to).map((s) => s.mb));
  });
  const report = JSON.parse(readFileSync(join(work, 'memory-out', 'report.json'), 'utf8')) as { peakRssMb: number; pages: { total: number }; counts: { done: number; failed: number } };
  console.log(`pages ${report.pages.total}, documents ${report.counts.done} done / ${report.counts.failed} failed, ${run.seconds.toFixed(0)} s, ${(report.pages.total / (run.seconds / 60)).toFixed(1)} pages/min`);
  console.log(`peak RSS by quarter of the run (MB): ${quarters.map((q) => q.toFixed(0)).join(' / ')}; peak ${Math.max(...quarters).toFixed(0)} MB (report.json peakRssMb ${report.peakRssMb})`);
}

const DOCUMENT_EXT: Record<OfficeVariant, string> = { colour: 'pdf', office: 'pdf', fax: 'tif' };

/**
 * The JSON outputs of one ingested input `<id>.<ext>`: `<id>.<ext>.json`, then `<id>.<ext>.part2.json` …
 * when the file held several documents.
 */
function outputsOf(dir: string, id: string): string[] {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const own = new RegExp(`^${escaped}\\.[a-z]+(?:\\.part(\\d+))?\\.json$`);
  const part = (f: string) => Number(own.exec(f)![1] ?? 1);
  return readdirSync(dir).filter((f) => own.test(f)).sort((a, b) => part(a) - part(b)).map((f) => join(dir, f));
}

/** Restored text of an ingested input (parts joined). */
function restoredOf(dir: string, stem: string): string | null {
  const jsons = outputsOf(dir, stem);
  const texts = jsons.map((j) => j.replace(/\.json$/, '.txt')).filter(existsSync);
  return texts.length ? texts.map((t) => readFileSync(t, 'utf8')).join('\n') : null;
}

function cerOf(goldPath: string, text: string | null, work: string): { chars: number; CER: number } {
  const chars = readFileSync(goldPath, 'utf8').replace(/\s+/g, ' ').trim().length;
  if (text === null) return { chars, CER: 1 };
  const cand = join(work, `cand-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(cand, text);
  try {
    return scoreText(goldPath, cand);
  } finally {
    rmSync(cand, { force: true });
  }
}

/** Best extraction score of an input's parts against a gold (one part when the file is one document). */
function extractionOf(gold: string, dir: string, stem: string): ExtractScore | null {
  const scores = outputsOf(dir, stem).map((j) => scoreExtractFull(gold, j));
  return scores.length ? scores.reduce((a, b) => (b.overall > a.overall ? b : a)) : null;
}

async function realisticScans(scans: string, work: string, args: Args): Promise<void> {
  const plans = OFFICE_PLANS.slice(0, args.plans);
  const limits: Record<OfficeVariant, number> = { colour: 0.01, office: 0.015, fax: 0.04 };
  console.log(`\n-- Realistic scans of ${plans.length} dev plans (Nghị định 30 layout, hand-written number, seal, incoming stamp): whole-document CER and extraction`);
  // The reference: each plan's own text, and the text printed on the scans (the ground truth), extracted as text.
  const reference = new Map<string, { text: number; truth: number; full: ExtractScore }>();
  for (const plan of plans) {
    const id = planId(plan);
    const gold = join(REPO, 'fixtures/gold/plans', `${plan.split('/').pop()!.replace(/\.txt$/, '')}.json`);
    const out = join(work, 'reference', id);
    mkdirSync(out, { recursive: true });
    copyFileSync(join(REPO, plan), join(out, `${id}.txt`));
    writeFileSync(join(out, `${id}.truth.txt`), readFileSync(join(scans, `${id}.gt.txt`), 'utf8').replace(/\f\n?/g, ''));
    await vnplan(['extract', join(out, `${id}.txt`), join(out, `${id}.truth.txt`), '--out', join(out, 'json')]);
    const full = scoreExtractFull(gold, join(out, 'json', `${id}.json`));
    reference.set(id, { text: full.overall, truth: scoreExtract(gold, join(out, 'json', `${id}.truth.json`)), full });
  }
  console.log('variant  plan            pages   chars  CER restored  CER raw   extraction  plan text  gap    (printed text)  lost against the plan text');
  for (const variant of args.variants) {
    const dir = join(work, `real-${variant}`);
    mkdirSync(dir, { recursive: true });
    for (const plan of plans) copyFileSync(join(scans, `${planId(plan)}.${variant}.${DOCUMENT_EXT[variant]}`), join(dir, `${planId(plan)}.${DOCUMENT_EXT[variant]}`));
    const out = join(work, `real-${variant}-out`);
    const t0 = performance.now();
    const run = await vnplan(['ingest', dir, '--out', out, '--jobs', String(Math.min(2, cpus().length)), '--progress', 'none']);
    if (run.code !== 0) console.log(`  (ingest exit ${run.code}: ${run.stderr.trim().split('\n').pop()})`);
    let chars = 0, errors = 0, rawErrors = 0, pages = 0, gapSum = 0, worst = -Infinity;
    for (const plan of plans) {
      const id = planId(plan);
      const gold = join(REPO, 'fixtures/gold/plans', `${plan.split('/').pop()!.replace(/\.txt$/, '')}.json`);
      const base = join(out, `real-${variant}`);
      const restored = cerOf(join(scans, `${id}.gt.txt`), restoredOf(base, id), work);
      const rawPath = outputsOf(base, id).map((j) => j.replace(/\.json$/, '.ocr.txt')).filter(existsSync);
      const raw = cerOf(join(scans, `${id}.gt.txt`), rawPath.length ? rawPath.map((p) => readFileSync(p, 'utf8')).join('\n') : null, work);
      const docPages = readFileSync(join(scans, `${id}.gt.txt`), 'utf8').split('\f').length;
      const scored = extractionOf(gold, base, id);
      const score = scored?.overall ?? 0;
      const ref = reference.get(id)!;
      chars += restored.chars;
      errors += restored.CER * restored.chars;
      rawErrors += raw.CER * raw.chars;
      pages += docPages;
      gapSum += ref.text - score;
      worst = Math.max(worst, ref.text - score);
      console.log(`${variant.padEnd(8)} ${id.padEnd(15)} ${String(docPages).padStart(5)}  ${String(restored.chars).padStart(6)}  ${fmt(restored.CER).padStart(12)}  ${fmt(raw.CER).padStart(7)}   ${fmt(score, 3).padStart(10)}  ${fmt(ref.text, 3).padStart(9)}  ${fmt(ref.text - score, 3).padStart(6)}  (${fmt(ref.truth, 3)})        ${scored ? losses(scored, ref.full) : 'no output'}`);
    }
    console.log(`${variant.padEnd(8)} ${'all'.padEnd(15)} ${String(pages).padStart(5)}  ${String(chars).padStart(6)}  ${fmt(errors / chars).padStart(12)}  ${fmt(rawErrors / chars).padStart(7)}   CER ≤ ${limits[variant]}; extraction gap mean ${fmt(gapSum / plans.length, 3)}, worst ${fmt(worst, 3)} (≤ 0.03); ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
}

async function oldOcrLayer(scans: string, work: string, args: Args): Promise<void> {
  const plans = OFFICE_PLANS.slice(0, args.plans);
  console.log('\n-- Old OCR text layers: office scans under the text the `eng` model reads on them; default (--ocr skip) vs --ocr force');
  console.log('plan            CER default  CER force   difference (≤ 0.02)  pages OCRed again');
  const dir = join(work, 'layer');
  mkdirSync(dir, { recursive: true });
  for (const plan of plans) copyFileSync(join(scans, `${planId(plan)}.eng-layer.pdf`), join(dir, `${planId(plan)}.pdf`));
  const runs: Record<string, string> = {};
  for (const mode of ['skip', 'force']) {
    const out = join(work, `layer-${mode}`);
    const run = await vnplan(['ingest', dir, '--out', out, '--ocr', mode, '--jobs', String(Math.min(2, cpus().length)), '--progress', 'none']);
    if (run.code !== 0) console.log(`  (ingest --ocr ${mode} exit ${run.code}: ${run.stderr.trim().split('\n').pop()})`);
    runs[mode] = join(out, 'layer');
  }
  for (const plan of plans) {
    const id = planId(plan);
    const gold = join(scans, `${id}.gt.txt`);
    const skip = cerOf(gold, restoredOf(runs.skip!, id), work);
    const force = cerOf(gold, restoredOf(runs.force!, id), work);
    const json = outputsOf(runs.skip!, id)[0];
    const messages = json ? (JSON.parse(readFileSync(json, 'utf8')) as { messages: Array<{ ruleId: string; reason: string }> }).messages.filter((m) => m.ruleId === 'text-layer') : [];
    const again = messages.filter((m) => /OCRed again/.test(m.reason)).length;
    console.log(`${id.padEnd(15)} ${fmt(skip.CER).padStart(11)}  ${fmt(force.CER).padStart(9)}   ${fmt(skip.CER - force.CER).padStart(10)}           ${again}/${messages.length}`);
  }
}

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const work = args.work ?? mkdtempSync(join(tmpdir(), 'vnplan-bench-ocr-'));
  mkdirSync(work, { recursive: true });
  const scans = join(work, 'scans');
  console.log(`fresh scans: seed ${args.seed}, in ${scans}`);
  const t0 = performance.now();
  if (['accuracy', 'extract', 'speed', 'memory'].some((s) => !args.skip.has(s))) {
    await makeScans({ out: scans, sources: SOURCES.map((s) => join(REPO, s)), pages: args.pages, seed: args.seed });
    console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${readdirSync(scans).filter((f) => f.endsWith('.gt.txt')).length} truth files`);
  }
  if (!existsSync(join(SHARED, 'tools/score-text.mjs'))) throw new Error(`scorers not found in ${SHARED}/tools (set VNPLAN_SHARED)`);
  if (!args.skip.has('scans') || !args.skip.has('layer')) {
    const real = join(work, 'realistic');
    const t1 = performance.now();
    if (existsSync(real) && readdirSync(real).length) console.log(`reusing the realistic scans in ${real}`);
    else await makeOfficeScans({ out: real, plans: OFFICE_PLANS.slice(0, args.plans).map((p) => join(REPO, p)), seed: args.seed, variants: args.skip.has('scans') ? ['office'] : args.variants, duplex: [1], engLayer: !args.skip.has('layer') });
    console.log(`realistic scans generated in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    if (!args.skip.has('scans')) await realisticScans(real, work, args);
    if (!args.skip.has('layer')) await oldOcrLayer(real, work, args);
  }
  if (!args.skip.has('accuracy')) await accuracy(scans, work);
  if (!args.skip.has('extract')) await extraction(scans, work);
  if (!args.skip.has('speed')) await speed(scans, work, args.speedPages);
  if (!args.skip.has('memory')) await memory(scans, work, args.memoryPages);
  if (!args.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`\nwork folder kept: ${work}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
