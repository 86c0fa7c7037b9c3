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

/**
 * A pg client that makes each statement cheaper on both ends, for the hot paths on PostgreSQL.
 *
 * - One write per statement: node-postgres sends a statement with parameters as five protocol
 *   messages (Parse, Bind, Describe, Execute, Sync), each with its own `socket.write`, and an
 *   idle socket writes each at once. A hold and a booking run about 25 statements, so these
 *   writes were half of the server's CPU time under load (a CPU profile of the hold + book
 *   benchmark). Corking the socket while the statement is submitted gathers them into one
 *   `writev`; the bytes are the same.
 * - Prepared once per connection: a statement with parameters gets a name by its text, so
 *   PostgreSQL parses and plans it on a connection's first use only, and later uses send no
 *   Parse message at all. Kysely builds the same text for the same query (values are
 *   parameters), so the names are few; `MAX_NAMED` bounds them all the same.
 */
export class CorkingClient extends pg.Client {
  // pg.Client.query has many overloads; this one answers for all of them, so it returns what they do.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: unknown[]): any {
    // Kysely calls query(text, values).
    const [text, values] = args;
    let named: string | undefined;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
      named = nameFor(text);
      if (named) args = [{ text, values, name: named }];
    }
    const stream = (this as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream;
    stream?.cork?.();
    let result: unknown;
    try {
      result = (super.query as (...a: unknown[]) => unknown)(...args);
    } finally {
      stream?.uncork?.();
    }
    if (named && result instanceof Promise) {
      return result.catch((error: unknown) => {
        if (isStalePlanError(error) && names.get(text as string) === named) names.delete(text as string);
        throw error;
      });
    }
    return result;
  }
}
