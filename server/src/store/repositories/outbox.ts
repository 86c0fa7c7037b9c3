import { type Selectable, sql } from 'kysely';
import { first, prepared } from '../prepared.js';
import type { ClinicTable, MessageTable } from '../schema.js';
import type { Db, Queryable, Trx } from '../store.js';

type ClinicRow = Selectable<ClinicTable>;

/** What a booking's message says about it: the booking, its client, treatment, practitioner and place. */
export interface MessageBookingFacts {
  id: string;
  start_ms: number;
  end_ms: number;
  source: string;
  created_at: number;
  locale: string | null;
  client_id: string;
  client_name: string;
  client_email: string | null;
  client_phone: string | null;
  treatment_name: string;
  confirmation_text: string;
  sms_text: string;
  client_minutes: number;
  practitioner_name: string;
  practitioner_email: string | null;
  cancellation_window_hours: number | null;
  location_name: string | null;
  location_address: string | null;
}

const bookingFacts = prepared((db, v: { bookingId: string; clinicId: string }) =>
  db
    .selectFrom('bookings as b')
    .innerJoin('clients as c', 'c.id', 'b.client_id')
    .innerJoin('treatment_types as t', 't.id', 'b.treatment_type_id')
    .innerJoin('practitioners as p', 'p.id', 'b.practitioner_id')
    .leftJoin('locations as l', 'l.id', 'b.location_id')
    .select([
      'b.id',
      'b.start_ms',
      'b.end_ms',
      'b.source',
      'b.created_at',
      'b.locale',
      'c.id as client_id',
      'c.name as client_name',
      'c.email as client_email',
      'c.phone as client_phone',
      't.name as treatment_name',
      't.confirmation_text',
      't.sms_text',
      't.client_minutes',
      'p.name as practitioner_name',
      'p.email as practitioner_email',
      'p.cancellation_window_hours',
      'l.name as location_name',
      'l.address as location_address',
    ])
    .where('b.id', '=', v.bookingId)
    .where('b.clinic_id', '=', v.clinicId),
);

/** The clinic's booking as its messages tell it (prepared: every booking writes a message), or undefined. */
export async function bookingForMessage(trx: Trx, clinicId: string, bookingId: string): Promise<MessageBookingFacts | undefined> {
  return first(bookingFacts(trx, { bookingId, clinicId }));
}

const insertMessage = prepared((db, row: MessageTable) => db.insertInto('messages').values(row));

/** Puts a message in the outbox (prepared: bookings write one on the hot path). */
export async function addMessage(trx: Trx, row: MessageTable): Promise<void> {
  await insertMessage(trx, row);
}

/**
 * Claims a batch of due messages on these channels, oldest due first: pending, due by `now` and
 * not leased, at most `limit`, each leased until `lockedUntil`. Returns the ones this call leased,
 * in the order they fell due.
 */
export async function claimDueMessages(
  trx: Trx,
  { now, channels, limit, lockedUntil }: { now: number; channels: readonly string[]; limit: number; lockedUntil: number },
): Promise<MessageTable[]> {
  const due = await trx
    .selectFrom('messages')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where('locked_until', '<=', now)
    .where('channel', 'in', channels)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  if (due.length === 0) return due;
  // The lease is taken only where it is still free: the transaction's isolation already
  // keeps two dispatchers apart, and this keeps them apart without relying on it.
  const claimed = await trx
    .updateTable('messages')
    .set({ locked_until: lockedUntil })
    .where(
      'id',
      'in',
      due.map((m) => m.id),
    )
    .where('status', '=', 'pending')
    .where('locked_until', '<=', now)
    .returningAll()
    .execute();
  return claimed.sort((a, b) => a.next_attempt_at - b.next_attempt_at);
}

/** The clinic a message is sent for, or undefined (removed meanwhile). */
export async function clinicOfMessage(db: Queryable, clinicId: string): Promise<ClinicRow | undefined> {
  return db.selectFrom('clinics').selectAll().where('id', '=', clinicId).executeTakeFirst();
}

/** Records a message as sent at `now` after `attempts` tries; it keeps no link, no error and no lease. */
export async function markMessageSent(q: Queryable, { id, attempts, now }: { id: string; attempts: number; now: number }): Promise<void> {
  await q
    .updateTable('messages')
    .set({ status: 'sent', sent_at: now, attempts, locked_until: 0, secret_url: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

/**
 * Records a failed try: the message is pending again, due at `nextAttemptAt`, or, when `failed`,
 * failed for good; either way its lease is let go.
 */
export async function markMessageNotDelivered(
  q: Queryable,
  { id, failed, attempts, lastError, nextAttemptAt }: { id: string; failed: boolean; attempts: number; lastError: string; nextAttemptAt: number },
): Promise<void> {
  await q
    .updateTable('messages')
    .set({
      status: failed ? 'failed' : 'pending',
      attempts,
      last_error: lastError,
      next_attempt_at: nextAttemptAt,
      locked_until: 0,
      // A message that will not be sent keeps no link.
      ...(failed ? { secret_url: null } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Keeps a message unsent for good (`withheld`), with its reason and the text staff read; it keeps
 * no link, and its next_attempt_at records when (`now`).
 */
export async function markMessageWithheld(
  q: Queryable,
  { id, reason, lastError, now }: { id: string; reason: string; lastError: string; now: number },
): Promise<void> {
  await q
    .updateTable('messages')
    .set({ status: 'withheld', withheld_reason: reason, last_error: lastError, secret_url: null, locked_until: 0, next_attempt_at: now })
    .where('id', '=', id)
    .execute();
}

/** Every message that holds a link (sealed or not), with its status. */
export async function messagesWithLinks(db: Queryable): Promise<{ id: string; status: string; secret_url: string | null }[]> {
  return db.selectFrom('messages').select(['id', 'status', 'secret_url']).where('secret_url', 'is not', null).execute();
}

/** Replaces a message's link with `to` (null: none), only while it still is `from`. */
export async function replaceMessageLink(q: Queryable, { id, from, to }: { id: string; from: string | null; to: string | null }): Promise<void> {
  await q.updateTable('messages').set({ secret_url: to }).where('id', '=', id).where('secret_url', '=', from).execute();
}

/**
 * SQLite only: from now on, what is deleted or overwritten is zeroed, so that it stays neither in
 * the page's free space nor in the WAL. Ended by `endSecureDelete`.
 */
export async function beginSecureDelete(db: Db): Promise<void> {
  await sql`PRAGMA secure_delete = ON`.execute(db);
}

/** SQLite only: ends `beginSecureDelete`, and empties the WAL of the old pages. */
export async function endSecureDelete(db: Db): Promise<void> {
  await sql`PRAGMA secure_delete = OFF`.execute(db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
}

/** Pending messages on any channel but these (all pending ones when none are given), at most 100. */
export async function pendingMessagesOffChannels(db: Queryable, channels: readonly string[]): Promise<{ id: string; kind: string; channel: string }[]> {
  return db
    .selectFrom('messages')
    .select(['id', 'kind', 'channel'])
    .where('status', '=', 'pending')
    .where('channel', 'not in', channels.length > 0 ? [...channels] : ['-'])
    .limit(100)
    .execute();
}

/** The clinics with the booking module on. */
export async function clinicsWithBookingModule(db: Queryable): Promise<ClinicRow[]> {
  return db.selectFrom('clinics').selectAll().where('booking_module', '=', 1).execute();
}

/**
 * The clinic's booked bookings starting after `now` and by `until` that have no reminder yet
 * (for their time), at most 200.
 */
export async function bookingsWithoutReminder(
  db: Queryable,
  { clinicId, now, until }: { clinicId: string; now: number; until: number },
): Promise<{ id: string; start_ms: number; created_at: number }[]> {
  return (
    db
      .selectFrom('bookings as b')
      // The booking's reminder by its key, so a booking the patient moved (which re-keys the
      // reminder of its old time, services/reschedule.ts) gets one for its new time.
      .leftJoin('messages as m', (join) => join.onRef('m.booking_id', '=', 'b.id').on('m.dedupe_key', '=', sql<string>`'reminder:' || b.id`))
      .select(['b.id', 'b.start_ms', 'b.created_at'])
      .where('b.clinic_id', '=', clinicId)
      .where('b.status', '=', 'booked')
      .where('b.start_ms', '>', now)
      .where('b.start_ms', '<=', until)
      .where('m.id', 'is', null)
      .limit(200)
      .execute()
  );
}

/** Whether a message with this once-only key exists. */
export async function messageWithKeyExists(q: Queryable, dedupeKey: string): Promise<boolean> {
  const exists = await q.selectFrom('messages').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
  return exists !== undefined;
}

/** A message as the demo mailbox shows it. */
export type MailboxMessage = Pick<
  MessageTable,
  'id' | 'kind' | 'channel' | 'to_address' | 'subject' | 'body_text' | 'secret_url' | 'status' | 'created_at' | 'attachments'
>;

/** The clinic's newest messages, newest first (then by id, descending), at most `limit`. */
export async function newestMessagesOfClinic(db: Queryable, clinicId: string, limit: number): Promise<MailboxMessage[]> {
  return db
    .selectFrom('messages')
    .select(['id', 'kind', 'channel', 'to_address', 'subject', 'body_text', 'secret_url', 'status', 'created_at', 'attachments'])
    .where('clinic_id', '=', clinicId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
