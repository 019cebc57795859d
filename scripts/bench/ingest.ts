/**
 * `npm run bench ingest`: the batch at archive sizes, with the built CLI (dist/cli.js) as a
 * real process. Prints:
 *
 * - documents per second over the first and the last quarter of a 4,000-document batch
 *   (short plans made from the dev plans, each with its own number), measured between
 *   document completions so that the workers' start-up is in neither quarter;
 * - a rerun of that batch, which skips everything, as a share of the first run's time;
 * - the ledger's bookkeeping per document at 1,000 and at 20,000 documents, and the
 *   manifest export at 20,000 (in process);
 * - peak memory of a batch with a 100 MB text in it (default limits), and that it finished;
 * - seconds from SIGINT to exit during a 10 MB text, lines and one single line;
 * - the whole pipeline of one document (`renderDocument`) on single-line texts of growing
 *   length, and how its time grows per doubling (1 is linear, 2 quadratic).
 *
 * Options: `--docs=N` (4000), `--skip=batch,ledger,memory,sigint,lines`, `--keep` (keep the
 * temporary folder).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../lib/score-extract.js';

interface CliRun {
  code: number | null;
  seconds: number;
  /** Elapsed seconds (the CLI's own clock) of each document event, in order. */
  documents: Array<{ status: string; elapsed: number }>;
  stderr: string;
  sigintToExit?: number;
}

const cli = join(ROOT, 'dist/cli.js');

function runCli(args: string[], options: { sigintAfterStart?: number } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let partial = '';
    let sentAt = 0;
    const documents: CliRun['documents'] = [];
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('{')) {
          stderr += `${line}\n`;
          continue;
        }
        const e = JSON.parse(line) as { event: string; status?: string; elapsed: number };
        if (e.event === 'document') documents.push({ status: e.status!, elapsed: e.elapsed });
        if (e.event === 'start' && options.sigintAfterStart !== undefined) {
          setTimeout(() => {
            sentAt = performance.now();
            child.kill('SIGINT');
          }, options.sigintAfterStart * 1000);
        }
      }
    });
    child.on('close', (code) => {
      const now = performance.now();
      resolve({ code, seconds: (now - started) / 1000, documents, stderr, ...(sentAt ? { sigintToExit: (now - sentAt) / 1000 } : {}) });
    });
  });
}

const report = (out: string) => JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { peakRssMb: number; counts: Record<string, number>; failures: Array<{ error: { code: string; message: string } }>; exitCode: number };

/** Short plans: the head of each dev plan, numbered anew (every document is its own). */
function makeBatch(dir: string, count: number): void {
  const plansDir = join(ROOT, 'fixtures/plans');
  const heads = readdirSync(plansDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(plansDir, f), 'utf8').split('\n').slice(0, 40).join('\n'));
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `box-${String(Math.floor(i / 500)).padStart(2, '0')}`);
    if (i % 500 === 0) mkdirSync(folder, { recursive: true });
    const text = heads[i % heads.length]!.replace(/Số:?\s*[\d.]+/u, `Số: ${1000 + i}`);
    writeFileSync(join(folder, `kh-${String(i).padStart(5, '0')}.txt`), `${text}\n(Bản số ${i})\n`);
  }
}

async function batch(tmp: string, docs: number): Promise<void> {
  const input = join(tmp, 'batch');
  makeBatch(input, docs);
  const out = join(tmp, 'batch-out');
  console.log(`\n${docs} short plans (the first 40 lines of each dev plan, numbered anew), --jobs 2`);
  const first = await runCli(['ingest', input, '--out', out, '--jobs', '2', '--progress', 'json']);
  const done = first.documents.filter((d) => d.status === 'done').map((d) => d.elapsed);
  const q = Math.floor(done.length / 4);
  const rate = (from: number, to: number) => (to - from) / (done[to]! - done[from]!);
  const firstQ = rate(0, q - 1);
  const lastQ = rate(done.length - q, done.length - 1);
  console.log(`  exit ${first.code}, ${done.length} done in ${first.seconds.toFixed(1)} s (wall, start-up included)`);
  console.log(`  documents per second, first quarter: ${firstQ.toFixed(1)}; last quarter: ${lastQ.toFixed(1)}; last/first ${(lastQ / firstQ).toFixed(2)} (wanted ≥ 0.7)`);
  const again = await runCli(['ingest', input, '--out', out, '--jobs', '2', '--progress', 'json']);
  const skipped = again.documents.filter((d) => d.status === 'skipped').length;
  console.log(`  rerun: exit ${again.code}, ${skipped} skipped in ${again.seconds.toFixed(1)} s = ${((100 * again.seconds) / first.seconds).toFixed(1)} % of the first run (wanted ≤ 15 %)`);
}

async function ledger(tmp: string): Promise<void> {
  const { Ledger } = await import('../../src/batch/ledger.js');
  const { outputPaths } = await import('../../src/batch/names.js');
  const { exportManifest } = await import('../../src/batch/ingest.js');
  const out = join(tmp, 'ledger');
  mkdirSync(out, { recursive: true });
  mkdirSync(join(out, '.vnplan/tmp'), { recursive: true });
  const l = Ledger.open(out);
  l.startRun('bench', 'lang=vie;ocr=skip');
  const n = 20_000;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = Buffer.from(`/archive/box-${Math.floor(i / 500)}/kh-${i}.txt`);
    const t0 = performance.now();
    const sha = i.toString(16).padStart(64, '0');
    const claim = l.claim({ key, display: key.toString(), relative: `box-${Math.floor(i / 500)}/kh-${i}.txt` }, sha, 'bench', 'lang=vie;ocr=skip');
    if (claim.kind !== 'claimed') throw new Error('unexpected');
    l.finish(claim.id, { sha256: sha, size: 2000, mediaType: 'text/plain', pages: null, ocrPages: 0, meanConfidence: null, seconds: 0.1, bytes: new Map(Object.values(outputPaths(claim.stem)).map((p) => [p, 1])) });
    times.push(performance.now() - t0);
  }
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  console.log(`\nledger bookkeeping (claim + record, two transactions), ms per document: documents 1–1000 ${mean(times.slice(0, 1000)).toFixed(3)}; 19001–20000 ${mean(times.slice(-1000)).toFixed(3)}`);
  const t0 = performance.now();
  exportManifest(l, out, 'bench');
  console.log(`manifest.json export at ${n} documents (once per run): ${(performance.now() - t0).toFixed(0)} ms, ${(readFileSync(join(out, 'manifest.json')).length / 1048576).toFixed(1)} MB`);
  l.close();
}

async function memory(tmp: string): Promise<void> {
  const input = join(tmp, 'memory');
  mkdirSync(input, { recursive: true });
  const plansDir = join(ROOT, 'fixtures/plans');
  const plans = readdirSync(plansDir).filter((f) => f.endsWith('.txt')).sort().slice(0, 10);
  for (const f of plans) writeFileSync(join(input, f), readFileSync(join(plansDir, f)));
  const text = readFileSync(join(plansDir, plans[0]!), 'utf8');
  writeFileSync(join(input, 'huge-100mb.txt'), text.repeat(Math.ceil((100 * 1024 * 1024) / Buffer.byteLength(text))));
  const out = join(tmp, 'memory-out');
  const run = await runCli(['ingest', input, '--out', out, '--jobs', '2', '--progress', 'json']);
  const r = report(out);
  console.log(`\na batch of ${plans.length} plans and a 100 MB text, default limits: exit ${run.code}, ${r.counts.done} done, ${r.counts.failed} failed (${r.failures.map((f) => f.error.message.replace(/^.*: (its text)/, '$1')).join('; ')}), ${run.seconds.toFixed(1)} s`);
  console.log(`  peak memory (RSS, main thread and workers): ${r.peakRssMb} MB (wanted < 2500, the batch finished)`);
}

async function sigint(tmp: string): Promise<void> {
  const dir = join(tmp, 'sigint');
  mkdirSync(dir, { recursive: true });
  const plan = readFileSync(join(ROOT, 'fixtures/plans', readdirSync(join(ROOT, 'fixtures/plans')).filter((f) => f.endsWith('.txt')).sort()[0]!), 'utf8');
  const size = 10 * 1024 * 1024;
  const lines = plan.repeat(Math.ceil(size / Buffer.byteLength(plan)));
  writeFileSync(join(dir, 'lines-10mb.txt'), lines);
  writeFileSync(join(dir, 'one-line-10mb.txt'), lines.replace(/\s*\n\s*/g, ' '));
  console.log('\nSIGINT 10 s after the start of a 10 MB text (its worker is loading the models or restoring):');
  for (const name of ['lines-10mb.txt', 'one-line-10mb.txt']) {
    const out = join(dir, `out-${name}`);
    const run = await runCli(['ingest', join(dir, name), '--out', out, '--progress', 'json'], { sigintAfterStart: 10 });
    console.log(`  ${name}: exit ${run.code}, ${run.sigintToExit?.toFixed(2)} s from SIGINT to exit (wanted ≤ 5)`);
  }
}

async function longLines(): Promise<void> {
  const { renderDocument } = await import('../../src/batch/document.js');
  const plan = readFileSync(join(ROOT, 'fixtures/plans', readdirSync(join(ROOT, 'fixtures/plans')).filter((f) => f.endsWith('.txt')).sort()[1]!), 'utf8').replace(/\s*\n\s*/g, ' ');
  const render = async (chars: number) => {
    const text = plan.repeat(Math.ceil(chars / plan.length)).slice(0, chars);
    const t0 = performance.now();
    await renderDocument({ file: `line-${chars}.txt`, bytes: new Uint8Array(Buffer.from(text)), maxTextBytes: 1 << 30 });
    return (performance.now() - t0) / 1000;
  };
  await render(2000); // models loaded
  console.log('\none document on one line, the whole pipeline (load, restore, segment, extract, render):');
  let previous = 0;
  for (let chars = 25_000; chars <= 800_000; chars *= 2) {
    const s = await render(chars);
    console.log(`  ${String(chars).padStart(7)} characters: ${s.toFixed(2)} s${previous ? `, ×${(s / previous).toFixed(2)} for twice the length` : ''}`);
    previous = s;
    if (s > 60) break;
  }
}

export async function run(args: string[]): Promise<void> {
  const docs = Number(args.find((a) => a.startsWith('--docs='))?.slice(7) ?? 4000);
  const skip = new Set((args.find((a) => a.startsWith('--skip='))?.slice(7) ?? '').split(','));
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  const tmp = mkdtempSync(join(tmpdir(), 'vnplan-bench-ingest-'));
  console.log(`bench ingest (${new Date().toISOString()}, ${tmp})`);
  try {
    if (!skip.has('batch')) await batch(tmp, docs);
    if (!skip.has('ledger')) await ledger(tmp);
    if (!skip.has('memory')) await memory(tmp);
    if (!skip.has('sigint')) await sigint(tmp);
    if (!skip.has('lines')) await longLines();
  } finally {
    if (!args.includes('--keep')) rmSync(tmp, { recursive: true, force: true });
  }
}
