import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { configFromEnv } from './config.js';
import { seedDemoIfEmpty } from './demo.js';
import { ApiError } from './errors.js';
import { consoleLogger } from './logger.js';
import { Dispatcher } from './notifications/dispatcher.js';
import { transportsFromConfig } from './notifications/transports.js';
import { findClinicBySlug } from './services/clinics.js';
import { cleanUp } from './services/maintenance.js';
import { describeDatabase, openStore } from './store/open-store.js';

const config = configFromEnv();
const store = openStore(config, {
  onPoolError: (error) => consoleLogger.error('database connection lost', { error: error.message }),
});
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
const app = createApp({
  ...deps,
  logger: consoleLogger,
  files: {
    embedFile: join(here, 'embed', 'tidbok.js'),
    examplesDir: join(here, '..', '..', 'examples'),
    findClinic: (slug) => findClinicBySlug(deps, slug),
  },
});

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const base = `http://localhost:${info.port}`;
  const lines = [
    `Tidbok is listening on ${config.host}:${info.port} (database: ${describeDatabase(config)})`,
    applied.length > 0 ? `  migrations applied: ${applied.join(', ')}` : null,
    `  health:        ${base}/v1/health`,
    `  API reference: ${base}/v1/openapi.json`,
    demo
      ? [
          `  demo clinic:   ${base}/v1/clinics/${demo.slug}`,
          `  booking page:  ${base}/demo/`,
          `  staff page:    ${base}/demo/admin.html`,
          `  staff token (shown once; keep it): ${demo.adminToken}`,
        ].join('\n')
      : `  (no demo created: the database already has clinics; \`npm run tidbok -- create-token demo\` prints a new staff token)`,
  ];
  console.log(lines.filter(Boolean).join('\n'));
});

// The outbox is delivered every few seconds; with no transport configured, messages wait there.
const transports = transportsFromConfig(config);
const dispatcher = new Dispatcher(deps, transports, consoleLogger);
dispatcher.start(5_000);

// Housekeeping every ten minutes; failures are logged and retried next time.
const housekeeping = setInterval(() => {
  cleanUp(deps).catch((error: unknown) =>
    consoleLogger.error('clean-up failed', { error: error instanceof Error ? error.message : String(error) }),
  );
}, 10 * 60_000);
housekeeping.unref();

let closing = false;
function shutdown() {
  if (closing) return;
  closing = true;
  server.close(() => {
    void dispatcher
      .stop()
      .then(() => transports.close?.())
      .then(() => store.close())
      .then(() => process.exit(0));
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
