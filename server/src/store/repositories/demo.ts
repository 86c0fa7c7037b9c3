import type { Insertable, Selectable } from 'kysely';
import type { ClinicTable, WorkingTimeTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

/** Whether the database has any clinic. */
export async function anyClinicExists(q: Queryable): Promise<boolean> {
  const any = await q.selectFrom('clinics').select('id').limit(1).executeTakeFirst();
  return any !== undefined;
}

/** At most `limit` clinics (id, slug and name), in no particular order. */
export async function someClinics(q: Queryable, limit: number): Promise<Pick<Selectable<ClinicTable>, 'id' | 'slug' | 'name'>[]> {
  return q.selectFrom('clinics').select(['id', 'slug', 'name']).limit(limit).execute();
}

/** A clinic that exists (just created), as its row; Kysely's NoResultError if it does not. */
export async function clinicRowWithId(q: Queryable, id: string): Promise<Selectable<ClinicTable>> {
  return q.selectFrom('clinics').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A clinic's stored settings (JSON); Kysely's NoResultError if the clinic does not exist. */
export async function clinicSettingsJson(q: Queryable, id: string): Promise<string> {
  const stored = await q.selectFrom('clinics').select('settings').where('id', '=', id).executeTakeFirstOrThrow();
  return stored.settings;
}

/** Replaces a clinic's stored settings (JSON). */
export async function saveClinicSettingsJson(trx: Trx, id: string, settings: string): Promise<void> {
  await trx.updateTable('clinics').set({ settings }).where('id', '=', id).execute();
}

/** Adds working time, all in one statement. */
export async function addWorkingTimes(trx: Trx, rows: Insertable<WorkingTimeTable>[]): Promise<void> {
  await trx.insertInto('working_times').values(rows).execute();
}
