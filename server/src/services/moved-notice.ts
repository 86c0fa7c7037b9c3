import { enqueueBookingMessage } from '../notifications/compose.js';
import { setReminderAside as setAsideReminderOf } from '../store/repositories/patient-bookings.js';
import type { Trx } from '../store/store.js';
import type { Deps } from './deps.js';
import { raiseEventSequence } from './event-sequence.js';
import type { ClinicRow } from './rows.js';

/*
 * Telling a client their booking moved: the "moved" message on the channel they chose for the
 * confirmation, with the calendar event's SEQUENCE raised (same .ics UID, so their calendar moves
 * the event instead of adding one), and the old time's reminder set aside. Used by the patient's
 * own move (reschedule.ts) and by a staff move made with `notifyClient: true` (bookings.ts).
 */

/**
 * A reminder names the time it was for. The old time's reminder stops being the booking's (its
 * key, by which the dispatcher finds it, becomes its own message id), so one for the new time is
 * sent when that is due; one not sent yet is not sent at all. Staff still see both.
 */
export async function setReminderAside(trx: Trx, bookingId: string) {
  await setAsideReminderOf(trx, bookingId, 'Not sent: the booking was moved; a reminder for the new time follows');
}

/** The booking as it was before the move. */
export interface MovedFrom {
  id: string;
  start_ms: number;
  end_ms: number;
  confirmation: string;
}

/** Raises the event's SEQUENCE, sets the old reminder aside and queues the "moved" message (none when the client chose none). */
export async function tellClientOfMove(trx: Trx, deps: Deps, clinic: ClinicRow, before: MovedFrom): Promise<boolean> {
  const sequence = await raiseEventSequence(trx, before.id);
  await setReminderAside(trx, before.id);
  if (before.confirmation !== 'email' && before.confirmation !== 'sms') return false;
  await enqueueBookingMessage(trx, deps, {
    clinic,
    bookingId: before.id,
    kind: 'moved',
    channel: before.confirmation,
    moved: { fromStartMs: before.start_ms, fromEndMs: before.end_ms, sequence },
  });
  return true;
}
