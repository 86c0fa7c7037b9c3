import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing.js';

let t: TestContext;
let slug: string;
let token: string;
let anna: string;
let erik: string;
let talk: string;

async function json(res: Response) {
  return (await res.json()) as any;
}
const admin = (method: string, path: string, body?: unknown) =>
  t.call(method, `/v1/clinics/${slug}/admin${path}`, { token, ...(body === undefined ? {} : { body }) });

beforeEach(async () => {
  // Before the spring change of 2027, in Europe/Stockholm (+01:00 until 28 March, then +02:00).
  t = await createTestContext({ now: '2027-03-01T08:00:00Z' });
  ({ slug, token } = await t.clinic('tw', { timeZone: 'Europe/Stockholm' }));
  talk = (await json(await admin('POST', '/treatment-types', { name: 'Samtal', durationMinutes: 60 }))).id;
  anna = (await json(await admin('POST', '/practitioners', { name: 'Anna', treatmentTypeIds: [talk] }))).id;
  erik = (await json(await admin('POST', '/practitioners', { name: 'Erik', treatmentTypeIds: [talk] }))).id;
  // The model week: Monday 15 March 2027. Anna 08–12 Mon and Wed, Erik 13–17 Fri (local times).
  for (const [practitionerId, start, end] of [
    [anna, '2027-03-15T07:00:00Z', '2027-03-15T11:00:00Z'],
    [anna, '2027-03-17T07:00:00Z', '2027-03-17T11:00:00Z'],
    [erik, '2027-03-19T12:00:00Z', '2027-03-19T16:00:00Z'],
  ] as const) {
    expect((await admin('POST', '/working-times', { practitionerId, start, end })).status).toBe(201);
  }
});
afterEach(async () => {
  await t.close();
});

describe('template weeks', () => {
  it("saves a week's working time as weekdays and local times", async () => {
    const res = await admin('POST', '/template-weeks', { name: 'Vanlig vecka', weekStart: '2027-03-15' });
    expect(res.status).toBe(201);
    const template = await json(res);
    expect(template.blocks).toEqual([
      { weekday: 1, start: '08:00', end: '12:00', practitionerId: anna, treatmentTypeIds: null, locationId: null },
      { weekday: 3, start: '08:00', end: '12:00', practitionerId: anna, treatmentTypeIds: null, locationId: null },
      { weekday: 5, start: '13:00', end: '17:00', practitionerId: erik, treatmentTypeIds: null, locationId: null },
    ]);
    const onlyAnna = await json(await admin('POST', '/template-weeks', { name: 'Anna', weekStart: '2027-03-15', practitionerId: anna }));
    expect(onlyAnna.blocks).toHaveLength(2);
    expect((await json(await admin('GET', '/template-weeks'))).templateWeeks.map((w: any) => w.name)).toEqual(['Anna', 'Vanlig vecka']);
  });

  it('refuses a weekStart that is not a Monday', async () => {
    const res = await admin('POST', '/template-weeks', { name: 'X', weekStart: '2027-03-16' });
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].path).toBe('weekStart');
  });

  it('keeps 09:00 at 09:00 across both daylight-saving changes', async () => {
    const { id } = await json(await admin('POST', '/template-weeks', { name: 'V', weekStart: '2027-03-15' }));
    // The week of 22 March is on winter time; 29 March on summer time; 1 November on winter time again.
    const res = await admin('POST', `/template-weeks/${id}/apply`, { weekStarts: ['2027-03-22', '2027-03-29', '2027-10-25', '2027-11-01'] });
    expect(res.status).toBe(200);
    const { created, skipped } = await json(res);
    expect(skipped).toEqual([]);
    const starts = created.filter((c: any) => c.practitionerId === anna).map((c: any) => c.start);
    expect(starts).toEqual([
      '2027-03-22T07:00:00Z',
      '2027-03-24T07:00:00Z',
      '2027-03-29T06:00:00Z', // 08:00 summer time
      '2027-03-31T06:00:00Z',
      '2027-10-25T06:00:00Z',
      '2027-10-27T06:00:00Z',
      '2027-11-01T07:00:00Z', // 08:00 winter time again
      '2027-11-03T07:00:00Z',
    ]);
  });

  it('captures a week containing a change correctly (28 March and 31 October)', async () => {
    // Sunday 28 March 2027, 10:00–14:00 local = 08:00–12:00Z (the clocks went forward at 02:00).
    await admin('POST', '/working-times', { practitionerId: anna, start: '2027-03-28T08:00:00Z', end: '2027-03-28T12:00:00Z' });
    const { id, blocks } = await json(await admin('POST', '/template-weeks', { name: 'DST', weekStart: '2027-03-22', practitionerId: anna }));
    expect(blocks).toContainEqual({ weekday: 7, start: '10:00', end: '14:00', practitionerId: anna, treatmentTypeIds: null, locationId: null });
    // Pasted into the week of the autumn change: Sunday 31 October 10:00 local is 09:00Z.
    const { created } = await json(await admin('POST', `/template-weeks/${id}/apply`, { weekStarts: ['2027-10-25'] }));
    expect(created.map((c: any) => `${c.start}/${c.end}`)).toContain('2027-10-31T09:00:00Z/2027-10-31T13:00:00Z');
  });

  it('creates nothing twice when applied twice', async () => {
    const { id } = await json(await admin('POST', '/template-weeks', { name: 'V', weekStart: '2027-03-15' }));
    const first = await json(await admin('POST', `/template-weeks/${id}/apply`, { weekStarts: ['2027-03-22'] }));
    expect(first.created).toHaveLength(3);
    const second = await json(await admin('POST', `/template-weeks/${id}/apply`, { weekStarts: ['2027-03-22'] }));
    expect(second.created).toEqual([]);
    expect(second.skipped.map((s: any) => s.reason)).toEqual(['exists', 'exists', 'exists']);
    const feed = await json(await admin('GET', '/calendar?from=2027-03-22&to=2027-03-28'));
    expect(feed.entries.filter((e: any) => e.kind === 'workingTime')).toHaveLength(3);
  });

  it('previews without writing (dryRun)', async () => {
    const { id } = await json(await admin('POST', '/template-weeks', { name: 'V', weekStart: '2027-03-15' }));
    const preview = await json(await admin('POST', `/template-weeks/${id}/apply`, { weekStarts: ['2027-03-22', '2027-04-05'], dryRun: true }));
    expect(preview.created).toHaveLength(6);
    expect(preview.created.every((c: any) => c.id === null)).toBe(true);
    const feed = await json(await admin('GET', '/calendar?from=2027-03-22&to=2027-04-11'));
    expect(feed.entries.filter((e: any) => e.kind === 'workingTime')).toHaveLength(0);
  });

  it("books a regular client's recurring bookings only where free", async () => {
    const client = await json(await admin('POST', '/clients', { name: 'Stamkund' }));
    await admin('POST', '/bookings', { clientId: client.id, practitionerId: anna, treatmentTypeId: talk, start: '2027-03-15T08:00:00Z', confirmation: 'none' });
    const { id, bookings } = await json(
      await admin('POST', '/template-weeks', { name: 'Stamkund', weekStart: '2027-03-15', practitionerId: anna, includeBookings: true }),
    );
    expect(bookings).toEqual([
      { weekday: 1, start: '09:00', durationMinutes: 60, practitionerId: anna, treatmentTypeId: talk, clientId: client.id, locationId: null },
    ]);
    // Someone else already has Anna on Monday 29 March at 09:00 local.
    const other = await json(await admin('POST', '/clients', { name: 'Annan' }));
    await admin('POST', '/bookings', { clientId: other.id, practitionerId: anna, treatmentTypeId: talk, start: '2027-03-29T07:30:00Z', confirmation: 'none' });
    const { created, skipped } = await json(await admin('POST', `/template-weeks/${id}/apply`, { weekStarts: ['2027-03-22', '2027-03-29'] }));
    expect(created.filter((c: any) => c.kind === 'booking').map((c: any) => c.start)).toEqual(['2027-03-22T08:00:00Z']);
    expect(skipped).toContainEqual(expect.objectContaining({ kind: 'booking', weekStart: '2027-03-29', reason: 'taken', start: '2027-03-29T07:00:00Z' }));
  });

  it('renames and deletes, and 404s for another clinic', async () => {
    const { id } = await json(await admin('POST', '/template-weeks', { name: 'V', weekStart: '2027-03-15' }));
    expect((await json(await admin('PATCH', `/template-weeks/${id}`, { name: 'Udda veckor' }))).name).toBe('Udda veckor');
    const other = await t.clinic('other');
    expect((await t.call('DELETE', `/v1/clinics/${other.slug}/admin/template-weeks/${id}`, { token: other.token })).status).toBe(404);
    expect((await admin('DELETE', `/template-weeks/${id}`)).status).toBe(204);
    expect((await admin('POST', `/template-weeks/${id}/apply`, { weekStarts: ['2027-03-22'] })).status).toBe(404);
  });
});
