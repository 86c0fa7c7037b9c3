import type { Location, Practitioner, Settings, TidbokAdmin, TreatmentType } from '@tidbok/sdk';

/** What the calendar needs from the clinic before it can draw a week. */
export interface ClinicData {
  settings: Settings;
  practitioners: Practitioner[];
  treatmentTypes: TreatmentType[];
  locations: Location[];
}

/**
 * The clinic's settings (its time zone above all) and catalogue, in one go. The calendar runs it
 * through a `LoadController` (shared/load.ts): once per staff client, and again after the
 * settings screens changed something.
 */
export async function loadClinicData(admin: TidbokAdmin, signal: AbortSignal): Promise<ClinicData> {
  const [settings, practitioners, treatmentTypes, locations] = await Promise.all([
    admin.settings.get({ signal }),
    admin.practitioners.list({ signal }),
    admin.treatmentTypes.list({ signal }),
    admin.locations.list({ signal }),
  ]);
  return { settings, practitioners, treatmentTypes, locations };
}
