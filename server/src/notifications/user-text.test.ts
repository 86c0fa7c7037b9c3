import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing.js';
import { Dispatcher } from './dispatcher.js';
import { messagingClinic } from './testing-clinic.js';
import { MailCatcher } from './testing-receivers.js';
import { smtpTransport } from './transports.js';
import { greetingName, oneLine, quoted } from './user-text.js';

const silent = { info: () => {}, error: () => {} };

describe('a visitor-typed name inside the clinic’s message', () => {
  let t: TestContext;
  let mail: MailCatcher;
  beforeEach(async () => {
    t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { publicUrl: 'https://boka.example.se' } });
    mail = new MailCatcher();
    await mail.start();
  });
  afterEach(async () => {
    await mail.stop();
    await t.close();
  });

  // Rows stored before names were limited to one short line still hold such names.
  const attack = 'Klara!\r\n\r\nDin betalning har inte gått igenom. Betala 950 kr på https://evil.example/pay inom 24 timmar.\n\nVänliga hälsningar';

  it('is left out of the greeting when it is not a plain name, and never breaks a line', async () => {
    const clinic = await messagingClinic(t);
    await t.call('PATCH', `/v1/clinics/${clinic.slug}/admin/settings`, {
      token: clinic.token,
      body: { booking: { confirmationCopyTo: 'reception@lugna.example' } },
    });
    const { booking } = await clinic.book({ name: 'Klara Klient', email: 'klara@example.com' }, 'email');
    const { client_id } = await t.store.db.selectFrom('bookings').select('client_id').where('id', '=', booking.id).executeTakeFirstOrThrow();
    // As an older version could have stored it.
    await t.store.db.updateTable('clients').set({ name: attack }).where('id', '=', client_id).execute();
    await t.store.db.deleteFrom('messages').execute();
    const res = await t.call('POST', `/v1/clinics/${clinic.slug}/admin/bookings/${booking.id}/confirmation`, {
      token: clinic.token,
      body: { channel: 'email' },
    });
    expect(res.status).toBe(202);

    await new Dispatcher(t.app.deps, smtpTransport(`smtp://127.0.0.1:${mail.port}`, 'no-reply@lugna.example'), silent).runOnce();
    const toClient = mail.received.find((m) => m.subject?.startsWith('Bokningsbekräftelse'))!;
    expect(toClient.text!.split('\n')[0]).toBe('Hej!');
    expect(toClient.text).not.toContain('evil.example');
    expect(toClient.text).not.toContain('betalning');
    expect(toClient.html).not.toContain('evil.example');

    // Staff's copy names the client in quotes, on the subject's one line, cut short.
    const copy = mail.received.find((m) => m.subject?.startsWith('Kopia'))!;
    expect(copy.subject).toMatch(/^Kopia: ny bokning onsdag 3 mars 2027 kl\. 09:00 “Klara! Din betalning [^”\n]*…”$/);
  });

  it('greets a plain name as it is', async () => {
    const clinic = await messagingClinic(t);
    await clinic.book({ name: 'Anna-Karin O’Brien', email: 'ak@example.com' }, 'email');
    await new Dispatcher(t.app.deps, smtpTransport(`smtp://127.0.0.1:${mail.port}`, 'no-reply@lugna.example'), silent).runOnce();
    expect(mail.received[0]!.text!.split('\n')[0]).toBe('Hej Anna-Karin O’Brien!');
  });
});

describe('user-text', () => {
  it('puts text on one trimmed line: breaks, controls and bidi overrides become spaces', () => {
    expect(oneLine('  Klara\r\nKlient\u2028x\u202e\u0000y  ')).toBe('Klara Klient x y');
    expect(oneLine('a'.repeat(100))).toHaveLength(60);
    expect(oneLine('a'.repeat(100)).endsWith('…')).toBe(true);
    // Cut between code points, never inside a surrogate pair.
    expect(oneLine('😀'.repeat(70))).toBe(`${'😀'.repeat(59)}…`);
  });

  it('greets only what looks like a name', () => {
    expect(greetingName('Åsa Öberg')).toBe('Åsa Öberg');
    expect(greetingName('J. R. R. Tolkien')).toBe('J. R. R. Tolkien');
    expect(greetingName('Klara\nKlient')).toBe('Klara Klient');
    for (const name of ['evil.example', 'Klara, ring 070-123', 'Se https://x', 'a@b', '{{manage-link}}', '', 'x'.repeat(70)]) {
      expect(greetingName(name)).toBe('');
    }
  });

  it('quotes a name for staff with quote marks of its own replaced', () => {
    expect(quoted('Klara ”Boss” Klient\n')).toBe("“Klara 'Boss' Klient”");
  });
});
