/** The `vnplan` binary end to end (built dist/, real files, real exit codes). */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The package's bin (dist/vnplan.js: `restore` on its own, every other command through dist/cli.js). */
const cli = (JSON.parse(readFileSync('package.json', 'utf8')) as { bin: { vnplan: string } }).bin.vnplan;
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input, timeout: 120_000 });
const tmp = mkdtempSync(join(tmpdir(), 'vnplan-cli-'));
const seed002 = 'fixtures/seeds/002_c34fca3d98583d5b.txt';
const seed003 = 'fixtures/seeds/003_251206f63cef4c9c.txt';

describe('vnplan CLI', () => {
  it('prints help and version', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    for (const cmd of ['extract', 'restore', 'schema']) expect(help.stdout).toContain(cmd);
    const version = run(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('exits 2 on a usage error', () => {
    expect(run(['no-such-command']).status).toBe(2);
    expect(run(['extract']).status).toBe(2);
    expect(run(['extract', seed002, '--format', 'xml']).status).toBe(2);
    // Out-of-range numbers and sizes are usage errors too, said in one line (no schema dump).
    const jobs = run(['ingest', seed002, '--out', join(tmp, 'jobs'), '--jobs', '65']);
    expect(jobs.status).toBe(2);
    expect(jobs.stderr).toMatch(/option '-j, --jobs <n>' argument '65' is invalid\. at most 64/);
    expect(jobs.stderr).not.toMatch(/too_big|"code"/);
    expect(run(['ingest', seed002, '--out', join(tmp, 'size'), '--max-text-size', 'lots']).status).toBe(2);
  });

  it('names the file and exits 3 for a missing, empty or non-UTF-8 input', () => {
    const empty = join(tmp, 'empty.txt');
    writeFileSync(empty, '');
    const latin1 = join(tmp, 'latin1.txt');
    writeFileSync(latin1, Buffer.from([0x4b, 0xea, 0x20, 0x68, 0x6f, 0x1ea1 & 0xff, 0x63, 0x68]));
    for (const [file, why] of [[join(tmp, 'missing.txt'), 'no such file'], [empty, 'empty'], [latin1, 'not UTF-8']] as const) {
      const r = run(['extract', file]);
      expect(r.status, file).toBe(3);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toContain(why);
    }
  });

  it('writes one JSON document to stdout for one input', () => {
    const r = run(['extract', seed002]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe('1');
    expect(doc.source.file).toBe(seed002);
    expect(doc.source.mediaType).toBe('text/plain');
  });

  it('writes one file per input with --out, in each format', () => {
    for (const [format, ext] of [['json', '.json'], ['md', '.md'], ['text', '.txt']] as const) {
      const out = join(tmp, `out-${format}`);
      const r = run(['extract', seed002, seed003, '--out', out, '--format', format]);
      expect(r.status, r.stderr).toBe(0);
      expect(readdirSync(out).sort()).toEqual([`002_c34fca3d98583d5b${ext}`, `003_251206f63cef4c9c${ext}`]);
    }
    const text = readFileSync(join(tmp, 'out-text', '003_251206f63cef4c9c.txt'), 'utf8');
    expect(text).not.toMatch(/\n\n\n/);
    expect(text).not.toContain('2022-09-14T');
  });

  it('keeps going past a bad input among several and exits 1', () => {
    const out = join(tmp, 'out-mixed');
    const r = run(['extract', seed002, join(tmp, 'missing.txt'), '--out', out]);
    expect(r.status).toBe(1);
    expect(readdirSync(out)).toEqual(['002_c34fca3d98583d5b.json']);
  });

  it('extract --out of two inputs of one name writes both, the later told apart by a content hash', () => {
    for (const [side, seed] of [['a', seed002], ['b', seed003]] as const) {
      mkdirSync(join(tmp, 'same', side), { recursive: true });
      copyFileSync(seed, join(tmp, 'same', side, 'plan.txt'));
    }
    const out = join(tmp, 'out-same');
    const r = run(['extract', join(tmp, 'same/a/plan.txt'), join(tmp, 'same/b/plan.txt'), '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toBe('plan.json');
    expect(files[1]).toMatch(/^plan~[0-9a-f]{8}\.json$/);
    expect(JSON.parse(readFileSync(join(out, files[1]!), 'utf8')).source.file).toBe(join(tmp, 'same/b/plan.txt'));
  });

  it('extract: an input over the size limits is refused with exit 3; an --out that is a file is exit 6', () => {
    const big = join(tmp, 'big.txt');
    writeFileSync(big, readFileSync(seed002, 'utf8').repeat(10));
    const r = run(['extract', big, '--max-text-size', '64KB']);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/big\.txt: its text is .* above the limit of 64 KiB per document \(--max-text-size\)/);
    expect(run(['extract', big, '--max-file-size', '1000']).stderr).toMatch(/above the limit of 1000 bytes per input \(--max-file-size\)/);
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const w = run(['extract', seed002, '--out', file]);
    expect(w.status).toBe(6);
    expect(w.stderr).toMatch(/^vnplan: cannot write in .*a-file \(EEXIST/);
    expect(w.stderr).not.toMatch(/\n\s+at /);
  });

  it('ingest --help shows examples; -q and -v together are a usage error', () => {
    const help = run(['ingest', '--help']);
    expect(help.status).toBe(0);
    for (const s of ['Examples:', '--dry-run', '--include <glob>', '--exclude <glob>', '--group <mode>', '-q, --quiet', '-v, --verbose', 'review.csv']) expect(help.stdout).toContain(s);
    expect(run(['ingest', seed002, '--out', join(tmp, 'qv'), '-q', '-v']).status).toBe(2);
  });

  it('ingest --dry-run lists what would be done and why not the rest, and writes nothing; -q is silent, -v names each document', () => {
    const dir = join(tmp, 'dry');
    mkdirSync(join(dir, 'drafts'), { recursive: true });
    copyFileSync(seed002, join(dir, 'kh-002.txt'));
    copyFileSync(seed003, join(dir, 'drafts', 'kh-003.txt'));
    writeFileSync(join(dir, 'notes.odt'), 'x');
    const out = join(tmp, 'dry-out');
    const dry = run(['ingest', dir, '--out', out, '--dry-run', '--exclude', 'drafts']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`ingest   ${join(dir, 'kh-002.txt')} → dry/kh-002.txt.json (new)`);
    expect(dry.stdout).toContain(`exclude  ${join(dir, 'drafts')}: --exclude drafts`);
    expect(dry.stdout).toContain(`ignore   ${join(dir, 'notes.odt')}: not a type vnplan reads`);
    expect(dry.stdout).toMatch(/would ingest 1, skip 0 \(done already\), fail 0; 1 excluded, 1 not supported/);
    expect(existsSync(out)).toBe(false);

    const quiet = run(['ingest', dir, '--out', out, '-q', '--exclude', 'drafts']);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    const snapshot = () => readdirSync(out).map((f) => `${f}:${statSync(join(out, f)).mtimeMs}`).sort();
    const before = snapshot();
    const again = run(['ingest', dir, '--out', out, '--dry-run']);
    expect(again.stdout).toContain(`skip     ${join(dir, 'kh-002.txt')}: done already (dry/kh-002.txt.json)`);
    expect(again.stdout).toContain(`ingest   ${join(dir, 'drafts', 'kh-003.txt')} → dry/drafts/kh-003.txt.json (new)`);
    expect(snapshot()).toEqual(before);

    const verbose = run(['ingest', dir, '--out', out, '-v', '--progress', 'none']);
    expect(verbose.status).toBe(0);
    expect(verbose.stderr).toContain(`vnplan: skipped  ${join(dir, 'kh-002.txt')}`);
    expect(verbose.stderr).toContain(`vnplan: done     ${join(dir, 'drafts', 'kh-003.txt')}`);
    expect(verbose.stderr).toContain(`vnplan: ignored ${join(dir, 'notes.odt')}: not a type vnplan reads`);
    expect(verbose.stderr).toMatch(/1 done, 1 skipped, 0 failed — /);
    expect(readFileSync(join(out, 'review.csv'), 'utf8')).toBe('\uFEFFrank,input,part,status,json,pages,mean_confidence,reasons\r\n');
  });

  it('restore of empty lines prints as many empty lines', () => {
    for (const input of ['\n\n\n', '', '  \n\t\n']) {
      const r = run(['restore'], input);
      expect(r.status, JSON.stringify(input)).toBe(0);
      expect(r.stdout).toBe(input);
    }
  });

  it('restore keeps exactly one output line per input line', () => {
    const input = 'Ke hoach\n\nso 94/KH-UBND\n  \nTang cuong truyen thong\n';
    const r = run(['restore'], input);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(input.split('\n').length);
    expect(r.stdout).toContain('94/KH-UBND');
  });

  it('restore gives what the whole program gives: a file, stdin, a missing file', () => {
    const whole = (args: string[], input?: string) => spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', input, timeout: 120_000 });
    for (const [args, input] of [[['restore', seed002]], [['restore'], 'Ke hoach\n\nso 94/KH-UBND\n'], [['restore', '-'], 'Uy ban nhan dan xa'], [['restore', join(tmp, 'no-such-file.txt')]]] as [string[], string?][]) {
      const a = run(args, input), b = whole(args, input);
      expect([a.status, a.stdout, a.stderr], args.join(' ')).toEqual([b.status, b.stdout, b.stderr]);
    }
    expect(run(['restore', join(tmp, 'no-such-file.txt')]).status).toBe(3);
  });

  it('schema prints the committed JSON Schema', () => {
    const printed = execFileSync(process.execPath, [cli, 'schema'], { encoding: 'utf8' });
    expect(JSON.parse(printed)).toEqual(JSON.parse(readFileSync('schema/plan.schema.json', 'utf8')));
  });
});
