import { sql } from 'kysely';
import type { BookingTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

/** Remembers a number (E.164) as one staff entered or booked with; a number already known stays as it was. */
export async function addKnownNumber(trx: Trx, { clinicId, number, now }: { clinicId: string; number: string; now: number }): Promise<void> {
  await trx
    .insertInto('sms_known_numbers')
    .values({ clinic_id: clinicId, number, created_at: now })
    .onConflict((oc) => oc.columns(['clinic_id', 'number']).doNothing())
    .execute();
}

/** What the SMS guard asks of a message's booking: its status, source and when it was made and cancelled. */
export async function bookingOfMessage(
  q: Queryable,
  bookingId: string,
): Promise<Pick<BookingTable, 'status' | 'source' | 'created_at' | 'cancelled_at'> | undefined> {
  return q.selectFrom('bookings').select(['status', 'source', 'created_at', 'cancelled_at']).where('id', '=', bookingId).executeTakeFirst();
}

/** Whether staff entered or booked with this number (E.164) at the clinic. */
export async function isStaffEnteredNumber(q: Queryable, clinicId: string, number: string): Promise<boolean> {
  const entered = await q.selectFrom('sms_known_numbers').select('number').where('clinic_id', '=', clinicId).where('number', '=', number).executeTakeFirst();
  return entered !== undefined;
}

/** Whether the client has a booking at the clinic that kept its time until it ended by `now`. */
export async function clientHasAttended(q: Queryable, { clinicId, clientId, now }: { clinicId: string; clientId: string; now: number }): Promise<boolean> {
  const attended = await q
    .selectFrom('bookings')
    .select('id')
    .where('client_id', '=', clientId)
    .where('clinic_id', '=', clinicId)
    .where('status', '=', 'booked')
    .where('end_ms', '<=', now)
    .limit(1)
    .executeTakeFirst();
  return attended !== undefined;
}

/**
 * Counts a check against the clinic's budget on its counter row. Taking the clinic's counter row
 * first makes concurrent checks of one clinic wait in turn.
 */
export async function takeSmsBudgetTurn(trx: Trx, clinicId: string): Promise<void> {
  await trx
    .insertInto('clinic_counters')
    .values({ clinic_id: clinicId, name: 'sms-budget', value: 1 })
    .onConflict((oc) => oc.columns(['clinic_id', 'name']).doUpdateSet({ value: sql`clinic_counters.value + 1` }))
    .execute();
}

/** How many of the clinic's SMS were counted against the budget in the hour and the day before `now`. */
export async function smsBudgetUsed(q: Queryable, clinicId: string, now: number): Promise<{ hour: number; day: number }> {
  const row = await q
    .selectFrom('messages')
    .select((eb) => [
      eb.fn.countAll<number>().as('day'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when('budget_at', '>', now - 3_600_000)
            .then(1)
            .else(0)
            .end(),
        )
        .as('hour'),
    ])
    .where('clinic_id', '=', clinicId)
    .where('budget_at', '>', now - 24 * 3_600_000)
    .executeTakeFirstOrThrow();
  return { hour: Number(row.hour ?? 0), day: Number(row.day) };
}

/** Records that the message was counted against the budget at `now`. */
export async function markCountedAgainstBudget(trx: Trx, messageId: string, now: number): Promise<void> {
  await trx.updateTable('messages').set({ budget_at: now }).where('id', '=', messageId).execute();
}

/** How many of the clinic's SMS the budget refused in the day before `now`, and when the last was (null: none). */
export async function smsRefusedLastDay(q: Queryable, clinicId: string, now: number): Promise<{ count: number; last: number | null }> {
  const refused = await q
    .selectFrom('messages')
    // A withheld message's next_attempt_at is when it was withheld (dispatcher.ts).
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('next_attempt_at').as('last')])
    .where('clinic_id', '=', clinicId)
    .where('status', '=', 'withheld')
    .where('withheld_reason', 'in', ['budget_hour', 'budget_day'])
    .where('next_attempt_at', '>', now - 24 * 3_600_000)
    .executeTakeFirstOrThrow();
  return { count: Number(refused.n), last: refused.last === null ? null : Number(refused.last) };
}
