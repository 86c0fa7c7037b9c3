import type { TestContext } from './testing.js';

/**
 * Why: many route tests start from the same clinic — one treatment type, one practitioner who
 * offers it and a morning of working time on Wednesday 3 March 2027 — set up through the admin
 * API as a clinic would. This writes that once.
 */
export interface BookableClinic {
  slug: string;
  /** The clinic admin's staff token. */
  token: string;
  treatmentTypeId: string;
  practitionerId: string;
}

export async function bookableClinic(
  t: TestContext,
  name: string,
  options: { durationMinutes?: number; practitionerName?: string; work?: { start: string; end: string } } = {},
): Promise<BookableClinic> {
  const { slug, token } = await t.clinic(name);
  const admin = async (path: string, body: unknown) => {
    const res = await t.call('POST', `/v1/clinics/${slug}/admin${path}`, { token, body });
    if (res.status !== 201) throw new Error(`Setting up ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const treatmentTypeId = (await admin('/treatment-types', { name: 'Samtal', durationMinutes: options.durationMinutes ?? 60 })).id;
  const practitionerId = (await admin('/practitioners', { name: options.practitionerName ?? 'Anna Lindqvist', treatmentTypeIds: [treatmentTypeId] })).id;
  await admin('/working-times', { practitionerId, ...(options.work ?? { start: '2027-03-03T08:00:00Z', end: '2027-03-03T12:00:00Z' }) });
  return { slug, token, treatmentTypeId, practitionerId };
}
