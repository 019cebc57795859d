/**
 * The OpenAPI 3.1 document of `vnplan serve`, generated from the zod schemas (the API's in
 * ./api.ts, the contract's in src/contract/plan.ts) with z.toJSONSchema: JSON Schema 2020-12,
 * which is OpenAPI 3.1's own dialect. Nothing is written by hand twice.
 */
import { z } from 'zod';
import { VERSION } from '../version.js';
import { AgenciesParams, COMPONENTS, DeadlinesParams, DocumentIdParam, DocumentsParams, SearchParams, UploadParams } from './api.js';

type Json = Record<string, unknown>;

function components(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema as z.ZodType, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}`, io: 'output' }) as { schemas: Record<string, Json> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

/** Query (or path) parameters from a zod object. */
function parameters(schema: z.ZodObject, where: 'query' | 'path'): Json[] {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as { properties: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === 'path' || (json.required ?? []).includes(name) && !('default' in rest), ...(description ? { description } : {}), schema: rest };
  });
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });

export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'vnplan',
      version: VERSION,
      summary: 'Vietnamese government plans as typed data: documents, search, agencies, deadlines',
      description: 'The store of a `vnplan ingest` output folder. Errors are RFC 9457 problem details. Lists are paged with `limit` and `offset`; `next` (and a `Link: rel="next"` header) names the next page.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: {
      '/v1/documents': {
        get: {
          operationId: 'listDocuments',
          summary: 'Stored documents, in the order they were first ingested',
          parameters: parameters(DocumentsParams, 'query'),
          responses: { 200: json('DocumentsPage', 'a page of documents'), 400: problem('a parameter is not valid') },
        },
        post: {
          operationId: 'uploadDocument',
          summary: 'Upload a plan (PDF, TIFF, PNG, JPEG, Word, text) to be read and stored',
          description: 'Only when the server runs with `--allow-upload`, with `Authorization: Bearer TOKEN`. The body is the file itself. The document is read as `vnplan ingest` reads it; the same bytes twice are stored once.',
          security: [{ bearer: [] }],
          parameters: parameters(UploadParams, 'query'),
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
          responses: {
            200: json('UploadResult', 'the same bytes were stored already'),
            201: json('UploadResult', 'read and stored'),
            401: problem('no token, or a wrong one'),
            403: problem('uploads are off (no --allow-upload)'),
            413: problem('the body is larger than the upload limit'),
            422: problem('the file could not be read as a plan (its error record)'),
            504: problem('reading it took longer than the upload timeout'),
          },
        },
      },
      '/v1/documents/{id}': {
        get: {
          operationId: 'getDocument',
          summary: 'One document whole, as its contract JSON',
          parameters: parameters(DocumentIdParam, 'path'),
          responses: { 200: json('PlanDocument', 'the contract document'), 400: problem('the id is not a positive integer'), 404: problem('no such document') },
        },
      },
      '/v1/search': {
        get: {
          operationId: 'search',
          summary: 'Search passages: text (with or without marks), agency, issuer, deadline range, kinds',
          parameters: parameters(SearchParams, 'query'),
          responses: { 200: json('SearchPage', 'hits, best first (a text search) or in document order'), 400: problem('a parameter is not valid') },
        },
      },
      '/v1/agencies': {
        get: {
          operationId: 'listAgencies',
          summary: 'Agencies by canonical key, with every spelling seen',
          parameters: parameters(AgenciesParams, 'query'),
          responses: { 200: json('AgenciesPage', 'a page of agencies, most assigned first'), 400: problem('a parameter is not valid') },
        },
      },
      '/v1/deadlines': {
        get: {
          operationId: 'listDeadlines',
          summary: 'Deadline occurrences overlapping a date range, in date order (recurrences expanded)',
          parameters: parameters(DeadlinesParams, 'query'),
          responses: { 200: json('DeadlinesPage', 'a page of occurrences'), 400: problem('a parameter is not valid') },
        },
      },
    },
    components: {
      schemas: components(),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'the token given to the server in VNPLAN_UPLOAD_TOKEN' } },
    },
  };
}
