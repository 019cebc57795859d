/**
 * `vnplan ingest` with real files: every bad input is an error record and the batch goes on;
 * outputs are atomic; a re-run skips what is done; Ctrl-C (a real SIGINT to a real process)
 * leaves no half-written file, exits 130, and the next run resumes.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicWriter, sweepTemporaries } from '../src/batch/atomic.js';
import { discoverInputs } from '../src/batch/discover.js';
import { runIngest } from '../src/batch/ingest.js';
import { Manifest, RunReport } from '../src/batch/manifest.js';
import { PipelinePool } from '../src/batch/workers.js';
import { ExitCode } from '../src/exit-codes.js';
import { TesseractJsEngine } from '../src/ocr/index.js';

const root = mkdtempSync(join(tmpdir(), 'vnplan-ingest-'));
const engine = new TesseractJsEngine({ lang: 'vie', jobs: 2 });
const pool = new PipelinePool({ size: 2 });
afterAll(async () => {
  await engine.close();
  await pool.close();
});

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; name: string; parentPath: string }>)
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;

describe('discovery', () => {
  it('walks folders in order, keeps folder names apart, takes Word files, skips hidden files, Word lock files and the output folder', async () => {
    const dir = join(root, 'discover');
    mkdirSync(join(dir, 'in', 'sub'), { recursive: true });
    mkdirSync(join(dir, 'in', 'out'), { recursive: true });
    for (const f of ['in/b.pdf', 'in/a.txt', 'in/a.png', 'in/sub/c.TIF', 'in/.hidden.pdf', 'in/notes.doc', 'in/plan.docx', 'in/~$plan.docx', 'in/notes.odt', 'in/out/x.txt']) writeFileSync(join(dir, f), 'x');
    const found = await discoverInputs([join(dir, 'in'), join(dir, 'in', 'b.pdf')], join(dir, 'in', 'out'));
    expect(found.inputs.map((f) => f.relative)).toEqual(['in/a.png', 'in/a.txt', 'in/b.pdf', 'in/notes.doc', 'in/plan.docx', 'in/sub/c.TIF']);
    // b.pdf named again on its own is the same file: taken once.
    expect(found.notes.map((n) => n.reason)).toEqual(['the output folder (or a link to it): left out']);
  });
});

describe('atomic writes', () => {
  it('never leaves a temporary behind, sweeps those of a dead run only, and never an output by its name', async () => {
    const dir = join(root, 'atomic');
    const writer = new AtomicWriter(dir, '7-999');
    await writer.write('deep/a.json', '{}\n');
    expect(filesUnder(dir)).toEqual(['deep/a.json']);
    writeFileSync(join(dir, '.vnplan', 'tmp', '5-998-1'), 'half, of a dead run');
    writeFileSync(join(dir, '.vnplan', 'tmp', '6-997-1'), 'half, of a live run');
    writeFileSync(join(dir, 'deep', 'plan.vnplan-tmp-1.txt.json'), 'an output whose name looks like an old temporary');
    expect(await sweepTemporaries(dir, (run) => run === 6)).toBe(1);
    expect(filesUnder(dir)).toEqual(['.vnplan/tmp/6-997-1', 'deep/a.json', 'deep/plan.vnplan-tmp-1.txt.json']);
  });
});

describe('ingest', () => {
  const inputs = join(root, 'inputs');
  const out = join(root, 'out');
  mkdirSync(join(inputs, 'bad'), { recursive: true });
  copyFileSync('fixtures/scans/office.jpg', join(inputs, 'office.jpg'));
  copyFileSync('fixtures/scans/text-layer.pdf', join(inputs, 'text-layer.pdf'));
  copyFileSync('fixtures/seeds/003_251206f63cef4c9c.txt', join(inputs, 'plan-003.txt'));
  for (const f of readdirSync('fixtures/scans/bad')) copyFileSync(join('fixtures/scans/bad', f), join(inputs, 'bad', f));
  writeFileSync(join(inputs, 'vanishing.txt'), readFileSync('fixtures/seeds/002_c34fca3d98583d5b.txt'));

  it('writes four outputs per good input, an error record per bad one, and goes on', async () => {
    const events: string[] = [];
    const { exitCode, report } = await runIngest(
      { paths: [inputs], outDir: out, jobs: 2, progress: 'none' },
      {
        engine,
        pool,
        // A file that disappears after discovery, before it is read.
        onEvent: (e) => {
          events.push(e.event);
          if (e.event === 'start') unlinkSync(join(inputs, 'vanishing.txt'));
        },
      },
    );
    expect(exitCode).toBe(ExitCode.someFailed);
    expect(RunReport.parse(readJson(join(out, 'report.json')))).toEqual(report);
    const codes = Object.fromEntries(report.failures.map((f) => [f.input.split('/').pop(), f.error.code]));
    expect(codes).toEqual({
      'corrupt.pdf': 'corrupt',
      'encrypted.pdf': 'encrypted',
      'empty.pdf': 'empty',
      'misnamed.png': 'unsupported-type',
      'huge-page.png': 'too-large',
      'vanishing.txt': 'not-found',
    });
    expect(report.counts).toMatchObject({ inputs: 9, done: 3, failed: 6, skipped: 0, notStarted: 0 });
    const files = filesUnder(out);
    for (const stem of ['inputs/office.jpg', 'inputs/text-layer.pdf', 'inputs/plan-003.txt']) {
      for (const ext of ['.json', '.txt', '.md', '.ocr.txt']) expect(files).toContain(`${stem}${ext}`);
    }
    expect(files.filter((f) => f.includes('tmp'))).toEqual([]);
    const office = readJson(join(out, 'inputs/office.jpg.json')) as { source: { mediaType: string; pages: number } };
    expect(office.source).toMatchObject({ mediaType: 'image/jpeg', pages: 1 });
    expect(readFileSync(join(out, 'inputs/office.jpg.ocr.txt'), 'utf8')).toMatch(/\p{L}{3}/u);
    expect(readFileSync(join(out, 'inputs/text-layer.pdf.md'), 'utf8').length).toBeGreaterThan(1000);
    const manifest = Manifest.parse(readJson(join(out, 'manifest.json')));
    const officeEntry = manifest.documents.find((d) => d.stem === 'inputs/office.jpg')!;
    expect(officeEntry).toMatchObject({ status: 'done', mediaType: 'image/jpeg', pages: 1, ocrPages: 1 });
    expect(officeEntry.meanConfidence).toBeGreaterThan(80);
    expect(events.filter((e) => e === 'page').length).toBeGreaterThanOrEqual(1 + 5);
  });

  it('skips on a re-run what is done, retries what failed, redoes all with --force', async () => {
    const again = await runIngest({ paths: [inputs], outDir: out, jobs: 2, progress: 'none' }, { engine, pool });
    expect(again.report.counts).toMatchObject({ done: 0, skipped: 3, failed: 5 });
    expect(again.exitCode).toBe(ExitCode.someFailed);

    // A changed input is redone even without --force (its hash changed).
    writeFileSync(join(inputs, 'plan-003.txt'), `${readFileSync(join(inputs, 'plan-003.txt'), 'utf8')}\n`);
    const changed = await runIngest({ paths: [join(inputs, 'plan-003.txt'), join(inputs, 'text-layer.pdf')], outDir: join(root, 'out-single'), progress: 'none' }, { engine, pool });
    expect(changed.report.counts).toMatchObject({ done: 2 });
    const forced = await runIngest({ paths: [join(inputs, 'plan-003.txt'), join(inputs, 'text-layer.pdf')], outDir: join(root, 'out-single'), force: true, progress: 'none' }, { engine, pool });
    expect(forced.report.counts).toMatchObject({ done: 2, skipped: 0 });
    expect(forced.exitCode).toBe(ExitCode.ok);
  });
});

describe('an OCR engine that cannot run', () => {
  it('stops the batch with exit 5 instead of failing every input', async () => {
    const out = join(root, 'no-model');
    const { exitCode, report } = await runIngest({ paths: ['fixtures/scans/clean.png', 'fixtures/scans/office.jpg'], outDir: out, lang: 'xyz', progress: 'none' });
    expect(exitCode).toBe(ExitCode.ocrUnavailable);
    expect(report.failures.at(-1)!.error.message).toMatch(/no OCR model for language "xyz"/);
    expect(report.counts.done).toBe(0);
  });
});

describe('Ctrl-C', () => {
  it('stops with 130, leaves no half-written file, and the next run resumes', async () => {
    const inputs = join(root, 'sigint-in');
    const out = join(root, 'sigint-out');
    mkdirSync(inputs, { recursive: true });
    for (const n of [1, 2, 3]) copyFileSync('fixtures/scans/clean.png', join(inputs, `page-${n}.png`));
    const runCli = (onLine?: (event: { event: string; status?: string }, kill: () => void) => void) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'ingest', inputs, '--out', out, '--jobs', '1', '--progress', 'json'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        let sent = false;
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => {
          stderr += chunk;
          for (const line of chunk.split('\n')) {
            if (!line.startsWith('{')) continue;
            onLine?.(JSON.parse(line) as { event: string }, () => {
              if (!sent) child.kill('SIGINT');
              sent = true;
            });
          }
        });
        child.on('close', (code) => resolve({ code, stderr }));
      });

    const first = await runCli((e, kill) => {
      if (e.event === 'document' && e.status === 'done') kill();
    });
    expect(first.code, first.stderr).toBe(ExitCode.interrupted);
    const report = RunReport.parse(readJson(join(out, 'report.json')));
    expect(report.interrupted).toBe(true);
    expect(report.counts.done).toBeGreaterThanOrEqual(1);
    expect(report.counts.done).toBeLessThan(3);
    const files = filesUnder(out);
    expect(files.filter((f) => f.includes('tmp') && !f.startsWith('.vnplan/tmp/'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('.vnplan/tmp/'))).toEqual([]);
    // Every document the manifest calls done has all its outputs, complete.
    const manifest = Manifest.parse(readJson(join(out, 'manifest.json')));
    const done = manifest.documents.filter((d) => d.status === 'done');
    expect(done.length).toBe(report.counts.done);
    for (const d of done) for (const p of Object.values(d.outputs!)) expect(existsSync(join(out, p))).toBe(true);
    for (const d of done) expect(() => JSON.parse(readFileSync(join(out, d.outputs!.json), 'utf8'))).not.toThrow();

    const second = await runCli();
    expect(second.code, second.stderr).toBe(ExitCode.ok);
    const resumed = RunReport.parse(readJson(join(out, 'report.json')));
    expect(resumed.counts).toMatchObject({ skipped: done.length, done: 3 - done.length, failed: 0 });
  });
});
