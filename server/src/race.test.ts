import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from './clock.js';
import { testConfig } from './config.js';
import { createClinic } from './services/clinics.js';
import { availableEngines, createTestDatabase, type TestDatabase } from './testing.js';
import { type Bundle, bundleEntry } from './testing-process.js';

/**
 * The no-double-booking promise across processes: several real server processes share one
 * database — one SQLite file, or one PostgreSQL database — and receive many racing requests for
 * the same time. Exactly one may win. Runs on every engine this test run can reach.
 */
const PROCESSES = 3;
const RACERS = 36;

let bundle: Bundle | undefined;

// The real entry point, bundled into the workspace so its npm dependencies resolve.
beforeAll(async () => {
  bundle = await bundleEntry('main');
}, 60_000);

afterAll(() => bundle?.remove());

async function startServer(database: TestDatabase, extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; banner: string }> {
  const child = spawn(process.execPath, [bundle!.file], {
    // TIDBOK_DATABASE_URL is cleared first so a developer's own setting never leaks into a SQLite run.
    env: { ...process.env, TIDBOK_DATABASE_URL: '', ...database.env, PORT: '0', HOST: '127.0.0.1', TIDBOK_RATE_LIMIT: '0', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on [^:]+:(\d+)/.exec(out);
      if (match) done(`http://127.0.0.1:${match[1]}`);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)));
  });
  return { child, url, banner: /^Tidbok is listening.*$/m.exec(out)?.[0] ?? '' };
}

function stopAll(children: ChildProcess[]) {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe.each(availableEngines())(`${PROCESSES} server processes on one %s database`, (engine) => {
  let database: TestDatabase;
  let children: ChildProcess[] = [];
  let urls: string[] = [];
  let slug: string;
  let token: string;
  let treatmentTypeId: string;
  let practitionerId: string;
  let slotStart: string;
  let banners: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    // Seed the shared database once, before any server opens it.
    const store = database.open();
    await store.migrate();
    const deps = { store, clock: systemClock, config: testConfig(database.config) };
    const created = await createClinic(deps, { slug: 'race', name: 'Race clinic', timeZone: 'Europe/Stockholm' });
    await store.close();
    slug = created.clinic.slug;
    token = created.adminToken;

    const servers = await Promise.all(Array.from({ length: PROCESSES }, () => startServer(database)));
    children = servers.map((s) => s.child);
    urls = servers.map((s) => s.url);
    banners = servers.map((s) => s.banner);

    const admin = (path: string, body: unknown) => post(urls[0]!, `/v1/clinics/${slug}/admin${path}`, body, { authorization: `Bearer ${token}` });
    treatmentTypeId = (await admin('/treatment-types', { name: 'Samtal', durationMinutes: 60 })).body.id;
    practitionerId = (await admin('/practitioners', { name: 'Anna', treatmentTypeIds: [treatmentTypeId] })).body.id;
    // Working time three days ahead on a whole hour: relative to now, so no date is assumed.
    const start = Math.ceil((Date.now() + 3 * 86_400_000) / 3_600_000) * 3_600_000;
    slotStart = new Date(start).toISOString();
    const wt = await admin('/working-times', {
      practitionerId,
      start: slotStart,
      end: new Date(start + 8 * 3_600_000).toISOString(),
    });
    expect(wt.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await stopAll(children);
    await database?.drop();
  });

  it('say at start which database they use', () => {
    const name = engine === 'postgres' ? 'PostgreSQL' : 'SQLite';
    for (const banner of banners) expect(banner).toContain(`(database: ${name} `);
  });

  it('let exactly one of many racing holds for one time win', async () => {
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) => post(urls[i % PROCESSES]!, `/v1/clinics/${slug}/holds`, { treatmentTypeId, practitionerId, start: slotStart })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);

    // Racing conversions of that one hold, from every process: one booking.
    const hold = results.find((r) => r.status === 201)!.body;
    const client = { name: 'Racer', email: 'racer@example.com' };
    const bookings = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        post(urls[i % PROCESSES]!, `/v1/clinics/${slug}/bookings`, {
          holdId: hold.id,
          holdSecret: hold.secret,
          client,
          confirmation: 'none',
        }),
      ),
    );
    expect(bookings.filter((r) => r.status === 201)).toHaveLength(1);
    expect(bookings.every((r) => r.status === 201 || r.status === 409)).toBe(true);
  });

  it('let exactly one of many racing staff bookings for one time win', async () => {
    const start = new Date(Date.parse(slotStart) + 2 * 3_600_000);
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        post(
          urls[i % PROCESSES]!,
          `/v1/clinics/${slug}/admin/bookings`,
          {
            client: { name: `Client ${i}` },
            practitionerId,
            treatmentTypeId,
            // Overlapping, not identical, starts: every pair overlaps by at least 15 minutes.
            start: new Date(start.getTime() + (i % 3) * 15 * 60_000).toISOString(),
          },
          { authorization: `Bearer ${token}` },
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
  });

  it('leave no two booked bookings or active holds of one practitioner overlapping', async () => {
    const store = database.open();
    try {
      const rows = await store.db.selectFrom('bookings').select(['practitioner_id', 'start_ms', 'end_ms']).where('status', '=', 'booked').execute();
      expect(rows.length).toBe(2);
      for (const a of rows) {
        for (const b of rows) {
          if (a === b || a.practitioner_id !== b.practitioner_id) continue;
          expect(a.start_ms < b.end_ms && b.start_ms < a.end_ms).toBe(false);
        }
      }
    } finally {
      await store.close();
    }
  });
});

describe.each(availableEngines())(`${PROCESSES} server processes starting at once on one new, empty %s database`, (engine) => {
  let database: TestDatabase;
  let children: ChildProcess[] = [];

  afterAll(async () => {
    await stopAll(children);
    await database?.drop();
  });

  it('all come up, with every migration applied once and one demo clinic', async () => {
    database = await createTestDatabase(engine);
    const started = await Promise.allSettled(Array.from({ length: PROCESSES }, () => startServer(database)));
    children = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.child] : []));
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'up'))).toEqual(Array(PROCESSES).fill('up'));
    for (const s of started) if (s.status === 'fulfilled') expect((await fetch(`${s.value.url}/v1/health`)).status).toBe(200);

    const store = database.open();
    try {
      const clinics = await store.db.selectFrom('clinics').select('slug').execute();
      expect(clinics.map((c) => c.slug)).toEqual(['demo']);
      // A second run of any migration would have failed on CREATE TABLE; none is pending.
      expect(await store.migrate()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

const VISITORS = 16;
const ROUNDS = 8;

/**
 * Many visitors at once, each booking a practitioner of their own: nothing they do conflicts,
 * so every hold and every booking must succeed — no 503 from writers aborting each other (on
 * PostgreSQL they once did, SERIALIZABLE seeing the whole clients table as shared) — and no
 * hold may be left active once its visitor is done: each is booked, or let go.
 */
describe.each(availableEngines())(`${VISITORS} visitors booking different practitioners at once on %s, over ${PROCESSES} processes`, (engine) => {
  let database: TestDatabase;
  let children: ChildProcess[] = [];

  afterAll(async () => {
    await stopAll(children);
    await database?.drop();
  });

  it('all hold and book, with no 5xx, and every hold ends booked or released', async () => {
    database = await createTestDatabase(engine);
    const store = database.open();
    await store.migrate();
    const created = await createClinic(
      { store, clock: systemClock, config: testConfig(database.config) },
      { slug: 'busy', name: 'Busy clinic', timeZone: 'Europe/Stockholm' },
    );
    await store.close();
    // Each visitor its own address, from X-Forwarded-For, as behind a proxy.
    const servers = await Promise.all(Array.from({ length: PROCESSES }, () => startServer(database, { TIDBOK_TRUST_PROXY: '1' })));
    children = servers.map((s) => s.child);
    const urls = servers.map((s) => s.url);
    const admin = (path: string, body: unknown) => post(urls[0]!, `/v1/clinics/busy/admin${path}`, body, { authorization: `Bearer ${created.adminToken}` });

    const treatmentTypeId = (await admin('/treatment-types', { name: 'Samtal', durationMinutes: 30 })).body.id;
    const day = Math.ceil((Date.now() + 3 * 86_400_000) / 86_400_000) * 86_400_000 + 7 * 3_600_000;
    const practitioners: string[] = [];
    for (let i = 0; i < VISITORS; i++) {
      const id = (await admin('/practitioners', { name: `Behandlare ${i}`, treatmentTypeIds: [treatmentTypeId] })).body.id;
      const wt = await admin('/working-times', {
        practitionerId: id,
        start: new Date(day).toISOString(),
        end: new Date(day + ROUNDS * 30 * 60_000).toISOString(),
      });
      expect(wt.status).toBe(201);
      practitioners.push(id);
    }

    const statuses: string[] = [];
    await Promise.all(
      practitioners.map(async (practitionerId, v) => {
        const headers = { 'x-forwarded-for': `198.51.100.${v + 1}` };
        for (let round = 0; round < ROUNDS; round++) {
          const url = urls[(v + round) % PROCESSES]!;
          const start = new Date(day + round * 30 * 60_000).toISOString();
          const hold = await post(url, '/v1/clinics/busy/holds', { treatmentTypeId, practitionerId, start }, headers);
          statuses.push(`hold ${hold.status}`);
          if (hold.status !== 201) continue;
          const booking = await post(
            url,
            '/v1/clinics/busy/bookings',
            {
              holdId: hold.body.id,
              holdSecret: hold.body.secret,
              client: { name: `Besökare ${v}`, email: `visitor-${v}@example.com` },
              confirmation: 'email',
            },
            headers,
          );
          statuses.push(`book ${booking.status}`);
        }
      }),
    );
    expect(statuses.filter((s) => !s.endsWith(' 201'))).toEqual([]);
    expect(statuses).toHaveLength(2 * VISITORS * ROUNDS);

    const check = database.open();
    try {
      const holds = await check.db.selectFrom('holds').select(['active', 'booking_id']).execute();
      expect(holds).toHaveLength(VISITORS * ROUNDS);
      expect(holds.filter((h) => h.active === 1 || h.booking_id === null)).toEqual([]);
      const booked = await check.db.selectFrom('bookings').select('id').where('status', '=', 'booked').execute();
      expect(booked).toHaveLength(VISITORS * ROUNDS);
      // One visitor, one address: the same client every time, never one per booking.
      const clients = await check.db.selectFrom('clients').select('email_norm').execute();
      expect(new Set(clients.map((c) => c.email_norm)).size).toBe(clients.length);
    } finally {
      await check.close();
    }
  }, 60_000);
});
