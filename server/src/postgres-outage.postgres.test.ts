import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN } from './testing.js';
import { type Bundle, bundleEntry, type ServerProcess, startServer } from './testing-process.js';

/**
 * PostgreSQL stopped and started again under a running server under load. This test runs a
 * PostgreSQL server of its own (initdb + pg_ctl, as scripts/with-test-postgres.sh does), since
 * it stops it: the shared test database must stay up for the other test files. While it is
 * down every request that needs it is a 503 with Retry-After (never a 500), the log names the
 * cause, /v1/health stays 200 (liveness) while /v1/health/ready says 503; once it is back, the
 * server works again without a restart, and every write answered 201 is in the database.
 */

const bindir = (() => {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  return join('/usr/lib/postgresql', versions.at(-1)!, 'bin');
})();
// The server refuses to run as root; as root it runs as the `postgres` user the package made.
const asServerUser = (command: string, args: string[]) =>
  process.getuid?.() === 0 ? execFileSync('runuser', ['-u', 'postgres', '--', command, ...args]) : execFileSync(command, args);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

let dir: string;
let port: number;
let url: string;
let bundle: Bundle;
let server: ServerProcess;

const pgCtl = (...args: string[]) => asServerUser(join(bindir, 'pg_ctl'), ['-D', join(dir, 'data'), ...args]);
const startPostgres = () =>
  pgCtl('-l', join(dir, 'server.log'), '-w', '-t', '60', 'start', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tidbok-pg-outage-'));
  if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
  port = await freePort();
  asServerUser(join(bindir, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  startPostgres();
  asServerUser(join(bindir, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'tidbok']);
  url = `postgres://postgres@127.0.0.1:${port}/tidbok`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
  await client.end();
  bundle = await bundleEntry('main');
  server = await startServer(bundle, { TIDBOK_DATABASE_URL: url, TIDBOK_OPERATOR_TOKEN: OPERATOR_TOKEN });
}, 120_000);

afterAll(async () => {
  await server?.kill();
  bundle?.remove();
  if (dir) {
    try {
      pgCtl('-m', 'immediate', 'stop');
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

interface Outcome {
  kind: 'write' | 'read';
  status: number;
  retryAfter: string | null;
  slug: string;
  at: number;
}

describe('PostgreSQL stopped and started under load', () => {
  it('answers 503 with Retry-After while it is down, logs why, says so at /v1/health/ready, recovers by itself and loses no acknowledged write', async () => {
    const outcomes: Outcome[] = [];
    let stop = false;
    let n = 0;
    const worker = async (w: number) => {
      while (!stop) {
        const slug = `outage-${w}-${n++}`;
        const write = await fetch(`${server.url}/v1/clinics`, {
          method: 'POST',
          headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ slug, name: `Clinic ${slug}` }),
        });
        await write.arrayBuffer();
        outcomes.push({ kind: 'write', status: write.status, retryAfter: write.headers.get('retry-after'), slug, at: performance.now() });
        // A read of what was written (or, after a refused write, of the first clinic).
        const read = await fetch(`${server.url}/v1/clinics/${write.status === 201 ? slug : 'outage-0-0'}`);
        await read.arrayBuffer();
        outcomes.push({ kind: 'read', status: read.status, retryAfter: read.headers.get('retry-after'), slug, at: performance.now() });
      }
    };
    const until = async (condition: () => boolean) => {
      for (let i = 0; i < 1500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(condition()).toBe(true);
    };
    const load = Promise.all([0, 1, 2, 3].map(worker));

    await until(() => outcomes.filter((o) => o.status === 201).length >= 20);
    pgCtl('-m', 'fast', '-w', 'stop');
    const down = outcomes.length;
    await until(() => outcomes.slice(down).filter((o) => o.status === 503).length >= 10);

    expect((await fetch(`${server.url}/v1/health`)).status).toBe(200);
    const ready = await fetch(`${server.url}/v1/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
    const state = (await ready.json()) as { database: { engine: string; readable: boolean; problem: string } };
    expect(state.database).toMatchObject({ engine: 'postgres', readable: false });
    expect(state.database.problem).toMatch(/PostgreSQL|ECONNREFUSED/);
    await server.waitFor(/"message":"database unavailable".*(PostgreSQL cannot be reached|connection to PostgreSQL)/);

    startPostgres();
    const up = outcomes.length;
    await until(() => outcomes.slice(up).filter((o) => o.kind === 'write' && o.status === 201).length >= 10);
    stop = true;
    await load;
    expect((await fetch(`${server.url}/v1/health/ready`)).status).toBe(200);

    // Only answers that say what happened: done, or "not now, try again"; never a 500.
    const statuses = new Set(outcomes.map((o) => o.status));
    expect([...statuses].filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
    for (const o of outcomes.filter((o) => o.status === 503)) expect(o.retryAfter).toMatch(/^\d+$/);

    // Every write answered 201 is there.
    const acknowledged = outcomes.filter((o) => o.kind === 'write' && o.status === 201).map((o) => o.slug);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ slug: string }>('SELECT slug FROM clinics WHERE slug = ANY($1)', [acknowledged]);
      expect(rows.map((r) => r.slug).sort()).toEqual([...acknowledged].sort());
    } finally {
      await client.end();
    }
  }, 120_000);
});
