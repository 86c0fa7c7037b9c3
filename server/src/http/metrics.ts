import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { activeHoldCount, pendingOutbox } from '../store/repositories/metrics.js';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { ApiError, isBusyError } from '../errors.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/store.js';
import type { AppEnv } from './env.js';

/**
 * `/metrics` in the Prometheus text format (version 0.0.4). Written here rather than with
 * prom-client: the server needs three kinds of metric and one output format, about a page of
 * code, where prom-client brings its own registry, default collectors and cluster support, and
 * a dependency to keep up to date on a server that is meant to stay small.
 */

type Labels = Record<string, string>;

/** A label value as the format wants it: backslash, quote and newline escaped. */
const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (labels: Labels) => {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;
};
const number = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

interface Metric {
  readonly name: string;
  render(): string[] | Promise<string[]>;
}

/** A count that only goes up, per set of labels. */
export class Counter implements Metric {
  readonly #values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1) {
    const key = labelText(labels);
    this.#values.set(key, (this.#values.get(key) ?? 0) + by);
  }

  /** The count for exactly these labels (for tests and for other metrics). */
  get(labels: Labels = {}): number {
    return this.#values.get(labelText(labels)) ?? 0;
  }

  render() {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [key, value] of this.#values) lines.push(`${this.name}${key} ${number(value)}`);
    return lines;
  }
}

/** Observations counted into cumulative buckets, with their sum and count, per set of labels. */
export class Histogram implements Metric {
  readonly #series = new Map<string, { labels: Labels; buckets: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly bounds: readonly number[],
  ) {}

  observe(labels: Labels, value: number) {
    const key = labelText(labels);
    let series = this.#series.get(key);
    if (!series) {
      series = { labels, buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.#series.set(key, series);
    }
    for (let i = 0; i < this.bounds.length; i++) if (value <= this.bounds[i]!) series.buckets[i]! += 1;
    series.sum += value;
    series.count += 1;
  }

  render() {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, buckets, sum, count } of this.#series.values()) {
      this.bounds.forEach((bound, i) => lines.push(`${this.name}_bucket${labelText({ ...labels, le: number(bound) })} ${buckets[i]}`));
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${number(sum)}`);
      lines.push(`${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines;
  }
}

/**
 * A value read when scraped. One that cannot be read (the database is down) is left out of the
 * scrape, which Prometheus shows as a gap, rather than failing the whole scrape.
 */
export class Gauge implements Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => number | Promise<number>,
  ) {}

  async render() {
    const head = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    try {
      return [...head, `${this.name} ${number(await this.read())}`];
    } catch {
      return head;
    }
  }
}

/**
 * Database trouble, counted wherever it is met, for the whole process: the store's retries
 * (`databaseRetries.inc({ engine })` where a transaction is run again after a conflict or a
 * busy database), and the requests answered 503 because the database was busy (counted by the
 * metrics middleware from the error the request ended with).
 */
export const databaseBusy = new Counter(
  'tidbok_database_busy_total',
  'Requests answered 503 because the database was busy (locked, or no connection free in time).',
);
export const databaseRetries = new Counter('tidbok_database_retries_total', 'Database transactions run again after a conflict or a busy database.');

/** Seconds; from a cached answer (a millisecond) to a request that waited out a busy database. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface MetricsOptions {
  store: Store;
  clock: Clock;
  /** Open connections now (http/connections.ts), when the server counts them. */
  openConnections?: () => number;
}

/** Every metric of one server: its requests, its connections, and what its database holds. */
export class Metrics {
  readonly requests = new Counter('tidbok_http_requests_total', 'HTTP requests answered, by method, route and status.');
  readonly latency = new Histogram('tidbok_http_request_duration_seconds', 'Time from a request to its answer, by method and route.', LATENCY_BUCKETS);
  readonly refusedConnections = new Counter(
    'tidbok_http_connections_refused_total',
    'Connections closed at once because a connection cap was reached, by cap (total, per_address).',
  );
  readonly #metrics: Metric[];
  /** The outbox as read for the scrape under way: one query for its two gauges. */
  #outbox: Promise<{ pending: number; oldest: number | null }> | null = null;
  /** Whether every database-backed gauge of the scrape under way was read. */
  #databaseRead = true;

  constructor({ store, clock, openConnections }: MetricsOptions) {
    const outbox = () => (this.#outbox ??= pendingOutbox(store.db));
    const fromDatabase =
      <T>(read: () => Promise<T>) =>
      () =>
        read().catch((error: unknown) => {
          this.#databaseRead = false;
          throw error;
        });
    this.#metrics = [
      this.requests,
      this.latency,
      databaseBusy,
      databaseRetries,
      this.refusedConnections,
      new Gauge(
        'tidbok_outbox_pending',
        'Messages (e-mail, SMS) waiting in the outbox to be sent.',
        fromDatabase(async () => (await outbox()).pending),
      ),
      new Gauge(
        'tidbok_outbox_oldest_pending_age_seconds',
        'Age of the oldest message waiting in the outbox; 0 when none waits.',
        fromDatabase(async () => {
          const { oldest } = await outbox();
          return oldest === null ? 0 : Math.max(0, (clock.now() - oldest) / 1000);
        }),
      ),
      new Gauge(
        'tidbok_holds_active',
        'Holds on times that have not expired or been booked.',
        fromDatabase(() => activeHoldCount(store.db, clock.now())),
      ),
      ...(openConnections ? [new Gauge('tidbok_http_connections_open', 'HTTP connections open now.', openConnections)] : []),
      new Gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', () => process.memoryUsage.rss()),
      new Gauge('process_uptime_seconds', 'Seconds since the process started.', () => process.uptime()),
    ];
  }

  /** The route a request matched (its pattern, so ids do not make a series each), or `unmatched`. */
  static route(c: Context): string {
    const routes = matchedRoutes(c);
    const route = routes[c.req.routeIndex];
    if (route && route.method !== 'ALL') return route.path;
    return c.res.status === 404 ? 'unmatched' : (route?.path ?? 'unmatched');
  }

  /** Counts and times every request; first in the chain, so refused requests count too. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const started = performance.now();
      await next();
      const route = Metrics.route(c);
      this.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
      this.latency.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
      if (c.error && isBusyError(c.error)) databaseBusy.inc();
    };
  }

  async render(): Promise<string> {
    this.#outbox = null;
    this.#databaseRead = true;
    const parts = await Promise.all(this.#metrics.map((metric) => metric.render()));
    const read = this.#databaseRead;
    parts.push([
      '# HELP tidbok_metrics_database_read Whether this scrape could read the database-backed gauges (1) or not (0).',
      '# TYPE tidbok_metrics_database_read gauge',
      `tidbok_metrics_database_read ${read ? 1 : 0}`,
    ]);
    return `${parts.flat().join('\n')}\n`;
  }
}

export const METRICS_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Whether `header` is `Bearer <token>`, compared in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export interface MetricsAccess {
  /** `TIDBOK_METRICS_TOKEN`: scrapers send it as a bearer token. */
  token: string | null;
  /** `TIDBOK_METRICS_ADDRESS` (`host:port`): serve /metrics there, apart from the API, and not on the API's port. */
  address: { host: string; port: number } | null;
}

/** Reads the metrics settings; with neither set, /metrics is off. */
export function metricsAccessFromEnv(env: Record<string, string | undefined>): MetricsAccess {
  const token = env.TIDBOK_METRICS_TOKEN?.trim() || null;
  if (token !== null && token.length < 16) throw new Error('TIDBOK_METRICS_TOKEN must be at least 16 characters');
  const raw = env.TIDBOK_METRICS_ADDRESS?.trim() || null;
  if (raw === null) return { token, address: null };
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(raw);
  const port = Number(match?.[3]);
  if (!match || port > 65_535) throw new Error(`TIDBOK_METRICS_ADDRESS must be host:port (say 127.0.0.1:9464), got "${raw}"`);
  return { token, address: { host: match[1] ?? match[2]!, port } };
}

/**
 * `GET /metrics` on the API's port, for when only a token guards it; without the bearer token
 * it answers 401 like any route that wants one.
 */
export function metricsRoute(metrics: Metrics, token: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/metrics', async (c) => {
    if (!bearerMatches(c.req.header('authorization'), token)) {
      throw new ApiError('unauthorized', 'GET /metrics needs the metrics token: Authorization: Bearer <TIDBOK_METRICS_TOKEN>', undefined, {
        'WWW-Authenticate': 'Bearer',
      });
    }
    return c.body(await metrics.render(), 200, { 'Content-Type': METRICS_TYPE, 'Cache-Control': 'no-store' });
  });
  return app;
}

/**
 * A listener of its own for /metrics (`TIDBOK_METRICS_ADDRESS`), meant for an address only the
 * monitoring network reaches; the token, if set too, is asked for here as well.
 */
export function serveMetrics(
  metrics: Metrics,
  access: MetricsAccess & { address: { host: string; port: number } },
  onListening: (port: number) => void,
): Server {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Only GET /metrics is served here\n');
      return;
    }
    if (access.token !== null && !bearerMatches(req.headers.authorization, access.token)) {
      res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer' }).end('The metrics token is needed\n');
      return;
    }
    metrics.render().then(
      (text) => res.writeHead(200, { 'Content-Type': METRICS_TYPE, 'Cache-Control': 'no-store' }).end(text),
      (error: unknown) =>
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`Metrics could not be read: ${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  server.listen(access.address.port, access.address.host, () => {
    const address = server.address();
    onListening(typeof address === 'object' && address ? address.port : access.address.port);
  });
  return server;
}
