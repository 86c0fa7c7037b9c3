import { Hono } from 'hono';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { type Clock, systemClock } from './clock.js';
import { type Config, testConfig } from './config.js';
import { ApiError, databaseFailure, isBusyError, isInvalidValueError, isOverlapError } from './errors.js';
import { Api } from './http/api.js';
import { compressJson } from './http/compress.js';
import { type Metrics, metricsRoute } from './http/metrics.js';
import { limitBodies } from './http/body-limit.js';
import { CLIENT_CLOSED, isClientGone } from './http/client-gone.js';
import { clinicCors } from './http/cors.js';
import { htmlNotice } from './http/html-notice.js';
import { demoMailboxPage } from './demo-mailbox.js';
import { loggedPath } from './http/logged-path.js';
import { RateLimiter } from './http/rate-limit.js';
import { securityHeaders } from './http/security-headers.js';
import { limitWrites, needsStaffToken } from './http/write-limit.js';
import type { AppEnv } from './http/env.js';
import { buildOpenApi } from './http/openapi.js';
import { type Logger, silentLogger } from './logger.js';
import { adminBusyCalendarRoutes } from './routes/admin-busy-calendar.js';
import { calendarFeedRoutes } from './calendar-feed/routes.js';
import { adminCalendarRoutes } from './routes/admin-calendar.js';
import { adminCatalogueRoutes } from './routes/admin-catalogue.js';
import { adminClientRoutes } from './routes/admin-clients.js';
import { adminHoldRoutes } from './routes/admin-holds.js';
import { adminAuditLogRoutes } from './routes/admin-audit-log.js';
import { adminMeRoutes } from './routes/admin-me.js';
import { adminMessageRoutes } from './routes/admin-messages.js';
import { adminPaymentRoutes } from './routes/admin-payments.js';
import { adminStaffAccessRoutes } from './routes/admin-staff-access.js';
import { adminSettingsRoutes } from './routes/admin-settings.js';
import { staffSessionRoutes } from './routes/staff-sessions.js';
import { adminTemplateWeekRoutes } from './routes/admin-template-weeks.js';
import { adminWebhookRoutes } from './routes/admin-webhooks.js';
import { clientAuthRoutes } from './routes/client-auth.js';
import { confirmPage } from './routes/confirm-page.js';
import { staffSignInPage } from './routes/staff-sign-in-page.js';
import { staffSignInRoutes } from './routes/staff-sign-in.js';
import { managePage } from './routes/manage-page.js';
import { movePage } from './routes/move-page.js';
import { publicBookingRoutes } from './routes/public-booking.js';
import { rescheduleRoutes } from './routes/reschedule.js';
import { publicRoutes } from './routes/public.js';
import { staticRoutes, type StaticOptions } from './routes/static.js';
import { systemRoutes } from './routes/system.js';
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
  /** Counts requests into `registry`; with a `token`, serves it at GET /metrics too (http/metrics.ts). */
  metrics?: { registry: Metrics; token: string | null };
  /** Serves the demo mailbox (demo-mailbox.ts); main.ts decides with demoMailboxAllowed. */
  demoMailbox?: boolean;
}

function problem(error: ApiError): Response {
  return new Response(JSON.stringify(error.toProblem()), {
    status: error.status,
    headers: { 'content-type': 'application/problem+json', ...error.headers },
  });
}

/** Builds the Hono app. It opens no port; `main.ts` does, and tests call `app.request`. */
export function createApp({ store, clock = systemClock, config = testConfig(), logger = silentLogger, files, metrics, demoMailbox }: AppOptions) {
  const deps: Deps = { store, clock, config };
  /** Work requests start and finish after answering (background.ts); `idle()` before closing the store. */
  const background = new Background(logger);
  const app = new Hono<AppEnv>();
  const api = new Api(deps, app);

  // Counted first, so that requests the middleware below refuses are counted too.
  if (metrics) app.use('*', metrics.registry.middleware());

  // One line per request: method, route path without query, status and time. Never bodies,
  // query strings (client searches), tokens or personal numbers. First, so that requests the
  // middleware below refuses (too large, too many) are logged too.
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    logger.info('request', {
      method: c.req.method,
      path: loggedPath(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  app.use('*', securityHeaders(config));
  app.use('*', compressJson());
  // Every route that could read a body, the API's and the HTML forms', has a small limit.
  app.use('*', limitBodies(config.bodyLimitBytes));

  app.use('/v1/clinics/:clinic', clinicCors(deps));
  app.use('/v1/clinics/:clinic/*', clinicCors(deps));

  // Public writes (holds, bookings, cancellations, login links, the manage page's form) are
  // limited per client address; routes that need a staff token are not counted.
  const limiter = new RateLimiter(config.rateLimitPerMinute, () => clock.now());
  const writeLimit = { limiter, trustProxy: config.trustProxy };
  app.use(
    '/v1/clinics/:clinic/*',
    limitWrites({
      ...writeLimit,
      exempt: needsStaffToken(api.specs),
      refuse: (retryAfter) =>
        problem(new ApiError('rate_limited', 'Too many requests from this address; wait a moment', undefined, { 'Retry-After': String(retryAfter) })),
    }),
  );
  app.use(
    '/b/*',
    limitWrites({
      ...writeLimit,
      refuse: (retryAfter) =>
        htmlNotice(429, 'För många försök; vänta en stund', 'Too many attempts; please wait a moment', { 'Retry-After': String(retryAfter) }),
    }),
  );

  // Each route module is a sub-app (its own Api: Hono routes plus their OpenAPI specs), mounted
  // under its prefix in this order, after the middleware above, so that order is the order of
  // matching as it was when every module registered on this app.
  const CLINIC = '/v1/clinics/:clinic';
  const ADMIN = `${CLINIC}/admin`;
  api.mount('/v1', systemRoutes(deps));
  api.mount(CLINIC, publicRoutes(deps));
  api.mount(CLINIC, publicBookingRoutes(deps));
  api.mount(CLINIC, rescheduleRoutes(deps));
  api.mount(ADMIN, adminCatalogueRoutes(deps));
  api.mount(ADMIN, adminSettingsRoutes(deps));
  api.mount(ADMIN, adminClientRoutes(deps));
  api.mount(ADMIN, adminHoldRoutes(deps));
  api.mount(ADMIN, adminCalendarRoutes(deps));
  api.mount(ADMIN, adminMessageRoutes(deps));
  api.mount(ADMIN, adminPaymentRoutes(deps));
  api.mount(ADMIN, adminTemplateWeekRoutes(deps));
  api.mount(ADMIN, adminStaffAccessRoutes(deps));
  api.mount(CLINIC, staffSessionRoutes(deps));
  api.mount(ADMIN, adminWebhookRoutes(deps));
  api.mount('/', calendarFeedRoutes(deps));
  api.mount(ADMIN, adminBusyCalendarRoutes(deps));
  api.mount(ADMIN, adminMeRoutes(deps));
  api.mount(ADMIN, adminAuditLogRoutes(deps));
  api.mount(CLINIC, clientAuthRoutes(deps, background));
  api.mount(CLINIC, staffSignInRoutes(deps));
  // Before the manage page, whose /b/:clinic/:id would take /b/:clinic/confirm.
  app.route('/b', confirmPage(deps));
  app.route('/b', managePage(deps));
  app.route('/b', movePage(deps, files));
  app.route('/', staffSignInPage(deps));

  if (demoMailbox) app.route('/', demoMailboxPage(deps));
  if (files) app.route('/', staticRoutes(files));
  if (metrics?.token) app.route('/', metricsRoute(metrics.registry, metrics.token));

  let openapi: unknown;
  app.get('/v1/openapi.json', (c) => {
    openapi ??= buildOpenApi(api.specs, { version: VERSION });
    return c.json(openapi);
  });

  app.notFound(() => problem(new ApiError('not_found', 'No such route')));
  app.onError((error, c) => {
    if (error instanceof ApiError) return problem(error);
    if (isClientGone(error, c)) return new Response(null, { status: CLIENT_CLOSED });
    if (isOverlapError(error)) return problem(new ApiError('conflict', 'The time overlaps another booking or hold'));
    if (isInvalidValueError(error)) {
      return problem(new ApiError('validation_failed', 'A value in the request cannot be stored (a NUL character, or a number out of range)'));
    }
    // Disk full, file gone, PostgreSQL down: 503, and a log line that names the cause.
    const failure = databaseFailure(error);
    if (failure) {
      logger.error('database unavailable', { cause: failure });
      return problem(new ApiError('unavailable', 'The database cannot be used right now', undefined, { 'Retry-After': '5' }));
    }
    if (isBusyError(error)) {
      return problem(new ApiError('unavailable', 'The database is busy', undefined, { 'Retry-After': '1' }));
    }
    logger.error('unhandled error', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    return problem(new ApiError('internal_error'));
  });

  return Object.assign(app, { specs: api.specs, deps, background });
}

export type TidbokApp = ReturnType<typeof createApp>;
