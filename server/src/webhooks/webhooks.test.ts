import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../logger.js';
import { messagingClinic, slotStart } from '../notifications/testing-clinic.js';
import { createTestContext, type TestContext } from '../testing.js';
import { WebhookDispatcher } from './dispatcher.js';
import { RETRY_DELAYS_MS } from './schedule.js';

const json = async (res: Response) => (await res.json()) as any;

/** A real HTTP receiver on loopback that can be taken down and brought back on the same port. */
class Receiver {
  received: { headers: IncomingHttpHeaders; body: string }[] = [];
  status = 200;
  port = 0;
  private server: Server | null = null;

  async start() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body });
        res.statusCode = this.status;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(null)));
    this.server = null;
  }

  get url() {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  events() {
    return this.received.map((r) => JSON.parse(r.body));
  }
}

/** Checks a received request with the reference library, at the instant the server signed it. */
function verify(secret: string, request: { headers: IncomingHttpHeaders; body: string }, at: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  try {
    return new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
  } finally {
    vi.useRealTimers();
  }
}

describe('webhooks', () => {
  let t: TestContext;
  let receiver: Receiver;
  let dispatcher: WebhookDispatcher;
  let clinic: Awaited<ReturnType<typeof messagingClinic>>;
  const admin = (path: string) => `/v1/clinics/${clinic.slug}/admin${path}`;

  beforeEach(async () => {
    t = await createTestContext({ config: { allowPrivateUrls: true } });
    receiver = new Receiver();
    await receiver.start();
    dispatcher = new WebhookDispatcher(t.app.deps, silentLogger);
    clinic = await messagingClinic(t, 'hooks');
  });
  afterEach(async () => {
    await receiver.stop();
    await t.close();
  });

  async function register(body: Record<string, unknown>) {
    const res = await t.call('POST', admin('/webhooks'), { token: clinic.token, body: { url: receiver.url, ...body } });
    expect(res.status).toBe(201);
    return json(res) as Promise<{ id: string; secret: string }>;
  }

  async function staffBooking(start = slotStart(0)) {
    const res = await t.call('POST', admin('/bookings'), {
      token: clinic.token,
      body: {
        practitionerId: clinic.practitionerId,
        treatmentTypeId: clinic.treatmentTypeId,
        start,
        client: { name: 'Eva Berg', email: 'eva@example.se', phone: '0701234567' },
        confirmation: 'none',
      },
    });
    return res;
  }

  it('sends every event type, signed so that standardwebhooks verifies it', async () => {
    const { secret, id } = await register({
      events: ['booking.created', 'booking.updated', 'booking.cancelled', 'booking.no_show', 'booking.paid', 'client.updated'],
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    // The database holds the secret sealed, never as it is.
    const stored = await t.store.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.secret_sealed).not.toContain(secret.slice(6, 20));

    const created = await json(await staffBooking());
    const bookingId: string = created.id;
    await t.call('PATCH', admin(`/bookings/${bookingId}`), { token: clinic.token, body: { start: slotStart(2) } });
    await t.call('PATCH', admin(`/bookings/${bookingId}`), { token: clinic.token, body: { note: 'only a note' } });
    await t.call('POST', admin(`/bookings/${bookingId}/payment`), { token: clinic.token, body: { method: 'card' } });
    await t.call('POST', admin(`/bookings/${bookingId}/no-show`), { token: clinic.token });
    const second = await json(await staffBooking(slotStart(4)));
    await t.call('POST', admin(`/bookings/${second.id}/cancel`), { token: clinic.token, body: { notify: false } });
    const patched = await t.call('PATCH', admin(`/clients/${created.clientId}`), { token: clinic.token, body: { phone: '0709999999' } });
    expect(patched.status).toBe(200);
    const publicBooking = await clinic.book({ name: 'Per Ek', email: 'per@example.se' }, 'none', slotStart(6));

    expect(await dispatcher.runOnce()).toEqual({ delivered: 8, retried: 0, failed: 0 });
    const types = receiver.events().map((e) => e.type);
    expect(types.sort()).toEqual(
      [
        'booking.cancelled',
        'booking.created',
        'booking.created',
        'booking.created',
        'booking.no_show',
        'booking.paid',
        'booking.updated',
        'client.updated',
      ].sort(),
    );
    for (const request of receiver.received) {
      expect(request.headers['webhook-id']).toMatch(/^msg_/);
      expect(verify(secret, request, t.clock.now())).toEqual(JSON.parse(request.body));
    }
    // A wrong secret, or a body changed on the way, does not verify.
    const sample = receiver.received[0]!;
    expect(() => verify(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, sample, t.clock.now())).toThrow();
    expect(() => verify(secret, { ...sample, body: sample.body.replace('booking', 'bookinG') }, t.clock.now())).toThrow();

    const events = receiver.events();
    const moved = events.find((e) => e.type === 'booking.updated');
    expect(moved.data).toMatchObject({ bookingId, start: '2027-03-03T09:00:00Z', changes: ['start', 'end'], previous: { start: '2027-03-03T08:00:00Z' } });
    expect(events.find((e) => e.type === 'booking.paid').data.paid).toMatchObject({ method: 'card' });
    expect(events.find((e) => e.type === 'booking.created' && e.data.bookingId === publicBooking.booking.id)).toBeTruthy();
    expect(events.find((e) => e.type === 'client.updated').data).toMatchObject({ clientId: created.clientId, changes: ['phone'] });
    // Not marked for client data: ids and times only.
    expect(JSON.stringify(events)).not.toContain('Eva Berg');
    expect(JSON.stringify(events)).not.toContain('eva@example.se');

    const detail = await json(await t.call('GET', admin(`/webhooks/${id}`), { token: clinic.token }));
    expect(detail.webhook.state).toBe('ok');
    expect(detail.deliveries).toHaveLength(8);
    expect(detail.attempts.every((a: { ok: boolean; statusCode: number }) => a.ok && a.statusCode === 200)).toBe(true);
  });

  it('sends client data only to endpoints marked for it', async () => {
    await register({ events: ['booking.created', 'client.updated'], includeClientData: true });
    const plainReceiver = new Receiver();
    await plainReceiver.start();
    try {
      const res = await t.call('POST', admin('/webhooks'), {
        token: clinic.token,
        body: { url: plainReceiver.url, events: ['booking.created', 'client.updated'] },
      });
      expect(res.status).toBe(201);
      const booking = await json(await staffBooking());
      await t.call('PATCH', admin(`/clients/${booking.clientId}`), { token: clinic.token, body: { name: 'Eva Berglund' } });
      await dispatcher.runOnce();

      // Deliveries due at once are sent in parallel: they may arrive in either order.
      const byType = (events: any[], type: string) => events.find((e) => e.type === type);
      const marked = receiver.events();
      expect(marked.map((e) => e.type).sort()).toEqual(['booking.created', 'client.updated']);
      expect(byType(marked, 'booking.created').data.client).toEqual({ name: 'Eva Berg', email: 'eva@example.se', phone: '0701234567' });
      expect(byType(marked, 'client.updated').data.client).toMatchObject({ name: 'Eva Berglund' });
      // The same event carries the same webhook-id to both endpoints.
      const idOf = (r: Receiver, type: string) => r.received.find((x) => JSON.parse(x.body).type === type)!.headers['webhook-id'];
      expect(idOf(plainReceiver, 'booking.created')).toBe(idOf(receiver, 'booking.created'));
      expect(idOf(plainReceiver, 'client.updated')).toBe(idOf(receiver, 'client.updated'));
      const plain = plainReceiver.events();
      expect(plain).toHaveLength(2);
      for (const event of plain) expect(event.data.client).toBeUndefined();
      expect(plainReceiver.received.map((r) => r.body).join('')).not.toMatch(/Eva|eva@|0701234567/);
    } finally {
      await plainReceiver.stop();
    }
  });

  it('writes the event in the transaction of the change: a refused booking leaves none', async () => {
    await register({ events: ['booking.created'] });
    expect((await staffBooking()).status).toBe(201);
    const count = async () => (await t.store.db.selectFrom('webhook_deliveries').select('id').execute()).length;
    expect(await count()).toBe(1);
    // The same time again: refused as overlapping, after the client was inserted in the same transaction.
    const refused = await staffBooking();
    expect(refused.status).toBe(409);
    expect(await count()).toBe(1);
  });

  it('writes the event in the transaction of the change: a booking whose event cannot be written is not made', async () => {
    await register({ events: ['booking.created'] });
    // The outbox refuses every row, as a full disk would refuse it.
    if (t.engine === 'sqlite') {
      await sql`CREATE TRIGGER outbox_down BEFORE INSERT ON webhook_deliveries BEGIN SELECT RAISE(ABORT, 'outbox down'); END`.execute(t.store.db);
    } else {
      await sql`CREATE FUNCTION outbox_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'outbox down'; END $$ LANGUAGE plpgsql`.execute(t.store.db);
      await sql`CREATE TRIGGER outbox_down BEFORE INSERT ON webhook_deliveries FOR EACH ROW EXECUTE FUNCTION outbox_down()`.execute(t.store.db);
    }
    const res = await staffBooking();
    expect(res.status).toBeGreaterThanOrEqual(500);
    const bookings = await t.store.db.selectFrom('bookings').select('id').execute();
    const clients = await t.store.db.selectFrom('clients').select('id').where('name', '=', 'Eva Berg').execute();
    expect(bookings).toEqual([]);
    expect(clients).toEqual([]);
  });

  it('retries while the receiver is down, on the schedule, and delivers once it is back', async () => {
    const { id } = await register({ events: ['booking.created'] });
    await receiver.stop();
    await staffBooking();

    expect(await dispatcher.runOnce()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    t.clock.advance(RETRY_DELAYS_MS[0]! - 1_000);
    expect(await dispatcher.runOnce()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    t.clock.advance(1_000);
    expect(await dispatcher.runOnce()).toEqual({ delivered: 0, retried: 1, failed: 0 });

    await receiver.start();
    t.clock.advance(RETRY_DELAYS_MS[1]!);
    expect(await dispatcher.runOnce()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);

    const detail = await json(await t.call('GET', admin(`/webhooks/${id}`), { token: clinic.token }));
    expect(detail.webhook.state).toBe('ok');
    expect(detail.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null });
    const attempts = detail.attempts.map((a: any) => [a.ok, a.statusCode, a.error]);
    expect(attempts).toEqual([
      [true, 200, null],
      [false, null, 'The connection was refused'],
      [false, null, 'The connection was refused'],
    ]);
  });

  it('marks the endpoint failing after the last retry; a resend delivers with the same webhook-id', async () => {
    const { id, secret } = await register({ events: ['booking.created'] });
    receiver.status = 500;
    await staffBooking();

    expect((await dispatcher.runOnce()).retried).toBe(1);
    for (const [index, delay] of RETRY_DELAYS_MS.entries()) {
      t.clock.advance(delay);
      const round = await dispatcher.runOnce();
      expect(round).toEqual(index === RETRY_DELAYS_MS.length - 1 ? { delivered: 0, retried: 0, failed: 1 } : { delivered: 0, retried: 1, failed: 0 });
    }
    expect(receiver.received).toHaveLength(RETRY_DELAYS_MS.length + 1);
    // Nothing more is tried after the schedule.
    t.clock.advance(48 * 3_600_000);
    expect(await dispatcher.runOnce()).toEqual({ delivered: 0, retried: 0, failed: 0 });

    const list = await json(await t.call('GET', admin('/webhooks'), { token: clinic.token }));
    expect(list.webhooks[0]).toMatchObject({ id, state: 'failing' });
    const detail = await json(await t.call('GET', admin(`/webhooks/${id}`), { token: clinic.token }));
    const delivery = detail.deliveries[0];
    expect(delivery).toMatchObject({ status: 'failed', attempts: 8, lastStatusCode: 500, lastError: 'The endpoint answered 500' });

    receiver.status = 204;
    const resent = await t.call('POST', admin(`/webhooks/${id}/deliveries/${delivery.id}/resend`), { token: clinic.token });
    expect(resent.status).toBe(202);
    expect(await dispatcher.runOnce()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const last = receiver.received.at(-1)!;
    expect(last.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
    expect(last.body).toBe(receiver.received[0]!.body);
    expect(verify(secret, last, t.clock.now())).toMatchObject({ type: 'booking.created' });
    const after = await json(await t.call('GET', admin(`/webhooks/${id}`), { token: clinic.token }));
    expect(after.webhook.state).toBe('ok');
    expect(after.deliveries[0]).toMatchObject({ status: 'delivered' });
  });

  it('sends booking.created for the bookings a template week makes', async () => {
    await register({ events: ['booking.created'] });
    await staffBooking();
    const template = await json(
      await t.call('POST', admin('/template-weeks'), { token: clinic.token, body: { name: 'Vecka', weekStart: '2027-03-01', includeBookings: true } }),
    );
    const applied = await t.call('POST', admin(`/template-weeks/${template.id}/apply`), { token: clinic.token, body: { weekStarts: ['2027-03-08'] } });
    expect(applied.status).toBe(200);
    await dispatcher.runOnce();
    const starts = receiver.events().map((e) => [e.type, e.data.start]);
    expect(starts.sort()).toEqual([
      ['booking.created', '2027-03-03T08:00:00Z'],
      ['booking.created', '2027-03-10T08:00:00Z'],
    ]);
  });

  it('tells of a merge of two clients as client.updated of the one kept', async () => {
    await register({ events: ['client.updated'] });
    const kept = await json(await t.call('POST', admin('/clients'), { token: clinic.token, body: { name: 'Eva Berg' } }));
    const twin = await json(await t.call('POST', admin('/clients'), { token: clinic.token, body: { name: 'Eva B.' } }));
    const merged = await t.call('POST', admin(`/clients/${twin.id}/merge`), { token: clinic.token, body: { into: kept.id } });
    expect(merged.status).toBe(200);
    await dispatcher.runOnce();
    expect(receiver.events().map((e) => e.data)).toMatchObject([{ clientId: kept.id, changes: ['merged'], mergedClientId: twin.id }]);
  });

  it('sends each delivery once when two server processes dispatch at the same time', async () => {
    await register({ events: ['booking.created'] });
    for (let i = 0; i < 6; i++) expect((await staffBooking(slotStart(i))).status).toBe(201);
    // A second connection to the same database, as another server process has.
    const other = t.database.open();
    try {
      const second = new WebhookDispatcher({ ...t.app.deps, store: other }, silentLogger);
      const rounds = await Promise.all([dispatcher.runOnce(), second.runOnce()]);
      expect(rounds.reduce((sum, r) => sum + r.delivered, 0)).toBe(6);
    } finally {
      await other.close();
    }
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('forgets finished deliveries and their attempts after 30 days', async () => {
    const { id } = await register({ events: ['booking.created'] });
    await staffBooking();
    expect((await dispatcher.runOnce()).delivered).toBe(1);
    t.clock.advance(29 * 24 * 3_600_000);
    await dispatcher.runOnce();
    expect((await json(await t.call('GET', admin(`/webhooks/${id}`), { token: clinic.token }))).deliveries).toHaveLength(1);
    t.clock.advance(2 * 24 * 3_600_000);
    await dispatcher.runOnce();
    const detail = await json(await t.call('GET', admin(`/webhooks/${id}`), { token: clinic.token }));
    expect(detail.deliveries).toEqual([]);
    expect(detail.attempts).toEqual([]);
  });

  it('updates, disables and deletes endpoints; a disabled one gets no events', async () => {
    const { id } = await register({ events: ['booking.created'] });
    const patched = await json(
      await t.call('PATCH', admin(`/webhooks/${id}`), { token: clinic.token, body: { enabled: false, events: ['booking.created', 'booking.paid'] } }),
    );
    expect(patched).toMatchObject({ enabled: false, state: 'disabled', events: ['booking.created', 'booking.paid'] });
    await staffBooking();
    expect(await dispatcher.runOnce()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(receiver.received).toHaveLength(0);

    const missing = await t.call('POST', admin(`/webhooks/${id}/deliveries/whd_nope/resend`), { token: clinic.token });
    expect(missing.status).toBe(409);
    await t.call('PATCH', admin(`/webhooks/${id}`), { token: clinic.token, body: { enabled: true } });
    const unknown = await t.call('POST', admin(`/webhooks/${id}/deliveries/whd_nope/resend`), { token: clinic.token });
    expect(unknown.status).toBe(404);

    expect((await t.call('DELETE', admin(`/webhooks/${id}`), { token: clinic.token })).status).toBe(204);
    expect((await t.call('GET', admin(`/webhooks/${id}`), { token: clinic.token })).status).toBe(404);
    expect((await json(await t.call('GET', admin('/webhooks'), { token: clinic.token }))).webhooks).toEqual([]);
  });

  it('refuses bad bodies with a problem, and other clinics cannot see the endpoint', async () => {
    const bad = await t.call('POST', admin('/webhooks'), { token: clinic.token, body: { url: receiver.url, events: ['booking.exploded'] } });
    expect(bad.status).toBe(400);
    expect((await json(bad)).code).toBe('validation_failed');
    const none = await t.call('POST', admin('/webhooks'), { token: clinic.token, body: { url: receiver.url, events: [] } });
    expect(none.status).toBe(400);
    const { id } = await register({ events: ['booking.created'] });
    const other = await t.clinic('other');
    const res = await t.call('GET', `/v1/clinics/${other.slug}/admin/webhooks/${id}`, { token: other.token });
    expect(res.status).toBe(404);
    const anonymous = await t.call('GET', admin('/webhooks'));
    expect(anonymous.status).toBe(401);
    // Reception staff run the desk, not the clinic's integrations.
    const reception = await json(await t.call('POST', admin('/staff'), { token: clinic.token, body: { name: 'Rut Receptionist', role: 'reception' } }));
    for (const [method, path] of [
      ['GET', '/webhooks'],
      ['GET', `/webhooks/${id}`],
      ['POST', '/webhooks'],
      ['PATCH', `/webhooks/${id}`],
      ['DELETE', `/webhooks/${id}`],
    ] as const) {
      const res = await t.call(method, admin(path), {
        token: reception.token,
        body: method === 'POST' || method === 'PATCH' ? { url: receiver.url, events: ['booking.paid'] } : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });
});

describe('webhook addresses (SSRF)', () => {
  let t: TestContext;
  let receiver: Receiver;
  beforeEach(async () => {
    t = await createTestContext();
    receiver = new Receiver();
    await receiver.start();
  });
  afterEach(async () => {
    await receiver.stop();
    await t.close();
  });

  it.each([
    'http://hooks.example.com/x',
    'https://127.0.0.1/x',
    'https://10.0.0.8/x',
    'https://169.254.169.254/latest',
    'https://[::1]/x',
    'https://[fc00::1]/x',
    'https://[::ffff:127.0.0.1]/x',
    'https://localhost/x',
  ])('refuses %s at registration', async (url) => {
    const { slug, token } = await t.clinic('ssrf');
    const res = await t.call('POST', `/v1/clinics/${slug}/admin/webhooks`, { token, body: { url, events: ['booking.created'] } });
    expect(res.status).toBe(400);
    const problem = await json(res);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors[0].path).toBe('url');
  });

  it('refuses at connect time a name that now resolves to loopback (DNS rebinding)', async () => {
    const clinic = await messagingClinic(t, 'rebind');
    const created = await t.call('POST', `/v1/clinics/${clinic.slug}/admin/webhooks`, {
      token: clinic.token,
      body: { url: `https://hooks.example.com:${receiver.port}/x`, events: ['booking.created'] },
    });
    expect(created.status).toBe(201);
    const { id } = await json(created);
    await clinic.book({ name: 'Per Ek', email: 'per@example.se' }, 'none');
    const rebinding: LookupFunction = (_host, options, callback) => {
      if (options.all) (callback as any)(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    };
    const dispatcher = new WebhookDispatcher(t.app.deps, silentLogger, { lookup: rebinding });
    expect(await dispatcher.runOnce()).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(receiver.received).toHaveLength(0);
    const detail = await json(await t.call('GET', `/v1/clinics/${clinic.slug}/admin/webhooks/${id}`, { token: clinic.token }));
    expect(detail.attempts[0].error).toMatch(/private or local address/);
  });
});
