import type { Locale } from '@tidbok/core';

const known = (value: string | null | undefined): Locale | null => (value === 'sv' || value === 'en' ? value : null);

/**
 * The language of everything a patient is told about a booking (messages, manage and confirm
 * pages): the one the booking was made in, else the clinic's. Bookings made before languages
 * were stored (null) keep the clinic's.
 */
export function bookingLocale(stored: string | null | undefined, clinic: { locale: string }): Locale {
  return known(stored) ?? known(clinic.locale) ?? 'sv';
}

/** The clinic's own language, for what staff read (copies, staff pages). */
export function clinicLocale(clinic: { locale: string }): Locale {
  return known(clinic.locale) ?? 'sv';
}
