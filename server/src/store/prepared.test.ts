import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing.js';
import { first, prepared } from './prepared.js';

// Runs on the pass's engine (SQLite, or PostgreSQL in the PostgreSQL pass): the compiled SQL
// differs (`?` against `$1`), the answers must not.

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const clinic = (slug: string) => ({
  id: `cl_${slug}`,
  slug,
  name: `Clinic ${slug}`,
  time_zone: 'Europe/Stockholm',
  locale: 'sv',
  booking_module: 1,
  settings: '{}',
  created_at: 1,
  updated_at: 2,
});

describe('prepared queries', () => {
  it('inserts and reads with new values on every call, constants of the builder kept', async () => {
    const insert = prepared((db, row: ReturnType<typeof clinic>) => db.insertInto('clinics').values(row));
    const bySlug = prepared((db, v: { slug: string }) =>
      db.selectFrom('clinics').select(['id', 'name']).where('slug', '=', v.slug).where('booking_module', '=', 1),
    );
    await insert(t.store.db, clinic('a'));
    await t.store.write((trx) => insert(trx, clinic('b'))); // a transaction of the same database
    expect(await first(bySlug(t.store.db, { slug: 'b' }))).toEqual({ id: 'cl_b', name: 'Clinic b' });
    expect(await first(bySlug(t.store.db, { slug: 'a' }))).toEqual({ id: 'cl_a', name: 'Clinic a' });
    expect(await first(bySlug(t.store.db, { slug: 'c' }))).toBeUndefined();
    await t.store.db.updateTable('clinics').set({ booking_module: 0 }).where('slug', '=', 'a').execute();
    expect(await first(bySlug(t.store.db, { slug: 'a' }))).toBeUndefined();
  });

  it('refuses a call with other keys, or a value left undefined, rather than running something else', async () => {
    const insert = prepared((db, row: Partial<ReturnType<typeof clinic>>) => db.insertInto('clinics').values(row as ReturnType<typeof clinic>));
    await insert(t.store.db, clinic('a'));
    const { created_at: _, ...withoutCreated } = clinic('b');
    await expect(insert(t.store.db, withoutCreated)).rejects.toThrow(/other keys/);
    await expect(insert(t.store.db, { ...clinic('c'), created_at: undefined })).rejects.toThrow(/no value for "created_at"/);
    expect(await t.store.db.selectFrom('clinics').select('slug').execute()).toEqual([{ slug: 'a' }]);
  });

  it('refuses a builder that computes on a value or puts one into the SQL text', async () => {
    const computed = prepared((db, v: { from: number }) =>
      db
        .selectFrom('holds')
        .select('id')
        .where('start_ms', '>', v.from - 1000),
    );
    await expect(computed(t.store.db, { from: 5 })).rejects.toThrow(/computed on a value/);
    const spliced = prepared((db, v: { column: string }) => db.selectFrom('clinics').select(sql.ref<string>(v.column).as('x')));
    await expect(spliced(t.store.db, { column: 'slug' })).rejects.toThrow(/into the SQL text/);
  });

  it('takes lists for `in`, one statement per length, each call with its own values', async () => {
    const insert = prepared((db, row: ReturnType<typeof clinic>) => db.insertInto('clinics').values(row));
    for (const slug of ['a', 'b', 'c', 'd']) await insert(t.store.db, clinic(slug));
    const bySlugs = prepared((db, v: { slugs: string[]; module: number }) =>
      db.selectFrom('clinics').select('slug').where('slug', 'in', v.slugs).where('booking_module', '=', v.module).orderBy('slug'),
    );
    const slugs = async (list: string[]) => (await bySlugs(t.store.db, { slugs: list, module: 1 })).rows.map((r) => r.slug);
    expect(await slugs(['b'])).toEqual(['b']);
    expect(await slugs(['d', 'a', 'x'])).toEqual(['a', 'd']);
    expect(await slugs(['c'])).toEqual(['c']);
    expect(await slugs(['a', 'b'])).toEqual(['a', 'b']);
    expect(await slugs(['x', 'y', 'c'])).toEqual(['c']);
    await expect(bySlugs(t.store.db, { slugs: ['a', undefined as unknown as string], module: 1 })).rejects.toThrow(/no value for "slugs"/);
  });
});
