import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { ErrorCodeSchema, ProblemSchema, ROLE_PERMISSIONS, type StaffRole } from '@tidbok/core';
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
  integration: { name: 'integration', description: "An integration key of the clinic in the path (the intranet's server only)." },
};

const PROBLEM_CONTENT = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

const ERROR_RESPONSE = {
  description: 'A problem (RFC 9457) with a stable `code`.',
  content: PROBLEM_CONTENT,
};

/**
 * The problems every server answer carries: `detail` is always there (ApiError falls back to a
 * default per code) and `code` is one of the stable codes. The shared ProblemSchema keeps them
 * loose because the SDK also reads problems from proxies and older servers.
 */
const ServerProblemSchema = z.extend(ProblemSchema, { detail: z.string(), code: ErrorCodeSchema });

/**
 * The errors a route's spec implies, documented per operation so clients (and the contract test)
 * know which to expect: these are raised by `Api.route`, `authorize` and the `/v1` middleware in
 * app.ts, not by the handlers. Handler-specific problems (409, 410, …) stay under `default`.
 */
function impliedErrors(spec: RouteSpec): Record<number, string> {
  const errors: Record<number, string> = {};
  const params = [...spec.path.matchAll(/:([A-Za-z0-9_]+)/g)].map(([, name]) => name);
  const onClinicPath = params.includes('clinic');
  const visitor = spec.access === 'public' || spec.access === 'client';
  if (spec.body || spec.query) {
    const what = [spec.body ? 'the body is missing or not valid' : '', spec.query ? 'a query parameter is not valid' : ''];
    errors[400] = `\`validation_failed\`: ${what.filter(Boolean).join(', or ')}.`;
  }
  // A public route with a required header takes a secret there (Tidbok-Hold-Secret).
  const secretHeader = spec.access === 'public' ? spec.headers?.find((header) => header.required) : undefined;
  if (spec.access !== 'public') errors[401] = '`unauthorized`: the token is missing or not valid.';
  else if (secretHeader) errors[401] = `\`unauthorized\`: the ${secretHeader.name} header is missing or wrong.`;
  const forbidden: string[] = [];
  if (spec.access === 'staff' || spec.access === 'admin') forbidden.push("`forbidden`: the token is another clinic's");
  if (spec.access === 'admin') forbidden.push('`forbidden`: the token lacks the admin role');
  else if (spec.permission) forbidden.push(`\`forbidden\`: the token's role lacks the \`${spec.permission}\` permission`);
  if (spec.module === 'booking') forbidden.push('`module_disabled`: the clinic has switched online booking off');
  if (forbidden.length > 0) errors[403] = `${forbidden.join('; or ')}.`;
  if (params.some((name) => name !== 'clinic') || (onClinicPath && visitor)) {
    errors[404] = `\`not_found\`: no such ${[onClinicPath && visitor ? 'clinic' : '', params.includes('id') ? 'item' : ''].filter(Boolean).join(' or ')}.`;
  }
  if (spec.body) errors[413] = '`payload_too_large`: the body is over the size limit (64 KiB).';
  // app.ts limits visitors' writes per address (TIDBOK_RATE_LIMIT; 0 turns it off).
  if (onClinicPath && visitor && (spec.method === 'post' || spec.method === 'delete')) {
    errors[429] = '`rate_limited`: too many writes from this address; wait for `Retry-After` seconds.';
  }
  return errors;
}

function rolesWith(spec: RouteSpec): StaffRole[] {
  if (spec.access === 'admin') return ['admin'];
  return (Object.keys(ROLE_PERMISSIONS) as StaffRole[]).filter((role) => spec.permission && ROLE_PERMISSIONS[role].includes(spec.permission));
}

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
    for (const [status, description] of Object.entries(impliedErrors(spec))) {
      responses[status] ??= { description, content: PROBLEM_CONTENT };
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
      // Staff routes name the permission they need and the roles that hold it (staff-access.ts in core).
      ...(spec.permission ? { 'x-tidbok-permission': spec.permission, 'x-tidbok-roles': rolesWith(spec) } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } } : {}),
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
      schemas: { Problem: jsonSchema(ServerProblemSchema, 'output') },
      securitySchemes: {
        operator: { type: 'http', scheme: 'bearer', description: SECURITY.operator?.description },
        staff: { type: 'http', scheme: 'bearer', description: SECURITY.staff?.description },
        client: { type: 'http', scheme: 'bearer', description: SECURITY.client?.description },
        integration: { type: 'http', scheme: 'bearer', description: SECURITY.integration?.description },
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
  return [spec.method, ...words].join('-').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
