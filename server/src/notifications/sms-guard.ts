import { type BookingSettings, type SmsBudget, type WithheldReason } from '@tidbok/core';
import {
  addKnownNumber,
  bookingOfMessage,
  clientHasAttended,
  isStaffEnteredNumber,
  markCountedAgainstBudget,
  smsBudgetUsed,
  smsRefusedLastDay,
  takeSmsBudgetTurn,
} from '../store/repositories/sms-budget.js';
import type { Db, Trx } from '../store/store.js';
import type { MessageTable } from '../store/schema.js';
import { bookingSettingsOf, type ClinicRow } from '../services/rows.js';
import { iso, isoOrNull } from '../time.js';
import { isE164, toE164 } from './phone.js';

/**
 * SMS cost the clinic money per message, and a public booking lets anyone choose the number.
 * Without bounds, a script holding, booking and cancelling in a loop makes the clinic text any
 * number it likes (premium ranges too) thousands of times an hour. Every SMS passes this guard
 * just before it is sent:
 * - a booking cancelled within minutes of being made gets no SMS, neither confirmation nor
 *   cancellation (public bookings' SMS confirmations wait that long before they go);
 * - only numbers in the clinic's SMS countries (its own country unless it lists others);
 * - confirmations and cancellations to numbers staff do not know (never entered by staff on a
 *   client nor booked with by staff, and no booking of the client's has taken place) share an
 *   hourly and a daily budget per clinic.
 * A message refused is kept as `withheld`, with the reason, for staff to see.
 */

/** How long a public booking's SMS confirmation waits, and what "cancelled at once" means. */
export const SMS_GRACE_MS = 5 * 60_000;

/**
 * The calling code of the country a clinic's time zone is in, for the Nordic and nearby
 * countries the product is used in; any other zone falls back to Sweden's. A clinic elsewhere
 * lists its countries in the settings.
 */
const ZONE_CALLING_CODES: Record<string, string> = {
  'Europe/Stockholm': '+46',
  'Europe/Oslo': '+47',
  'Arctic/Longyearbyen': '+47',
  'Europe/Copenhagen': '+45',
  'Atlantic/Faroe': '+298',
  'Europe/Helsinki': '+358',
  'Europe/Mariehamn': '+358',
  'Atlantic/Reykjavik': '+354',
  'Europe/Tallinn': '+372',
  'Europe/Riga': '+371',
  'Europe/Vilnius': '+370',
  'Europe/Berlin': '+49',
  'Europe/London': '+44',
  'Europe/Dublin': '+353',
  'Europe/Amsterdam': '+31',
  'Europe/Brussels': '+32',
  'Europe/Paris': '+33',
  'Europe/Madrid': '+34',
  'Europe/Lisbon': '+351',
  'Europe/Rome': '+39',
  'Europe/Vienna': '+43',
  'Europe/Zurich': '+41',
  'Europe/Warsaw': '+48',
  'Europe/Prague': '+420',
};

export const DEFAULT_CALLING_CODE = '+46';

/** The calling codes SMS may go to: the clinic's list, else its own country's. */
export function smsCallingCodes(clinic: ClinicRow, settings: BookingSettings = bookingSettingsOf(clinic)): string[] {
  return settings.smsCountries ? [...settings.smsCountries] : [ZONE_CALLING_CODES[clinic.time_zone] ?? DEFAULT_CALLING_CODE];
}

/** The English reason stored with a withheld message (`last_error`); the staff UI has its own texts. */
export const WITHHELD_TEXT: Record<WithheldReason, string> = {
  cancelled_early: 'Not sent: the booking was cancelled within minutes of being made',
  number_invalid: 'Not sent: not a number an SMS can go to (+ and the country code, or a Swedish number starting with 0)',
  country_not_allowed: "Not sent: the number is outside the clinic's SMS countries (settings)",
  budget_hour: "Not sent: this hour's budget of SMS to numbers staff have not entered is used up (settings)",
  budget_day: "Not sent: today's budget of SMS to numbers staff have not entered is used up (settings)",
};

/**
 * Remembers a number staff entered on a client or booked with: SMS to it are not counted against
 * the budget. Numbers that are not numbers an SMS can go to are not remembered.
 */
export async function rememberStaffNumber(trx: Trx, clinicId: string, phone: string | null | undefined, now: number) {
  if (!phone) return;
  const number = toE164(phone);
  if (!isE164(number)) return;
  await addKnownNumber(trx, { clinicId, number, now });
}

type Message = Pick<MessageTable, 'id' | 'kind' | 'booking_id' | 'client_id' | 'to_address' | 'budget_at'>;

/**
 * Whether this SMS may go now: null when it may (and, for a number staff do not know, it has
 * been counted against the budget), else why not. Runs in its own write transaction, which the
 * clinic's budget counter row serialises, so two dispatchers cannot both take the last one.
 */
export async function judgeSms(trx: Trx, clinic: ClinicRow, message: Message, now: number): Promise<WithheldReason | null> {
  const settings = bookingSettingsOf(clinic);
  if (message.booking_id && (message.kind === 'confirmation' || message.kind === 'cancellation')) {
    const booking = await bookingOfMessage(trx, message.booking_id);
    if (
      booking?.source === 'public' &&
      booking.status === 'cancelled' &&
      booking.cancelled_at !== null &&
      booking.cancelled_at - booking.created_at < SMS_GRACE_MS
    ) {
      return 'cancelled_early';
    }
  }

  const number = toE164(message.to_address);
  if (!isE164(number)) return 'number_invalid';
  if (!smsCallingCodes(clinic, settings).some((code) => number.startsWith(code))) return 'country_not_allowed';

  // A retry of a message already counted is not counted again. A reminder is one per booking
  // that has kept its time until hours before it: not something a loop can make quickly.
  if (message.budget_at !== null || message.kind === 'reminder') return null;
  if (await isKnown(trx, clinic.id, number, message.client_id, now)) return null;

  // Taking the clinic's counter row first makes concurrent checks of one clinic wait in turn.
  await takeSmsBudgetTurn(trx, clinic.id);
  const used = await smsBudgetUsed(trx, clinic.id, now);
  if (used.hour >= settings.smsNewNumbersPerHour) return 'budget_hour';
  if (used.day >= settings.smsNewNumbersPerDay) return 'budget_day';
  await markCountedAgainstBudget(trx, message.id, now);
  return null;
}

/**
 * Known numbers: ones staff entered or booked with (sms_known_numbers), and the number of a
 * client who has come to a booking (one that kept its time until it ended): a returning patient
 * who books online is not a stranger.
 */
async function isKnown(trx: Trx, clinicId: string, number: string, clientId: string | null, now: number) {
  if (await isStaffEnteredNumber(trx, clinicId, number)) return true;
  if (!clientId) return false;
  return clientHasAttended(trx, { clinicId, clientId, now });
}

/** What staff see of the budget: how much is used, and whether (and when last) it refused an SMS. */
export async function smsBudgetStatus(db: Db, clinic: ClinicRow, now: number): Promise<SmsBudget> {
  const settings = bookingSettingsOf(clinic);
  const used = await smsBudgetUsed(db, clinic.id, now);
  const refused = await smsRefusedLastDay(db, clinic.id, now);
  return {
    callingCodes: smsCallingCodes(clinic, settings),
    hour: { used: used.hour, limit: settings.smsNewNumbersPerHour },
    day: { used: used.day, limit: settings.smsNewNumbersPerDay },
    exhausted: used.hour >= settings.smsNewNumbersPerHour || used.day >= settings.smsNewNumbersPerDay,
    refusedLastDay: refused.count,
    lastRefusedAt: isoOrNull(refused.last),
    checkedAt: iso(now),
  };
}
