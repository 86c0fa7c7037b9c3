import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from './clock.js';
import { testConfig } from './config.js';
import { createClinic } from './services/clinics.js';
import { openSqliteStore } from './store/store.js';

/**
 * The no-double-booking promise across processes: several real server processes share one
 * SQLite file and receive many racing requests for the same time. Exactly one may win.
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PROCESSES = 3;
const RACERS = 36;

let dir: string;
let file: string;
let children: ChildProcess[] = [];
let urls: string[] = [];
let slug: string;
let token: string;
let treatmentTypeId: string;
let practitionerId: string;
let slotStart: string;

async function startServer(bundle: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bundle], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', TIDBOK_DB: file, TIDBOK_RATE_LIMIT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on [^:]+:(\d+)/.exec(out);
      if (match) done(`http://127.0.0.1:${match[1]}`);
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)));
  });
  return { child, url };
}

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tidbok-race-'));
  file = join(dir, 'race.db');
  // Bundle the real entry point into the workspace so its npm dependencies resolve.
  const outDir = join(root, '.tmp');
  mkdirSync(outDir, { recursive: true });
  const bundle = join(mkdtempSync(join(outDir, 'race-')), 'main.mjs');
  await build({
    entryPoints: [join(root, 'server/src/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    alias: { '@tidbok/core': join(root, 'packages/core/src/index.ts') },
    outfile: bundle,
    logLevel: 'silent',
  });

  // Seed the shared file once, before any server opens it.
  const store = openSqliteStore({ file });
  await store.migrate();
  const deps = { store, clock: systemClock, config: testConfig({ dbFile: file }) };
  const created = await createClinic(deps, { slug: 'race', name: 'Race clinic', timeZone: 'Europe/Stockholm' });
  await store.close();
  slug = created.clinic.slug;
  token = created.adminToken;

  const servers = await Promise.all(Array.from({ length: PROCESSES }, () => startServer(bundle)));
  children = servers.map((s) => s.child);
  urls = servers.map((s) => s.url);

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
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    ),
  );
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`${PROCESSES} server processes on one database file`, () => {
  it('let exactly one of many racing holds for one time win', async () => {
    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        post(urls[i % PROCESSES]!, `/v1/clinics/${slug}/holds`, { treatmentTypeId, practitionerId, start: slotStart }),
      ),
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
    const store = openSqliteStore({ file });
    try {
      const rows = await store.db
        .selectFrom('bookings')
        .select(['practitioner_id', 'start_ms', 'end_ms'])
        .where('status', '=', 'booked')
        .execute();
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
