import { sql } from 'kysely';
import type { Trx } from './store.js';

/**
 * Group commit on SQLite, behind `store.write(fn, { grouped: true })`: what the hot public writes
 * (holds, bookings) ask for. Services only say that a write may share a commit; this file is how.
 *
 * With `synchronous=FULL` every COMMIT waits for an fsync of the WAL, and better-sqlite3 waits
 * for it on the event loop: a few milliseconds on ordinary disks (3.5 ms on the bench machine,
 * so at most ~285 commits a second whatever the CPU). Writes that arrive together — the requests
 * parsed in one turn of the event loop — are therefore run one after another inside ONE
 * transaction and committed with one fsync, each inside a SAVEPOINT of its own:
 *
 * - An operation that fails (a conflict, a trigger's overlap error, a bug) is rolled back to its
 *   savepoint and rejected with its own error; the others in the group are unaffected, exactly
 *   as if each had had a transaction of its own, in the order they were queued.
 * - No operation's promise settles before the COMMIT that makes it durable has returned, so an
 *   answer is never sent for a write that a crash could lose.
 * - If the group cannot commit, or SQLite reports an error that may have ended the transaction
 *   (disk full, I/O error, …), nothing of the group is stored, and each operation is run again
 *   alone through `store.write`, as it would have been without grouping (`Store.write`'s
 *   contract already allows `fn` to run more than once).
 * - A lone operation goes straight to `store.write`, with no savepoint.
 *
 * PostgreSQL commits concurrently from a pool and re-runs serialization failures per
 * transaction, so its store ignores `grouped` and runs a plain transaction.
 *
 * The group's transaction is open only while its operations run, and they await nothing but
 * their own statements (better-sqlite3 runs each synchronously), so it never stays open across
 * a turn of the event loop: no timer, no network, no other request runs inside it. Waiting for
 * another process's lock happens before BEGIN, in `store.write` (busy-retry.ts), with the
 * connection free for reads.
 */
const MAX_GROUP = 64;

interface Pending {
  fn: (trx: Trx) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A SQLite error after which the transaction may no longer be open (SQLite rolls it back itself). */
function mayHaveEndedTransaction(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') && !code.startsWith('SQLITE_CONSTRAINT');
}

export class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;
  private running = false;

  /** `write` runs one transaction alone, as `Store.write` does without grouping. */
  constructor(private readonly writeAlone: <T>(fn: (trx: Trx) => Promise<T>) => Promise<T>) {}

  write<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** After the current turn's I/O callbacks, so every request parsed in it joins the group. */
  private schedule() {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    this.running = true;
    try {
      while (this.queue.length > 0) await this.commit(this.queue.splice(0, MAX_GROUP));
    } finally {
      this.running = false;
    }
  }

  private async commit(group: Pending[]) {
    if (group.length === 1) {
      const [only] = group;
      await this.writeAlone(only!.fn).then(only!.resolve, only!.reject);
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      await this.writeAlone(async (trx) => {
        outcomes.length = 0; // in case the store runs this again
        for (const op of group) {
          await sql`savepoint tidbok_group_op`.execute(trx);
          try {
            const value = await op.fn(trx);
            await sql`release tidbok_group_op`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            if (mayHaveEndedTransaction(error)) throw error;
            await sql`rollback to tidbok_group_op`.execute(trx);
            await sql`release tidbok_group_op`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch {
      // Nothing of the group was stored: each operation on its own, as without grouping.
      for (const op of group) await this.writeAlone(op.fn).then(op.resolve, op.reject);
      return;
    }
    group.forEach((op, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) op.resolve(outcome.value);
      else op.reject(outcome.error);
    });
  }
}
