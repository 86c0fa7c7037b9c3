import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { Dispatcher } from '../notifications/dispatcher.js';
import { MailCatcher } from '../notifications/testing-receivers.js';
import { smtpTransport } from '../notifications/transports.js';
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
  const plain = (text: string) => text.replace(/\u00a0|\u202f/g, ' ');

  it('print the seller (name, org. number, address), number, client, treatment, one VAT line per rate, in Swedish or English', async () => {
    const id = await booking(8);
    expect((await admin('GET', `/bookings/${id}/receipt`)).status).toBe(409);
    await admin('POST', `/bookings/${id}/payment`, { method: 'swish' });
    const res = await admin('GET', `/bookings/${id}/receipt`);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = plain(await res.text());
    for (const text of [
      '<h1>Kvitto</h1>',
      'Lugna Rummet',
      'Org.nr 556677-8899',
      'Götgatan 12, Stockholm',
      '<th scope="row">Kvittonummer</th><td>1</td>',
      'Klient 8',
      '<th scope="row">Massage</th><td>450,00 kr</td>',
      'Erik Johansson',
      '<th scope="row">Summa att betala</th><td>450,00 kr</td>',
      // 25 %: net 360, VAT 90, gross 450.
      '<tr><th scope="row">25 %</th><td>360,00 kr</td><td>90,00 kr</td><td>450,00 kr</td></tr>',
      'Swish',
      '@page { size: A4',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain('Momsfri');
    const english = plain(await (await admin('GET', `/bookings/${id}/receipt?locale=en&format=narrow`)).text());
    expect(english).toContain('<h1>Receipt</h1>');
    expect(english).toContain('<tr><th scope="row">25 %</th><td>SEK 360.00</td><td>SEK 90.00</td><td>SEK 450.00</td></tr>');
    expect(english).toContain('@page { size: 80mm auto');
  });

  it('as data: the same lines, one VAT line per rate present, VAT-free only when something is', async () => {
    const id = await booking(8);
    await admin('POST', `/bookings/${id}/payment`, { method: 'card', amountCents: 10600 });
    const res = await admin('GET', `/bookings/${id}/receipt/lines?locale=en`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      number: 1,
      title: 'Receipt',
      locale: 'en',
      voided: false,
      seller: { name: 'Lugna Rummet', organisationNumber: '556677-8899', address: 'Götgatan 12, Stockholm' },
      paidAt: '2027-03-01T08:00:00Z',
      serviceStart: '2027-03-03T08:00:00Z',
      timeZone: 'Europe/Stockholm',
      client: 'Klient 8',
      practitioner: 'Erik Johansson',
      method: 'card',
      currency: 'SEK',
      items: [{ description: 'Massage', grossCents: 10600, vatPercent: 25 }],
      vat: [{ vatPercent: 25, netCents: 8480, vatCents: 2120, grossCents: 10600 }],
      totalCents: 10600,
      vatTotalCents: 2120,
      vatText: expect.any(String),
    });
    expect((await admin('GET', `/bookings/${id}/receipt/lines?locale=de`)).status).toBe(400);
    expect((await admin('GET', `/bookings/nope/receipt/lines`)).status).toBe(404);

    const freeId = (await json(await admin('POST', '/treatment-types', { name: 'Fysioterapi', durationMinutes: 30, priceCents: 95000, vatPercent: 0 }))).id;
    await admin('PUT', `/practitioners/${practitionerId}/treatment-types`, { treatmentTypeIds: [massageId, freeId] });
    const free = await json(
      await admin('POST', '/bookings', {
        client: { name: 'Fri', email: 'fri@example.com' },
        practitionerId,
        treatmentTypeId: freeId,
        start: '2027-03-04T08:00:00Z',
        confirmation: 'none',
      }),
    );
    await admin('POST', `/bookings/${free.id}/payment`, { method: 'cash' });
    const lines = await json(await admin('GET', `/bookings/${free.id}/receipt/lines`));
    expect(lines.vat).toEqual([{ vatPercent: 0, netCents: 95000, vatCents: 0, grossCents: 95000 }]);
    expect(plain(await (await admin('GET', `/bookings/${free.id}/receipt`)).text())).toContain(
      '<tr><th scope="row">Momsfritt</th><td>950,00 kr</td><td>0,00 kr</td><td>950,00 kr</td></tr>',
    );
  });

  it("carry the clinic's VAT text on paper, in the e-mail and as data", async () => {
    await admin('PATCH', '/settings', { booking: { vatText: 'Momsfri sjukvård (3 kap. 4 § ML)' } });
    const id = await booking(8);
    await admin('POST', `/bookings/${id}/payment`, { method: 'card' });
    expect((await json(await admin('GET', `/bookings/${id}/receipt/lines`))).vatText).toBe('Momsfri sjukvård (3 kap. 4 § ML)');
    expect(await (await admin('GET', `/bookings/${id}/receipt`)).text()).toContain('<p class="vat-text">Momsfri sjukvård (3 kap. 4 § ML)</p>');
    await admin('POST', `/bookings/${id}/receipt/send`, { channel: 'email' });
    const [message] = await t.store.db.selectFrom('messages').select(['body_text']).where('kind', '=', 'receipt').execute();
    expect(message!.body_text).toContain('Momsfri sjukvård (3 kap. 4 § ML)');
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

  it('the e-mail is in the booking’s language: English amounts and labels for an English booking', async () => {
    await admin('PATCH', '/settings', { locale: 'en' });
    const mail = new MailCatcher();
    await mail.start();
    try {
      const id = await booking(8);
      await admin('POST', `/bookings/${id}/payment`, { method: 'card' });
      await admin('POST', `/bookings/${id}/receipt/send`, { channel: 'email' });
      await new Dispatcher(t.app.deps, smtpTransport(`smtp://127.0.0.1:${mail.port}`, 'Lugna Rummet <no-reply@lugna.example>'), silentLogger).runOnce();
      const received = mail.received[0]!;
      expect(received.subject).toBe('Receipt 1 – Lugna Rummet');
      const text = plain(received.text ?? '');
      for (const line of ['Org. no. 556677-8899', 'Total paid: SEK 450.00', '25 %: SEK 360.00 / SEK 90.00 / SEK 450.00', 'Payment method: Card']) {
        expect(text).toContain(line);
      }
      expect(plain(String(received.html))).toContain('<tr><th scope="row">25 %</th><td>SEK 360.00</td><td>SEK 90.00</td><td>SEK 450.00</td></tr>');
    } finally {
      await mail.stop();
    }
  });

  it('the e-mail a client receives has the same lines and totals as the receipt', async () => {
    const mail = new MailCatcher();
    await mail.start();
    try {
      const id = await booking(8);
      await admin('POST', `/bookings/${id}/payment`, { method: 'swish' });
      expect((await admin('POST', `/bookings/${id}/receipt/send`, { channel: 'email' })).status).toBe(202);
      await new Dispatcher(t.app.deps, smtpTransport(`smtp://127.0.0.1:${mail.port}`, 'Lugna Rummet <no-reply@lugna.example>'), silentLogger).runOnce();
      expect(mail.received).toHaveLength(1);
      const received = mail.received[0]!;
      expect(received.subject).toBe('Kvitto 1 – Lugna Rummet');
      const lines = await json(await admin('GET', `/bookings/${id}/receipt/lines?locale=sv`));
      const printed = plain(await (await admin('GET', `/bookings/${id}/receipt?locale=sv`)).text());
      const mailed = plain(String(received.html));
      // The HTML part is the printable receipt itself.
      expect(mailed).toBe(printed);
      // The text part: the same seller, lines and totals.
      const text = plain(received.text ?? '');
      for (const line of [
        'Kvitto',
        'Lugna Rummet',
        'Org.nr 556677-8899',
        'Götgatan 12, Stockholm',
        'Kvittonummer: 1',
        'Massage: 450,00 kr',
        'Summa att betala: 450,00 kr',
        '25 %: 360,00 kr / 90,00 kr / 450,00 kr',
        'Betalsätt: Swish',
      ]) {
        expect(text).toContain(line);
      }
      expect(text).not.toContain('Momsfri');
      expect(lines.totalCents).toBe(45000);
      expect(lines.vat).toEqual([{ vatPercent: 25, netCents: 36000, vatCents: 9000, grossCents: 45000 }]);
    } finally {
      await mail.stop();
    }
  });
});
