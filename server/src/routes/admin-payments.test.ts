import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vatIncluded } from '../services/payments.js';
import { createTestContext, listen, type TestContext } from '../testing.js';

let t: TestContext;
let slug: string;
let token: string;
let practitionerId: string;
let massageId: string;

async function json(res: Response) {
  return (await res.json()) as any;
}
const admin = (method: string, path: string, body?: unknown) =>
  t.call(method, `/v1/clinics/${slug}/admin${path}`, { token, ...(body === undefined ? {} : { body }) });

async function booking(hour: number) {
  const res = await admin('POST', '/bookings', {
    client: { name: `Klient ${hour}`, email: `klient${hour}@example.com` },
    practitionerId,
    treatmentTypeId: massageId,
    start: `2027-03-03T${String(hour).padStart(2, '0')}:00:00Z`,
    confirmation: 'none',
  });
  expect(res.status).toBe(201);
  return (await json(res)).id as string;
}

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z' });
  ({ slug, token } = await t.clinic('pay'));
  await admin('PATCH', '/settings', {
    name: 'Lugna Rummet',
    booking: { organisationNumber: '556677-8899', address: 'Götgatan 12, Stockholm' },
  });
  massageId = (await json(await admin('POST', '/treatment-types', { name: 'Massage', durationMinutes: 30, priceCents: 45000, vatPercent: 25 }))).id;
  practitionerId = (await json(await admin('POST', '/practitioners', { name: 'Erik Johansson', treatmentTypeIds: [massageId] }))).id;
});
afterEach(async () => {
  await t.close();
});

describe('VAT inside a price', () => {
  it.each([
    [45000, 25, 9000],
    [100, 12, 11], // 10.71 öre rounds to 11
    [95000, 0, 0],
    [10600, 6, 600],
    [999, 25, 200], // 199.8 → 200
  ])('%i öre at %i %% holds %i öre VAT', (amount, rate, vat) => {
    expect(vatIncluded(amount, rate)).toBe(vat);
  });
});

describe('payments', () => {
  it("marks a booking paid with the treatment's price and a receipt number; paying twice is 409", async () => {
    const id = await booking(8);
    const res = await admin('POST', `/bookings/${id}/payment`, { method: 'swish' });
    expect(res.status).toBe(200);
    expect((await json(res)).paid).toEqual({
      amountCents: 45000,
      currency: 'SEK',
      method: 'swish',
      paidAt: '2027-03-01T08:00:00Z',
      receiptNumber: 1,
    });
    const again = await admin('POST', `/bookings/${id}/payment`, { method: 'cash' });
    expect(again.status).toBe(409);
    const feed = await json(await admin('GET', '/calendar?from=2027-03-03&to=2027-03-03'));
    expect(feed.entries.find((e: any) => e.id === id).paid).toBe(true);
  });

  it('numbers receipts without gaps under concurrent payments', async () => {
    const ids = [];
    for (let hour = 6; hour < 18; hour++) ids.push(await booking(hour));
    const server = await listen(t.app);
    try {
      const results = await Promise.all(
        ids.map((id, i) =>
          fetch(`${server.url}/v1/clinics/${slug}/admin/bookings/${id}/payment`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            // Every third payment is refused by validation and must not take a number.
            body: JSON.stringify(i % 3 === 0 ? { method: 'bitcoin' } : { method: 'card', amountCents: 40000 }),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as any })),
        ),
      );
      const numbers = results
        .filter((r) => r.status === 200)
        .map((r) => r.body.paid.receiptNumber)
        .sort((a, b) => a - b);
      expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    } finally {
      await server.close();
    }
  });

  it('voids a payment, keeps the receipt marked void, and never reuses its number', async () => {
    const id = await booking(8);
    await admin('POST', `/bookings/${id}/payment`, { method: 'card' });
    const voided = await admin('POST', `/bookings/${id}/payment/void`);
    expect(voided.status).toBe(200);
    expect((await json(voided)).paid).toBeNull();
    const html = await (await admin('GET', `/bookings/${id}/receipt`)).text();
    expect(html).toContain('MAKULERAT');
    const repaid = await json(await admin('POST', `/bookings/${id}/payment`, { method: 'cash' }));
    expect(repaid.paid.receiptNumber).toBe(2);
    expect(await t.store.db.selectFrom('receipts').select(['number', 'voided_at']).orderBy('number').execute()).toEqual([
      { number: 1, voided_at: t.clock.now() },
      { number: 2, voided_at: null },
    ]);
  });

  it('lets only admins void', async () => {
    const id = await booking(8);
    await admin('POST', `/bookings/${id}/payment`, { method: 'card' });
    const { token: practitionerToken } = await json(await admin('POST', '/staff', { name: 'P', role: 'practitioner' }));
    const res = await t.call('POST', `/v1/clinics/${slug}/admin/bookings/${id}/payment/void`, { token: practitionerToken });
    expect(res.status).toBe(403);
  });
});

describe('receipts', () => {
  it('print the clinic, number, client, treatment, amount, VAT and method, in Swedish or English', async () => {
    const id = await booking(8);
    expect((await admin('GET', `/bookings/${id}/receipt`)).status).toBe(409);
    await admin('POST', `/bookings/${id}/payment`, { method: 'swish' });
    const res = await admin('GET', `/bookings/${id}/receipt`);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = (await res.text()).replace(/\u00a0|\u202f/g, ' ');
    for (const text of [
      '<h1>Kvitto</h1>',
      'Lugna Rummet',
      'Org.nr 556677-8899',
      'Götgatan 12, Stockholm',
      '<th scope="row">Kvittonummer</th><td>1</td>',
      'Klient 8',
      'Massage',
      'Erik Johansson',
      '450,00 kr',
      'Varav moms 25 %</th><td>90,00 kr',
      'Swish',
      '@page { size: A4',
    ]) {
      expect(html).toContain(text);
    }
    const english = (await (await admin('GET', `/bookings/${id}/receipt?locale=en&format=narrow`)).text()).replace(/\u00a0/g, ' ');
    expect(english).toContain('<h1>Receipt</h1>');
    expect(english).toContain('of which VAT 25 %');
    expect(english).toContain('@page { size: 80mm auto');
  });

  it('use the title from settings', async () => {
    await admin('PATCH', '/settings', { booking: { receiptTitle: 'Kvitto för sjukvårdande behandling' } });
    const id = await booking(8);
    await admin('POST', `/bookings/${id}/payment`, { method: 'card' });
    expect(await (await admin('GET', `/bookings/${id}/receipt`)).text()).toContain('<h1>Kvitto för sjukvårdande behandling</h1>');
  });

  it('are sent by e-mail through the outbox', async () => {
    const id = await booking(8);
    expect((await admin('POST', `/bookings/${id}/receipt/send`, { channel: 'email' })).status).toBe(409);
    await admin('POST', `/bookings/${id}/payment`, { method: 'card' });
    const res = await admin('POST', `/bookings/${id}/receipt/send`, { channel: 'email' });
    expect(res.status).toBe(202);
    const { messages } = await json(await admin('GET', `/messages?bookingId=${id}`));
    expect(messages[0]).toMatchObject({ kind: 'receipt', channel: 'email', to: 'klient8@example.com', status: 'pending' });
    expect(messages[0].subject).toBe('Kvitto 1 – Lugna Rummet');
  });
});
