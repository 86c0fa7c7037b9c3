import { type Booking, cancellationWindowHoursFor, clientEndIso } from '@tidbok/core';
import { bookingLocale } from '../notifications/booking-locale.js';
import { cancellationWindowsOfPractitioners, clientMinutesOfTreatments } from '../store/repositories/patient-bookings.js';
import type { Db, Trx } from '../store/store.js';
import { type BookingRow, bookingOf } from './bookings.js';
import { bookingSettingsOf, type ClinicRow } from './rows.js';

type Row = BookingRow & { color: string };

/**
 * Bookings as their patient is told about them ("My bookings", the manage link): with the end
 * of the time with the client (`clientEnd`), the booking's cancellation window and language,
 * decided by the same core functions as the e-mail and the manage page. Staff answers leave
 * these out: staff see the calendar length.
 */
export async function bookingsForPatient(db: Db | Trx, clinic: ClinicRow, rows: Row[]): Promise<Booking[]> {
  if (rows.length === 0) return [];
  const [treatments, practitioners] = await Promise.all([
    clientMinutesOfTreatments(db, [...new Set(rows.map((r) => r.treatment_type_id))]),
    cancellationWindowsOfPractitioners(db, [...new Set(rows.map((r) => r.practitioner_id))]),
  ]);
  const minutes = new Map(treatments.map((t) => [t.id, t.client_minutes]));
  const windows = new Map(practitioners.map((p) => [p.id, p.cancellation_window_hours]));
  const clinicWindow = bookingSettingsOf(clinic).cancellationWindowHours;
  return rows.map((row) => {
    const booking = bookingOf(row);
    return {
      ...booking,
      locale: bookingLocale(row.locale, clinic),
      clientEnd: clientEndIso(booking.start, booking.end, minutes.get(row.treatment_type_id)),
      cancellationWindowHours: cancellationWindowHoursFor(windows.get(row.practitioner_id), clinicWindow),
    };
  });
}

export async function bookingForPatient(db: Db | Trx, clinic: ClinicRow, row: Row): Promise<Booking> {
  return (await bookingsForPatient(db, clinic, [row]))[0]!;
}
