import { addLocalDays, localDateOf, localToInstant, weekdayOf } from '@tidbok/core';
import type { Insertable } from 'kysely';
import { createLocation, createPractitioner, createTreatmentType } from './services/catalogue.js';
import { createClinic } from './services/clinics.js';
import type { Deps } from './services/deps.js';
import { newId } from './secrets.js';
import { addWorkingTimes, anyClinicExists, clinicRowWithId, clinicSettingsJson, saveClinicSettingsJson } from './store/repositories/demo.js';
import type { WorkingTimeTable } from './store/schema.js';

export const DEMO_SLUG = 'demo';

interface DemoResult {
  slug: string;
  adminToken: string;
}

/**
 * On an empty database, sets up clinic `demo` so a new operator sees a working product at once:
 * three practitioners, treatment types with colours and prices, a location and four weeks of
 * working time from today. Does nothing when any clinic exists.
 */
export async function seedDemoIfEmpty(deps: Deps): Promise<DemoResult | null> {
  if (await anyClinicExists(deps.store.db)) return null;
  return seedDemo(deps);
}

export async function seedDemo(deps: Deps): Promise<DemoResult> {
  const { clinic: created, adminToken } = await createClinic(
    deps,
    { slug: DEMO_SLUG, name: 'Mottagningen Lugna Rummet', timeZone: 'Europe/Stockholm', locale: 'sv' },
    'Klinikadministratör',
  );
  // The demo's booking page is where the manage page's "Book again" leads; as a Swedish clinic it
  // is closed on the red days (publicHolidays, docs/design.md's closed days).
  const stored = await clinicSettingsJson(deps.store.db, created.id);
  const settings = {
    ...(JSON.parse(stored || '{}') as object),
    bookingPageUrl: `${deps.config.publicUrl}/demo/`,
    brandColor: '#2e6b5e',
    publicHolidays: true,
  };
  await deps.store.write((trx) => saveClinicSettingsJson(trx, created.id, JSON.stringify(settings)));
  const clinic = await clinicRowWithId(deps.store.db, created.id);

  const talk = await createTreatmentType(deps, clinic, {
    name: 'Samtalsbehandling',
    description: 'Enskilt samtal med psykolog eller psykoterapeut.',
    durationMinutes: 60,
    clientMinutes: 50,
    color: '#2e86ab',
    priceCents: 95000,
    vatPercent: 0,
    confirmationText: 'Kom gärna fem minuter innan din tid.',
  });
  const first = await createTreatmentType(deps, clinic, {
    name: 'Nybesök',
    description: 'Första besöket: vi går igenom vad du behöver hjälp med.',
    durationMinutes: 90,
    clientMinutes: 75,
    color: '#f18f01',
    priceCents: 120000,
  });
  const physio = await createTreatmentType(deps, clinic, {
    name: 'Fysioterapi',
    description: 'Undersökning och behandling hos fysioterapeut.',
    durationMinutes: 45,
    color: '#3bb273',
    priceCents: 75000,
  });
  const massage = await createTreatmentType(deps, clinic, {
    name: 'Massage 30 min',
    description: 'Klassisk massage av rygg och nacke.',
    durationMinutes: 30,
    color: '#c73e1d',
    priceCents: 45000,
    vatPercent: 25,
  });
  await createTreatmentType(deps, clinic, {
    name: 'Journalskrivning',
    description: 'Intern tid för administration.',
    durationMinutes: 30,
    color: '#6c757d',
    onlineBookable: false,
  });

  const location = await createLocation(deps, clinic, {
    name: 'Mottagningen Södermalm',
    address: 'Götgatan 12, 118 46 Stockholm',
  });
  const practitioners = [
    await createPractitioner(deps, clinic, {
      name: 'Anna Lindqvist',
      title: 'Leg. psykolog',
      email: 'anna@lugnarummet.example',
      treatmentTypeIds: [talk.id, first.id],
    }),
    await createPractitioner(deps, clinic, {
      name: 'Erik Johansson',
      title: 'Leg. fysioterapeut',
      email: 'erik@lugnarummet.example',
      treatmentTypeIds: [physio.id, massage.id, first.id],
      cancellationWindowHours: 48,
    }),
    await createPractitioner(deps, clinic, {
      name: 'Sara Nilsson',
      title: 'Leg. psykoterapeut',
      email: 'sara@lugnarummet.example',
      treatmentTypeIds: [talk.id],
    }),
  ];

  // Weekday working time for four weeks from today, in the clinic's own zone.
  const shifts: [string, string][][] = [
    [
      ['08:00', '12:00'],
      ['13:00', '17:00'],
    ],
    [
      ['07:30', '11:30'],
      ['12:30', '16:00'],
    ],
    [
      ['10:00', '14:00'],
      ['15:00', '19:00'],
    ],
  ];
  const zone = clinic.time_zone;
  const now = deps.clock.now();
  const today = localDateOf(now, zone);
  const rows: Insertable<WorkingTimeTable>[] = [];
  for (let day = 0; day < 28; day++) {
    const ymd = addLocalDays(today, day);
    const weekday = weekdayOf(ymd);
    if (weekday >= 6) continue;
    practitioners.forEach((practitioner, index) => {
      // Sara works Monday to Thursday.
      if (index === 2 && weekday === 5) return;
      for (const [from, to] of shifts[index] ?? []) {
        rows.push({
          id: newId('wt'),
          clinic_id: clinic.id,
          practitioner_id: practitioner.id,
          start_ms: localToInstant(ymd, from, zone),
          end_ms: localToInstant(ymd, to, zone),
          treatment_type_ids: null,
          location_id: location.id,
          created_at: now,
        });
      }
    });
  }
  await deps.store.write((trx) => addWorkingTimes(trx, rows));
  return { slug: DEMO_SLUG, adminToken };
}
