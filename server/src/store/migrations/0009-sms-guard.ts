import type { Kysely } from 'kysely';

/**
 * Bounds on SMS a visitor can make the clinic send (notifications/sms-guard.ts):
 * - `sms_known_numbers`: numbers staff have entered or booked with, in E.164 form. SMS to these
 *   are not counted against the clinic's budget.
 * - `messages.budget_at`: when an SMS to a number not known was counted against the budget.
 * - `messages.withheld_reason`: why a message was not sent (status `withheld`), as a code.
 * Numbers of clients staff booked before this version count as known.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sms_known_numbers')
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sms_known_numbers_pk', ['clinic_id', 'number'])
    .execute();
  await db.schema.alterTable('messages').addColumn('budget_at', 'bigint').execute();
  await db.schema.alterTable('messages').addColumn('withheld_reason', 'text').execute();
  await db.schema.createIndex('messages_clinic_budget').on('messages').columns(['clinic_id', 'budget_at']).execute();
  await rememberStaffBookedNumbers(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_clinic_budget').execute();
  await db.schema.alterTable('messages').dropColumn('withheld_reason').execute();
  await db.schema.alterTable('messages').dropColumn('budget_at').execute();
  await db.schema.dropTable('sms_known_numbers').execute();
}

/** The numbers of clients with a booking staff made; the same form the dispatcher sends to. */
export async function rememberStaffBookedNumbers(db: Kysely<any>) {
  const rows: { clinic_id: string; phone: string }[] = await db
    .selectFrom('bookings as b')
    .innerJoin('clients as c', 'c.id', 'b.client_id')
    .select(['b.clinic_id', 'c.phone'])
    .distinct()
    .where('b.source', '=', 'staff')
    .where('c.phone', 'is not', null)
    .execute();
  const now = Date.now();
  const seen = new Set<string>();
  for (const { clinic_id, phone } of rows) {
    // Frozen here as it was when this migration was written (notifications/phone.ts).
    const compact = phone.replace(/[\s()./-]/g, '');
    const number = compact.startsWith('+')
      ? compact
      : compact.startsWith('00')
        ? `+${compact.slice(2)}`
        : compact.startsWith('0')
          ? `+46${compact.slice(1)}`
          : compact;
    if (!/^\+[1-9][0-9]{6,14}$/.test(number) || seen.has(`${clinic_id} ${number}`)) continue;
    seen.add(`${clinic_id} ${number}`);
    await db.insertInto('sms_known_numbers').values({ clinic_id, number, created_at: now }).execute();
  }
}
