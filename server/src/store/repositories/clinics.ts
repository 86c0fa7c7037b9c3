import type { Insertable, Selectable, Updateable } from 'kysely';
import { first, prepared } from '../prepared.js';
import { readCache } from '../read-cache.js';
import type { ClinicTable } from '../schema.js';
import type { Queryable, Store, Trx } from '../store.js';

type ClinicRow = Selectable<ClinicTable>;

// ---- Clinics ----

const clinicBySlugQuery = prepared((db, v: { slug: string }) => db.selectFrom('clinics').selectAll().where('slug', '=', v.slug));

/** The clinic behind a URL: asked on nearly every request, so kept until the next write (read-cache.ts). */
export async function clinicBySlug(store: Store, now: number, slug: string): Promise<ClinicRow | undefined> {
  return readCache(store, 'rows', 1000).get(`clinic:${slug}`, now, async () => ({
    value: await first(clinicBySlugQuery(store.db, { slug })),
  }));
}

/** Whether some clinic has this slug. */
export async function isSlugTaken(db: Queryable, slug: string): Promise<boolean> {
  const taken = await db.selectFrom('clinics').select('id').where('slug', '=', slug).executeTakeFirst();
  return taken !== undefined;
}

/** Adds a clinic. */
export async function insertClinic(trx: Trx, row: Insertable<ClinicTable>): Promise<void> {
  await trx.insertInto('clinics').values(row).execute();
}

/** The clinic as it is now, inside a write; throws Kysely's `NoResultError` if it is gone. */
export function currentClinic(trx: Trx, id: string): Promise<ClinicRow> {
  return trx.selectFrom('clinics').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Writes a clinic's settings: its name, time zone, locale, modules and booking settings. */
export async function changeClinicSettings(
  trx: Trx,
  id: string,
  changes: Pick<Updateable<ClinicTable>, 'name' | 'time_zone' | 'locale' | 'booking_module' | 'settings' | 'updated_at'>,
): Promise<void> {
  await trx.updateTable('clinics').set(changes).where('id', '=', id).execute();
}

// ---- Staff ----
