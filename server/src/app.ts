import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { type Clock, systemClock } from './clock.js';
import { type Config, testConfig } from './config.js';
import { ApiError, isBusyError, isInvalidValueError, isOverlapError } from './errors.js';
import { Api } from './http/api.js';
import { clientIp } from './http/client-ip.js';
import { clinicCors } from './http/cors.js';
import { RateLimiter } from './http/rate-limit.js';
import type { AppEnv } from './http/env.js';
import { buildOpenApi } from './http/openapi.js';
import { type Logger, silentLogger } from './logger.js';
import { registerAdminCalendarRoutes } from './routes/admin-calendar.js';
import { registerAdminCatalogueRoutes } from './routes/admin-catalogue.js';
import { registerAdminMessageRoutes } from './routes/admin-messages.js';
import { registerAdminPaymentRoutes } from './routes/admin-payments.js';
import { registerAdminTemplateWeekRoutes } from './routes/admin-template-weeks.js';
import { registerClientAuthRoutes } from './routes/client-auth.js';
import { registerManagePage } from './routes/manage-page.js';
import { registerPublicBookingRoutes } from './routes/public-booking.js';
import { registerPublicRoutes } from './routes/public.js';
import { registerStaticRoutes, type StaticOptions } from './routes/static.js';
import { registerSystemRoutes } from './routes/system.js';
import { Background } from './services/background.js';
import type { Deps } from './services/deps.js';
import type { Store } from './store/store.js';

// Readable validation messages ("Invalid input: expected string, received number").
z.config(en());

export const VERSION = '0.1.0';

export interface AppOptions {
  store: Store;
  clock?: Clock;
  config?: Config;
  logger?: Logger;
  /** Where the embed bundle and demo pages are; omitted in tests that don't serve them. */
  files?: StaticOptions;
}

function problem(error: ApiError): Response {
  return new Response(JSON.stringify(error.toProblem()), {
    status: error.status,
    headers: { 'content-type': 'application/problem+json', ...error.headers },
  });
}

/**
 * Sets headers on the finished response. Straight on its `Headers`, not through `c.header()`:
 * once a response exists, Hono's `c.header()` copies it into a new one, which reads the body and
 * so turns @hono/node-server's light response into a full WHATWG one (a tenth of a slots
 * request's time). A response with immutable headers (`Response.redirect`) goes the copying way.
 */
function setHeaders(c: Context, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) {
    try {
      c.res.headers.set(name, value);
    } catch {
      c.header(name, value);
    }
  }
}

/** Builds the Hono app. It opens no port; `main.ts` does, and tests call `app.request`. */
export function createApp({ store, clock = systemClock, config = testConfig(), logger = silentLogger, files }: AppOptions) {
  const deps: Deps = { store, clock, config, background: new Background(logger) };
  const app = new Hono<AppEnv>();
  const api = new Api(app, deps);

  app.use('*', async (c, next) => {
    await next();
    setHeaders(c, {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      ...(c.req.path.startsWith('/v1/') ? { 'Cache-Control': 'no-store' } : {}),
    });
  });
  const tooLarge = () => problem(new ApiError('payload_too_large', `Bodies are limited to ${config.bodyLimitBytes} bytes`));
  const countBody = bodyLimit({ maxSize: config.bodyLimitBytes, onError: tooLarge });
  // Hono's bodyLimit first asks the request for its body stream, even on a GET, and that makes
  // @hono/node-server build a whole WHATWG Request (an AbortSignal, a stream) for every request:
  // 6–10 % of the server's time. A declared Content-Length is enough (Node's parser never reads
  // past it), so only a chunked body is counted as it streams in.
  app.use('/v1/*', (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return countBody(c, next);
    return Number(length) > config.bodyLimitBytes ? Promise.resolve(tooLarge()) : next();
  });

  app.use('/v1/clinics/:clinic', clinicCors(deps));
  app.use('/v1/clinics/:clinic/*', clinicCors(deps));

  // Public writes (holds, bookings, cancellations, login links) are limited per client address.
  const limiter = new RateLimiter(config.rateLimitPerMinute, () => clock.now());
  app.use('/v1/clinics/:clinic/*', async (c, next) => {
    if ((c.req.method === 'POST' || c.req.method === 'DELETE') && !c.req.path.includes('/admin/')) {
      const retryAfter = limiter.hit(clientIp(c, config.trustProxy));
      if (retryAfter > 0) {
        return problem(
          new ApiError('rate_limited', 'Too many requests from this address; wait a moment', undefined, {
            'Retry-After': String(retryAfter),
          }),
        );
      }
    }
    await next();
  });

  // One line per request: method, route path without query, status and time. Never bodies,
  // query strings (client searches), tokens or personal numbers.
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  registerSystemRoutes(api, deps);
  registerPublicRoutes(api, deps);
  registerPublicBookingRoutes(api, deps);
  registerAdminCatalogueRoutes(api, deps);
  registerAdminCalendarRoutes(api, deps);
  registerAdminMessageRoutes(api, deps);
  registerAdminPaymentRoutes(api, deps);
  registerAdminTemplateWeekRoutes(api, deps);
  registerClientAuthRoutes(api, deps);
  registerManagePage(app, deps);

  if (files) registerStaticRoutes(app, files);

  let openapi: unknown;
  app.get('/v1/openapi.json', (c) => {
    openapi ??= buildOpenApi(api.specs, { version: VERSION });
    return c.json(openapi);
  });

  app.notFound(() => problem(new ApiError('not_found', 'No such route')));
  app.onError((error) => {
    if (error instanceof ApiError) return problem(error);
    if (isOverlapError(error)) return problem(new ApiError('conflict', 'The time overlaps another booking or hold'));
    if (isInvalidValueError(error)) {
      return problem(new ApiError('validation_failed', 'A value in the request cannot be stored (a NUL character, or a number out of range)'));
    }
    if (isBusyError(error)) {
      return problem(new ApiError('unavailable', 'The database is busy', undefined, { 'Retry-After': '1' }));
    }
    logger.error('unhandled error', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    return problem(new ApiError('internal_error'));
  });

  return Object.assign(app, { specs: api.specs, deps });
}

export type TidbokApp = ReturnType<typeof createApp>;
