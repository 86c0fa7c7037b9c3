import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createTestContext, type TestContext } from './testing.js';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

describe('foundation smoke', () => {
  it('answers health and creates a clinic whose admin can read settings with the defaults', async () => {
    expect(await (await t.call('GET', '/v1/health')).json()).toEqual({ ok: true });
    const { slug, token } = await t.clinic('smoke');
    const res = await t.call('GET', `/v1/clinics/${slug}/admin/settings`, { token });
    expect(res.status).toBe(200);
    const settings = await res.json();
    expect(settings.booking).toMatchObject({
      slotIntervalMinutes: 15,
      minNoticeHours: 2,
      horizonDays: 90,
      holdMinutes: 10,
      cancellationWindowHours: 24,
      publicBooking: 'open',
      personalNumber: 'hidden',
      allowedOrigins: [],
    });
    expect(settings.modules).toEqual({ booking: true });
  });

  it('refuses an unknown field with a validation problem naming it', async () => {
    const { slug, token } = await t.clinic('strict');
    const res = await t.call('POST', `/v1/clinics/${slug}/admin/locations`, {
      token,
      body: { name: 'Rum 1', colour: 'red' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toContainEqual({ path: 'colour', message: 'Unknown field' });
  });
});

describe('request log', () => {
  it('records method, path and status but never bodies, query strings, tokens or personal numbers', async () => {
    const lines: string[] = [];
    const logger = {
      info: (message: string, fields?: Record<string, unknown>) => lines.push(JSON.stringify({ message, ...fields })),
      error: (message: string, fields?: Record<string, unknown>) => lines.push(JSON.stringify({ message, ...fields })),
    };
    const logged = createApp({ store: t.store, clock: t.clock, config: t.app.deps.config, logger });
    const { slug, token } = await t.clinic('logged');
    const personalNumber = '19121212-1212';
    await logged.request(`/v1/clinics/${slug}/admin/clients?q=Svensson`, { headers: { authorization: `Bearer ${token}` } });
    await logged.request(`/v1/clinics/${slug}/admin/clients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Sven Svensson', personalNumber }),
    });
    expect(lines.length).toBe(2);
    expect(lines[1]).toContain('"status":201');
    const all = lines.join('\n');
    for (const secret of [token, personalNumber, '191212', 'Svensson']) expect(all).not.toContain(secret);
  });
});
