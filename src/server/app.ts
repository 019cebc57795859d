/**
 * `vnplan serve OUT`: the store of an output folder over HTTP (Hono on Node's own http
 * server, through @hono/node-server). Read-only unless started with `--allow-upload` and a
 * token. Listens on 127.0.0.1 unless told otherwise.
 *
 * - Every error is an RFC 9457 problem (`application/problem+json`), unknown routes included.
 * - Lists are paged (`limit`, `offset`; `next` and a `Link` header name the next page).
 * - No part of a request is ever a path: documents are looked up by their integer id in the
 *   database; an upload is identified by the hash of its bytes (./upload.ts).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { QueryError, Store } from '../store/store.js';
import { PassageKind } from '../store/query.js';
import { AgenciesParams, DeadlinesParams, DocumentIdParam, DocumentsParams, SearchParams, UploadParams, type Problem } from './api.js';
import { openApiDocument } from './openapi.js';
import { UploadError, Uploader } from './upload.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8470;

export interface ServeOptions {
  /** Address to listen on. @default '127.0.0.1' (loopback only) */
  host?: string;
  /** Port; 0 picks a free one. @default 8470 */
  port?: number;
  /** Accept `POST /v1/documents` (needs `token`). @default false */
  allowUpload?: boolean;
  /** The bearer token uploads must carry. */
  token?: string;
  /** Largest upload body, in bytes. @default 32 MiB */
  maxUploadBytes?: number;
  /** Seconds an upload may take to be read (and a request to arrive). @default 300 */
  uploadTimeoutSeconds?: number;
  /** Largest text of an uploaded document (UTF-8 bytes). @default 16 MiB */
  maxTextBytes?: number;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

type ProblemBody = z.infer<typeof Problem>;

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Content Too Large',
  422: 'Unprocessable Content', 500: 'Internal Server Error', 504: 'Gateway Timeout',
};

export function problem(c: Context, status: number, detail: string, extra: Partial<ProblemBody> = {}): Response {
  const body: ProblemBody = { type: 'about:blank', title: STATUS_TITLES[status] ?? 'Error', status, detail, instance: new URL(c.req.url).pathname, ...extra };
  return c.body(JSON.stringify(body), status as 400, { 'content-type': 'application/problem+json' });
}

/** Query parameters through a zod schema; a problem (400) when they do not fit. */
function params<T extends z.ZodType>(c: Context, schema: T, values: Record<string, string>): z.infer<T> | Response {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  return problem(c, 400, 'a parameter is not valid', {
    type: 'urn:vnplan:problem:invalid-parameter',
    title: 'Invalid parameter',
    errors: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message })),
  });
}

/** A page with `next` (and a Link header) when there is more. */
function paged<T>(c: Context, page: { items: T[]; total: number; limit: number; offset: number }): Response {
  let next: string | null = null;
  if (page.offset + page.items.length < page.total && page.items.length > 0) {
    const url = new URL(c.req.url);
    url.searchParams.set('offset', String(page.offset + page.limit));
    url.searchParams.set('limit', String(page.limit));
    next = `${url.pathname}${url.search}`;
    c.header('Link', `<${next}>; rel="next"`);
  }
  return c.json({ ...page, next });
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export function createApp(store: Store, options: ServeOptions & { uploader?: Uploader } = {}): Hono {
  const app = new Hono();
  const tokenDigest = options.token ? digest(options.token) : null;

  app.get('/openapi.json', (c) => c.json(openApiDocument()));

  app.get('/v1/documents', (c) => {
    const p = params(c, DocumentsParams, c.req.query());
    if (p instanceof Response) return p;
    return paged(c, store.documents(p));
  });

  app.get('/v1/documents/:id', (c) => {
    const p = params(c, DocumentIdParam, { id: c.req.param('id') });
    if (p instanceof Response) return p;
    const doc = store.document(p.id);
    if (!doc) return problem(c, 404, `no document ${p.id} in this store`);
    return c.json(doc);
  });

  app.post(
    '/v1/documents',
    async (c, next) => {
      if (!options.allowUpload || !options.uploader) return problem(c, 403, 'uploads are off: the server was started without --allow-upload');
      const auth = c.req.header('authorization') ?? '';
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!m || !tokenDigest || !timingSafeEqual(digest(m[1]!), tokenDigest)) {
        c.header('WWW-Authenticate', 'Bearer realm="vnplan"');
        return problem(c, 401, m ? 'the token is not the one this server was given' : 'an upload needs Authorization: Bearer TOKEN');
      }
      await next();
    },
    bodyLimit({
      maxSize: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      onError: (c) => problem(c, 413, `the upload is larger than ${options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES} bytes (--max-upload-size)`),
    }),
    async (c) => {
      const p = params(c, UploadParams, c.req.query());
      if (p instanceof Response) return p;
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (!bytes.length) return problem(c, 422, 'the upload is empty', { type: 'urn:vnplan:problem:empty' });
      try {
        const { id, created } = await options.uploader!.add(bytes, p.name);
        c.header('Location', `/v1/documents/${id}`);
        return c.json({ id, created, document: `/v1/documents/${id}` }, created ? 201 : 200);
      } catch (error) {
        if (error instanceof UploadError) return problem(c, error.status, error.record.message, { type: `urn:vnplan:problem:${error.record.code}` });
        throw error;
      }
    },
  );

  app.get('/v1/search', (c) => {
    const p = params(c, SearchParams, c.req.query());
    if (p instanceof Response) return p;
    const kinds = p.kind?.split(',');
    const bad = kinds?.find((k) => !PassageKind.safeParse(k).success);
    if (bad) return problem(c, 400, `kind ${bad} is not one of ${PassageKind.options.join(', ')}`, { type: 'urn:vnplan:problem:invalid-parameter', title: 'Invalid parameter' });
    if (!p.q && !p.agency && !p.issuer && !p.from && !p.to && !kinds) return problem(c, 400, 'say what to search for: q, agency, issuer, from/to or kind', { type: 'urn:vnplan:problem:invalid-parameter', title: 'Invalid parameter' });
    return paged(c, store.search({ text: p.q, agency: p.agency, issuer: p.issuer, from: p.from, to: p.to, kind: kinds as Array<z.infer<typeof PassageKind>> | undefined, group: p.group, limit: p.limit, offset: p.offset }));
  });

  app.get('/v1/agencies', (c) => {
    const p = params(c, AgenciesParams, c.req.query());
    if (p instanceof Response) return p;
    return paged(c, store.agencies(p));
  });

  app.get('/v1/deadlines', (c) => {
    const p = params(c, DeadlinesParams, c.req.query());
    if (p instanceof Response) return p;
    return paged(c, store.deadlines(p));
  });

  app.notFound((c) => problem(c, 404, `no such resource: ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((error, c) => {
    if (error instanceof QueryError) return problem(c, 400, error.message, { type: 'urn:vnplan:problem:invalid-query', title: 'Invalid query' });
    process.stderr.write(`vnplan serve: ${error.stack ?? error.message}\n`);
    return problem(c, 500, 'the server met an error it did not expect (it is logged)');
  });
  return app;
}

export interface RunningServer {
  server: Server;
  url: string;
  address: AddressInfo;
  close: () => Promise<void>;
}

/** Open the store of `outDir` and serve it. Resolves once listening. */
export async function serve(outDir: string, options: ServeOptions = {}): Promise<RunningServer> {
  if (options.allowUpload && !options.token) throw new Error('--allow-upload needs a token (VNPLAN_UPLOAD_TOKEN)');
  const store = Store.open(outDir);
  const timeout = options.uploadTimeoutSeconds ?? 300;
  const uploader = options.allowUpload ? new Uploader(outDir, { timeoutSeconds: timeout, maxTextBytes: options.maxTextBytes ?? 16 * 1024 * 1024 }) : undefined;
  const app = createApp(store, { ...options, uploader });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // A request must arrive whole within the upload timeout; headers within 30 s.
  server.requestTimeout = (timeout + 10) * 1000;
  server.headersTimeout = 30_000;
  const host = options.host ?? DEFAULT_HOST;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    store.close();
    await uploader?.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    address,
    url: `http://${shown}:${address.port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await uploader?.close();
      store.close();
    },
  };
}
