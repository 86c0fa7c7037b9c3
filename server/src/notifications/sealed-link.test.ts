import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../config.js';
import { secretKey } from '../secret-key.js';
import { newId } from '../secrets.js';
import { createTestContext, type TestContext } from '../testing.js';
import { Dispatcher } from './dispatcher.js';
import { openLink, sealLink } from './sealed-link.js';
import { messagingClinic } from './testing-clinic.js';
import type { OutgoingEmail } from './transports.js';

const silent = { info: () => {}, error: () => {} };

describe('links waiting in the outbox', () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { publicUrl: 'https://boka.example.se' } });
  });
  afterEach(async () => {
    await t.app.background.idle();
    await t.close();
  });

  const deliver = async (deps = t.app.deps) => {
    const sent: OutgoingEmail[] = [];
    const result = await new Dispatcher(deps, { email: async (m) => void sent.push(m) }, silent).runOnce();
    return { sent, result };
  };

  it('are not in a copy of the database, and reach the client working', async () => {
    const clinic = await messagingClinic(t);
    const { booking, manageToken } = await clinic.book({ name: 'Klara Klient', email: 'klara@example.com' }, 'email');
    // A login link too, asked for by the same client.
    await t.call('POST', `/v1/clinics/${clinic.slug}/auth/email-link`, { body: { email: 'klara@example.com' } });
    await t.app.background.idle();

    // What someone who copies the database files (or dumps the tables) gets.
    const copy = (await t.database.contents()).toString('latin1');
    expect(copy).not.toContain(manageToken);
    expect(copy).not.toContain(`#t=${manageToken.slice(0, 12)}`);
    expect(copy).not.toContain('#tidbok-login=tbl_');

    const { sent } = await deliver();
    const confirmation = sent.find((m) => m.subject.startsWith('Bokningsbekräftelse'))!;
    const link = `https://boka.example.se/b/${clinic.slug}/${booking.id}#t=${manageToken}`;
    expect(confirmation.text).toContain(link);
    expect(confirmation.html).toContain(`href="${link}"`);
    const login = /#tidbok-login=([\w-]+)/.exec(sent.find((m) => m.subject.startsWith('Logga in'))!.text)![1]!;
    expect(login).toMatch(/^tbl_/);
    expect(copy).not.toContain(login);
    // The link works.
    const owner = await t.call('POST', `/v1/clinics/${clinic.slug}/auth/verify`, { body: { token: login } });
    expect(owner.status).toBe(200);
  });

  it('cannot be opened with another key: the message fails, saying why, and nothing is sent', async () => {
    const clinic = await messagingClinic(t);
    const { manageToken } = await clinic.book({ name: 'Klara Klient', email: 'klara@example.com' }, 'email');
    const otherKey = { ...t.app.deps, config: { ...t.app.deps.config, secretKey: 'another key, of at least 32 characters' } };
    const { sent, result } = await deliver(otherKey);
    expect(sent).toHaveLength(0);
    expect(result.failed).toBe(1);
    const [message] = await t.store.db.selectFrom('messages').selectAll().execute();
    expect(message).toMatchObject({ status: 'failed', secret_url: null });
    expect(message!.last_error).toMatch(/secret key/);
    expect(JSON.stringify(message)).not.toContain(manageToken);
  });

  it('written in plain text by an older version are sealed when the dispatcher starts', async () => {
    const clinic = await messagingClinic(t);
    await clinic.book({ name: 'Klara Klient', email: 'klara@example.com' }, 'email');
    const plain = 'https://boka.example.se/b/mail/bk_1?t=tbm_plainTokenFromAnOlderVersion';
    await t.store.db.updateTable('messages').set({ secret_url: plain }).execute();
    // No transport: nothing is sent, but the link is sealed all the same.
    await new Dispatcher(t.app.deps, {}, silent).runOnce();
    expect((await t.database.contents()).toString('latin1')).not.toContain('tbm_plainTokenFromAnOlderVersion');
    const { sent } = await deliver();
    expect(sent[0]!.text).toContain(plain);
  });
});

describe('the key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidbok-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated once next to the database, readable by its owner only, and the same after a restart', () => {
    const dbFile = join(dir, 'tidbok.db');
    const first = testConfig({ dbFile });
    const id = newId('msg');
    const sealed = sealLink(first, id, 'https://x.example/b/c/bk?t=tbm_secret');
    expect(statSync(`${dbFile}.key`).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${dbFile}.key`, 'utf8').trim().length).toBeGreaterThanOrEqual(43);
    // A restart reads the configuration anew, and the file.
    const restarted = testConfig({ dbFile });
    expect(openLink(restarted, id, sealed)).toBe('https://x.example/b/c/bk?t=tbm_secret');
    // Bound to its message: another message's id does not open it.
    expect(() => openLink(restarted, newId('msg'), sealed)).toThrow(/secret key/);
  });

  it('comes from TIDBOK_SECRET_KEY when set, and then no file is written', () => {
    const dbFile = join(dir, 'tidbok.db');
    const config = testConfig({ dbFile, secretKey: 'k'.repeat(44) });
    const sealed = sealLink(config, 'msg_1', 'https://x.example/?t=1');
    expect(() => statSync(`${dbFile}.key`)).toThrow();
    expect(openLink(testConfig({ dbFile: ':memory:', secretKey: 'k'.repeat(44) }), 'msg_1', sealed)).toBe('https://x.example/?t=1');
    expect(secretKey(config)).toHaveLength(32);
  });
});
