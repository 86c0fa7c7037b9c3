import { type Problem, ProblemSchema } from '@tidbok/core';
import ky, { HTTPError, type Options as KyOptions, TimeoutError } from 'ky';
import * as z from 'zod/mini';
import { isTidbokError, TidbokError } from './errors.js';
import { serializeInstants } from './instants.js';

export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retrying off. Default 2. */
  limit?: number;
  /**
   * The longest `Retry-After` (ms) the SDK waits out on a 429 or 503 before retrying; a longer
   * one fails at once, so a person is told rather than kept waiting. Default 10 000.
   */
  maxRetryAfter?: number;
  /** The longest backoff (ms) between two attempts. Default: no limit (0.3 s, 0.6 s, 1.2 s, …). */
  backoffLimit?: number;
  /** The backoff (ms) before retry number `attempt` (1, 2, …). */
  delay?: (attempt: number) => number;
  /** Also retry an attempt that timed out (only calls that are safe to repeat). Default false. */
  retryOnTimeout?: boolean;
}

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  /** Where the server is, e.g. `https://book.clinic.example` (a path prefix is kept). */
  baseUrl: string;
  /** The clinic's slug. */
  clinic: string;
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: FetchLike;
  /** A number is the retry limit. See `RetryOptions` for which calls are retried at all. */
  retry?: number | RetryOptions;
  /** Milliseconds for one attempt, or `false` for none. Default 10 000. */
  timeout?: number | false;
  /** Sent with every request. */
  headers?: Record<string, string>;
}

/** The last argument of every method. */
export interface RequestOptions {
  signal?: AbortSignal;
}

export interface Call {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** After `/v1/clinics/:clinic`, e.g. `/admin/locations/lo_1`. */
  path: string;
  query?: Record<string, string | number | boolean | Date | null | undefined>;
  json?: unknown;
  /** A bearer token for this call; overrides the transport's own. */
  token?: string | undefined;
  headers?: Record<string, string>;
  /** Sent as `Idempotency-Key`; makes a POST safe to retry. */
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
  /**
   * The least time this call waits for an answer (unless timeouts are off): for calls the server
   * answers only after a slow step of its own, such as reading a calendar (up to 15 s).
   */
  minTimeout?: number;
}

/** Reads a successful response into the value a method returns. */
export type Reader<T> = (response: Response, request: Request | undefined) => Promise<T>;

export type Send = <T>(call: Call, read: Reader<T>) => Promise<T>;

/**
 * Calls that may be repeated without changing the outcome: GET, PUT and DELETE (docs/design.md, "Conventions on the wire"). A POST
 * joins them only with an `Idempotency-Key` (the server answers a repeat with the first result).
 * PATCH is left out: a patch may be relative in a later API version.
 */
const SAFE_METHODS = ['get', 'put', 'delete'] as const;

/**
 * The statuses worth another attempt. 413 (ky's default) is left out: the same body stays too
 * large. 429 and 503 wait for `Retry-After` when the server sends one.
 */
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
const RETRY_AFTER_STATUSES = [429, 503];

/** Codes for an error status whose body is not a problem (a proxy's page, an old server). */
const FALLBACK_CODES: Record<number, string> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'unavailable',
  503: 'unavailable',
  504: 'unavailable',
};

async function problemOf(response: Response): Promise<Problem | undefined> {
  try {
    const parsed = z.safeParse(ProblemSchema, JSON.parse(await response.text()));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function errorFromResponse(response: Response, request: Request): Promise<TidbokError> {
  const problem = await problemOf(response);
  const { status } = response;
  return new TidbokError(
    problem?.code ?? FALLBACK_CODES[status] ?? 'http_error',
    problem?.detail ?? problem?.title ?? `${request.method} ${request.url} failed with status ${status}`,
    { status, problem, request, response },
  );
}

function toTidbokError(error: unknown, request: Request | undefined, signal: AbortSignal | undefined) {
  // First: an abort surfaces as whatever was in flight (a DOMException, a TypeError from a body
  // read, a half-read JSON), none of which is the story.
  if (signal?.aborted) return new TidbokError('aborted', 'The request was aborted', { cause: signal.reason, request });
  if (isTidbokError(error)) return error;
  if (error instanceof HTTPError) return errorFromResponse(error.response, error.request);
  if (error instanceof TimeoutError) {
    return new TidbokError('timeout', `No response in time: ${error.request.method} ${error.request.url}`, {
      cause: error,
      request: error.request,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new TidbokError('network_error', `No response from the server (${reason})`, { cause: error, request });
}

/** A reader that parses JSON with a core schema; anything else is `invalid_response`. */
export function json<S extends z.ZodMiniType>(schema: S): Reader<z.output<S>> {
  return async (response, request) => {
    // Read outside the try: a body cut off mid-way is a network error, not a bad response.
    const body = await response.text();
    let cause: unknown;
    try {
      const result = z.safeParse(schema, JSON.parse(body));
      if (result.success) return result.data;
      cause = result.error;
    } catch (error) {
      cause = error;
    }
    throw new TidbokError('invalid_response', `The response to ${request?.method} ${request?.url} does not match the API`, {
      status: response.status,
      request,
      response,
      cause,
    });
  };
}

export const text: Reader<string> = (response) => response.text();

/** For 204 and 202: the body, if any, is read and dropped so the connection can be reused. */
export const nothing: Reader<void> = async (response) => {
  await response.arrayBuffer();
};

/**
 * The HTTP layer of both clients: ky with the SDK's retry rules, bearer auth, and every failure
 * turned into a `TidbokError`.
 */
export function createTransport(options: TransportOptions, auth?: () => string | undefined | Promise<string | undefined>): Send {
  const root = `${options.baseUrl.replace(/\/+$/, '')}/v1/clinics/${encodeURIComponent(options.clinic)}`;
  const retry = typeof options.retry === 'number' ? { limit: options.retry } : (options.retry ?? {});
  const maxRetryAfter = retry.maxRetryAfter ?? 10_000;
  const userFetch = options.fetch;

  return async <T>(call: Call, read: Reader<T>): Promise<T> => {
    const { signal } = call;
    let request: Request | undefined;
    let attempts = 0;
    try {
      const token = call.token ?? (await auth?.());
      const headers: Record<string, string> = { ...options.headers, ...call.headers };
      if (token) headers.authorization = `Bearer ${token}`;
      if (call.idempotencyKey) headers['idempotency-key'] = call.idempotencyKey;
      const { json, query } = call;
      const kyOptions: KyOptions = {
        method: call.method,
        headers,
        // Inside the try, so an invalid Date rejects like every other failure instead of throwing.
        json: json && typeof json === 'object' && !Array.isArray(json) ? serializeInstants(json) : json,
        searchParams: query
          ? (Object.fromEntries(Object.entries(serializeInstants(query)).filter(([, v]) => v !== undefined && v !== null)) as Record<string, string>)
          : undefined,
        signal,
        timeout: options.timeout === false ? false : Math.max(options.timeout ?? 10_000, call.minTimeout ?? 0),
        // Called as a plain function: a browser's `fetch` throws "Illegal invocation" when ky
        // calls it as a method of its options object.
        fetch: userFetch && ((input, init) => userFetch(input as Request, init)),
        retry: {
          limit: retry.limit ?? 2,
          // The Idempotency-Key is a header of the request ky clones for each attempt, so every
          // retry of one call carries the same key.
          methods: call.idempotencyKey ? [...SAFE_METHODS, 'post'] : [...SAFE_METHODS],
          statusCodes: RETRY_STATUSES,
          afterStatusCodes: RETRY_AFTER_STATUSES,
          backoffLimit: retry.backoffLimit,
          delay: retry.delay,
          retryOnTimeout: retry.retryOnTimeout ?? false,
          shouldRetry: ({ error }) => {
            const after = error instanceof HTTPError ? Number(error.response.headers.get('retry-after')) : 0;
            return after * 1000 > maxRetryAfter ? false : undefined;
          },
        },
        hooks: {
          beforeRequest: [
            (req) => {
              request = req;
              attempts++;
            },
          ],
        },
      };
      const response = await ky(`${root}${call.path}`, kyOptions);
      return await read(response, request);
    } catch (error) {
      const failure = await toTidbokError(error, request, signal);
      // A retried DELETE that finds nothing: the attempt whose answer was lost deleted it.
      if (call.method === 'delete' && attempts > 1 && failure.status === 404 && read === nothing) return undefined as T;
      throw failure;
    }
  };
}
