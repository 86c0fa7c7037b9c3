import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTidbokAdmin, type TidbokAdmin } from './admin-client.js';
import { type Served, serve } from './test-support.js';

let s: Served;
let admin: TidbokAdmin;

beforeEach(async () => {
  s = await serve('lugna');
  admin = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: s.token });
});
afterEach(async () => {
  await s.close();
});

describe('me and the audit log against a real server', () => {
  it('me() names the role and permissions; auditLog() pages what staff did; reception is refused', async () => {
    const me = await admin.me();
    expect(me.staff.role).toBe('admin');
    expect(me.permissions).toContain('audit');

    const { token } = await admin.staff.create({ name: 'Rut', role: 'reception' });
    const reception = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token });
    expect((await reception.me()).permissions).not.toContain('settings');

    await admin.locations.create({ name: 'Rum 1' });
    s.t.clock.advance(1000);
    await admin.locations.create({ name: 'Rum 2' });
    const first = await admin.auditLog({ entity: 'location', limit: 1 });
    expect(first.entries).toHaveLength(1);
    expect(first.entries[0]).toMatchObject({ action: 'created', entity: 'location', staffName: 'Administrator', summary: 'name' });
    expect(first.nextCursor).not.toBeNull();
    const second = await admin.auditLog({ entity: 'location', limit: 1, cursor: first.nextCursor! });
    expect(second.entries[0]!.id).not.toBe(first.entries[0]!.id);
    expect(second.nextCursor).toBeNull();

    await expect(reception.auditLog()).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });
});
