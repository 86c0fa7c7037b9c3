import type { BookingSettings } from './settings.js';

export const DEFAULT_BOOKING_SETTINGS: BookingSettings = {
  slotIntervalMinutes: 15,
  minNoticeHours: 2,
  horizonDays: 90,
  holdMinutes: 10,
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
  receiptTitle: '',
  organisationNumber: '',
  address: '',
};
