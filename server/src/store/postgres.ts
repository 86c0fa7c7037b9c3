import pg from 'pg';
import {
  type ColumnMetadata,
  type DatabaseIntrospector,
  type DatabaseMetadataOptions,
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  type TableMetadata,
} from 'kysely';
import { databaseFailure } from '../errors.js';
import { databaseRetries } from '../http/metrics.js';
import { pause } from './busy-retry.js';
import { CorkingClient, isStalePlanError } from './corking-client.js';
import { postgresMigrations } from './migrations/postgres/index.js';
import { type Database } from './schema.js';
import { StaticMigrations, type Store, type StoreHealth, type Trx, type WriteOptions, WriteFailureMemory } from './store.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`; `?options=-c search_path=…` picks a schema. */
  url: string;
  /** Connections per server process. */
  poolSize?: number;
  /**
   * How long a statement waits for a lock held by another transaction (a row being changed, an
   * overlapping booking not yet committed) before it fails as busy (503), in ms. The same role
   * as SQLite's busy timeout.
   */
  lockTimeoutMs?: number;
  /**
   * How long a query waits for a free pooled connection before it fails as busy (503), in ms.
   * Without it a burst larger than the pool would queue without end behind a stuck transaction.
   */
  connectTimeoutMs?: number;
  /** Longest a single statement may run before PostgreSQL cancels it (busy, 503), in ms. */
  statementTimeoutMs?: number;
  /** Attempts of one `write` when PostgreSQL aborts it for a concurrent change (see `write`). */
  maxAttempts?: number;
  /** Told about a pooled connection that broke while idle; the pool replaces it. */
  onPoolError?: (error: Error) => void;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * `bigint` columns hold epoch milliseconds and counts (`count(*)` is a bigint too), all far inside
 * JavaScript's safe integers, so they are read as numbers, as better-sqlite3 reads them. A value
 * that would lose precision is an error, never silently rounded.
 */
function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} is outside JavaScript's safe integers`);
  return value;
}

// Per pool, not pg's global registry, so another pg user in the same process is unaffected.
// `real`/`double precision` already parse as numbers; `numeric` (e.g. `sum` of a bigint) is
// read as a number as well: no column of ours is numeric, only such aggregates are.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format !== 'binary' && oid === INT8_OID) return parseSafeInteger;
    if (format !== 'binary' && oid === NUMERIC_OID) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** SQLSTATEs after which the whole transaction can simply run again. */
const RETRYABLE = new Set([
  '40001', // serialization_failure: SERIALIZABLE found a concurrent transaction it cannot order against
  '40P01', // deadlock_detected: PostgreSQL broke a lock cycle by aborting this transaction
  '25P02', // in_failed_sql_transaction: a statement ran after an earlier error was caught
]);

function isRetryable(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown } | null;
  // Kysely throws AbortedTransactionError when COMMIT answers ROLLBACK: `fn` caught a statement
  // error and carried on (template weeks skip a time "taken" by a concurrent writer that way),
  // so nothing was written. Running `fn` again sees that writer's commit and decides afresh.
  return (typeof e?.code === 'string' && RETRYABLE.has(e.code)) || e?.name === 'AbortedTransactionError' || isStalePlanError(error);
}

/**
 * Kysely's own PostgreSQL introspector reads the tables of every schema in the database and
 * resolves each column's sequence by name (pg_get_serial_sequence), which fails — "schema … does
 * not exist", "column … does not exist" — while another schema is being created or dropped. The
 * migrator introspects on every start, so several Tidbok databases in one PostgreSQL database (a
 * schema each, as the tests have, two test workers at a time) broke each other's migrations.
 * This one reads only the current schema, from the catalogs, by OID.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {} // eslint-disable-line @typescript-eslint/no-explicit-any -- Kysely's dialect API

  async getSchemas() {
    const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(this.db);
    return rows;
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    const { rows } = await sql<{
      table: string;
      schema: string;
      view: boolean;
      column: string;
      type: string;
      nullable: boolean;
      defaulted: boolean;
    }>`
      select c.relname as table, n.nspname as schema, c.relkind = 'v' as view, a.attname as column,
             t.typname as type, not a.attnotnull as nullable, a.atthasdef as defaulted
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      join pg_catalog.pg_type t on t.oid = a.atttypid
      where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v')
      order by c.relname, a.attnum`.execute(this.db);
    const tables = new Map<string, { name: string; schema: string; isView: boolean; columns: ColumnMetadata[] }>();
    for (const row of rows) {
      if (!options.withInternalKyselyTables && (row.table === DEFAULT_MIGRATION_TABLE || row.table === DEFAULT_MIGRATION_LOCK_TABLE)) continue;
      let table = tables.get(row.table);
      if (!table) tables.set(row.table, (table = { name: row.table, schema: row.schema, isView: row.view, columns: [] }));
      table.columns.push({
        name: row.column,
        dataType: row.type,
        isNullable: row.nullable,
        hasDefaultValue: row.defaulted,
        isAutoIncrementing: false,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(options?: DatabaseMetadataOptions) {
    return { tables: await this.getTables(options) };
  }
}

class CurrentSchemaPostgresDialect extends PostgresDialect {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as PostgresDialect declares it
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

/** How long the health check waits for PostgreSQL before it reports it as not answering. */
const HEALTH_TIMEOUT_MS = 2000;

/**
 * PostgreSQL, for several server processes on one database (docs/design.md, "Where each part runs").
 *
 * `write` runs `fn` in one SERIALIZABLE transaction, unless the caller says the schema guards it
 * (`guard: 'constraints'`, below). The services were written for SQLite, where
 * BEGIN IMMEDIATE makes every write transaction run alone; SERIALIZABLE gives them the same
 * guarantee without the global lock — any set of transactions that commits is equivalent to
 * some one-at-a-time order — so their read-then-write steps (is the booking already paid? is
 * this Idempotency-Key running? is the time free?) stay correct with no `FOR UPDATE` sprinkled
 * through them. The price is that PostgreSQL may abort a transaction that raced another (40001,
 * or 40P01 for a deadlock); `write` then runs `fn` again, up to `maxAttempts` times with a short
 * random back-off. A race that still has not settled then goes up as that error, which the app
 * answers with 503 and Retry-After (errors.ts, isBusyError).
 * `fn` must therefore have no effects outside `trx` (build ids and secrets before or inside,
 * return results instead of pushing them outward) — every service already works that way.
 *
 * Double booking is refused by the schema itself whatever the isolation level (migrations/
 * postgres/0001-initial.ts): exclusion constraints, and one `slot_claims` table for the rule that
 * spans bookings and holds.
 *
 * SERIALIZABLE has a cost on the hot public path: on small tables PostgreSQL reads by sequential
 * scan and then tracks the read of the whole table, so two visitors booking different
 * practitioners (each looking up a client, each inserting one) were seen as a dangerous cycle
 * and one of them aborted; sixteen at once ran out of retries. Holds and bookings therefore run
 * READ COMMITTED (`guard: 'constraints'`): the exclusion constraints refuse an overlap whatever
 * the isolation level, a hold becomes a booking through a conditional UPDATE that only one
 * transaction can win, and a client's row is found or created under an advisory lock on the
 * e-mail address (key-lock.ts). Writers to unrelated rows then never wait for or abort each other.
 */
export function openPostgresStore({
  url,
  poolSize = 10,
  lockTimeoutMs = 5000,
  connectTimeoutMs = 10_000,
  statementTimeoutMs = 30_000,
  maxAttempts = 8,
  onPoolError,
}: PostgresStoreOptions): Store {
  const pool = new pg.Pool({
    Client: CorkingClient,
    connectionString: url,
    max: poolSize,
    types,
    lock_timeout: lockTimeoutMs,
    statement_timeout: statementTimeoutMs,
    connectionTimeoutMillis: connectTimeoutMs,
    // A transaction left open by a hung request would hold its locks for ever.
    idle_in_transaction_session_timeout: 60_000,
    application_name: 'tidbok',
  });
  // A pooled connection that dies while idle (the server restarted) is reported here; without a
  // listener Node would end the process. The pool opens a new connection on the next query.
  pool.on('error', (error) => onPoolError?.(error));
  // The pool listens for errors only on the connections it holds idle. One lent out — inside a
  // transaction between two statements — that loses its server (PostgreSQL stopped, restarted)
  // emitted 'error' with no listener, and Node ended the whole process. Its statement in flight
  // fails on its own (a 503, errors.ts) and the pool drops the broken connection when it comes
  // back, so here there is nothing to do but listen.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  const failures = new WriteFailureMemory();

  async function probe(): Promise<StoreHealth> {
    try {
      const { rows } = await sql<{ recovery: boolean; readOnly: string }>`
        select pg_is_in_recovery() as recovery, current_setting('transaction_read_only') as "readOnly"`.execute(db);
      const row = rows[0];
      if (row?.recovery) return { readable: true, writable: false, problem: 'PostgreSQL is a standby (in recovery) and takes no writes' };
      if (row?.readOnly === 'on') return { readable: true, writable: false, problem: 'PostgreSQL sessions are read-only (default_transaction_read_only)' };
      const recent = failures.recent();
      return recent ? { readable: true, writable: false, problem: recent } : { readable: true, writable: true };
    } catch (error) {
      const problem = databaseFailure(error) ?? (error instanceof Error ? error.message : String(error));
      return { readable: false, writable: false, problem };
    }
  }

  return {
    dialect: 'postgres',
    db,
    // PostgreSQL has no cheap "did anything change" counter; every read goes to the database.
    changeToken: () => undefined,
    async write<T>(fn: (trx: Trx) => Promise<T>, { guard = 'serializable' }: WriteOptions = {}): Promise<T> {
      const isolation = guard === 'constraints' ? 'read committed' : 'serializable';
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await db.transaction().setIsolationLevel(isolation).execute(fn);
          failures.succeeded();
          return result;
        } catch (error) {
          if (attempt >= maxAttempts || !isRetryable(error)) {
            failures.record(error);
            throw error;
          }
          databaseRetries.inc({ engine: 'postgres' });
          // 2, 4, 8 … ms, capped at 100, times 0.5–1.5 so racing retries spread out.
          await pause(Math.min(100, 2 ** attempt) * (0.5 + Math.random()));
        }
      }
    },
    async migrate() {
      // Kysely looks for its bookkeeping tables in every schema unless told which one; with
      // several Tidbok databases side by side in one PostgreSQL database (a schema each, as the
      // tests do) it must look in ours only.
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
      const schema = rows[0]?.schema;
      if (!schema) throw new Error('PostgreSQL has no current schema: check search_path in TIDBOK_DATABASE_URL');
      const migrator = new Migrator({ db, provider: new StaticMigrations(postgresMigrations), migrationTableSchema: schema });
      const { error, results } = await migrator.migrateToLatest();
      if (error) throw error;
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    health() {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<StoreHealth>((resolve) => {
        timer = setTimeout(
          () => resolve({ readable: false, writable: false, problem: `PostgreSQL did not answer within ${HEALTH_TIMEOUT_MS} ms` }),
          HEALTH_TIMEOUT_MS,
        );
      });
      return Promise.race([probe(), late]).finally(() => clearTimeout(timer));
    },
    close: () => db.destroy(),
  };
}
