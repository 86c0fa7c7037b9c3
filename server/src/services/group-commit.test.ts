import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import type { Store } from '../store/store.js';
import { createTestContext, type TestContext } from '../testing.js';
import { groupWrite } from './group-commit.js';

// Concurrent public writes share one commit on SQLite; each must still behave as a transaction
// of its own: its own result or error, nothing of a failed one stored, nothing answered early.

let t: TestContext;
let clinicId: string;

beforeEach(async () => {
  t = await createTestContext();
  clinicId = (await t.clinic('group')).id;
});
afterEach(async () => {
  await t.close();
});

const insertClient = (store: Store, name: string, fail?: Error) =>
  groupWrite(store, async (trx) => {
    await trx
      .insertInto('clients')
      .values({
        id: `cli_${name}`,
        clinic_id: clinicId,
        name,
        email: null,
        email_norm: null,
        phone: null,
        personal_number: null,
        is_test: 0,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    if (fail) throw fail;
    return name;
  });

const names = async () =>
  (await t.store.db.selectFrom('clients').select('name').where('clinic_id', '=', clinicId).orderBy('name').execute()).map((r) => r.name);

describe('groupWrite', () => {
  it('gives each of many concurrent writes its own result and stores them all', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => insertClient(t.store, `c${i}`)));
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`));
    expect(await names()).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`).sort());
  });

  it('rejects only the write that failed, and keeps nothing of it', async () => {
    const outcomes = await Promise.allSettled([
      insertClient(t.store, 'a'),
      insertClient(t.store, 'b', new ApiError('conflict', 'no')),
      insertClient(t.store, 'c'),
      // A constraint error from SQLite itself (duplicate primary key) inside the group.
      insertClient(t.store, 'a'),
      insertClient(t.store, 'd'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(ApiError);
    expect(await names()).toEqual(['a', 'c', 'd']);
  });

  it('runs the writes of one turn in one transaction on SQLite', async () => {
    if (t.store.dialect !== 'sqlite') return;
    let transactions = 0;
    const counting: Store = {
      ...t.store,
      write: (fn) => {
        transactions++;
        return t.store.write(fn);
      },
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => insertClient(counting, `g${i}`)));
    expect(transactions).toBe(1);
    expect(await names()).toHaveLength(8);
  });

  it('runs each write alone again when the group cannot commit', async () => {
    if (t.store.dialect !== 'sqlite') return;
    let calls = 0;
    const flaky: Store = {
      ...t.store,
      write: async (fn) => {
        calls++;
        if (calls === 1) {
          // The first (grouped) transaction does its work and then fails to commit.
          await t.store.write(async (trx) => {
            await fn(trx);
            throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
          });
        }
        return t.store.write(fn);
      },
    };
    const results = await Promise.all([insertClient(flaky, 'x'), insertClient(flaky, 'y'), insertClient(flaky, 'z')]);
    expect(results).toEqual(['x', 'y', 'z']);
    expect(calls).toBe(4);
    expect(await names()).toEqual(['x', 'y', 'z']);
  });
});
