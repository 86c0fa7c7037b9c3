// Helpers for the SDK's tests only; not exported from index.ts, so never in dist.
import type { Booking, CreateBookingResponse, Hold, Message, PendingBooking, TemplateWeek } from '@tidbok/core';
import { createTestContext, listen, type TestContext } from '../../../server/src/testing.js';

export interface Served {
  t: TestContext;
  url: string;
  slug: string;
  /** The clinic admin's staff token. */
  token: string;
  close(): Promise<void>;
}

/** A real app on a temp SQLite file, served on a loopback port, with one clinic. */
export async function serve(slug = 'lugna'): Promise<Served> {
  const t = await createTestContext();
  const srv = await listen(t.app);
  const clinic = await t.clinic(slug);
  return {
    t,
    url: srv.url,
    slug: clinic.slug,
    token: clinic.token,
    async close() {
      await srv.close();
      await t.close();
    },
  };
}

export interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/**
 * A `fetch` that answers from `reply` and records every request it saw, for routes the server
 * does not have yet and for failures a real server will not produce on demand.
 */
export function fakeFetch(reply: (request: Recorded, attempt: number) => Response | Promise<Response>) {
  const calls: Recorded[] = [];
  const fetch = async (input: Request) => {
    const text = await input.text();
    const recorded: Recorded = {
      method: input.method,
      url: new URL(input.url),
      headers: input.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
    calls.push(recorded);
    return reply(recorded, calls.length);
  };
  return { fetch, calls };
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function problemResponse(code: string, status: number, extra: Record<string, unknown> = {}, headers = {}): Response {
  const problem = { type: `https://tidbok.dev/problems/${code}`, title: code, status, code, ...extra };
  return new Response(JSON.stringify(problem), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

// ---- Valid response bodies for the routes still to come (docs/api.md shapes, core schemas) ----

export const sampleBooking: Booking = {
  id: 'bk_1',
  status: 'booked',
  start: '2027-03-02T08:00:00Z',
  end: '2027-03-02T09:00:00Z',
  practitionerId: 'pr_1',
  treatmentTypeId: 'tt_1',
  locationId: null,
  clientId: 'cl_1',
  note: '',
  color: '#2e86ab',
  lateCancellation: false,
  paid: null,
  createdAt: '2027-03-01T08:00:00Z',
  updatedAt: '2027-03-01T08:00:00Z',
};

export const sampleHold: Hold = {
  id: 'ho_1',
  secret: 'hold-secret-1',
  start: '2027-03-02T08:00:00Z',
  end: '2027-03-02T09:00:00Z',
  expiresAt: '2027-03-01T08:10:00Z',
};

export const sampleClient = {
  id: 'cl_1',
  name: 'Alva Berg',
  email: 'alva@example.test',
  phone: null,
  personalNumber: null,
  isTest: false,
  createdAt: '2027-03-01T08:00:00Z',
  updatedAt: '2027-03-01T08:00:00Z',
};

export const sampleWorkingTime = {
  id: 'wt_1',
  practitionerId: 'pr_1',
  start: '2027-03-02T07:00:00Z',
  end: '2027-03-02T15:00:00Z',
  treatmentTypeIds: null,
  locationId: null,
};

export const sampleActivity = {
  id: 'ac_1',
  practitionerId: 'pr_1',
  title: 'Team meeting',
  note: '',
  start: '2027-03-02T12:00:00Z',
  end: '2027-03-02T13:00:00Z',
};

export const sampleTemplateWeek: TemplateWeek = {
  id: 'tw_1',
  name: 'Odd weeks',
  practitionerId: null,
  blocks: [{ weekday: 1, start: '08:00', end: '16:00', practitionerId: 'pr_1', treatmentTypeIds: null, locationId: null }],
  createdAt: '2027-03-01T08:00:00Z',
};

export const sampleMessage: Message = {
  id: 'ms_1',
  channel: 'email',
  to: 'alva@example.test',
  subject: 'Your booking',
  body: 'Welcome',
  status: 'pending',
  createdAt: '2027-03-01T08:00:00Z',
  sentAt: null,
};

export const sampleStaff = {
  id: 'st_2',
  name: 'Ebba Lind',
  email: null,
  role: 'practitioner' as const,
  practitionerId: null,
  createdAt: '2027-03-01T08:00:00Z',
};

/** A `book()` answer that must be a booking (the test's clinic does not confirm by e-mail). */
export function booked(result: CreateBookingResponse | PendingBooking): CreateBookingResponse {
  if ('status' in result) throw new Error(`expected a booking, got one awaiting e-mail confirmation (${result.holdId})`);
  return result;
}
