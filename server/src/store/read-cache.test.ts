import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.js';
import { ReadCache, readCache } from './read-cache.js';
import type { Store } from './store.js';

// The cache's promise is "never a stale answer": these check each way an answer goes stale, on
// SQLite (the engine with a change token; PostgreSQL has none, see the last case).

const opened: { database: TestDatabase; stores: Store[] }[] = [];

async function sqliteStore() {
  const database = await createTestDatabase('sqlite');
  const store = database.open();
  await store.migrate();
  const entry = { database, stores: [store] };
  opened.push(entry);
  return {
    store,
    /** A second connection to the same file, as another server process would have. */
    other() {
      const second = database.open();
      entry.stores.push(second);
      return second;
    },
  };
}

afterEach(async () => {
  for (const { database, stores } of opened.splice(0)) {
    for (const store of stores) await store.close();
    await database.drop();
  }
});

/** A computation that counts its runs and reads the clinics table. */
function counted(store: Store, validUntil?: number) {
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    compute: async () => {
      runs++;
      const rows = await store.db.selectFrom('clinics').select('slug').execute();
      return { value: { slugs: rows.map((r) => r.slug) }, validUntil };
    },
  };
}

async function addClinic(store: Store, slug: string) {
  await store.write((trx) =>
    trx
      .insertInto('clinics')
      .values({
        id: `cl_${slug}`,
        slug,
        name: slug,
        time_zone: 'Europe/Stockholm',
        locale: 'sv',
        booking_module: 1,
        settings: '{}',
        created_at: 0,
        updated_at: 0,
      })
      .execute(),
  );
}

describe('ReadCache', () => {
  it('answers again from memory while nothing is written', async () => {
    const { store } = await sqliteStore();
    const cache = new ReadCache(store, 10);
    const c = counted(store);
    expect(await cache.get('k', 0, c.compute)).toEqual({ slugs: [] });
    expect(await cache.get('k', 1, c.compute)).toEqual({ slugs: [] });
    expect(c.runs).toBe(1);
  });

  it('computes afresh after a write on the same connection', async () => {
    const { store } = await sqliteStore();
    const cache = new ReadCache(store, 10);
    const c = counted(store);
    await cache.get('k', 0, c.compute);
    await addClinic(store, 'a');
    expect(await cache.get('k', 0, c.compute)).toEqual({ slugs: ['a'] });
    expect(c.runs).toBe(2);
  });

  it('computes afresh after a write by another connection (another process)', async () => {
    const { store, other } = await sqliteStore();
    const cache = new ReadCache(store, 10);
    const c = counted(store);
    await cache.get('k', 0, c.compute);
    await addClinic(other(), 'b');
    expect(await cache.get('k', 0, c.compute)).toEqual({ slugs: ['b'] });
    expect(c.runs).toBe(2);
  });

  it('keeps an answer from before validUntil only, and not when the clock goes back', async () => {
    const { store } = await sqliteStore();
    const cache = new ReadCache(store, 10);
    const c = counted(store, 100);
    await cache.get('k', 50, c.compute);
    await cache.get('k', 99, c.compute);
    expect(c.runs).toBe(1);
    await cache.get('k', 100, c.compute); // expired: computed at 100, still valid until 100 only
    expect(c.runs).toBe(2);
    const d = counted(store, 1000);
    await cache.get('j', 500, d.compute);
    await cache.get('j', 499, d.compute);
    expect(d.runs).toBe(2);
  });

  it('drops the least recently used entry when full', async () => {
    const { store } = await sqliteStore();
    const cache = new ReadCache(store, 2);
    const c = counted(store);
    await cache.get('a', 0, c.compute);
    await cache.get('b', 0, c.compute);
    await cache.get('a', 0, c.compute); // a is now the most recent
    await cache.get('c', 0, c.compute); // drops b
    expect(c.runs).toBe(3);
    await cache.get('a', 0, c.compute);
    expect(c.runs).toBe(3);
    await cache.get('b', 0, c.compute);
    expect(c.runs).toBe(4);
  });

  it('hands out frozen values, so that one caller cannot change what the next one gets', async () => {
    const { store } = await sqliteStore();
    const value = await new ReadCache(store, 10).get('k', 0, counted(store).compute);
    expect(() => {
      (value as { slugs: string[] }).slugs = ['changed'];
    }).toThrow(TypeError);
  });

  it('never keeps anything for a store without a change token (PostgreSQL)', async () => {
    const { store } = await sqliteStore();
    const tokenless: Store = { ...store, changeToken: () => undefined };
    const cache = new ReadCache(tokenless, 10);
    const c = counted(store);
    await cache.get('k', 0, c.compute);
    await cache.get('k', 0, c.compute);
    expect(c.runs).toBe(2);
  });

  it('keeps one set of caches per store', async () => {
    const first = await sqliteStore();
    const second = await sqliteStore();
    expect(readCache(first.store, 'x', 5)).toBe(readCache(first.store, 'x', 5));
    expect(readCache(first.store, 'x', 5)).not.toBe(readCache(second.store, 'x', 5));
    expect(readCache(first.store, 'x', 5)).not.toBe(readCache(first.store, 'y', 5));
  });
});
