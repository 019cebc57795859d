/**
 * `vnplan serve`: a real server on a loopback port over a real store (the four seed plans
 * ingested into a temporary folder), asked with real HTTP requests. The OpenAPI document is
 * checked by an OpenAPI validator, and responses against its own schemas.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanDocument } from '../src/contract/plan.js';
import { serve, type RunningServer } from '../src/server/app.js';

const cli = join(process.cwd(), 'dist/cli.js');
const seedDir = 'fixtures/seeds';
const seeds = readdirSync(seedDir).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort();
const seedOf = (file: string) => /(\d{3})_[0-9a-f]+\.txt$/.exec(file)?.[1];

const root = mkdtempSync(join(tmpdir(), 'vnplan-serve-'));
const out = join(root, 'out');
const TOKEN = 'test-token-0123456789';

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; name: string; parentPath: string }>)
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** A request with its path sent exactly as written (fetch would resolve `..`). */
function rawGet(base: string, path: string): Promise<{ status: number; type: string; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let readOnly: RunningServer;
let openApi: Record<string, unknown>;
const ajv = new Ajv2020({ strict: false, allErrors: true });

/** Check a body against a component schema of the server's own OpenAPI document. */
function conforms(name: string, body: unknown): void {
  const validate = ajv.getSchema(`urn:vnplan:openapi#/components/schemas/${name}`)!;
  expect(validate(body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
}

async function getJson(path: string, server = readOnly) {
  const res = await fetch(`${server.url}${path}`);
  return { res, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  const input = join(root, 'in');
  mkdirSync(input);
  for (const f of seeds) copyFileSync(join(seedDir, f), join(input, f));
  const r = spawnSync(process.execPath, [cli, 'ingest', input, '--out', out], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  readOnly = await serve(out, { port: 0 });
  openApi = (await getJson('/openapi.json')).body;
  ajv.addSchema({ $id: 'urn:vnplan:openapi', components: openApi.components });
});
afterAll(async () => {
  await readOnly?.close();
});

describe('vnplan serve', () => {
  it('listens on loopback by default', () => {
    expect(readOnly.address.address).toBe('127.0.0.1');
    expect(readOnly.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('publishes an OpenAPI 3.1 document that validates', async () => {
    const result = await new Validator().validate(openApi as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(openApi.openapi).toBe('3.1.0');
    const paths = Object.keys(openApi.paths as object);
    for (const p of ['/v1/documents', '/v1/documents/{id}', '/v1/search', '/v1/agencies', '/v1/deadlines']) expect(paths).toContain(p);
  });

  it('searches as vnplan query does: all four plans for "giam ngheo ben vung", three for the agency', async () => {
    const text = await getJson('/v1/search?q=giam%20ngheo%20ben%20vung');
    expect(text.res.status).toBe(200);
    conforms('SearchPage', text.body);
    const items = text.body.items as Array<{ source: { file: string }; matches: unknown[] }>;
    expect(items.map((h) => seedOf(h.source.file)).sort()).toEqual(['000', '001', '002', '003']);
    expect(text.body.total).toBe(4);
    for (const h of items) expect(h.matches.length).toBeGreaterThan(0);
    expect((await getJson('/v1/search?q=ngh%C3%A8o')).res.status).toBe(200);
    const marked = await getJson(`/v1/search?q=${encodeURIComponent('giảm nghèo bền vững')}`);
    expect((marked.body.items as Array<{ documentId: number }>).map((h) => h.documentId).sort()).toEqual((items as unknown as Array<{ documentId: number }>).map((h) => h.documentId).sort());

    const cliHits = JSON.parse(spawnSync(process.execPath, [cli, 'query', out, '--agency', 'phong van hoa thong tin', '--format', 'json'], { encoding: 'utf8' }).stdout) as Array<{ documentId: number }>;
    const agency = await getJson('/v1/search?agency=phong%20van%20hoa%20thong%20tin');
    conforms('SearchPage', agency.body);
    const agencyItems = agency.body.items as Array<{ documentId: number; source: { file: string } }>;
    expect(agencyItems.map((h) => seedOf(h.source.file))).toEqual(expect.arrayContaining(['001', '002', '003']));
    expect(agencyItems.map((h) => h.documentId)).toEqual(cliHits.map((h) => h.documentId));
    const abbreviated = await getJson(`/v1/search?agency=${encodeURIComponent('Phòng VH&TT')}`);
    expect((abbreviated.body.items as Array<{ documentId: number }>).map((h) => h.documentId)).toEqual(agencyItems.map((h) => h.documentId));
  });

  it('serves documents whole, paged lists, agencies and deadlines in their documented shapes', async () => {
    const first = await getJson('/v1/documents?limit=3');
    conforms('DocumentsPage', first.body);
    expect(first.body.total).toBe(4);
    expect(first.res.headers.get('link')).toMatch(/rel="next"/);
    const second = await getJson(first.body.next as string);
    expect(second.body.next).toBeNull();
    const ids = [...(first.body.items as Array<{ id: number }>), ...(second.body.items as Array<{ id: number }>)].map((d) => d.id);
    expect(new Set(ids).size).toBe(4);

    const summary = (first.body.items as Array<{ id: number; source: { file: string } }>)[0]!;
    const doc = await getJson(`/v1/documents/${summary.id}`);
    expect(doc.res.status).toBe(200);
    conforms('PlanDocument', doc.body);
    const jsonOutput = join(out, 'in', `${summary.source.file.split('/').pop()}.json`);
    expect(PlanDocument.parse(doc.body)).toEqual(PlanDocument.parse(JSON.parse(readFileSync(jsonOutput, 'utf8'))));

    const agencies = await getJson(`/v1/agencies?q=${encodeURIComponent('Phòng VH&TT')}`);
    conforms('AgenciesPage', agencies.body);
    const keys = (agencies.body.items as Array<{ key: string }>).map((a) => a.key);
    expect(keys).toContain('phong van hoa thong tin');

    const deadlines = await getJson('/v1/deadlines?from=2023&to=2023&limit=200');
    conforms('DeadlinesPage', deadlines.body);
    const occurrences = deadlines.body.items as Array<{ fromDate: string; toDate: string }>;
    expect(occurrences.length).toBeGreaterThan(0);
    for (const o of occurrences) {
      expect(o.fromDate <= '2023-12-31' && o.toDate >= '2023-01-01').toBe(true);
      expect(o.fromDate <= o.toDate).toBe(true);
    }
  });

  it('answers errors as RFC 9457 problems: unknown document 404, bad parameters 400, unknown routes 404', async () => {
    for (const [path, status] of [
      ['/v1/documents/999999', 404], ['/v1/documents/abc', 400], ['/v1/documents/-1', 400], ['/v1/nothing', 404], ['/v1/search', 400],
      ['/v1/search?q=x&limit=0', 400], ['/v1/deadlines?from=2023-13', 400], ['/v1/search?from=2024&to=2023', 400], ['/v1/search?kind=nonsense', 400],
    ] as const) {
      const res = await fetch(`${readOnly.url}${path}`);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as Record<string, unknown>;
      conforms('Problem', body);
      expect(body.status).toBe(status);
    }
  });

  it('lets no request path reach the file system', async () => {
    const db = readFileSync(join(out, 'vnplan.db'));
    for (const path of [
      '/vnplan.db', '/../vnplan.db', '/v1/../vnplan.db', '/v1/documents/..%2F..%2Fvnplan.db', '/v1/documents/1%2F..%2F..%2Fvnplan.db', '/v1/documents/../../etc/passwd',
      '/in/000_593403bb6f75f31c.txt.json', '/manifest.json', '/%2e%2e/%2e%2e/etc/passwd', '/openapi.json/../../vnplan.db', '/v1/documents/%00',
    ]) {
      const r = await rawGet(readOnly.url, path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      expect(r.type, path).toMatch(/^application\/problem\+json/);
      expect(r.body).not.toContain('SQLite format');
      expect(r.body).not.toContain('root:');
    }
    expect(readFileSync(join(out, 'vnplan.db')).equals(db)).toBe(true);
  });

  it('refuses uploads without --allow-upload, and without the token', async () => {
    const before = filesUnder(out);
    const res = await fetch(`${readOnly.url}/v1/documents`, { method: 'POST', body: 'Kế hoạch', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(filesUnder(out)).toEqual(before);
    await expect(serve(out, { port: 0, allowUpload: true })).rejects.toThrow(/token/);
  });

  it('stores an upload with the token under a name of its own hash, whatever name the client gives', async () => {
    const writable = await serve(out, { port: 0, allowUpload: true, token: TOKEN, maxUploadBytes: 256 * 1024 });
    try {
      const body = readFileSync(join(seedDir, seeds.find((s) => seedOf(s) === '002')!));
      const post = (headers: Record<string, string>, path = '/v1/documents?name=..%2F..%2Fevil.txt', data: Uint8Array<ArrayBuffer> = new Uint8Array(body)) =>
        fetch(`${writable.url}${path}`, { method: 'POST', body: data, headers: { 'content-type': 'application/octet-stream', ...headers } });
      const before = filesUnder(root);

      const none = await post({});
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await post({ authorization: 'Bearer wrong-token' })).status).toBe(401);
      expect((await post({ authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` })).status).toBe(401);
      const big = await post({ authorization: `Bearer ${TOKEN}` }, '/v1/documents', new Uint8Array(300 * 1024).fill(65));
      expect(big.status).toBe(413);
      expect(big.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(filesUnder(root)).toEqual(before);

      const created = await post({ authorization: `Bearer ${TOKEN}` });
      expect(created.status, await created.clone().text()).toBe(201);
      const result = (await created.json()) as { id: number; created: boolean; document: string };
      conforms('UploadResult', result);
      expect(created.headers.get('location')).toBe(`/v1/documents/${result.id}`);
      const added = filesUnder(root).filter((f) => !before.includes(f) && !/vnplan\.db-(wal|shm)$/.test(f));
      expect(added.length).toBeGreaterThan(0);
      for (const f of added) expect(f).toMatch(/^out\/uploads\/[0-9a-f]{16}\.txt\.(json|txt|md|ocr\.txt)$/);

      const doc = await getJson(result.document, writable);
      expect(doc.res.status).toBe(200);
      expect((doc.body.source as { file: string }).file).toBe('upload:evil.txt');
      const again = await post({ authorization: `Bearer ${TOKEN}` });
      expect(again.status).toBe(200);
      expect(((await again.json()) as { id: number; created: boolean })).toMatchObject({ id: result.id, created: false });
      const found = await getJson('/v1/search?q=giam%20ngheo%20ben%20vung', writable);
      expect(found.body.total).toBe(5);
    } finally {
      await writable.close();
    }
  });
});

describe('vnplan serve (the command)', () => {
  it('binds 127.0.0.1 unless --host says otherwise, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, 'serve', out, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d: string) => {
        stderr += d;
        const m = /at (http:\/\/\S+) /.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(stderr)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/v1/documents/424242`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const noToken = spawnSync(process.execPath, [cli, 'serve', out, '--port', '0', '--allow-upload'], { encoding: 'utf8', env: { ...process.env, VNPLAN_UPLOAD_TOKEN: '' }, timeout: 30_000 });
    expect(noToken.status).toBe(2);
    expect(noToken.stderr).toMatch(/VNPLAN_UPLOAD_TOKEN/);
  });
});
