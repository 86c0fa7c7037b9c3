import type { TestContext } from '../testing.js';

/** A clinic set up to take public bookings on 3 March 2027, 09:00–13:00 Stockholm time. */
export async function messagingClinic(
  t: TestContext,
  slugName = 'mail',
  treatment: { name: string; durationMinutes: number; confirmationText?: string } = { name: 'Samtal', durationMinutes: 30 },
) {
  const json = async (res: Response) => (await res.json()) as any;
  const { slug, token } = await t.clinic(slugName);
  await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token, body: { name: 'Lugna Rummet' } });
  const treatmentTypeId: string = (await json(await t.call('POST', `/v1/clinics/${slug}/admin/treatment-types`, { token, body: treatment }))).id;
  const practitionerId: string = (
    await json(
      await t.call('POST', `/v1/clinics/${slug}/admin/practitioners`, {
        token,
        body: { name: 'Anna Lindqvist', email: 'anna@lugna.example', treatmentTypeIds: [treatmentTypeId] },
      }),
    )
  ).id;
  await t.call('POST', `/v1/clinics/${slug}/admin/working-times`, {
    token,
    body: { practitionerId, start: '2027-03-03T08:00:00Z', end: '2027-03-03T12:00:00Z' },
  });

  /** Hold then book, as the public widget does; the booking and its manage token. */
  async function book(
    client: { name: string; email: string; phone?: string },
    confirmation: 'email' | 'sms' | 'none',
    start = '2027-03-03T08:00:00Z',
  ): Promise<{ booking: { id: string }; manageToken: string }> {
    const hold = await json(await t.call('POST', `/v1/clinics/${slug}/holds`, { body: { treatmentTypeId, practitionerId, start } }));
    const res = await t.call('POST', `/v1/clinics/${slug}/bookings`, {
      body: { holdId: hold.id, holdSecret: hold.secret, client, confirmation },
    });
    if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${await res.text()}`);
    return json(res);
  }

  return { slug, token, treatmentTypeId, practitionerId, book };
}

/** Each 30-minute start of the test day, for bookings that must not collide. */
export const slotStart = (index: number) => new Date(Date.parse('2027-03-03T08:00:00Z') + index * 30 * 60_000).toISOString();
