import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestContext, listen, OPERATOR_TOKEN, type TestContext } from '../testing.js';
import { databaseRetries, Metrics, metricsAccessFromEnv } from './metrics.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let metrics: Metrics;

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z' });
  metrics = new Metrics({ store: t.store, clock: t.clock });
  server = await listen(createApp({ ...t.app.deps, metrics: { registry: metrics, token: TOKEN } }));
});
afterEach(async () => {
  await server.close();
  await t.close();
});

async function call(method: string, path: string, { token, body }: { token?: string; body?: unknown } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The value of one sample line (`name{labels} value`) of the scrape, or undefined. */
function sample(scrape: string, series: string): number | undefined {
  const line = scrape.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const scrape = async () => {
  const res = await call('GET', '/metrics', { token: TOKEN });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return res.text;
};

describe('GET /metrics', () => {
  it('needs the metrics token', async () => {
    for (const token of [undefined, 'wrong', OPERATOR_TOKEN, `${TOKEN}x`]) {
      const res = await call('GET', '/metrics', { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(JSON.parse(res.text)).toMatchObject({ status: 401, code: 'unauthorized', detail: expect.stringContaining('metrics token') });
      expect(res.text).not.toContain('tidbok_');
    }
  });

  it('is not there unless configured', async () => {
    const plain = await listen(createApp({ ...t.app.deps }));
    try {
      const res = await fetch(`${plain.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('counts requests by route pattern and status, with latency histograms', async () => {
    await call('GET', '/v1/health');
    await call('GET', '/v1/health');
    await call('GET', '/v1/clinics/nowhere');
    await call('GET', '/no/such/route');
    const text = await scrape();
    expect(sample(text, 'tidbok_http_requests_total{method="GET",route="/v1/health",status="200"}')).toBe(2);
    // The pattern, not the slug: one series per route, whatever the ids.
    expect(sample(text, 'tidbok_http_requests_total{method="GET",route="/v1/clinics/:clinic",status="404"}')).toBe(1);
    expect(sample(text, 'tidbok_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(text).not.toContain('nowhere');
    expect(text).toContain('# TYPE tidbok_http_request_duration_seconds histogram');
    expect(sample(text, 'tidbok_http_request_duration_seconds_count{method="GET",route="/v1/health"}')).toBe(2);
    expect(sample(text, 'tidbok_http_request_duration_seconds_bucket{method="GET",route="/v1/health",le="+Inf"}')).toBe(2);
    expect(sample(text, 'tidbok_http_request_duration_seconds_bucket{method="GET",route="/v1/health",le="10"}')).toBe(2);
    // Every sample line is `name{labels} number`.
    for (const line of text
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('#'))) {
      expect(line).toMatch(/^[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? (-?[0-9.e+-]+|\+Inf|NaN)$/);
    }
  });

  it('reports active holds and the outbox: how many wait and how long the oldest has', async () => {
    const clinic = await call('POST', '/v1/clinics', { token: OPERATOR_TOKEN, body: { slug: 'lugna', name: 'Lugna' } });
    const { adminToken } = JSON.parse(clinic.text) as { adminToken: string };
    const admin = async (path: string, body: unknown) =>
      JSON.parse((await call('POST', `/v1/clinics/lugna/admin${path}`, { token: adminToken, body })).text) as { id: string };
    const treatmentTypeId = (await admin('/treatment-types', { name: 'Samtal', durationMinutes: 60 })).id;
    const practitionerId = (await admin('/practitioners', { name: 'Anna', treatmentTypeIds: [treatmentTypeId] })).id;
    await admin('/working-times', { practitionerId, start: '2027-03-03T08:00:00Z', end: '2027-03-03T12:00:00Z' });

    let text = await scrape();
    expect(sample(text, 'tidbok_holds_active')).toBe(0);
    expect(sample(text, 'tidbok_outbox_pending')).toBe(0);
    expect(sample(text, 'tidbok_outbox_oldest_pending_age_seconds')).toBe(0);
    expect(sample(text, 'tidbok_metrics_database_read')).toBe(1);

    const hold = async (start: string) =>
      JSON.parse((await call('POST', '/v1/clinics/lugna/holds', { body: { treatmentTypeId, practitionerId, start } })).text) as { id: string; secret: string };
    const first = await hold('2027-03-03T08:00:00Z');
    await hold('2027-03-03T09:00:00Z');
    expect(sample(await scrape(), 'tidbok_holds_active')).toBe(2);

    // A booking with an e-mail confirmation puts a message in the outbox; no transport sends it.
    const booked = await call('POST', '/v1/clinics/lugna/bookings', {
      body: { holdId: first.id, holdSecret: first.secret, client: { name: 'Klara', email: 'klara@example.com' }, confirmation: 'email' },
    });
    expect(booked.status).toBe(201);
    t.clock.advance(90_000);
    text = await scrape();
    expect(sample(text, 'tidbok_holds_active')).toBe(1);
    expect(sample(text, 'tidbok_outbox_pending')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tidbok_outbox_oldest_pending_age_seconds')).toBe(90);
  });

  it('shows the database counters other code increments', async () => {
    const before = sample(await scrape(), 'tidbok_database_retries_total') ?? 0;
    databaseRetries.inc();
    databaseRetries.inc();
    expect(sample(await scrape(), 'tidbok_database_retries_total')).toBe(before + 2);
    expect(await scrape()).toContain('# TYPE tidbok_database_busy_total counter');
  });
});

describe('when the database cannot be read', () => {
  it('still answers, without the database gauges, and says so', async () => {
    await call('GET', '/v1/health');
    await t.store.close();
    const res = await call('GET', '/metrics', { token: TOKEN });
    expect(res.status).toBe(200);
    expect(sample(res.text, 'tidbok_metrics_database_read')).toBe(0);
    expect(sample(res.text, 'tidbok_holds_active')).toBeUndefined();
    expect(sample(res.text, 'tidbok_outbox_pending')).toBeUndefined();
    expect(sample(res.text, 'tidbok_http_requests_total{method="GET",route="/v1/health",status="200"}')).toBe(1);
    // The context's own close would close the store again.
    t.store.close = async () => {};
  });
});

describe('metrics settings', () => {
  it('take a token of some length and a host:port', () => {
    expect(metricsAccessFromEnv({})).toEqual({ token: null, address: null });
    expect(metricsAccessFromEnv({ TIDBOK_METRICS_TOKEN: TOKEN })).toEqual({ token: TOKEN, address: null });
    expect(metricsAccessFromEnv({ TIDBOK_METRICS_ADDRESS: '127.0.0.1:9464' })).toEqual({ token: null, address: { host: '127.0.0.1', port: 9464 } });
    expect(metricsAccessFromEnv({ TIDBOK_METRICS_ADDRESS: '[::1]:9464' }).address).toEqual({ host: '::1', port: 9464 });
    expect(() => metricsAccessFromEnv({ TIDBOK_METRICS_TOKEN: 'short' })).toThrow(/at least 16/);
    expect(() => metricsAccessFromEnv({ TIDBOK_METRICS_ADDRESS: '9464' })).toThrow(/host:port/);
    expect(() => metricsAccessFromEnv({ TIDBOK_METRICS_ADDRESS: 'localhost:99999' })).toThrow(/host:port/);
  });
});
