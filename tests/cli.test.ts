/** The `vnplan` binary end to end (built dist/, real files, real exit codes). */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = 'dist/cli.js';
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

  it('schema prints the committed JSON Schema', () => {
    const printed = execFileSync(process.execPath, [cli, 'schema'], { encoding: 'utf8' });
    expect(JSON.parse(printed)).toEqual(JSON.parse(readFileSync('schema/plan.schema.json', 'utf8')));
  });
});
