import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../server/src/logger.js';
import { createTestContext, listen, type TestContext } from '../../../server/src/testing.js';
import { WebhookDispatcher } from '../../../server/src/webhooks/dispatcher.js';
import { createTidbokAdmin, type TidbokAdmin } from './admin-client.js';
import { verifyWebhook, WebhookVerificationError } from './verify-webhook.js';

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const NOW = Date.parse('2027-03-01T08:00:00Z');

/** Headers as the reference library signs them. */
function signed(body: string, at = NOW, id = 'msg_1') {
  const signature = new Webhook(SECRET).sign(id, new Date(at), body);
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at / 1000)), 'webhook-signature': signature };
}

describe('verifyWebhook', () => {
  const body = JSON.stringify({ type: 'booking.created', timestamp: '2027-03-01T08:00:00Z', data: { bookingId: 'bk_1' } });

  it('accepts what the reference library signs, from a plain object or Fetch Headers', async () => {
    expect(await verifyWebhook(SECRET, signed(body), body, { now: NOW })).toEqual(JSON.parse(body));
    expect(await verifyWebhook(SECRET, new Headers(signed(body)), new TextEncoder().encode(body), { now: NOW })).toMatchObject({
      type: 'booking.created',
    });
    const upper = Object.fromEntries(Object.entries(signed(body)).map(([k, v]) => [k.toUpperCase(), v]));
    expect(await verifyWebhook(SECRET, upper, body, { now: NOW })).toBeTruthy();
  });

  it('accepts a matching signature among several', async () => {
    const headers = signed(body);
    headers['webhook-signature'] = `v1,${Buffer.alloc(32).toString('base64')} v2,abc ${headers['webhook-signature']}`;
    expect(await verifyWebhook(SECRET, headers, body, { now: NOW })).toBeTruthy();
  });

  it.each([
    ['a changed body', (h: Record<string, string>) => h, body.replace('bk_1', 'bk_2'), NOW],
    ['another id', (h: Record<string, string>) => ({ ...h, 'webhook-id': 'msg_2' }), body, NOW],
    ['a wrong signature', (h: Record<string, string>) => ({ ...h, 'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}` }), body, NOW],
    ['only another version', (h: Record<string, string>) => ({ ...h, 'webhook-signature': h['webhook-signature']!.replace('v1,', 'v2,') }), body, NOW],
    ['no signature header', (h: Record<string, string>) => ({ ...h, 'webhook-signature': '' }), body, NOW],
    ['a timestamp 6 minutes old', (h: Record<string, string>) => h, body, NOW + 6 * 60_000],
    ['a timestamp 6 minutes ahead', (h: Record<string, string>) => h, body, NOW - 6 * 60_000],
  ])('refuses %s', async (_name, change, received, now) => {
    const error = await verifyWebhook(SECRET, change(signed(body)), received, { now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
  });

  it('takes a wider tolerance when asked', async () => {
    expect(await verifyWebhook(SECRET, signed(body), body, { now: NOW + 6 * 60_000, toleranceSeconds: 600 })).toBeTruthy();
  });
});

describe('webhooks with the SDK alone, against a real server', () => {
  let t: TestContext;
  let server: Awaited<ReturnType<typeof listen>>;
  let admin: TidbokAdmin;
  let receiver: Server;
  let receiverUrl: string;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeEach(async () => {
    received.length = 0;
    t = await createTestContext({ config: { allowPrivateUrls: true } });
    server = await listen(t.app);
    const clinic = await t.clinic('lugna');
    admin = createTidbokAdmin({ baseUrl: server.url, clinic: clinic.slug, token: clinic.token });
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tidbok`;
  });
  afterEach(async () => {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
    await server.close();
    await t.close();
  });

  it('subscribes, verifies each event, sees the delivery and replays it', async () => {
    const { id, secret } = await admin.webhooks.create({ url: receiverUrl, events: ['booking.created', 'booking.cancelled'] });
    const tt = await admin.treatmentTypes.create({ name: 'Samtal', durationMinutes: 30 });
    const anna = await admin.practitioners.create({ name: 'Anna Ek', treatmentTypeIds: [tt.id] });
    const booking = await admin.bookings.create({
      practitionerId: anna.id,
      treatmentTypeId: tt.id,
      start: '2027-03-03T08:00:00Z',
      client: { name: 'Eva Berg', email: 'eva@example.se' },
      confirmation: 'none',
    });
    await admin.bookings.cancel(booking.id, { notify: false });

    const dispatcher = new WebhookDispatcher(t.app.deps, silentLogger);
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 2 });
    const events = [];
    for (const request of received) events.push(await verifyWebhook(secret, request.headers as Record<string, string>, request.body, { now: t.clock.now() }));
    // Sent in parallel, so in either order.
    expect(events.map((e) => [e.type, e.data.bookingId]).sort()).toEqual([
      ['booking.cancelled', booking.id],
      ['booking.created', booking.id],
    ]);

    expect(await admin.webhooks.list()).toMatchObject([{ id, url: receiverUrl, state: 'ok', includeClientData: false }]);
    const detail = await admin.webhooks.get(id);
    expect(detail.deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered']);
    expect(detail.attempts).toHaveLength(2);

    const created = detail.deliveries.find((d) => d.type === 'booking.created')!;
    const replay = await admin.webhooks.resend(id, created.id);
    expect(replay.status).toBe('pending');
    await dispatcher.runOnce();
    expect(received).toHaveLength(3);
    expect(received[2]!.headers['webhook-id']).toBe(created.messageId);
    expect(JSON.parse(received[2]!.body).type).toBe('booking.created');

    expect(await admin.webhooks.update(id, { enabled: false })).toMatchObject({ state: 'disabled' });
    await admin.webhooks.remove(id);
    expect(await admin.webhooks.list()).toEqual([]);
  });
});
