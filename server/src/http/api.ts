import { type Context, Hono } from 'hono';
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import type { Permission } from '@tidbok/core';
import { ApiError, type FieldError } from '../errors.js';
import type { Deps } from '../services/deps.js';
import { authorize } from './authorize.js';
import type { AppEnv } from './env.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** Who may call a route; the OpenAPI document states it and the middleware enforces it. */
/** `integration`: an integration key, which only opens staff sessions (the intranet handshake). */
export type Access = 'public' | 'operator' | 'staff' | 'admin' | 'client' | 'integration';

export interface ResponseSpec {
  description: string;
  schema?: $ZodType;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
}

export interface RouteSpec<B extends $ZodType | undefined = $ZodType | undefined, Q extends $ZodType | undefined = $ZodType | undefined> {
  method: Method;
  /** Hono-style path with `:params`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /**
   * What a staff route needs (required for `staff` routes; `admin` routes need the admin role,
   * which holds every permission). Checked against the caller's role before anything else.
   */
  permission?: Permission;
  /** Public and client routes that need the clinic's booking module switched on. */
  module?: 'booking';
  body?: B;
  query?: Q;
  /** Extra request headers worth documenting (Idempotency-Key, Tidbok-Hold-Secret). */
  headers?: { name: string; description: string; required?: boolean }[];
  responses: Record<number, ResponseSpec>;
}

type Out<S> = S extends $ZodType ? z.output<S> : undefined;

export interface RouteInput<B, Q> {
  body: Out<B>;
  query: Out<Q>;
}

/** Turns zod issues into the `errors` of a validation problem, one entry per field. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], prefix: string[] = []): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ path: [...path, key].join('.'), message: 'Unknown field' });
    } else {
      errors.push({ path: path.join('.'), message: issue.message });
    }
  }
  return errors;
}

export function parseWith<S extends $ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.output<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error.issues, where === 'body' ? [] : [where]);
  const first = errors[0];
  const detail = first ? `${first.path || where}: ${first.message}` : `The ${where} is not valid`;
  throw new ApiError('validation_failed', detail, errors);
}

/**
 * A route that declares a body needs one, as the OpenAPI document says (`requestBody.required`).
 * An empty body used to be read as `{}`, so a PATCH or a cancel whose body got lost on the way
 * answered 200 and changed nothing; now it is a 400 the client can see.
 */
async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') {
    throw new ApiError('validation_failed', 'This request needs a JSON body', [{ path: '', message: 'Required' }]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('validation_failed', 'The body is not valid JSON', [{ path: '', message: 'Malformed JSON' }]);
  }
}

/**
 * Registers Hono routes and remembers their specs, so the OpenAPI document is generated from
 * exactly the routes that exist and the schemas that validate them.
 *
 * Each route module builds its own `Api` (a Hono sub-app plus the specs of its routes, with paths
 * relative to where it is mounted) and app.ts mounts it with `mount`, which is Hono's `app.route`
 * that also keeps the specs, under their full paths.
 */
export class Api {
  readonly specs: RouteSpec[] = [];
  constructor(
    private readonly deps: Deps,
    readonly app: Hono<AppEnv> = new Hono<AppEnv>(),
  ) {}

  /** Mounts a route module's routes under `prefix`, as Hono's `app.route(prefix, subApp)` does. */
  mount(prefix: string, routes: Api): void {
    this.app.route(prefix, routes.app);
    // The same joining as Hono's: a sub-app's `/` is the prefix itself, and a `/` prefix adds nothing.
    const join = (path: string) => `${prefix.replace(/\/$/, '')}${path === '/' ? '' : path}` || '/';
    for (const spec of routes.specs) this.specs.push({ ...spec, path: join(spec.path) });
  }

  route<B extends $ZodType | undefined = undefined, Q extends $ZodType | undefined = undefined>(
    spec: RouteSpec<B, Q>,
    handler: (c: Context<AppEnv>, input: RouteInput<B, Q>) => Response | Promise<Response>,
  ): void {
    // A staff route without a permission would be open to every role: refuse to start instead.
    if (spec.access === 'staff' && !spec.permission) throw new Error(`${spec.method} ${spec.path} needs a permission`);
    this.specs.push(spec as RouteSpec);
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      await authorize(this.deps, c, spec);
      const query = spec.query ? parseWith(spec.query, c.req.query(), 'query') : undefined;
      const body = spec.body ? parseWith(spec.body, await readJson(c), 'body') : undefined;
      return handler(c, { body, query } as RouteInput<B, Q>);
    });
  }
}

/** The `:id` of a route; routes that use it always declare it. */
export function idParam(c: Context): string {
  return c.req.param('id') ?? '';
}

/** Headers for a body that is already JSON text (a cached answer): what `c.json` would send. */
export const JSON_TYPE = { 'Content-Type': 'application/json' } as const;
