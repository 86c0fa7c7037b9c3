import type { TestContext } from './testing.js';

/** Status, parsed JSON (null for an empty body) and headers of one call. */
export interface Reply {
  status: number;
  // Tests read arbitrary response shapes; the schemas are checked by the routes themselves.
  json: any;
  headers: Headers;
}

export async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  return { status: res.status, json: text === '' ? null : JSON.parse(text), headers: res.headers };
}

/**
 * A clinic with a small, fixed catalogue for calendar tests (never today's date: the context's
 * clock starts where the test says).
 *
 * - `talk` 60 min, online-bookable; `short` 30 min, online-bookable; `internal` 45 min, staff only.
 * - `anna` offers all three (cancellation window: the clinic's); `bo` offers talk and short with
 *   his own 48-hour window; `cilla` offers nothing.
 * - Two rooms. Slots on a 30-minute grid, 2 hours' notice, 90 days' horizon (the defaults else).
 */
export interface CalendarClinic {
  slug: string;
  token: string;
  /** `/v1/clinics/:slug/admin` */
  admin: string;
  /** `/v1/clinics/:slug` */
  public: string;
  tt: { talk: string; short: string; internal: string };
  color: { talk: string; short: string; internal: string };
  pr: { anna: string; bo: string; cilla: string };
  loc: { room1: string; room2: string };
  /** Calls `…/admin{path}` as the clinic's admin. */
  api(method: string, path: string, body?: unknown): Promise<Reply>;
  /** Calls `/v1/clinics/:slug{path}` without credentials. */
  pub(method: string, path: string, body?: unknown): Promise<Reply>;
}

export async function seedCalendarClinic(t: TestContext, slug = 'lugna', extra: Record<string, unknown> = {}): Promise<CalendarClinic> {
  const clinic = await t.clinic(slug, extra);
  const admin = `/v1/clinics/${clinic.slug}/admin`;
  const api = async (method: string, path: string, body?: unknown) => reply(await t.call(method, `${admin}${path}`, { token: clinic.token, body }));
  const pub = async (method: string, path: string, body?: unknown) => reply(await t.call(method, `/v1/clinics/${clinic.slug}${path}`, { body }));
  const must = async (method: string, path: string, body: unknown) => {
    const res = await api(method, path, body);
    if (res.status >= 300) throw new Error(`seeding ${method} ${path} failed: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  };

  await must('PATCH', '/settings', { booking: { slotIntervalMinutes: 30, minNoticeHours: 2, horizonDays: 90 } });
  const color = { talk: '#2e86ab', short: '#27ae60', internal: '#c0392b' };
  const talk = (await must('POST', '/treatment-types', { name: 'Samtal', durationMinutes: 60, color: color.talk })).id;
  const short = (await must('POST', '/treatment-types', { name: 'Kort samtal', durationMinutes: 30, color: color.short })).id;
  const internal = (await must('POST', '/treatment-types', { name: 'Intern', durationMinutes: 45, color: color.internal, onlineBookable: false })).id;
  const anna = (await must('POST', '/practitioners', { name: 'Anna Lind', treatmentTypeIds: [talk, short, internal] })).id;
  const bo = (await must('POST', '/practitioners', { name: 'Bo Ek', treatmentTypeIds: [talk, short], cancellationWindowHours: 48 })).id;
  const cilla = (await must('POST', '/practitioners', { name: 'Cilla Berg' })).id;
  const room1 = (await must('POST', '/locations', { name: 'Rum 1' })).id;
  const room2 = (await must('POST', '/locations', { name: 'Rum 2' })).id;
  return {
    slug: clinic.slug,
    token: clinic.token,
    admin,
    public: `/v1/clinics/${clinic.slug}`,
    tt: { talk, short, internal },
    color,
    pr: { anna, bo, cilla },
    loc: { room1, room2 },
    api,
    pub,
  };
}

/** Query string from defined values only. */
export function qs(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, value);
  return `?${search.toString()}`;
}

/**
 * Inserts a hold row directly (the hold service is not what these tests are about).
 * `expiresAt` in the future and `active: 1` is a hold that blocks its time.
 */
export async function insertHold(
  t: TestContext,
  c: CalendarClinic,
  hold: { practitionerId: string; start: string; end: string; expiresAt: string; active?: 0 | 1; treatmentTypeId?: string },
): Promise<string> {
  const clinic = await t.store.db.selectFrom('clinics').select('id').where('slug', '=', c.slug).executeTakeFirstOrThrow();
  const id = `hd_test_${Math.random().toString(36).slice(2, 10)}`;
  await t.store.db
    .insertInto('holds')
    .values({
      id,
      clinic_id: clinic.id,
      practitioner_id: hold.practitionerId,
      treatment_type_id: hold.treatmentTypeId ?? c.tt.talk,
      location_id: null,
      start_ms: Date.parse(hold.start),
      end_ms: Date.parse(hold.end),
      expires_at: Date.parse(hold.expiresAt),
      secret_hash: 'not-a-real-secret-hash',
      client_ip: '203.0.113.7',
      active: hold.active ?? 1,
      booking_id: null,
      created_at: t.clock.now(),
    })
    .execute();
  return id;
}

/** The starts of a slots response, for compact expectations. */
export const starts = (res: Reply): string[] => (res.json.slots as { start: string }[]).map((s) => s.start);
