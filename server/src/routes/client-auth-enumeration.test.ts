import { type AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { silentLogger } from '../logger.js';
import { Dispatcher } from '../notifications/dispatcher.js';
import { smtpTransport } from '../notifications/transports.js';
import type { Store } from '../store/store.js';
import { createTestContext, listen, type TestContext } from '../testing.js';

// Whether an address belongs to a client must not show in the answer to "send me a login link",
// not even in how long the answer takes. Rather than time answers (noisy, and a test that
// measures time proves little), these tests hold every database write of the server back and
// check that the answer comes all the same: it cannot depend on a lookup that has not run.

let t: TestContext;
let slug: string;
const received: ParsedMail[] = [];
let smtp: SMTPServer;
let smtpPort: number;

beforeEach(async () => {
  received.length = 0;
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { publicUrl: 'https://boka.example.se' } });
  let token: string;
  ({ slug, token } = await t.clinic('enum'));
  await t.call('POST', `/v1/clinics/${slug}/admin/clients`, { token, body: { name: 'Klara', email: 'klara@example.com' } });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData: (stream, _session, done) => {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterEach(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.close();
});

/** The test's store, except that every write waits until `open()`; `writes` are the ones asked for. */
function gatedStore(store: Store) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const writes: Promise<unknown>[] = [];
  const gated: Store = {
    dialect: store.dialect,
    db: store.db,
    write: (fn) => {
      const done = gate.then(() => store.write(fn));
      writes.push(done);
      return done;
    },
    changeToken: () => store.changeToken(),
    migrate: () => store.migrate(),
    health: () => store.health(),
    close: async () => {},
  };
  return { gated, writes, open };
}

describe('POST auth/email-link', () => {
  it('answers 202 before it looks the address up, known or not; the known one then gets its link by SMTP', async () => {
    const { gated, writes, open } = gatedStore(t.store);
    const app = createApp({ store: gated, clock: t.clock, config: t.app.deps.config });
    const server = await listen(app);
    try {
      const ask = (email: string) =>
        fetch(`${server.url}/v1/clinics/${slug}/auth/email-link`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email }),
        });
      // Both answers arrive while no write (and so no lookup, no token, no message) can run.
      const known = await ask('klara@example.com');
      const unknown = await ask('nobody@example.com');
      expect([known.status, unknown.status]).toEqual([202, 202]);
      expect(await known.text()).toBe(await unknown.text());
      expect([...known.headers.keys()].sort()).toEqual([...unknown.headers.keys()].sort());
      expect(await t.store.db.selectFrom('login_tokens').selectAll().execute()).toEqual([]);
      expect(await t.store.db.selectFrom('messages').selectAll().execute()).toEqual([]);

      open();
      await app.background.idle();
      expect(writes).toHaveLength(2);
      const messages = await t.store.db.selectFrom('messages').select(['to_address', 'kind']).execute();
      expect(messages).toEqual([{ to_address: 'klara@example.com', kind: 'login_link' }]);

      const transport = smtpTransport(`smtp://127.0.0.1:${smtpPort}`, 'Tidbok <no-reply@tidbok.example>');
      const result = await new Dispatcher(t.app.deps, transport, silentLogger).runOnce();
      await transport.close?.();
      expect(result.sent).toBe(1);
      expect(received.map((m) => (Array.isArray(m.to) ? m.to : [m.to]).map((a) => a?.text))).toEqual([['klara@example.com']]);
      expect(received[0]!.text).toMatch(new RegExp(`https://boka\\.example\\.se/c/${slug}/#tidbok-login=tbl_`));
    } finally {
      await server.close();
    }
  });

  it('logs a lookup that fails after the answer instead of losing it silently', async () => {
    const logged: string[] = [];
    const failing: Store = { ...gatedStore(t.store).gated, write: () => Promise.reject(new Error('disk full')) };
    const logger = { info: () => {}, error: (message: string, fields?: object) => logged.push(JSON.stringify({ message, ...fields })) };
    const app = createApp({ store: failing, clock: t.clock, config: t.app.deps.config, logger });
    const res = await app.request(`/v1/clinics/${slug}/auth/email-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'klara@example.com' }),
    });
    expect(res.status).toBe(202);
    await app.background.idle();
    expect(logged).toEqual([JSON.stringify({ message: 'login link failed', error: 'disk full' })]);
  });
});
