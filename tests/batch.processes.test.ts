/**
 * `vnplan ingest` as real processes (the built dist/cli.js) against real trouble: two runs
 * into one --out at once, SIGTERM during a long text, a full disk (a 2 MB tmpfs), a
 * read-only file system, a folder the user may not write. Mounting needs root; where the
 * test cannot mount, it says so and is skipped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, statfsSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RESERVE_BYTES, RESERVE_FILE, ensureReserve, writeIntoReserve } from '../src/batch/atomic.js';
import { runIngest } from '../src/batch/ingest.js';
import { Manifest, RunReport } from '../src/batch/manifest.js';
import { ExitCode } from '../src/exit-codes.js';

const root = mkdtempSync(join(tmpdir(), 'vnplan-processes-'));
chmodSync(root, 0o755);
const cli = join(process.cwd(), 'dist/cli.js');
const PLANS = readdirSync('fixtures/plans').filter((f) => f.endsWith('.txt')).sort();
const SEEDS = readdirSync('fixtures/seeds').filter((f) => f.endsWith('.txt')).sort();

interface Run {
  code: number | null;
  stderr: string;
  events: Array<Record<string, unknown>>;
}

function runCli(args: string[], options: { uid?: number; onEvent?: (e: Record<string, unknown>, child: ReturnType<typeof spawn>) => void } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'], ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}) });
    let stderr = '';
    let partial = '';
    const events: Run['events'] = [];
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const event = JSON.parse(line) as Record<string, unknown>;
        events.push(event);
        options.onEvent?.(event, child);
      }
    });
    child.on('close', (code) => resolve({ code, stderr, events }));
  });
}

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; name: string; parentPath: string }>)
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)|Error: .*\n\s+at /);

/** Every document the manifest calls done has its four outputs, whole. */
function expectDoneComplete(out: string): Manifest {
  const manifest = Manifest.parse(readJson(join(out, 'manifest.json')));
  for (const d of manifest.documents.filter((e) => e.status === 'done')) {
    for (const p of Object.values(d.outputs!)) expect(existsSync(join(out, p)), p).toBe(true);
    expect(() => JSON.parse(readFileSync(join(out, d.outputs!.json), 'utf8'))).not.toThrow();
  }
  expect(filesUnder(join(out, '.vnplan')).filter((f) => f.startsWith('tmp/'))).toEqual([]);
  return manifest;
}

// Can this process mount a tmpfs (root, and a kernel that lets it)?
const probe = join(root, 'probe');
mkdirSync(probe);
const canMount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
if (canMount) spawnSync('umount', [probe]);
else console.warn('batch.processes: cannot mount a tmpfs here (needs root and mount permission): the disk-full and read-only tests are skipped');
const mounted: string[] = [];
function mountTmpfs(dir: string, size: string): void {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  mounted.push(dir);
}
const remount = (dir: string, opts: string) => expect(spawnSync('mount', ['-o', `remount,${opts}`, dir]).status).toBe(0);
afterAll(() => {
  for (const dir of mounted.reverse()) spawnSync('umount', ['-l', dir]);
});

describe('two ingests into one --out at once', () => {
  it('work beside each other: every input done once, none lost, both exit 0, the manifest lists all', async () => {
    const dir = join(root, 'concurrent');
    mkdirSync(join(dir, 'shared'), { recursive: true });
    for (const f of PLANS.slice(0, 6)) copyFileSync(join('fixtures/plans', f), join(dir, 'shared', f));
    // Each run also has a folder of its own, both named 2023, holding a plan.txt each.
    for (const [side, seed] of [['a', SEEDS[2]!], ['b', SEEDS[3]!]] as const) {
      mkdirSync(join(dir, side, '2023'), { recursive: true });
      copyFileSync(join('fixtures/seeds', seed), join(dir, side, '2023', 'plan.txt'));
    }
    const out = join(dir, 'out');
    const args = (side: string) => ['ingest', join(dir, 'shared'), join(dir, side, '2023'), '--out', out, '--jobs', '1', '--progress', 'json'];
    const [a, b] = await Promise.all([runCli(args('a')), runCli(args('b'))]);
    expect(a.code, a.stderr).toBe(ExitCode.ok);
    expect(b.code, b.stderr).toBe(ExitCode.ok);
    const done = (r: Run) => r.events.filter((e) => e.event === 'document' && e.status === 'done').map((e) => e.input as string);
    const doneA = done(a);
    const doneB = done(b);
    // Each shared plan was done by exactly one of them; the other skipped it.
    const shared = [...doneA, ...doneB].filter((i) => i.includes('/shared/'));
    expect(shared.sort()).toEqual(PLANS.slice(0, 6).map((f) => join(dir, 'shared', f)).sort());
    expect(doneA.filter((i) => i.includes('/shared/')).length).toBeGreaterThan(0);
    expect(doneB.filter((i) => i.includes('/shared/')).length).toBeGreaterThan(0);
    const manifest = expectDoneComplete(out);
    expect(manifest.documents.map((d) => d.status)).toEqual(Array(8).fill('done'));
    expect(new Set(manifest.documents.map((d) => d.stem)).size).toBe(8);
    expect(manifest.documents.filter((d) => d.stem!.startsWith('2023/plan')).length).toBe(2);
    // 8 documents × 4 outputs, nothing else beside the ledger and its exports.
    expect(filesUnder(out).filter((f) => !f.startsWith('.vnplan/') && !f.startsWith('vnplan.db') && !['manifest.json', 'report.json', 'review.csv'].includes(f))).toHaveLength(32);
  });
});

describe('signals', () => {
  it('kill -9 mid-batch: the dead run\'s claims and temporaries are taken over by the next run, which finishes the rest', async () => {
    const dir = join(root, 'kill9');
    mkdirSync(join(dir, 'in'), { recursive: true });
    for (const f of PLANS.slice(0, 5)) copyFileSync(join('fixtures/plans', f), join(dir, 'in', f));
    const out = join(dir, 'out');
    const first = await runCli(['ingest', join(dir, 'in'), '--out', out, '--jobs', '1', '--progress', 'json'], {
      onEvent: (e, child) => {
        if (e.event === 'document' && e.status === 'done') child.kill('SIGKILL');
      },
    });
    expect(first.code).toBe(null); // killed
    const second = await runCli(['ingest', join(dir, 'in'), '--out', out, '--jobs', '1', '--progress', 'json']);
    expect(second.code, second.stderr).toBe(ExitCode.ok);
    const report = RunReport.parse(readJson(join(out, 'report.json')));
    expect(report.counts.skipped).toBeGreaterThanOrEqual(1);
    expect(report.counts.skipped + report.counts.done).toBe(5);
    expect(expectDoneComplete(out).documents.map((d) => d.status)).toEqual(Array(5).fill('done'));
  });

  it('SIGTERM during a long text: exits 130 within two seconds, the document is not done, the next run does it', async () => {
    const dir = join(root, 'sigterm');
    mkdirSync(dir, { recursive: true });
    const text = readFileSync(join('fixtures/plans', PLANS[0]!), 'utf8');
    writeFileSync(join(dir, 'long.txt'), text.repeat(Math.ceil(3_000_000 / text.length)));
    const out = join(dir, 'out');
    let sentAt = 0;
    const run = await runCli(['ingest', join(dir, 'long.txt'), '--out', out, '--progress', 'json'], {
      onEvent: (e, child) => {
        if (e.event === 'start') {
          setTimeout(() => {
            sentAt = performance.now();
            child.kill('SIGTERM');
          }, 3000);
        }
      },
    });
    const seconds = (performance.now() - sentAt) / 1000;
    expect(run.code, run.stderr).toBe(ExitCode.interrupted);
    expect(seconds).toBeLessThan(2);
    const report = RunReport.parse(readJson(join(out, 'report.json')));
    expect(report).toMatchObject({ interrupted: true, counts: { done: 0, notStarted: 1 } });
    expect(Manifest.parse(readJson(join(out, 'manifest.json'))).documents.filter((d) => d.status === 'done')).toEqual([]);
    noStackTrace(run.stderr);
  });
});

describe.skipIf(!canMount)('a full disk, a read-only file system (real tmpfs)', () => {
  it('disk full: the document that met it has a write-failed record, the run stops with exit 6 and a clear message, nothing is half-written; a rerun with room finishes the rest', async () => {
    const dir = join(root, 'full');
    mkdirSync(join(dir, 'in'), { recursive: true });
    const plans = PLANS.slice(0, 12);
    for (const f of plans) copyFileSync(join('fixtures/plans', f), join(dir, 'in', f));
    const out = join(dir, 'out');
    mountTmpfs(out, '2m');
    const first = await runCli(['ingest', join(dir, 'in'), '--out', out, '--progress', 'json']);
    expect(first.code, first.stderr).toBe(ExitCode.outputUnwritable);
    expect(first.stderr).toMatch(/the batch stopped: no space left on the device holding .* \(ENOSPC\): free some space and run again to finish the rest/);
    noStackTrace(first.stderr);
    const report = RunReport.parse(readJson(join(out, 'report.json')));
    expect(report.exitCode).toBe(ExitCode.outputUnwritable);
    expect(report.stopped).toMatchObject({ code: 'write-failed' });
    expect(report.failures.map((f) => f.error.code)).toContain('write-failed');
    const manifest = expectDoneComplete(out);
    const doneBefore = manifest.documents.filter((d) => d.status === 'done').length;
    expect(doneBefore).toBeGreaterThan(0);
    expect(doneBefore).toBeLessThan(plans.length);
    // Nothing but whole outputs of done documents: no output of an unfinished one is left.
    const owned = new Set(manifest.documents.filter((d) => d.status === 'done').flatMap((d) => Object.values(d.outputs!)));
    const stray = filesUnder(out).filter((f) => !owned.has(f) && !f.startsWith('.vnplan/') && !f.startsWith('vnplan.db') && !['manifest.json', 'report.json', 'review.csv'].includes(f));
    expect(stray).toEqual([]);

    remount(out, 'size=64m');
    const second = await runCli(['ingest', join(dir, 'in'), '--out', out, '--progress', 'json']);
    expect(second.code, second.stderr).toBe(ExitCode.ok);
    const resumed = RunReport.parse(readJson(join(out, 'report.json')));
    expect(resumed.counts).toMatchObject({ skipped: doneBefore, done: plans.length - doneBefore, failed: 0 });
    expect(expectDoneComplete(out).documents.map((d) => d.status)).toEqual(Array(plans.length).fill('done'));
  });

  /** Take every free byte of the file system holding `dir` (as a growing ledger or a document in flight would). */
  function fillDisk(dir: string): void {
    const fd = openSync(join(dir, 'filler'), 'a');
    const block = Buffer.alloc(4096, 1);
    try {
      for (;;) writeSync(fd, block);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }
    expect(statfsSync(dir).bavail).toBe(0);
  }

  it('disk full: whatever takes the room left after the batch stopped, report.json and the manifest are written (the report over the reserve)', async () => {
    const dir = join(root, 'full-after-stop');
    mkdirSync(join(dir, 'in'), { recursive: true });
    const plans = PLANS.slice(0, 12);
    for (const f of plans) copyFileSync(join('fixtures/plans', f), join(dir, 'in', f));
    const out = join(dir, 'out');
    mountTmpfs(out, '2m');
    let filled = false;
    // One text worker: no other document is writing when the disk is filled, so none gives room
    // back afterwards (its temporaries) and the report has only the room the run kept for it.
    const { exitCode } = await runIngest({ paths: [join(dir, 'in')], outDir: out, jobs: 1, progress: 'none' }, {
      onEvent: (e) => {
        // The document that met the full disk is recorded: from here on, every byte goes.
        if (!filled && e.event === 'document' && e.status === 'failed') {
          fillDisk(out);
          filled = true;
        }
      },
    });
    expect(filled).toBe(true);
    expect(exitCode).toBe(ExitCode.outputUnwritable);
    const report = RunReport.parse(readJson(join(out, 'report.json')));
    expect(report).toMatchObject({ exitCode: ExitCode.outputUnwritable, stopped: { code: 'write-failed' } });
    const manifest = expectDoneComplete(out);
    expect(manifest.documents.filter((d) => d.status === 'done').length).toBe(report.counts.done);
  });

  it('the reserve: made whole again when a run left it short; the report written over it on a full disk; false when it does not fit', () => {
    const out = join(root, 'reserve');
    mountTmpfs(out, '1m');
    mkdirSync(join(out, '.vnplan'));
    writeFileSync(join(out, RESERVE_FILE), 'a report cut short');
    ensureReserve(out);
    expect(statSync(join(out, RESERVE_FILE)).size).toBe(RESERVE_BYTES);
    fillDisk(out);
    expect(writeIntoReserve(out, 'too-large.json', 'x'.repeat(RESERVE_BYTES + 1))).toBe(false);
    expect(existsSync(join(out, 'too-large.json'))).toBe(false);
    const report = `${JSON.stringify({ documents: Array.from({ length: 100 }, (_, i) => ({ input: `plan-${i}.txt`, status: 'done' })) })}\n`;
    expect(writeIntoReserve(out, 'report.json', report)).toBe(true);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(report);
    expect(existsSync(join(out, RESERVE_FILE))).toBe(false);
    // What the report did not take is free again.
    expect(statfsSync(out).bavail * statfsSync(out).bsize).toBeGreaterThanOrEqual(RESERVE_BYTES - report.length - 4096);
  });

  it('read-only --out: a clear message and exit 6, on a fresh folder and on a finished batch; no stack trace', async () => {
    const dir = join(root, 'readonly');
    const input = join('fixtures/seeds', SEEDS[2]!);
    const fresh = join(dir, 'fresh');
    mountTmpfs(fresh, '1m');
    remount(fresh, 'ro');
    const a = await runCli(['ingest', input, '--out', fresh, '--progress', 'none']);
    expect(a.code, a.stderr).toBe(ExitCode.outputUnwritable);
    expect(a.stderr).toMatch(/read-only file system/);
    noStackTrace(a.stderr);

    const finished = join(dir, 'finished');
    mountTmpfs(finished, '4m');
    expect((await runCli(['ingest', input, '--out', finished, '--progress', 'none'])).code).toBe(ExitCode.ok);
    remount(finished, 'ro');
    const b = await runCli(['ingest', input, '--out', finished, '--progress', 'none']);
    expect(b.code, b.stderr).toBe(ExitCode.outputUnwritable);
    expect(b.stderr).toMatch(/read-only file system/);
    noStackTrace(b.stderr);
    expect(expectDoneComplete(finished).documents.map((d) => d.status)).toEqual(['done']);
  });
});

// Run as nobody: needs root, and the checkout readable by nobody (not so under a private home).
const asNobody = process.getuid?.() === 0
  && spawnSync(process.execPath, ['-e', 'require("fs").accessSync(process.argv[1], require("fs").constants.R_OK)', cli], { uid: 65534, gid: 65534 }).status === 0;
if (!asNobody) console.warn('batch.processes: cannot run vnplan as user nobody here (not root, or the checkout is not readable by others): the permission test is skipped');
describe.skipIf(!asNobody)('permission denied', () => {
  it('an input the user may not read is an unreadable record, the batch goes on; an --out the user may not write: exit 6 and a clear message (run as nobody)', async () => {
    const dir = join(root, 'perm');
    mkdirSync(join(dir, 'in'), { recursive: true });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'in'), 0o755);
    copyFileSync(join('fixtures/seeds', SEEDS[2]!), join(dir, 'in', 'a.txt'));
    chmodSync(join(dir, 'in', 'a.txt'), 0o644);
    copyFileSync(join('fixtures/seeds', SEEDS[3]!), join(dir, 'in', 'b-secret.txt'));
    chmodSync(join(dir, 'in', 'b-secret.txt'), 0o600);
    const writable = join(dir, 'out-ok');
    mkdirSync(writable);
    chmodSync(writable, 0o777);
    const ok = await runCli(['ingest', join(dir, 'in'), '--out', writable, '--progress', 'none'], { uid: 65534 });
    expect(ok.code, ok.stderr).toBe(ExitCode.someFailed);
    expect(ok.stderr).toMatch(/b-secret\.txt: unreadable: cannot be opened \(EACCES\)/);
    expect(RunReport.parse(readJson(join(writable, 'report.json'))).counts).toMatchObject({ done: 1, failed: 1 });

    const out = join(dir, 'not-yours');
    mkdirSync(out, { recursive: true });
    chmodSync(out, 0o755);
    const run = await runCli(['ingest', join(dir, 'in', 'a.txt'), '--out', out, '--progress', 'none'], { uid: 65534 });
    expect(run.code, run.stderr).toBe(ExitCode.outputUnwritable);
    expect(run.stderr).toMatch(/no permission to write in .*not-yours/);
    noStackTrace(run.stderr);
    rmSync(dir, { recursive: true, force: true });
  });
});
