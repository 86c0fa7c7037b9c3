import type { Insertable, Selectable } from 'kysely';
import type { MessageTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

type MessageRow = Selectable<MessageTable>;

/** Puts a message in the outbox as given (the sender picks up `pending` ones). */
export async function addMessage(trx: Trx, row: Insertable<MessageTable>): Promise<void> {
  await trx.insertInto('messages').values(row).execute();
}

/**
 * The status and address of a message just written to the outbox; throws (Kysely's
 * `NoResultError`) if there is no such message.
 */
export async function outboxMessageState(trx: Trx, messageId: string): Promise<Pick<MessageRow, 'status' | 'to_address'>> {
  return trx.selectFrom('messages').select(['status', 'to_address']).where('id', '=', messageId).executeTakeFirstOrThrow();
}

/** The booking's latest cancellation notice written at or after `since`, if any. */
export async function latestCancellationNotice(
  trx: Trx,
  bookingId: string,
  since: number,
): Promise<Pick<MessageRow, 'id' | 'status' | 'channel' | 'locked_until'> | undefined> {
  return trx
    .selectFrom('messages')
    .select(['id', 'status', 'channel', 'locked_until'])
    .where('booking_id', '=', bookingId)
    .where('kind', '=', 'cancellation')
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** Takes a message out of the outbox. */
export async function withdrawMessage(trx: Trx, id: string): Promise<void> {
  await trx.deleteFrom('messages').where('id', '=', id).execute();
}

/** The clinic's outbox, newest first (then by id), at most 200 messages; only `bookingId`'s when given. */
export async function outboxOfClinic(db: Queryable, { clinicId, bookingId }: { clinicId: string; bookingId?: string | undefined }): Promise<MessageRow[]> {
  let q = db.selectFrom('messages').selectAll().where('clinic_id', '=', clinicId).orderBy('created_at', 'desc').orderBy('id').limit(200);
  if (bookingId) q = q.where('booking_id', '=', bookingId);
  return q.execute();
}
