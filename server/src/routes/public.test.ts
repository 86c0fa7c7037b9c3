import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing.js';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

describe('GET /v1/clinics/:clinic', () => {
  async function setUp() {
    const { slug, token } = await t.clinic('lugna', { name: 'Lugna Rummet', timeZone: 'Europe/Stockholm', locale: 'sv' });
    const admin = async (method: string, path: string, body?: unknown) => {
      const res = await t.call(method, `/v1/clinics/${slug}/admin${path}`, { token, body });
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
      return res.status === 204 ? null : res.json();
    };
    const online = await admin('POST', '/treatment-types', { name: 'Samtal', durationMinutes: 60, clientMinutes: 50, color: '#2e86ab', priceCents: 95000 });
    const internal = await admin('POST', '/treatment-types', { name: 'Journal', durationMinutes: 30, onlineBookable: false });
    const archived = await admin('POST', '/treatment-types', { name: 'Gammal', durationMinutes: 30 });
    await admin('DELETE', `/treatment-types/${archived.id}`);
    const anna = await admin('POST', '/practitioners', {
      name: 'Anna Lindqvist',
      title: 'Leg. psykolog',
      email: 'anna@lugna.example',
      cancellationWindowHours: 48,
      treatmentTypeIds: [online.id, internal.id],
    });
    const gone = await admin('POST', '/practitioners', { name: 'Slutat', email: 'slutat@lugna.example' });
    await admin('DELETE', `/practitioners/${gone.id}`);
    const room = await admin('POST', '/locations', { name: 'Södermalm', address: 'Götgatan 12' });
    const closed = await admin('POST', '/locations', { name: 'Stängd' });
    await admin('DELETE', `/locations/${closed.id}`);
    await admin('POST', '/clients', { name: 'Klara Klient', email: 'klara@example.se' });
    await admin('POST', '/staff', { name: 'Receptionen', email: 'reception@lugna.example', role: 'admin' });
    await admin('PATCH', '/settings', {
      booking: { bookingInfoText: 'Vi sparar dina uppgifter enligt GDPR.', allowedOrigins: ['https://lugna.example'] },
    });
    return { slug, token, online, internal, anna, room };
  }

  it('needs no credentials and shows what a visitor can book, with whom and where', async () => {
    const { slug, online, anna, room } = await setUp();
    const res = await t.call('GET', `/v1/clinics/${slug}`);
    expect(res.status).toBe(200);
    const clinic = await res.json();
    expect(clinic).toMatchObject({
      slug: 'lugna',
      name: 'Lugna Rummet',
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      bookingInfoText: 'Vi sparar dina uppgifter enligt GDPR.',
      modules: { booking: true },
    });
    expect(clinic.treatmentTypes).toEqual([online]);
    // With the cancellation rule a patient booking with her is told: her own 48 hours (the clinic's is 24).
    expect(clinic.practitioners).toEqual([
      { id: anna.id, name: 'Anna Lindqvist', title: 'Leg. psykolog', treatmentTypeIds: [online.id], cancellationWindowHours: 48 },
    ]);
    expect(clinic.locations).toEqual([room]);
  });

  it('reveals no e-mail addresses, tokens, clients, staff or internal settings', async () => {
    const { slug, token } = await setUp();
    const text = await (await t.call('GET', `/v1/clinics/${slug}`)).text();
    expect(text).not.toMatch(/@/);
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/token|secret|hash/i);
    expect(text).not.toContain('Klara');
    expect(text).not.toContain('Receptionen');
    expect(text).not.toContain('allowedOrigins');
    expect(text).not.toContain('lugna.example');
    expect(text).not.toContain('cl_');
  });

  it('shows an online-bookable type as soon as it is switched on, and hides it when switched off', async () => {
    const { slug, token, internal } = await setUp();
    await t.call('PATCH', `/v1/clinics/${slug}/admin/treatment-types/${internal.id}`, { token, body: { onlineBookable: true } });
    let clinic = await (await t.call('GET', `/v1/clinics/${slug}`)).json();
    expect(clinic.treatmentTypes.map((x: { name: string }) => x.name).sort()).toEqual(['Journal', 'Samtal']);
    expect(clinic.practitioners[0].treatmentTypeIds).toContain(internal.id);
    await t.call('PATCH', `/v1/clinics/${slug}/admin/treatment-types/${internal.id}`, { token, body: { onlineBookable: false } });
    clinic = await (await t.call('GET', `/v1/clinics/${slug}`)).json();
    expect(clinic.treatmentTypes.map((x: { name: string }) => x.name)).toEqual(['Samtal']);
  });

  it('says when the booking module is off', async () => {
    const { slug, token } = await setUp();
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token, body: { modules: { booking: false } } });
    const res = await t.call('GET', `/v1/clinics/${slug}`);
    expect(res.status).toBe(200);
    expect((await res.json()).modules).toEqual({ booking: false });
  });

  it('answers 404 not_found as problem+json for an unknown slug', async () => {
    await setUp();
    for (const slug of ['nowhere', 'LUGNA', 'lugna-x']) {
      const res = await t.call('GET', `/v1/clinics/${slug}`);
      expect(res.status, slug).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).code).toBe('not_found');
    }
  });

  it('ignores credentials it does not need', async () => {
    const { slug } = await setUp();
    const res = await t.call('GET', `/v1/clinics/${slug}`, { token: 'garbage' });
    expect(res.status).toBe(200);
  });
});

describe('GET /v1/health', () => {
  it('answers ok without credentials and is never cached', async () => {
    const res = await t.call('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
