import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from './clock.js';
import { testConfig } from './config.js';
import { createClinic } from './services/clinics.js';
import { createTestDatabase, OPERATOR_TOKEN, type TestDatabase } from './testing.js';
import { type Bundle, bundleEntry, type ServerProcess, startServer } from './testing-process.js';

/**
 * The server as a process: how it holds connections, how it stops, what it prints at start.
 * Every client is on loopback; a second client address is 127.0.0.2 (all of 127/8 is loopback
 * on Linux), so "another visitor" is a different peer address to the server.
 */
let bundle: Bundle;
let database: TestDatabase;
let server: ServerProcess | undefined;
const sockets: Socket[] = [];

beforeAll(async () => {
  bundle = await bundleEntry('main');
}, 60_000);
afterAll(() => bundle?.remove());
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.kill();
  server = undefined;
  await database.drop();
});

function start(env: Record<string, string> = {}, args: string[] = []) {
  return startServer(bundle, { ...database.env, ...env }, args).then((started) => (server = started));
}

interface RawClient {
  socket: Socket;
  connected: Promise<void>;
  /** What the server sent before it closed the connection. */
  closed: Promise<string>;
}

/** A TCP connection that sends nothing unless told to. */
function rawClient(port: number, localAddress = '127.0.0.1'): RawClient {
  const socket = connect({ port, host: '127.0.0.1', localAddress });
  sockets.push(socket);
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('error', () => {});
  return {
    socket,
    connected: new Promise((done) => socket.once('connect', () => done())),
    closed: new Promise((done) => socket.once('close', () => done(received))),
  };
}

/** A GET from a given client address on a connection of its own; the status, or the error's code. */
function getFrom(port: number, path: string, localAddress = '127.0.0.1'): Promise<number | string> {
  return new Promise((done) => {
    const req = get({ host: '127.0.0.1', port, path, localAddress, agent: false }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    });
    req.on('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

/**
 * A GET from `localAddress`, repeated while the server refuses it: the client sees its closed
 * sockets close a moment before the server has counted them closed.
 */
async function servedSoon(port: number, localAddress: string): Promise<number | string> {
  let status: number | string = 0;
  for (let attempt = 0; attempt < 50; attempt++) {
    status = await getFrom(port, '/v1/health', localAddress);
    if (status !== 'ECONNRESET') return status;
    await new Promise((done) => setTimeout(done, 20));
  }
  return status;
}

describe('connections', () => {
  it('closes sockets that send nothing after the header timeout, and caps the connections of one address', async () => {
    const { port } = await start({
      TIDBOK_HEADERS_TIMEOUT_MS: '1000',
      TIDBOK_REQUEST_TIMEOUT_MS: '2000',
      TIDBOK_MAX_CONNECTIONS_PER_ADDRESS: '5',
    });
    const idle = Array.from({ length: 5 }, () => rawClient(port));
    await Promise.all(idle.map((client) => client.connected));
    // Beyond the cap, 127.0.0.1's connections are closed without a byte read or written…
    const extras = Array.from({ length: 10 }, () => rawClient(port));
    for (const extra of extras) expect(await extra.closed).toBe('');
    expect(await getFrom(port, '/v1/health')).toMatch(/ECONNRESET|socket hang up/);
    // …while another visitor is served.
    expect(await getFrom(port, '/v1/health', '127.0.0.2')).toBe(200);
    // The silent sockets are answered 408 and closed once the header timeout has passed; then
    // 127.0.0.1 is served again.
    for (const client of idle) expect(await client.closed).toMatch(/^HTTP\/1\.1 408/);
    expect(await servedSoon(port, '127.0.0.1')).toBe(200);
  });

  it('closes a connection that sent half its headers, and caps the connections in all', async () => {
    const { port } = await start({
      TIDBOK_HEADERS_TIMEOUT_MS: '1000',
      TIDBOK_MAX_CONNECTIONS: '4',
      TIDBOK_MAX_CONNECTIONS_PER_ADDRESS: '0',
    });
    const held = Array.from({ length: 4 }, () => rawClient(port));
    await Promise.all(held.map((client) => client.connected));
    held[0]!.socket.write('GET /v1/health HTTP/1.1\r\nHost: x\r\n');
    const refused = rawClient(port, '127.0.0.2');
    expect(await refused.closed).toBe('');
    for (const client of held) expect(await client.closed).toMatch(/^HTTP\/1\.1 408/);
    expect(await servedSoon(port, '127.0.0.2')).toBe(200);
  });

  it('refuses bad settings with one line and no stack trace', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ TIDBOK_HEADERS_TIMEOUT_MS: '5000', TIDBOK_REQUEST_TIMEOUT_MS: '1000' }, /TIDBOK_REQUEST_TIMEOUT_MS must be at least TIDBOK_HEADERS_TIMEOUT_MS/],
      [{ TIDBOK_MAX_CONNECTIONS: 'many' }, /TIDBOK_MAX_CONNECTIONS must be a non-negative integer/],
      [{ TIDBOK_METRICS_ADDRESS: '9464' }, /TIDBOK_METRICS_ADDRESS must be host:port/],
      [{ TIDBOK_SECRET_KEY: 'too short' }, /TIDBOK_SECRET_KEY must be at least 32 characters/],
    ];
    for (const [env, message] of cases) {
      const failure = await start(env).then(
        () => null,
        (error: Error) => error.message,
      );
      expect(failure).toMatch(message);
      expect(failure).not.toMatch(/\n\s+at /);
    }
  });
});

/**
 * A request the server is in the middle of: a clinic created over the operator route whose body
 * is only half sent. `Expect: 100-continue` makes the server say when it has the headers, so the
 * request is known to be in flight before the test goes on.
 */
async function halfSentRequest(port: number) {
  const body = JSON.stringify({ slug: 'late', name: 'Late clinic' });
  const client = rawClient(port);
  await client.connected;
  const continued = new Promise<void>((done) => {
    const listener = (chunk: Buffer) => {
      if (chunk.toString().includes('100 Continue')) {
        client.socket.off('data', listener);
        done();
      }
    };
    client.socket.on('data', listener);
  });
  client.socket.write(
    `POST /v1/clinics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${OPERATOR_TOKEN}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
  );
  await continued;
  client.socket.write(body.slice(0, 10));
  return { client, rest: () => client.socket.write(body.slice(10)) };
}

describe('shutdown', () => {
  it('on SIGTERM stops accepting, answers the request in flight, closes the database and exits 0', async () => {
    const { port, child } = await start({ TIDBOK_OPERATOR_TOKEN: OPERATOR_TOKEN });
    const inFlight = await halfSentRequest(port);
    child.kill('SIGTERM');
    await server!.waitFor(/shutting down/);
    expect(await getFrom(port, '/v1/health')).toBe('ECONNREFUSED');
    inFlight.rest();
    const answer = await inFlight.client.closed;
    expect(answer).toMatch(/HTTP\/1\.1 201/);
    expect(answer).toMatch(/connection: close/i);
    expect(await server!.exited).toBe(0);
    expect(server!.output()).toMatch(/"message":"stopped"/);
    // What was answered 201 is in the database.
    const store = database.open();
    try {
      const clinic = await store.db.selectFrom('clinics').select('slug').where('slug', '=', 'late').executeTakeFirst();
      expect(clinic).toEqual({ slug: 'late' });
    } finally {
      await store.close();
    }
  });

  it('exits at once on a second SIGTERM, without waiting for the request in flight', async () => {
    const { port, child } = await start({ TIDBOK_OPERATOR_TOKEN: OPERATOR_TOKEN });
    const inFlight = await halfSentRequest(port);
    child.kill('SIGTERM');
    await server!.waitFor(/shutting down/);
    child.kill('SIGTERM');
    expect(await server!.exited).toBe(143);
    expect(await inFlight.client.closed).not.toMatch(/HTTP\/1\.1 201/);
    expect(server!.output()).toMatch(/second signal: exiting now/);
  });
});

/** An SMTP server that takes a message's data only when told to: a slow mail relay. */
async function slowSmtp() {
  let receiving!: () => void;
  const started = new Promise<void>((done) => (receiving = done));
  let release!: () => void;
  const released = new Promise<void>((done) => (release = done));
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      stream.resume();
      stream.on('end', () => {
        receiving();
        void released.then(() => done());
      });
    },
  });
  await new Promise<void>((done) => smtp.listen(0, '127.0.0.1', () => done()));
  return { port: (smtp.server.address() as AddressInfo).port, started, release, close: () => new Promise<void>((done) => smtp.close(() => done())) };
}

describe('shutdown with the dispatcher sending', () => {
  it('waits for the message being sent and records it sent, its claim released, before it exits', async () => {
    const store = database.open();
    await store.migrate();
    const { clinic } = await createClinic({ store, clock: systemClock, config: testConfig(database.config) }, { slug: 'lugna', name: 'Lugna' });
    await store.db
      .insertInto('messages')
      .values({
        id: 'msg_shutdown',
        clinic_id: clinic.id,
        booking_id: null,
        client_id: null,
        kind: 'confirmation',
        channel: 'email',
        to_address: 'klara@example.com',
        subject: 'Bokning',
        body_text: 'Välkommen',
        body_html: null,
        attachments: null,
        secret_url: null,
        dedupe_key: null,
        status: 'pending',
        attempts: 0,
        last_error: null,
        next_attempt_at: 0,
        locked_until: 0,
        sent_at: null,
        created_at: Date.now(),
      })
      .execute();
    await store.close();
    const smtp = await slowSmtp();
    try {
      const { child } = await start({ TIDBOK_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, TIDBOK_MAIL_FROM: 'Lugna <noreply@lugna.example>' });
      await smtp.started;
      child.kill('SIGTERM');
      await server!.waitFor(/shutting down/);
      // Stopped taking connections, still sending.
      expect(await getFrom(server!.port, '/v1/health')).toBe('ECONNREFUSED');
      expect(child.exitCode).toBe(null);
      expect(server!.output()).not.toMatch(/"message":"stopped"/);
      smtp.release();
      expect(await server!.exited).toBe(0);
      expect(server!.output()).toMatch(/"message":"message sent"/);
      const after = database.open();
      try {
        const message = await after.db
          .selectFrom('messages')
          .select(['status', 'locked_until', 'attempts'])
          .where('id', '=', 'msg_shutdown')
          .executeTakeFirstOrThrow();
        expect(message).toEqual({ status: 'sent', locked_until: 0, attempts: 1 });
      } finally {
        await after.close();
      }
    } finally {
      await smtp.close();
    }
  });
});

describe('files at rest', () => {
  it('the database, its -wal and -shm, and the generated secret key are readable by their owner only', async () => {
    await start();
    const file = database.env.TIDBOK_DB!;
    const paths = [`${file}.key`, ...(database.engine === 'sqlite' ? [file, `${file}-wal`, `${file}-shm`] : [])];
    for (const path of paths) expect([path, statSync(path).mode & 0o777]).toEqual([path, 0o600]);
    // The same key after a restart: links sealed before it still open.
    const key = readFileSync(`${file}.key`, 'utf8');
    await server!.kill();
    await start();
    expect(readFileSync(`${file}.key`, 'utf8')).toBe(key);
  });
});

describe('the first staff token', () => {
  it('is not printed when the output is not a terminal', async () => {
    const { output } = await start();
    expect(output()).toMatch(/staff token: +not printed/);
    expect(output()).not.toMatch(/tbs_/);
  });

  it('goes to --token-file, readable by its owner only, and works', async () => {
    // A file that was there, readable by all, is narrowed before the token goes in.
    const file = join(database.dir, 'token');
    writeFileSync(file, 'old\n', { mode: 0o644 });
    const { output, url } = await start({}, ['--token-file', file]);
    expect(output()).not.toMatch(/tbs_/);
    expect(output()).toContain(`written to ${file}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readFileSync(file, 'utf8').trim();
    const res = await fetch(`${url}/v1/clinics/demo/admin/settings`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });
});

describe('metrics', () => {
  it('are served on TIDBOK_METRICS_ADDRESS only, and counted for the API port', async () => {
    const { port, waitFor } = await start({ TIDBOK_METRICS_ADDRESS: '127.0.0.1:0' });
    const metricsPort = Number((await waitFor(/metrics: +http:\/\/127\.0\.0\.1:(\d+)\/metrics/))[1]);
    expect(await getFrom(port, '/v1/health')).toBe(200);
    expect(await getFrom(port, '/metrics')).toBe(404);
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^tidbok_http_requests_total\{method="GET",route="\/v1\/health",status="200"\} 1$/m);
    expect(text).toMatch(/^tidbok_http_connections_open \d+$/m);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/v1/health`)).status).toBe(404);
  });

  it('are off when neither a token nor an address is set', async () => {
    const { port, output } = await start();
    expect(await getFrom(port, '/metrics')).toBe(404);
    expect(output()).not.toMatch(/metrics:/);
  });
});
