import type { BookingSettings } from './settings.js';

/**
 * How long a hold keeps a time unless the clinic sets it. A constant of its own so the booking
 * widget can fall back on it without `DEFAULT_BOOKING_SETTINGS` in its bundle.
 */
export const DEFAULT_HOLD_MINUTES = 10;

export const DEFAULT_BOOKING_SETTINGS: BookingSettings = {
  slotIntervalMinutes: 15,
  minNoticeHours: 2,
  horizonDays: 90,
  holdMinutes: DEFAULT_HOLD_MINUTES,
  cancellationWindowHours: 24,
  publicBooking: 'open',
  personalNumber: 'hidden',
  bookingInfoText: '',
  allowedOrigins: [],
  staffConfirmationDefault: 'email',
  reminderHoursBefore: null,
  reminderChannel: 'sms',
  confirmationCopyTo: null,
  confirmationCopyToPractitioner: false,
  smsSender: 'Tidbok',
  smsCountries: null,
  smsNewNumbersPerHour: 20,
  smsNewNumbersPerDay: 100,
  receiptTitle: '',
  organisationNumber: '',
  address: '',
  vatText: '',
  // Off for a clinic until it turns them on: a clinic's slots do not change under it on upgrade.
  publicHolidays: false,
  midsummerEveClosed: true,
  closedDays: [],
  anonymousHoldsPerPractitionerDay: 4,
  holdsPerNetworkPerHour: 30,
  confirmAnonymousBookingsByEmail: false,
  calendarFeedClientNames: false,
  brandColor: null,
  bookingPageUrl: null,
};
