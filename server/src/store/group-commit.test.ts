import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { GroupCommitter } from './group-commit.js';
import type { Trx } from './store.js';
import { createTestContext, type TestContext } from '../testing.js';

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

type Write = <T>(fn: (trx: Trx) => Promise<T>) => Promise<T>;

const insertClient = (write: Write, name: string, fail?: Error) =>
  write(async (trx) => {
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

/** `store.write(fn, { grouped: true })`, as the services call it. */
const grouped: Write = (fn) => t.store.write(fn, { grouped: true });

describe('grouped writes', () => {
  it('gives each of many concurrent writes its own result and stores them all', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => insertClient(grouped, `c${i}`)));
    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`));
    expect(await names()).toEqual(Array.from({ length: 10 }, (_, i) => `c${i}`).sort());
  });

  it('rejects only the write that failed, and keeps nothing of it', async () => {
    const outcomes = await Promise.allSettled([
      insertClient(grouped, 'a'),
      insertClient(grouped, 'b', new ApiError('conflict', 'no')),
      insertClient(grouped, 'c'),
      // A constraint error from the database itself (duplicate primary key) inside the group.
      insertClient(grouped, 'a'),
      insertClient(grouped, 'd'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(ApiError);
    expect(await names()).toEqual(['a', 'c', 'd']);
  });
});

describe('GroupCommitter', () => {
  it('runs the writes of one turn in one transaction', async () => {
    let transactions = 0;
    const committer = new GroupCommitter((fn) => {
      transactions++;
      return t.store.write(fn);
    });
    const write: Write = (fn) => committer.write(fn);
    await Promise.all(Array.from({ length: 8 }, (_, i) => insertClient(write, `g${i}`)));
    expect(transactions).toBe(1);
    expect(await names()).toHaveLength(8);
  });

  it('runs each write alone again when the group cannot commit', async () => {
    let calls = 0;
    const committer = new GroupCommitter(async (fn) => {
      calls++;
      if (calls === 1) {
        // The first (grouped) transaction does its work and then fails to commit.
        await t.store.write(async (trx) => {
          await fn(trx);
          throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
        });
      }
      return t.store.write(fn);
    });
    const write: Write = (fn) => committer.write(fn);
    const results = await Promise.all([insertClient(write, 'x'), insertClient(write, 'y'), insertClient(write, 'z')]);
    expect(results).toEqual(['x', 'y', 'z']);
    expect(calls).toBe(4);
    expect(await names()).toEqual(['x', 'y', 'z']);
  });
});
