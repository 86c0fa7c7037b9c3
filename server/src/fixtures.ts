import { addLocalDays, localDateOf, localToInstant, weekdayOf } from '@tidbok/core';
import type { Deps } from './services/deps.js';
import { createLocation, createPractitioner, createTreatmentType } from './services/catalogue.js';
import { createClinic } from './services/clinics.js';
import { createWorkingTime } from './services/calendar.js';
import { clinicRowWithId } from './store/repositories/demo.js';

export interface BookableClinic {
  slug: string;
  adminToken: string;
  timeZone: string;
  treatmentTypes: { id: string; name: string }[];
  practitioners: { id: string; name: string }[];
  locationId: string;
}

/**
 * A small clinic with weekday working time from `firstDay` days after the clinic's today for
 * `days` days, relative to the deps' clock. Used by browser and end-to-end tests, which run
 * against a real server.
 */
export async function seedBookableClinic(
  deps: Deps,
  options: { slug: string; locale?: 'sv' | 'en'; firstDay?: number; days?: number; timeZone?: string },
): Promise<BookableClinic> {
  const timeZone = options.timeZone ?? 'Europe/Stockholm';
  const { clinic: created, adminToken } = await createClinic(deps, {
    slug: options.slug,
    name: `Klinik ${options.slug}`,
    timeZone,
    locale: options.locale ?? 'sv',
  });
  const clinic = await clinicRowWithId(deps.store.db, created.id);
  const talk = await createTreatmentType(deps, clinic, {
    name: 'Samtal',
    description: 'Ett samtal på 50 minuter.',
    durationMinutes: 60,
    clientMinutes: 50,
    color: '#2e86ab',
    priceCents: 95000,
  });
  const short = await createTreatmentType(deps, clinic, {
    name: 'Kort uppföljning',
    durationMinutes: 30,
    color: '#3bb273',
    priceCents: 45000,
  });
  const location = await createLocation(deps, clinic, { name: 'Mottagningen', address: 'Storgatan 1, Stockholm' });
  const anna = await createPractitioner(deps, clinic, {
    name: 'Anna Lindqvist',
    title: 'Leg. psykolog',
    treatmentTypeIds: [talk.id, short.id],
  });
  const erik = await createPractitioner(deps, clinic, { name: 'Erik Johansson', treatmentTypeIds: [short.id] });
  const today = localDateOf(deps.clock.now(), timeZone);
  const first = options.firstDay ?? 1;
  for (let day = first; day < first + (options.days ?? 14); day++) {
    const date = addLocalDays(today, day);
    if (weekdayOf(date) >= 6) continue;
    for (const practitioner of [anna, erik]) {
      await createWorkingTime(deps, clinic, {
        practitionerId: practitioner.id,
        start: new Date(localToInstant(date, '09:00', timeZone)).toISOString(),
        end: new Date(localToInstant(date, '12:00', timeZone)).toISOString(),
        locationId: location.id,
      });
    }
  }
  return {
    slug: clinic.slug,
    adminToken,
    timeZone,
    treatmentTypes: [talk, short].map(({ id, name }) => ({ id, name })),
    practitioners: [anna, erik].map(({ id, name }) => ({ id, name })),
    locationId: location.id,
  };
}
