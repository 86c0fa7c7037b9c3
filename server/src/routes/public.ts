import { cancellationWindowHoursFor, PublicClinicSchema } from '@tidbok/core';
import { Api } from '../http/api.js';
import { listLocations, listPractitioners, listTreatmentTypes } from '../services/catalogue.js';
import type { Deps } from '../services/deps.js';
import { bookingSettingsOf } from '../services/rows.js';

export function publicRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'get',
      path: '/',
      summary: 'Public information about a clinic: what can be booked, with whom, where',
      tag: 'Public',
      access: 'public',
      responses: { 200: { description: 'The clinic', schema: PublicClinicSchema } },
    },
    async (c) => {
      const clinic = c.get('clinic');
      const settings = bookingSettingsOf(clinic);
      const [treatmentTypes, practitioners, locations] = await Promise.all([
        listTreatmentTypes(deps.store.db, clinic.id, true),
        listPractitioners(deps.store.db, clinic.id),
        listLocations(deps.store.db, clinic.id),
      ]);
      const bookable = new Set(treatmentTypes.map((t) => t.id));
      return c.json({
        slug: clinic.slug,
        name: clinic.name,
        timeZone: clinic.time_zone,
        locale: clinic.locale,
        bookingInfoText: settings.bookingInfoText,
        modules: { booking: clinic.booking_module === 1 },
        booking: {
          publicBooking: settings.publicBooking,
          personalNumber: settings.personalNumber,
          holdMinutes: settings.holdMinutes,
          cancellationWindowHours: settings.cancellationWindowHours,
        },
        treatmentTypes,
        // Only what a visitor needs: no e-mail addresses, only treatments they can book online.
        practitioners: practitioners.map((p) => ({
          id: p.id,
          name: p.name,
          title: p.title,
          treatmentTypeIds: p.treatmentTypeIds.filter((id) => bookable.has(id)),
          // What a patient booking with them is told (the widget shows it): one rule, in core.
          cancellationWindowHours: cancellationWindowHoursFor(p.cancellationWindowHours, settings.cancellationWindowHours),
        })),
        locations,
      });
    },
  );
  return api;
}
