import {
  cancellationWindowHoursFor,
  isLateCancellation,
  type Booking,
  type BookingNotification,
  type CancelBookingBody,
  type ConfirmationChannel,
  type CreateAdminBookingBody,
  type PaymentMethod,
  type UpdateAdminBookingBody,
} from '@tidbok/core';
import type { Selectable } from 'kysely';
import { ApiError, invalid, isOverlapError, notFound } from '../errors.js';
import { enqueueBookingMessage } from '../notifications/compose.js';
import { rememberStaffNumber } from '../notifications/sms-guard.js';
import { hashSecret, newId, newSecret } from '../secrets.js';
import { latestCancellationNotice, outboxMessageState, withdrawMessage } from '../store/repositories/messages.js';
import {
  addBooking,
  type BookingWithColor,
  bookingWithColor,
  changeBooking,
  firstBookingInTheWay,
  firstHoldInTheWay,
  markBookingBookedAgain,
  markBookingCancelled,
  markBookingNoShow,
  practitionerCancellationWindow,
  removeBooking,
  replaceManageToken,
  takeTurnOnPractitioner,
} from '../store/repositories/staff-bookings.js';
import type { Queryable, Store, Trx } from '../store/store.js';
import type { BookingTable } from '../store/schema.js';
import { iso, isoOrNull } from '../time.js';
import { findLocation, findPractitionerRow, findTreatmentType } from './catalogue.js';
import { findClient, insertClient } from './clients.js';
import { checkInterval, conflictFor, findOverlap, instant, purgeExpiredHolds, RANGE_LOOKBACK_MS } from './common.js';
import { type Actor, requireActFor } from './actor.js';
import { audit, changedFields } from './audit.js';
import { tellClientOfMove } from './moved-notice.js';
import type { Deps } from './deps.js';
import { bookingSettingsOf, type ClinicRow } from './rows.js';
import { emitBookingEvent, emitBookingUpdated } from '../webhooks/emit.js';

export type BookingRow = Selectable<BookingTable>;

export function bookingOf(row: BookingWithColor): Booking {
  return {
    id: row.id,
    status: row.status as Booking['status'],
    start: iso(row.start_ms),
    end: iso(row.end_ms),
    practitionerId: row.practitioner_id,
    treatmentTypeId: row.treatment_type_id,
    locationId: row.location_id,
    clientId: row.client_id,
    note: row.note,
    color: row.color,
    lateCancellation: row.late_cancellation === 1,
    confirmation: row.confirmation as ConfirmationChannel,
    paid:
      row.paid_at === null
        ? null
        : {
            amountCents: row.paid_amount_cents ?? 0,
            currency: row.paid_currency ?? 'SEK',
            method: (row.paid_method ?? 'other') as PaymentMethod,
            paidAt: iso(row.paid_at),
            receiptNumber: row.receipt_number ?? 0,
          },
    cancelledAt: isoOrNull(row.cancelled_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** A booking with its treatment type's colour; 404 when it belongs to another clinic. */
export async function findBooking(db: Queryable, clinicId: string, id: string): Promise<BookingWithColor> {
  const row = await bookingWithColor(db, clinicId, id);
  if (!row) throw notFound('Booking');
  return row;
}

async function referenced<T>(lookup: () => Promise<T>, path: string, what: string): Promise<T> {
  try {
    return await lookup();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') throw invalid(path, `Unknown ${what}`);
    throw error;
  }
}

/**
 * Inserts or moves a booked booking after checking the practitioner's time is free. The check
 * gives the clear message; the trigger (migration 0001) is the guarantee, and its error is
 * turned into the same 409 should another writer slip in between.
 *
 * On PostgreSQL, staff writes to one practitioner's calendar take turns from here to their
 * commit (an advisory lock on the practitioner, `takeTurnOnPractitioner`); other practitioners' are not
 * held up. Without it, staff racing for overlapping times each inserted their row and then
 * waited for the other's exclusion check: a deadlock each time, broken only after PostgreSQL's
 * one-second deadlock timeout, and formed again by the retries, so a burst of ten took a minute.
 */
export async function guardOverlap<T>(
  store: Store,
  trx: Trx,
  slot: { practitionerId: string; start: number; end: number; ignoreBookingId?: string },
  now: number,
  write: () => Promise<T>,
  conflict: (kind: 'booking' | 'hold') => ApiError = conflictFor,
): Promise<T> {
  await takeTurnOnPractitioner(store, trx, slot.practitionerId);
  await purgeExpiredHolds(trx, slot.practitionerId, now);
  const overlap = await findOverlap(trx, slot.practitionerId, slot.start, slot.end, now, slot.ignoreBookingId);
  if (overlap) throw conflict === conflictFor ? await staffConflict(trx, slot, now, overlap) : conflict(overlap);
  try {
    return await write();
  } catch (error) {
    if (isOverlapError(error)) throw conflict('booking');
    throw error;
  }
}

/**
 * The staff side's 409: `conflictFor`'s sentence plus `conflictsWith`, the first booking or hold
 * in the way (its kind, time and practitioner), so the calendar can say what the time collides
 * with (core's ConflictingEntrySchema). The client's name stays out: the time is enough to find it.
 */
async function staffConflict(
  trx: Trx,
  slot: { practitionerId: string; start: number; end: number; ignoreBookingId?: string },
  now: number,
  kind: 'booking' | 'hold',
): Promise<ApiError> {
  const base = conflictFor(kind);
  const near = { practitionerId: slot.practitionerId, start: slot.start, end: slot.end, startsAfter: slot.start - RANGE_LOOKBACK_MS };
  const other =
    kind === 'booking' ? await firstBookingInTheWay(trx, { ...near, ignoreBookingId: slot.ignoreBookingId }) : await firstHoldInTheWay(trx, { ...near, now });
  if (!other) return base;
  return new ApiError(base.code, base.detail, undefined, undefined, {
    conflictsWith: { kind, start: iso(other.start_ms), end: iso(other.end_ms), practitionerId: slot.practitionerId },
  });
}

export async function createStaffBooking(deps: Deps, clinic: ClinicRow, body: CreateAdminBookingBody, actor?: Actor) {
  const now = deps.clock.now();
  const settings = bookingSettingsOf(clinic);
  requireActFor(actor, body.practitionerId, 'bookings');
  return deps.store.write(async (trx) => {
    await referenced(() => findPractitionerRow(trx, clinic.id, body.practitionerId), 'practitionerId', 'practitioner');
    const treatment = await referenced(() => findTreatmentType(trx, clinic.id, body.treatmentTypeId), 'treatmentTypeId', 'treatment type');
    if (body.locationId) await referenced(() => findLocation(trx, clinic.id, body.locationId!), 'locationId', 'location');
    const start = instant(body.start, 'start');
    const end = body.end ? instant(body.end, 'end') : start + treatment.duration_minutes * 60_000;
    checkInterval(start, end);
    const client = body.clientId
      ? await referenced(() => findClient(trx, clinic.id, body.clientId!), 'clientId', 'client')
      : await insertClient(trx, clinic.id, now, body.client!);

    const confirmation = body.confirmation ?? settings.staffConfirmationDefault;
    // A confirmation carries a manage link, so the client can see or cancel what staff booked.
    const manageToken = confirmation === 'none' ? null : newSecret('tbm');
    const row: BookingRow = {
      id: newId('bk'),
      clinic_id: clinic.id,
      practitioner_id: body.practitionerId,
      treatment_type_id: treatment.id,
      location_id: body.locationId ?? null,
      client_id: client.id,
      status: 'booked',
      start_ms: start,
      end_ms: end,
      note: body.note ?? '',
      late_cancellation: 0,
      confirmation,
      source: 'staff',
      manage_token_hash: manageToken ? hashSecret(manageToken) : null,
      // Staff book in the client's language, as they last booked themselves, else the clinic's.
      locale: client.locale ?? clinic.locale,
      paid_amount_cents: null,
      paid_currency: null,
      paid_method: null,
      paid_at: null,
      receipt_number: null,
      cancelled_at: null,
      created_at: now,
      updated_at: now,
    };
    await guardOverlap(deps.store, trx, { practitionerId: row.practitioner_id, start, end }, now, () => addBooking(trx, row));
    // Staff booked with this number: SMS to it are not counted against the budget.
    await rememberStaffNumber(trx, clinic.id, client.phone, now);
    let notification: BookingNotification | undefined;
    if (confirmation !== 'none') {
      const [messageId] = await enqueueBookingMessage(trx, deps, { clinic, bookingId: row.id, kind: 'confirmation', channel: confirmation, manageToken });
      notification = await notificationOf(trx, messageId!, 'confirmation', confirmation);
    }
    await audit(trx, now, clinic.id, actor, {
      action: 'created',
      entity: 'booking',
      id: row.id,
      summary: `${iso(start)}–${iso(end)}${body.clientId ? '' : ', new client'}`,
    });
    const created = bookingOf({ ...row, color: treatment.color });
    await emitBookingEvent(trx, deps, clinic.id, 'booking.created', created);
    return notification ? { ...created, notification } : created;
  });
}

export async function getBooking(deps: Deps, clinic: ClinicRow, id: string, actor?: Actor) {
  const row = await findBooking(deps.store.db, clinic.id, id);
  requireActFor(actor, row.practitioner_id, 'bookings');
  return bookingOf(row);
}

/** A booking the actor may change: another practitioner's is 403 to a practitioner. */
async function ownBooking(trx: Trx, clinic: ClinicRow, id: string, actor: Actor | undefined) {
  const row = await findBooking(trx, clinic.id, id);
  requireActFor(actor, row.practitioner_id, 'bookings');
  return row;
}

/** Moves, resizes or re-assigns a booking under the same overlap rule as creating one. */
export async function updateStaffBooking(deps: Deps, clinic: ClinicRow, id: string, patch: UpdateAdminBookingBody, actor?: Actor) {
  const now = deps.clock.now();
  return deps.store.write(async (trx) => {
    const row = await ownBooking(trx, clinic, id, actor);
    if (patch.practitionerId) {
      requireActFor(actor, patch.practitionerId, 'bookings');
      await referenced(() => findPractitionerRow(trx, clinic.id, patch.practitionerId!), 'practitionerId', 'practitioner');
    }
    const treatment = patch.treatmentTypeId
      ? await referenced(() => findTreatmentType(trx, clinic.id, patch.treatmentTypeId!), 'treatmentTypeId', 'treatment type')
      : null;
    if (patch.locationId) await referenced(() => findLocation(trx, clinic.id, patch.locationId!), 'locationId', 'location');
    if (patch.clientId) await referenced(() => findClient(trx, clinic.id, patch.clientId!), 'clientId', 'client');

    const start = patch.start ? instant(patch.start, 'start') : row.start_ms;
    // Moving keeps the length unless a new end is given.
    const end = patch.end ? instant(patch.end, 'end') : start + (row.end_ms - row.start_ms);
    checkInterval(start, end);
    const next = {
      practitioner_id: patch.practitionerId ?? row.practitioner_id,
      treatment_type_id: treatment?.id ?? row.treatment_type_id,
      location_id: patch.locationId === undefined ? row.location_id : patch.locationId,
      client_id: patch.clientId ?? row.client_id,
      note: patch.note ?? row.note,
      start_ms: start,
      end_ms: end,
      updated_at: now,
    };
    const update = () => changeBooking(trx, id, next);
    if (row.status === 'booked') {
      await guardOverlap(deps.store, trx, { practitionerId: next.practitioner_id, start, end, ignoreBookingId: id }, now, update);
    } else {
      await update();
    }
    const moved = start !== row.start_ms || end !== row.end_ms || next.practitioner_id !== row.practitioner_id;
    // Staff chose to tell the client (the calendar asks on every move): a booked, future time only.
    const told = Boolean(patch.notifyClient && moved && row.status === 'booked' && start > now) && (await tellClientOfMove(trx, deps, clinic, row));
    const { notifyClient: _asked, ...fields } = patch;
    await audit(trx, now, clinic.id, actor, {
      action: moved ? 'moved' : 'changed',
      entity: 'booking',
      id,
      summary: [changedFields(fields), moved ? `${iso(row.start_ms)} → ${iso(start)}–${iso(end)}` : '', told ? `client told (${row.confirmation})` : '']
        .filter(Boolean)
        .join('; '),
    });
    const updated = bookingOf({ ...row, ...next, color: treatment?.color ?? row.color });
    await emitBookingUpdated(trx, deps, clinic.id, bookingOf(row), updated);
    return updated;
  });
}

export async function deleteStaffBooking(deps: Deps, clinic: ClinicRow, id: string, actor?: Actor) {
  await deps.store.write(async (trx) => {
    const row = await ownBooking(trx, clinic, id, actor);
    await removeBooking(trx, id);
    await audit(trx, deps.clock.now(), clinic.id, actor, { action: 'deleted', entity: 'booking', id, summary: `${iso(row.start_ms)}, ${row.status}` });
  });
}

/** Hours before the start inside which a cancellation counts as late (återbud): core's one rule. */
export async function cancellationWindowHours(db: Queryable, clinic: ClinicRow, practitionerId: string) {
  const own = await practitionerCancellationWindow(db, practitionerId);
  return cancellationWindowHoursFor(own, bookingSettingsOf(clinic).cancellationWindowHours);
}

/**
 * Cancels a booked booking and frees its time. `late` defaults to whether `now` is inside the
 * practitioner's (else the clinic's) cancellation window.
 */
export async function cancelBookingRow(trx: Trx, deps: Deps, clinic: ClinicRow, row: BookingWithColor, options: { late?: boolean; notify?: boolean } = {}) {
  if (row.status !== 'booked') throw new ApiError('conflict', `The booking is already ${row.status.replace('_', '-')}`);
  const now = deps.clock.now();
  const windowHours = await cancellationWindowHours(trx, clinic, row.practitioner_id);
  const isLate = options.late ?? isLateCancellation(row.start_ms, now, windowHours);
  const changes = await markBookingCancelled(trx, row.id, { late: isLate, now });
  // The client hears of it the way they chose for the confirmation (not for past bookings).
  if ((options.notify ?? true) && row.confirmation !== 'none' && row.start_ms > now) {
    await enqueueBookingMessage(trx, deps, {
      clinic,
      bookingId: row.id,
      kind: 'cancellation',
      channel: row.confirmation as 'email' | 'sms',
    });
  }
  const cancelled = bookingOf({ ...row, ...changes });
  await emitBookingEvent(trx, deps, clinic.id, 'booking.cancelled', cancelled);
  return cancelled;
}

/**
 * Staff "send confirmation": a fresh manage link (the old one stops working, as only hashes are
 * kept) and a confirmation through the outbox, like any other.
 */
export async function sendConfirmation(deps: Deps, clinic: ClinicRow, id: string, channel: 'email' | 'sms', actor?: Actor) {
  return deps.store.write(async (trx) => {
    const row = await ownBooking(trx, clinic, id, actor);
    if (row.status !== 'booked') throw new ApiError('conflict', 'Only a booked booking can be confirmed');
    const manageToken = newSecret('tbm');
    // Staff chose to text this client: the number is one they know.
    if (channel === 'sms') {
      const client = await findClient(trx, clinic.id, row.client_id);
      await rememberStaffNumber(trx, clinic.id, client.phone, deps.clock.now());
    }
    await replaceManageToken(trx, id, { hash: hashSecret(manageToken), now: deps.clock.now() });
    const [messageId] = await enqueueBookingMessage(trx, deps, { clinic, bookingId: id, kind: 'confirmation', channel, manageToken });
    await audit(trx, deps.clock.now(), clinic.id, actor, {
      action: 'changed',
      entity: 'booking',
      id,
      summary: `confirmation sent by ${channel}, new manage link`,
    });
    return { messageId: messageId! };
  });
}

export async function cancelStaffBooking(deps: Deps, clinic: ClinicRow, id: string, body: CancelBookingBody, actor?: Actor) {
  return deps.store.write(async (trx) => {
    const booking = await cancelBookingRow(trx, deps, clinic, await ownBooking(trx, clinic, id, actor), { late: body.late, notify: body.notify });
    await audit(trx, deps.clock.now(), clinic.id, actor, {
      action: 'cancelled',
      entity: 'booking',
      id,
      summary: `${booking.start}${booking.lateCancellation ? ', late' : ''}`,
    });
    return booking;
  });
}

export async function markNoShow(deps: Deps, clinic: ClinicRow, id: string, actor?: Actor) {
  const now = deps.clock.now();
  return deps.store.write(async (trx) => {
    const row = await ownBooking(trx, clinic, id, actor);
    if (row.status !== 'booked') throw new ApiError('conflict', `The booking is already ${row.status.replace('_', '-')}`);
    const changes = await markBookingNoShow(trx, id, now);
    await audit(trx, now, clinic.id, actor, { action: 'changed', entity: 'booking', id, summary: 'status: no_show' });
    const noShow = bookingOf({ ...row, ...changes });
    await emitBookingEvent(trx, deps, clinic.id, 'booking.no_show', noShow);
    return noShow;
  });
}

/**
 * What became of a message just written to the outbox (core's BookingNotificationSchema): a
 * client without an address for the channel gets a `failed` message at once (compose.ts), which
 * staff are told about now rather than finding it in the message list later.
 */
async function notificationOf(trx: Trx, messageId: string, kind: 'confirmation', channel: 'email' | 'sms'): Promise<BookingNotification> {
  const message = await outboxMessageState(trx, messageId);
  if (message.status === 'failed' && message.to_address === '')
    return { kind, channel, status: 'not_sent', reason: channel === 'email' ? 'no_email' : 'no_phone' };
  return { kind, channel, status: message.status === 'failed' ? 'not_sent' : 'queued' };
}

/**
 * Undoes återbud, late återbud or no-show (the popup's "Undo"): the booking is booked again if its
 * time is still free, else 409 `conflict` with `conflictsWith` (guardOverlap). A cancellation
 * notice still waiting in the outbox is withdrawn, so the client never hears of a cancellation
 * that was undone; one already sent (or being sent) is reported as `sent`, so staff know to tell
 * the client themselves.
 */
export async function restoreStaffBooking(deps: Deps, clinic: ClinicRow, id: string, actor?: Actor) {
  const now = deps.clock.now();
  return deps.store.write(async (trx) => {
    const row = await ownBooking(trx, clinic, id, actor);
    if (row.status === 'booked') throw new ApiError('conflict', 'The booking is already booked');
    const changes = await guardOverlap(
      deps.store,
      trx,
      { practitionerId: row.practitioner_id, start: row.start_ms, end: row.end_ms, ignoreBookingId: id },
      now,
      () => markBookingBookedAgain(trx, id, now),
    );
    let notification: BookingNotification | undefined;
    if (row.status === 'cancelled') {
      const notice = await latestCancellationNotice(trx, id, row.cancelled_at ?? row.updated_at);
      if (notice && notice.status !== 'failed' && notice.status !== 'withheld') {
        const channel = notice.channel as 'email' | 'sms';
        const waiting = notice.status === 'pending' && notice.locked_until <= now;
        if (waiting) await withdrawMessage(trx, notice.id);
        notification = { kind: 'cancellation', channel, status: waiting ? 'withdrawn' : 'sent' };
      }
    }
    await audit(trx, now, clinic.id, actor, {
      action: 'changed',
      entity: 'booking',
      id,
      summary: `status: booked again (was ${row.status})${notification?.status === 'withdrawn' ? ', cancellation notice withdrawn' : ''}`,
    });
    const restored = bookingOf({ ...row, ...changes, color: row.color });
    await emitBookingUpdated(trx, deps, clinic.id, bookingOf(row), restored);
    return notification ? { ...restored, notification } : restored;
  });
}
