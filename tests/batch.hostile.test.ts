/**
 * A hostile folder, as a new user would make one: names that would meet, links, FIFOs,
 * names that are not UTF-8, the output folder inside the input, huge texts, a decompression
 * bomb, a file changing under the batch. Real files, the real walk, the real ledger; the
 * batch runs in this process (render workers shared across runs to save their start-up).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputUnwritableError, runIngest } from '../src/batch/ingest.js';
import { LEDGER_FILE, Ledger, MIGRATIONS, SCHEMA_VERSION } from '../src/batch/ledger.js';
import { Manifest, RunReport } from '../src/batch/manifest.js';
import { NAME_MAX, alternativeStems, candidateStem, readableName, tagName } from '../src/batch/names.js';
import { PipelinePool, RenderError } from '../src/batch/workers.js';
import { ExitCode } from '../src/exit-codes.js';

const root = mkdtempSync(join(tmpdir(), 'vnplan-hostile-'));
const pool = new PipelinePool({ size: 2 });
afterAll(() => pool.close());

const SEED = (n: '000' | '001' | '002' | '003') => readdirSync('fixtures/seeds').find((f) => f.startsWith(n))!;
const seed = (n: '000' | '001' | '002' | '003') => join('fixtures/seeds', SEED(n));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const manifestOf = (out: string) => Manifest.parse(readJson(join(out, 'manifest.json')));
const ingest = (paths: string[], outDir: string, extra: Partial<Parameters<typeof runIngest>[0]> = {}, hooks: Parameters<typeof runIngest>[1] = {}) =>
  runIngest({ paths, outDir, jobs: 2, progress: 'none', ...extra }, { pool, ...hooks });

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; name: string; parentPath: string }>)
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}
const outputsOf = (out: string) => filesUnder(out).filter((f) => !f.startsWith('.vnplan/') && !f.startsWith('vnplan.db') && f !== 'manifest.json' && f !== 'report.json');

describe('names', () => {
  it('reads bytes that are not UTF-8 as \\xNN, keeps UTF-8 as it is, and cuts long names within the limit, extension kept', () => {
    expect(readableName(Buffer.from('Kế hoạch.txt'))).toBe('Kế hoạch.txt');
    expect(readableName(Buffer.from([0x4b, 0xea, 0x20, 0xe1, 0xba, 0xbf, 0x2e, 0x74, 0x78, 0x74]))).toBe('K\\xEA ế.txt');
    expect(readableName(Buffer.from([0xc3]))).toBe('\\xC3');
    expect(tagName('plan.pdf', '3f2a9c1b')).toBe('plan~3f2a9c1b.pdf');
    expect(tagName('README', '3f2a9c1b')).toBe('README~3f2a9c1b');
    const long = `${'Kế hoạch '.repeat(30)}.docx`;
    const stem = candidateStem(`2023/${long}`);
    expect(stem.startsWith('2023/Kế hoạch')).toBe(true);
    expect(stem).toMatch(/~[0-9a-f]{8}\.docx$/);
    expect(Buffer.byteLength(stem.split('/')[1]! + '.ocr.txt') + 13).toBeLessThanOrEqual(NAME_MAX);
    expect(candidateStem('a/../b')).toBe('a/___/b');
    expect([...take(alternativeStems('2023/plan.txt', 'abcdef0123456789'), 3)]).toEqual(['2023/plan~abcdef01.txt', '2023/plan~abcdef01-2.txt', '2023/plan~abcdef01-3.txt']);
  });
});

function* take<T>(items: Iterable<T>, n: number): Generator<T> {
  for (const item of items) {
    if (n-- <= 0) return;
    yield item;
  }
}

describe('output names never collide', () => {
  it('a.pdf, a.txt and a.txt-2.txt in one folder keep three output sets; an input named like a temporary keeps its outputs', async () => {
    const dir = join(root, 'names');
    mkdirSync(join(dir, 'in'), { recursive: true });
    copyFileSync('fixtures/scans/text-layer.pdf', join(dir, 'in', 'a.pdf'));
    copyFileSync(seed('002'), join(dir, 'in', 'a.txt'));
    copyFileSync(seed('003'), join(dir, 'in', 'a.txt-2.txt'));
    copyFileSync(seed('001'), join(dir, 'in', 'plan.vnplan-tmp-1.txt'));
    const out = join(dir, 'out');
    const first = await ingest([join(dir, 'in')], out);
    expect(first.exitCode, JSON.stringify(first.report.failures)).toBe(ExitCode.ok);
    expect(first.report.counts).toMatchObject({ inputs: 4, done: 4 });
    const stems = ['in/a.pdf', 'in/a.txt', 'in/a.txt-2.txt', 'in/plan.vnplan-tmp-1.txt'];
    expect(outputsOf(out)).toEqual(stems.flatMap((s) => ['.json', '.md', '.ocr.txt', '.txt'].map((x) => s + x)).sort());
    // Each output set is its own input's.
    for (const s of stems) expect((readJson(join(out, `${s}.json`)) as { source: { file: string } }).source.file).toBe(join(dir, s));

    const again = await ingest([join(dir, 'in')], out);
    expect(again.report.counts).toMatchObject({ skipped: 4, done: 0 });
    expect(outputsOf(out)).toHaveLength(16);
  });

  it('two folders named 2023 ingested in two runs into one --out both keep their plan.txt; the later one is told apart by a content hash', async () => {
    const dir = join(root, 'two-2023');
    for (const [side, n] of [['x', '002'], ['y', '003']] as const) {
      mkdirSync(join(dir, side, '2023'), { recursive: true });
      copyFileSync(seed(n), join(dir, side, '2023', 'plan.txt'));
    }
    const out = join(dir, 'out');
    expect((await ingest([join(dir, 'x', '2023')], out)).exitCode).toBe(ExitCode.ok);
    expect((await ingest([join(dir, 'y', '2023')], out)).exitCode).toBe(ExitCode.ok);
    const docs = manifestOf(out).documents;
    expect(docs.map((d) => [d.input, d.status])).toEqual([
      [join(dir, 'x', '2023', 'plan.txt'), 'done'],
      [join(dir, 'y', '2023', 'plan.txt'), 'done'],
    ]);
    expect(docs[0]!.stem).toBe('2023/plan.txt');
    expect(docs[1]!.stem).toBe(`2023/plan~${docs[1]!.sha256!.slice(0, 8)}.txt`);
    expect((readJson(join(out, '2023/plan.txt.json')) as { source: { file: string } }).source.file).toContain('/x/2023/');
    expect((readJson(join(out, `${docs[1]!.stem}.json`)) as { source: { file: string } }).source.file).toContain('/y/2023/');
    // Names stay with their inputs: a rerun of either skips it.
    expect((await ingest([join(dir, 'x', '2023')], out)).report.counts).toMatchObject({ skipped: 1 });
    expect((await ingest([join(dir, 'y', '2023')], out)).report.counts).toMatchObject({ skipped: 1 });
  });

  it('an input named manifest, a 250-byte Vietnamese name: outputs within the name limit, vnplan files untouched', async () => {
    const dir = join(root, 'long');
    mkdirSync(dir, { recursive: true });
    let name = '';
    while (Buffer.byteLength(`${name}Kế hoạch .txt`) <= 255) name += 'Kế hoạch ';
    name = `${name}${'x'.repeat(255 - Buffer.byteLength(`${name}.txt`))}.txt`;
    expect(Buffer.byteLength(name)).toBe(255); // the most a name can have
    copyFileSync(seed('002'), join(dir, name));
    copyFileSync(seed('003'), join(dir, 'manifest'));
    const out = join(dir, 'out');
    const { exitCode, report } = await ingest([join(dir, name), join(dir, 'manifest')], out);
    expect(exitCode, JSON.stringify(report.failures)).toBe(ExitCode.ok);
    for (const f of filesUnder(out)) for (const part of f.split('/')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(NAME_MAX);
    const stems = report.documents.map((d) => d.stem!).sort();
    expect(stems[0]!.startsWith('Kế hoạch Kế hoạch')).toBe(true);
    expect(stems[0]).toMatch(/~[0-9a-f]{8}\.txt$/);
    expect(stems[1]).toMatch(/^manifest~[0-9a-f]{8}$/);
    expect(Manifest.parse(readJson(join(out, 'manifest.json'))).documents).toHaveLength(2);
  });
});

describe('the walk', () => {
  it('follows links once, records dangling links, loops and FIFOs, reads names that are not UTF-8, and never ingests its own outputs', async () => {
    const dir = join(root, 'walk');
    const input = join(dir, 'in');
    mkdirSync(join(input, 'sub'), { recursive: true });
    copyFileSync(seed('002'), join(input, 'good.txt'));
    symlinkSync('good.txt', join(input, 'link-to-good.txt'));
    symlinkSync('missing.txt', join(input, 'gone.txt'));
    symlinkSync('loop.txt', join(input, 'loop.txt'));
    symlinkSync('..', join(input, 'sub', 'up'));
    expect(spawnSync('mkfifo', [join(input, 'pipe.txt')]).status).toBe(0);
    // kế hoạch.txt in Windows-1258-ish bytes: not UTF-8.
    const latin = Buffer.concat([Buffer.from(`${input}/k`), Buffer.from([0xea, 0x20, 0x68, 0x6f, 0xe1]), Buffer.from('ch.txt')]);
    writeFileSync(latin, readFileSync(seed('003')));
    const out = join(input, 'out');
    mkdirSync(out);
    symlinkSync('out', join(input, 'out-link'));

    const first = await ingest([input], out);
    const byName = (r: RunReport) => Object.fromEntries(r.failures.map((f) => [f.input.slice(input.length + 1), f.error.code]));
    expect(byName(first.report)).toEqual({ 'gone.txt': 'not-found', 'loop.txt': 'not-a-file', 'pipe.txt': 'not-a-file' });
    expect(first.report.failures.find((f) => f.input.endsWith('pipe.txt'))!.error.message).toMatch(/FIFO/);
    expect(first.report.failures.find((f) => f.input.endsWith('gone.txt'))!.error.message).toMatch(/symbolic link to missing\.txt/);
    const done = first.report.documents.filter((d) => d.status === 'done').map((d) => d.input.slice(input.length + 1)).sort();
    expect(done).toEqual(['good.txt', 'k\\xEA ho\\xE1ch.txt']);
    expect(existsSync(join(out, 'in', 'k\\xEA ho\\xE1ch.txt.json'))).toBe(true);
    expect(first.report.notes!.map((n) => [n.path.slice(input.length + 1), n.reason])).toEqual([
      ['out', 'the output folder (or a link to it): left out'],
      ['out-link', 'the output folder (or a link to it): left out'],
      ['sub/up', 'a symbolic link (..) back to a folder it is inside: not followed'],
      ['link-to-good.txt', `the same file as ${input}/good.txt: ingested once`],
    ]);
    expect(first.exitCode).toBe(ExitCode.someFailed);

    // Again: the outputs (plan.txt.txt, .ocr.txt) are not inputs now either.
    const second = await ingest([input], out);
    expect(second.report.counts).toMatchObject({ inputs: first.report.counts.inputs, skipped: 2, failed: 3, done: 0 });
    // A folder argument inside --out is refused, not walked.
    const inside = await ingest([join(out, 'in')], out);
    expect(inside.report.counts.inputs).toBe(0);
    expect(inside.report.notes![0]!.reason).toMatch(/inside the output folder/);
  });
});

/** A PNG whose header says `side`×`side` pixels, compressed to almost nothing. */
function pngBomb(side: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // 8-bit gray
  const rows = deflateSync(Buffer.alloc(1024 * (side + 1)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

describe('bounded work per input', () => {
  it('a 100 MB text is refused as too-large without taking the batch down; the text limit and the file limit are each a record', async () => {
    const dir = join(root, 'large');
    mkdirSync(dir, { recursive: true });
    const line = `${readFileSync(seed('002'), 'utf8').split('\n').slice(0, 40).join('\n')}\n`;
    const big = join(dir, 'a-100mb.txt');
    writeFileSync(big, line.repeat(Math.ceil((100 * 1024 * 1024) / Buffer.byteLength(line))));
    writeFileSync(join(dir, 'b-300kb.txt'), line.repeat(Math.ceil(300_000 / Buffer.byteLength(line))));
    copyFileSync(seed('002'), join(dir, 'c-plan.txt'));
    writeFileSync(join(dir, 'd-bomb.png'), pngBomb(60_000));
    const out = join(dir, 'out');
    const { report } = await ingest([dir], out, { maxTextBytes: 256 * 1024 });
    const failures = Object.fromEntries(report.failures.map((f) => [f.input.split('/').pop(), f.error]));
    expect(failures['a-100mb.txt']).toMatchObject({ code: 'too-large' });
    expect(failures['b-300kb.txt']).toMatchObject({ code: 'too-large' });
    expect(failures['b-300kb.txt']!.message).toMatch(/above the limit of 256 KiB per document \(--max-text-size\)/);
    expect(failures['d-bomb.png']).toMatchObject({ code: 'too-large' });
    expect(report.counts).toMatchObject({ done: 1, failed: 3 });

    // The default limits: 100 MB of text is over the text limit; a small file limit refuses unread.
    const defaults = await ingest([big, join(dir, 'c-plan.txt')], join(dir, 'out-defaults'));
    expect(defaults.report.failures.map((f) => f.error.code)).toEqual(['too-large']);
    expect(defaults.report.peakRssMb).toBeLessThan(2500);
    const small = await ingest([big], join(dir, 'out-small'), { maxFileBytes: 1024 * 1024 });
    expect(small.report.failures[0]!.error.message).toMatch(/100 MiB, above the limit of 1 MiB per input \(--max-file-size\)/);
  });

  it('a worker that runs out of its memory fails its document as too-large, alone', async () => {
    const small = new PipelinePool({ size: 1, maxOldGenerationSizeMb: 48 });
    try {
      const text = readFileSync(seed('002'), 'utf8').repeat(60); // 1 MB: some 100 MB of heap to process
      const error = await small.run({ file: 'big.txt', bytes: new Uint8Array(Buffer.from(text)), maxTextBytes: 1 << 30 }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(RenderError);
      expect((error as RenderError).record).toMatchObject({ code: 'too-large', message: 'big.txt: processing it needed more than the 48 MB of memory one document may use' });
    } finally {
      await small.close();
    }
  });

  it('a document whose text work outlasts --timeout fails as timeout, alone; the next document is done', async () => {
    const one = new PipelinePool({ size: 1 });
    try {
      const long = readFileSync(seed('002'), 'utf8').repeat(60);
      const error = await one.run({ file: 'slow.txt', bytes: new Uint8Array(Buffer.from(long)), maxTextBytes: 1 << 30 }, undefined, 1).then(() => null, (e: unknown) => e);
      expect((error as RenderError).record).toEqual({ code: 'timeout', message: 'slow.txt: its text work was not done after 1 s (--timeout), and was stopped' });
      const next = await one.run({ file: 'next.txt', bytes: new Uint8Array(readFileSync(seed('003'))), maxTextBytes: 1 << 30 });
      expect(next.mediaType).toBe('text/plain');
    } finally {
      await one.close();
    }
  });

  it('a file that changes while it is processed gets a `changed` record; the rerun does it', async () => {
    const dir = join(root, 'changing');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'plan.txt');
    copyFileSync(seed('002'), file);
    const out = join(dir, 'out');
    const first = await ingest([file], out, {}, { onRead: () => appendFileSync(file, '\nThêm một dòng.\n') });
    expect(first.report.failures.map((f) => f.error.code)).toEqual(['changed']);
    expect(outputsOf(out)).toEqual([]);
    const second = await ingest([file], out);
    expect(second.report.counts).toMatchObject({ done: 1, failed: 0 });
    expect(manifestOf(out).documents.map((d) => d.status)).toEqual(['done']);
  });
});

describe('the ledger', () => {
  it('is versioned, with a migrations table, and refuses a newer schema instead of damaging it', async () => {
    const out = join(root, 'two-2023', 'out');
    const db = new Database(join(out, LEDGER_FILE), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    const outputs = db.prepare('SELECT o.path, i.display FROM outputs o JOIN inputs i ON i.id = o.input_id ORDER BY o.path').all() as Array<{ path: string }>;
    expect(outputs).toHaveLength(8);
    db.close();

    const newer = join(root, 'newer');
    mkdirSync(newer, { recursive: true });
    const future = new Database(join(newer, LEDGER_FILE));
    future.pragma('user_version = 99');
    future.close();
    expect(() => Ledger.open(newer)).toThrow(/schema version 99, newer than this vnplan knows/);
    const ingestNewer = await ingest([seed('002')], newer).then(() => null, (e: unknown) => e);
    expect(ingestNewer).toBeInstanceOf(OutputUnwritableError);

    const damaged = join(root, 'damaged');
    mkdirSync(damaged, { recursive: true });
    writeFileSync(join(damaged, LEDGER_FILE), 'not a database, but a file someone saved here'.repeat(100));
    expect(() => Ledger.open(damaged)).toThrow(/is not a readable vnplan ledger \(SQLITE_NOTADB\): move it away/);
    const notAFolder = join(root, 'a-file');
    writeFileSync(notAFolder, 'x');
    const error = await ingest([seed('002')], notAFolder).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(OutputUnwritableError);
    expect((error as Error).message).toMatch(/a-file is not a folder \(EEXIST\)/);
  });

  it('takes in the manifest of a vnplan from before the ledger: done documents are skipped, their outputs kept and never written over', async () => {
    const dir = join(root, 'legacy');
    mkdirSync(join(dir, 'in'), { recursive: true });
    const input = join(dir, 'in', 'plan.txt');
    copyFileSync(seed('002'), input);
    const out = join(dir, 'out');
    mkdirSync(join(out, 'in'), { recursive: true });
    const sha = (await import('node:crypto')).createHash('sha256').update(readFileSync(input)).digest('hex');
    const outputs = { json: 'in/plan.json', text: 'in/plan.txt', markdown: 'in/plan.md', ocr: 'in/plan.ocr.txt' };
    for (const p of Object.values(outputs)) writeFileSync(join(out, p), 'an older vnplan wrote this\n');
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({
      vnplanVersion: '0.1.0', updatedAt: '2026-01-01T00:00:00.000Z',
      documents: [{ input, stem: 'in/plan', sha256: sha, vnplanVersion: '0.1.0', settings: 'lang=vie;ocr=skip', status: 'done', mediaType: 'text/plain', pages: null, ocrPages: 0, meanConfidence: null, outputs, error: null, seconds: 1, finishedAt: '2026-01-01T00:00:00.000Z' }],
    }));
    const { report } = await ingest([join(dir, 'in')], out);
    expect(report.counts).toMatchObject({ skipped: 1, done: 0 });
    expect(readFileSync(join(out, 'in/plan.txt'), 'utf8')).toBe('an older vnplan wrote this\n');
    // A new input whose name would land on a foreign file gets a name of its own.
    writeFileSync(join(out, 'in', 'other.txt.json'), 'the user put this here\n');
    copyFileSync(seed('003'), join(dir, 'in', 'other.txt'));
    const next = await ingest([join(dir, 'in')], out);
    expect(next.report.documents.find((d) => d.input.endsWith('other.txt'))!.stem).toMatch(/^in\/other~[0-9a-f]{8}\.txt$/);
    expect(readFileSync(join(out, 'in', 'other.txt.json'), 'utf8')).toBe('the user put this here\n');
  });
});
