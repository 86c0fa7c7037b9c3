import pg from 'pg';

/** Statement names by SQL text, shared by every connection (each prepares its own on first use). */
const names = new Map<string, string>();
/** Distinct statements that get a name; any beyond are sent unnamed, as before. */
const MAX_NAMED = 2000;

let issued = 0;

function nameFor(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) names.set(text, (name = `tidbok_${issued++}`));
  return name;
}

/**
 * PostgreSQL refuses to run a prepared `select *` whose table has gained or lost a column since
 * (a newer server process migrated the database during a rolling upgrade): SQLSTATE 0A000,
 * "cached plan must not change result type", on every later use on that connection. The text
 * then gets a new name, so the next use prepares it afresh; the failed statement is answered as
 * busy (errors.ts) and a write is run again (postgres.ts).
 */
export function isStalePlanError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === '0A000' && typeof e.message === 'string' && e.message.includes('cached plan must not change result type');
}

type Stream = { cork?(): void; uncork?(): void };

const BEGIN = /^\s*(start transaction|begin)\b/i;

/**
 * A pg client that makes each statement cheaper on both ends, for the hot paths on PostgreSQL.
 * Under the hold + book benchmark about half of the server's CPU time was `writev` on the
 * PostgreSQL sockets (CPU profile): on loopback TCP, each write also does the receiving side's
 * work and wakes the PostgreSQL backend, so what costs is the number of writes, not their size.
 *
 * - Pipelined (pg's `pipeline` mode): a statement is written as soon as it is asked for, not
 *   when the one before it has been answered; answers still come back, and are handed out, in
 *   order. Statements that a caller starts together (`Promise.all` inside a transaction) share
 *   one round trip, and PostgreSQL still runs them one after another, in the order written.
 * - One write per turn of the event loop: the socket stays corked from the first statement of a
 *   turn until its end (`setImmediate`), so everything asked for meanwhile — a statement's five
 *   protocol messages (Parse, Bind, Describe, Execute, Sync), the statements of a `Promise.all`,
 *   a BEGIN and the first statement after it — goes out in one `writev`. The bytes are the same.
 * - BEGIN rides with the first statement: the transaction's `start transaction …` is written
 *   but not waited for (it is answered at once), so it goes out with the statement that follows
 *   it, saving one round trip per transaction. Should PostgreSQL refuse the BEGIN, that statement
 *   fails with the BEGIN's error, and the transaction is rolled back as after any failure.
 * - Prepared once per connection: a statement with parameters gets a name by its text, so
 *   PostgreSQL parses and plans it on a connection's first use only, and later uses send no
 *   Parse message at all. Kysely builds the same text for the same query (values are
 *   parameters), so the names are few; `MAX_NAMED` bounds them all the same.
 */
export class CorkingClient extends pg.Client {
  #corked: Stream | null = null;
  /** The BEGIN written but not yet waited for: settles with its error, or null. */
  #begin: Promise<unknown> | null = null;

  constructor(config?: pg.ClientConfig) {
    super({ ...config, pipeline: true } as pg.ClientConfig);
  }

  /** Cork the socket until the end of this turn of the event loop (see above). */
  #corkForTurn() {
    if (this.#corked) return;
    const stream = (this as unknown as { connection?: { stream?: Stream } }).connection?.stream;
    if (!stream?.cork || !stream.uncork) return;
    stream.cork();
    this.#corked = stream;
    setImmediate(() => {
      this.#corked = null;
      stream.uncork!();
    });
  }

  // pg.Client.query has many overloads; this one answers for all of them, so it returns what they do.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: unknown[]): any {
    // Kysely calls query(text, values).
    const [text, values] = args;
    if (typeof text !== 'string' || args.length !== 2 || !Array.isArray(values)) {
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    this.#corkForTurn();
    if (values.length === 0 && BEGIN.test(text)) {
      const begun = (super.query as (...a: unknown[]) => Promise<pg.QueryResult>)(text, values);
      this.#begin = begun.then(
        () => null,
        (error: unknown) => error,
      );
      return Promise.resolve({ command: 'BEGIN', rowCount: null, rows: [], fields: [], oid: 0 });
    }
    let named: string | undefined;
    if (values.length > 0) {
      named = nameFor(text);
      if (named) args = [{ text, values, name: named }];
    }
    let result = (super.query as (...a: unknown[]) => Promise<unknown>)(...args);
    const begin = this.#begin;
    if (begin) {
      this.#begin = null;
      result = Promise.all([begin, result]).then(([error, value]) => {
        if (error) throw error;
        return value;
      });
    }
    if (named) {
      return result.catch((error: unknown) => {
        if (isStalePlanError(error) && names.get(text) === named) names.delete(text);
        throw error;
      });
    }
    return result;
  }
}
