/**
 * Seeding helpers shared by the bench server process (`server-process.ts`) and the scale suite
 * (`scale.ts`). The catalogue (clinic, treatment type, practitioners, one client) goes through
 * the real services, so it is what the API would have stored; the bulk calendar rows (working
 * times, bookings) are inserted directly, many to a transaction.
 */
import type { UpdateSettingsBody } from '@tidbok/core';
import { createClient } from '../server/src/services/clients.js';
import { createClinic, requireClinic, updateSettings } from '../server/src/services/clinics.js';
import { createPractitioner, createTreatmentType } from '../server/src/services/catalogue.js';
import type { Deps } from '../server/src/services/deps.js';
import type { ClinicRow } from '../server/src/services/rows.js';
import type { Database } from '../server/src/store/schema.js';
import type { Trx } from '../server/src/store/store.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface SeededClinic {
  clinic: ClinicRow;
  treatmentTypeId: string;
  clientId: string;
  practitionerIds: string[];
}

/** A clinic with one treatment type offered by `practitioners` practitioners, and one client. */
export async function seedCatalogue(
  deps: Deps,
  options: { slug: string; practitioners: number; durationMinutes: number; settings?: UpdateSettingsBody['booking'] },
): Promise<SeededClinic> {
  await createClinic(deps, { slug: options.slug, name: `Bench ${options.slug}` });
  let clinic = await requireClinic(deps, options.slug);
  if (options.settings) {
    await updateSettings(deps, clinic, { booking: options.settings });
    clinic = await requireClinic(deps, options.slug);
  }
  const treatment = await createTreatmentType(deps, clinic, { name: 'Behandling', durationMinutes: options.durationMinutes });
  const client = await createClient(deps, clinic, { name: 'Bänk Klient', email: 'bank@example.com' });
  const practitionerIds: string[] = [];
  for (let i = 0; i < options.practitioners; i++) {
    const p = await createPractitioner(deps, clinic, { name: `Behandlare ${i + 1}`, treatmentTypeIds: [treatment.id] });
    practitionerIds.push(p.id);
  }
  return { clinic, treatmentTypeId: treatment.id, clientId: client.id, practitionerIds };
}

export type WorkingTimeRow = Database['working_times'];
export type BookingRow = Database['bookings'];

export function workingTimeRow(id: string, seeded: SeededClinic, practitionerId: string, start: number, end: number, now: number): WorkingTimeRow {
  return {
    id,
    clinic_id: seeded.clinic.id,
    practitioner_id: practitionerId,
    start_ms: start,
    end_ms: end,
    treatment_type_ids: null,
    location_id: null,
    created_at: now,
  };
}

export function bookingRow(
  id: string,
  seeded: SeededClinic,
  practitionerId: string,
  start: number,
  end: number,
  now: number,
  status: 'booked' | 'cancelled' = 'booked',
): BookingRow {
  return {
    id,
    clinic_id: seeded.clinic.id,
    practitioner_id: practitionerId,
    treatment_type_id: seeded.treatmentTypeId,
    location_id: null,
    client_id: seeded.clientId,
    status,
    start_ms: start,
    end_ms: end,
    note: '',
    late_cancellation: 0,
    confirmation: 'none',
    source: 'staff',
    manage_token_hash: null,
    paid_amount_cents: null,
    paid_currency: null,
    paid_method: null,
    paid_at: null,
    receipt_number: null,
    cancelled_at: status === 'cancelled' ? now : null,
    created_at: now,
    updated_at: now,
    locale: null,
  };
}

/** Multi-row inserts through Kysely inside one write transaction (fine for a few thousand rows). */
export async function insertMany<T extends 'working_times' | 'bookings'>(trx: Trx, table: T, rows: Database[T][]) {
  const CHUNK = 200;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto(table)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely cannot relate a generic table to its row type
      .values(rows.slice(i, i + CHUNK) as any)
      .execute();
  }
}
