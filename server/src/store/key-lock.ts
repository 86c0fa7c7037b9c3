import { type CompiledQuery, sql } from 'kysely';
import type { Store, Trx } from './store.js';

/**
 * Makes transactions that name the same `key` run one after another from here to their commit,
 * and leaves all others alone: for a find-or-create (a client by e-mail) inside a write that
 * runs READ COMMITTED on PostgreSQL (`guard: 'constraints'`), where two visitors with one
 * address would otherwise both find nothing and both create. A transaction-scoped advisory lock,
 * released by COMMIT or ROLLBACK. On SQLite every write already runs alone, so nothing is done.
 */
export async function lockKey(store: Store, trx: Trx, key: string): Promise<void> {
  if (store.dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

/** `lockKey` as a statement to run with others (prepared.ts, `together`); null where nothing is needed. */
export function lockKeyQuery(store: Store, trx: Trx, key: string): CompiledQuery | null {
  if (store.dialect !== 'postgres') return null;
  return sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.compile(trx);
}
