import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { ProblemSchema } from '@tidbok/core';
import type { Access, RouteSpec } from './api.js';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: $ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const SECURITY: Record<Access, { name: string; description: string } | null> = {
  public: null,
  operator: { name: 'operator', description: 'The operator token from TIDBOK_OPERATOR_TOKEN.' },
  staff: { name: 'staff', description: 'A staff token of the clinic in the path.' },
  admin: { name: 'staff', description: 'A staff token with the admin role.' },
  client: { name: 'client', description: 'A manage token for one booking, or a client session token.' },
};

const ERROR_RESPONSE = {
  description: 'A problem (RFC 9457) with a stable `code`.',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** The OpenAPI 3.1 document, generated from the registered routes and their zod schemas. */
export function buildOpenApi(specs: readonly RouteSpec[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters: unknown[] = [...spec.path.matchAll(/:([A-Za-z0-9_]+)/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
      ...(name === 'clinic' ? { description: "The clinic's slug." } : {}),
    }));
    if (spec.query) {
      const query = jsonSchema(spec.query, 'input');
      const required = new Set((query.required as string[] | undefined) ?? []);
      for (const [name, schema] of Object.entries((query.properties as Record<string, unknown>) ?? {})) {
        parameters.push({ name, in: 'query', required: required.has(name), schema });
      }
    }
    for (const header of spec.headers ?? []) {
      parameters.push({
        name: header.name,
        in: 'header',
        required: header.required ?? false,
        description: header.description,
        schema: { type: 'string' },
      });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(spec.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? { content: { [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema, 'output') } } }
          : response.contentType
            ? { content: { [response.contentType]: { schema: { type: 'string' } } } }
            : {}),
      };
    }
    responses.default = ERROR_RESPONSE;
    const security = SECURITY[spec.access];
    paths[path] ??= {};
    paths[path][spec.method] = {
      operationId: operationId(spec),
      summary: spec.summary,
      tags: [spec.tag],
      // OpenAPI 3.1 lets a bearer requirement list role names: admin-only routes say so.
      ...(security ? { security: [{ [security.name]: spec.access === 'admin' ? ['admin'] : [] }] } : { security: [] }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tidbok API',
      version: info.version,
      description: 'Availability and booking for small clinics. Errors are application/problem+json with a stable code.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: jsonSchema(ProblemSchema, 'output') },
      securitySchemes: {
        operator: { type: 'http', scheme: 'bearer', description: SECURITY.operator?.description },
        staff: { type: 'http', scheme: 'bearer', description: SECURITY.staff?.description },
        client: { type: 'http', scheme: 'bearer', description: SECURITY.client?.description },
      },
    },
  };
}

function operationId(spec: RouteSpec): string {
  const words = spec.path
    .replace(/^\/v1\//, '')
    .split('/')
    .filter((part) => part !== 'clinics' && part !== ':clinic' && part !== '')
    .map((part) => (part.startsWith(':') ? 'by-' + part.slice(1) : part));
  return [spec.method, ...words]
    .join('-')
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
