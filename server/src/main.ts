import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { configFromEnv } from './config.js';
import { DEMO_SLUG, seedDemoIfEmpty } from './demo.js';
import { demoStaffSession } from './demo-staff-session.js';
import { demoLines } from './demo-lines.js';
import { demoMailboxAllowed } from './demo-mailbox.js';
import { secretKey } from './secret-key.js';
import { ApiError } from './errors.js';
import { connectionLimitsFromEnv, limitConnections, serverOptions } from './http/connections.js';
import { Metrics, metricsAccessFromEnv, serveMetrics } from './http/metrics.js';
import { shutdownOnSignals, shutdownTimeoutMs } from './http/shutdown.js';
import { consoleLogger } from './logger.js';
import { BusyCalendarPoller } from './busy-calendar/poller.js';
import { Dispatcher } from './notifications/dispatcher.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';
import { transportsFromConfig } from './notifications/transports.js';
import { findClinicBySlug } from './services/clinics.js';
import { cleanUp } from './services/maintenance.js';
import { describeDatabase, openStore } from './store/open-store.js';

/** A setting read at start; a bad one stops the server with one line saying which and why. */
function setting<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    console.error(`Tidbok: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const args = (() => {
  try {
    // --demo-mailbox: `npm start` passes it (demo-mailbox.ts says when the page is on).
    return parseArgs({ options: { 'token-file': { type: 'string' }, 'demo-mailbox': { type: 'boolean' } } }).values;
  } catch (error) {
    console.error(`Tidbok: ${error instanceof Error ? error.message : String(error)} (the options are --token-file <path> and --demo-mailbox)`);
    process.exit(2);
  }
})();
const config = setting(() => configFromEnv());
const limits = setting(() => connectionLimitsFromEnv(process.env, Boolean(config.trustProxy)));
const drainTimeoutMs = setting(() => shutdownTimeoutMs(process.env));
const metricsAccess = setting(() => metricsAccessFromEnv(process.env));
// A folder that cannot be written stops the server with one line saying what to do.
const store = setting(() =>
  openStore(config, {
    onPoolError: (error) => consoleLogger.error('database connection lost', { error: error.message }),
  }),
);
// Read (or made) now, so an unreadable key file stops the start rather than a later send. After
// the database, whose folder (the key file's default place) is checked there with a clearer line.
setting(() => secretKey(config));
const applied = await store.migrate().catch((error: unknown) => {
  console.error(`Tidbok could not open its database (${describeDatabase(config)}): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const deps = { store, clock: systemClock, config };
// Several processes started at once on an empty PostgreSQL database all try to seed the demo;
// the ones that lose find its slug taken and start without it.
const demo = await seedDemoIfEmpty(deps).catch((error: unknown) => {
  if (error instanceof ApiError && error.code === 'conflict') return null;
  throw error;
});
// Bundled to server/dist/main.js; the embed bundle sits beside it, the example pages two up.
const here = dirname(fileURLToPath(import.meta.url));
let openConnections = () => 0;
// Off unless a token or an address of its own is set; on that address, not on the API's port.
const metrics =
  metricsAccess.token !== null || metricsAccess.address !== null ? new Metrics({ store, clock: systemClock, openConnections: () => openConnections() }) : null;
const app = createApp({
  ...deps,
  logger: consoleLogger,
  metrics: metrics ? { registry: metrics, token: metricsAccess.address === null ? metricsAccess.token : null } : undefined,
  demoMailbox: demoMailboxAllowed(Boolean(args['demo-mailbox']), config),
  files: {
    embedFile: join(here, 'embed', 'tidbok.js'),
    examplesDir: join(here, '..', '..', 'examples'),
    findClinic: (slug) => findClinicBySlug(deps, slug),
  },
});

/**
 * Where the demo's first staff token goes: into `--token-file` (readable by this user only), or
 * onto a terminal. Never into a log collected from a non-interactive stdout (a service manager's
 * journal, a container's log), where anyone who reads the logs would hold an admin token.
 */
function tokenLine(token: string): string {
  const file = args['token-file'];
  if (file) {
    const path = resolve(file);
    try {
      mkdirSync(dirname(path), { recursive: true });
      // `mode` applies only to a new file: one that was there is narrowed before the token goes in.
      if (existsSync(path)) chmodSync(path, 0o600);
      writeFileSync(path, `${token}\n`, { mode: 0o600 });
      return `  staff token:   written to ${path} (readable by this user only)`;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return `  staff token:   could not be written to ${path} (${reason}); run \`npm run tidbok -- create-token demo\` for a new one`;
    }
  }
  if (process.stdout.isTTY) return `  staff token (shown once; keep it): ${token}`;
  return '  staff token:   not printed, since the output is not a terminal; start with --token-file <path>, or run `npm run tidbok -- create-token demo`';
}

// A 12-hour session for the demo's admin, in the staff page link below: on a terminal only, as
// the token (a link in a collected log would let its readers in).
const demoSession = demo && process.stdout.isTTY ? await demoStaffSession(deps, demo.adminToken) : null;
// A later start on the demo's database prints the demo's pages again.
const demoKept = !demo && Boolean(await findClinicBySlug(deps, DEMO_SLUG));
const mailboxOn = demoMailboxAllowed(Boolean(args['demo-mailbox']), config);

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: serverOptions(limits) }, (info) => {
  const base = `http://localhost:${info.port}`;
  const lines = [
    `Tidbok is listening on ${config.host}:${info.port} (database: ${describeDatabase(config)})`,
    applied.length > 0 ? `  migrations applied: ${applied.join(', ')}` : null,
    `  health:        ${base}/v1/health`,
    `  API reference: ${base}/v1/openapi.json`,
    demo
      ? [...demoLines(base, { session: demoSession, mailbox: mailboxOn }), tokenLine(demo.adminToken)].join('\n')
      : demoKept
        ? [...demoLines(base, { session: null, mailbox: mailboxOn }), '  staff token:   `npm run tidbok -- create-token demo` prints a new one'].join('\n')
        : `  (no demo created: the database already has clinics; \`npm run tidbok -- create-token demo\` prints a new staff token)`,
  ];
  console.log(lines.filter(Boolean).join('\n'));
}) as Server;
const connections = limitConnections(server, limits, (cap) => metrics?.refusedConnections.inc({ cap }));
openConnections = connections.open;
const metricsServer =
  metrics && metricsAccess.address
    ? serveMetrics(metrics, { ...metricsAccess, address: metricsAccess.address }, (port) =>
        console.log(`  metrics:       http://${metricsAccess.address!.host}:${port}/metrics`),
      ).on('error', (error) => {
        console.error(`Tidbok cannot serve metrics on TIDBOK_METRICS_ADDRESS: ${error.message}`);
        process.exit(1);
      })
    : null;

// The outbox is delivered every few seconds; with no transport configured, messages wait there.
const transports = transportsFromConfig(config);
const dispatcher = new Dispatcher(deps, transports, consoleLogger);
dispatcher.start(5_000);

// Webhook events wait in their own outbox; due deliveries are sent every few seconds.
const webhooks = new WebhookDispatcher(deps, consoleLogger);
webhooks.start(5_000);

// Practitioners' own calendars are read about every 15 minutes each; this looks for due ones every minute.
const busyCalendars = new BusyCalendarPoller(deps, consoleLogger);
busyCalendars.start(60_000);

// Housekeeping every ten minutes; failures are logged and retried next time.
const housekeeping = setInterval(() => {
  cleanUp(deps).catch((error: unknown) => consoleLogger.error('clean-up failed', { error: error instanceof Error ? error.message : String(error) }));
}, 10 * 60_000);
housekeeping.unref();

shutdownOnSignals({
  server,
  logger: consoleLogger,
  drainTimeoutMs,
  async afterDrain() {
    clearInterval(housekeeping);
    metricsServer?.close();
    // Work that requests started after answering (a login link's e-mail) is finished, not cut.
    await app.background.idle();
    // The dispatcher's round under way finishes, recording each claimed message as sent or due again.
    await dispatcher.stop();
    // Likewise for webhooks: each claimed delivery is recorded as delivered or due again.
    await webhooks.stop();
    // A calendar being read finishes its read (15 s at most) and stores it, or records its error.
    await busyCalendars.stop();
    await transports.close?.();
    await store.close();
  },
});
