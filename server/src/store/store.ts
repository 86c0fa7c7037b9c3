import { accessSync, constants, mkdirSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDatabase as KyselySqliteDatabase,
  type SqliteDialectConfig,
  SqliteDriver,
  type SqliteStatement,
  sql,
  type Transaction,
} from 'kysely';
import { databaseFailure } from '../errors.js';
import { databaseRetries } from '../http/metrics.js';
import { GroupCommitter } from './group-commit.js';
import { isSqliteBusy, retryWhileBusy } from './busy-retry.js';
import { sqliteMigrations } from './migrations/index.js';
import { SqliteFileGuard } from './sqlite-file-guard.js';
import { unusableDatabaseFile } from './unusable-file.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** What a repository reads with: the database, or a transaction a service holds open. */
export type Queryable = Db | Trx;

/**
 * The store: a Kysely instance plus how to write. Services read through `db` and write inside
 * `write`, one transaction in which a check and the insert it allows cannot be interleaved with
 * another writer's, in this process or another: on SQLite it takes the write lock up front
 * (BEGIN IMMEDIATE); on PostgreSQL it is SERIALIZABLE and re-run when PostgreSQL aborts it for
 * a concurrent change (postgres.ts). So `fn` may run more than once and must have no effects
 * outside `trx`. `openStore` (open-store.ts) picks the engine from the configuration.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Db;
  write<T>(fn: (trx: Trx) => Promise<T>, options?: WriteOptions): Promise<T>;
  /**
   * A token that is the same on two calls only if no write was committed to the database in
   * between, by this process or another; `undefined` where the engine cannot tell cheaply
   * (PostgreSQL), and then nothing may be cached. See read-cache.ts.
   */
  changeToken(): string | undefined;
  migrate(): Promise<string[]>;
  /** Whether the database can be read and written now, and if not why (`/v1/health/ready`). */
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

export interface WriteOptions {
  /**
   * `constraints`: `fn`'s correctness rests on the schema's constraints and on row locks (its
   * check-then-insert steps are guarded by an exclusion constraint or a conditional UPDATE),
   * not on the transaction seeing a frozen world. PostgreSQL then runs it READ COMMITTED, so
   * writers to unrelated rows never abort each other (postgres.ts). SQLite runs every write
   * alone either way.
   */
  guard?: 'serializable' | 'constraints';
  /**
   * `fn` is short and awaits nothing but its own statements, so it may share one commit with
   * other grouped writes that arrive in the same turn of the event loop (SQLite: one fsync for
   * many bookings, group-commit.ts). It still succeeds or fails alone, and its promise settles
   * only once its write is durable. PostgreSQL commits concurrently and ignores this.
   */
  grouped?: boolean;
}

export interface StoreHealth {
  readable: boolean;
  writable: boolean;
  /** Why not, in words for an operator; absent when both are true. */
  problem?: string;
}

/**
 * The last write that failed for a reason in the database itself (disk full, I/O error, …),
 * kept for the health check for a short while or until a write succeeds: a full disk cannot be
 * seen without writing, and the check writes nothing.
 */
export class WriteFailureMemory {
  #cause: string | null = null;
  #at = 0;
  constructor(private readonly keepMs = 30_000) {}
  record(error: unknown) {
    const cause = databaseFailure(error);
    if (cause) {
      this.#cause = cause;
      this.#at = performance.now();
    }
  }
  succeeded() {
    this.#cause = null;
  }
  recent(): string | null {
    return this.#cause !== null && performance.now() - this.#at < this.keepMs ? this.#cause : null;
  }
}

/**
 * Kysely's SQLite driver opens transactions with a deferred BEGIN; we need the lock at once.
 * Before COMMIT the file guard checks that the file is still there and writable (see there).
 * ROLLBACK is sent only while a transaction is open: after SQLITE_FULL or an I/O error SQLite
 * has often rolled back already, and "cannot rollback - no transaction is active" would then
 * replace the error that says what happened.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: SqliteDatabase.Database,
    private readonly guard: SqliteFileGuard | null,
    private readonly turns: TurnWatch,
  ) {
    super(config);
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // Before BEGIN, which may already write to the -shm memory (sqlite-file-guard.ts).
    this.guard?.check();
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    this.turns.start();
  }
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.turns.end();
    this.guard?.check();
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.turns.end();
    if (this.sqlite.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
}

/**
 * Counts write transactions that stayed open across a turn of the event loop. On SQLite the one
 * connection is the whole process's: a transaction that awaits a timer, the network or another
 * request keeps the write lock from every other process and the connection from every other
 * request here meanwhile. Every write awaits only its own statements, which better-sqlite3 runs
 * synchronously, so it begins and commits within one turn; the tests check that the count stays 0.
 */
class TurnWatch {
  spanned = 0;
  #pending: NodeJS.Immediate | null = null;
  #crossed = false;
  start() {
    this.#crossed = false;
    this.#pending = setImmediate(() => (this.#crossed = true));
  }
  end() {
    if (this.#pending === null) return;
    clearImmediate(this.#pending);
    this.#pending = null;
    if (this.#crossed) this.spanned++;
  }
}

/**
 * Kysely's SQLite adapter runs migrations outside a transaction and takes no lock, on the view
 * that one connection has the file to itself; but several server processes starting at once on
 * a new file all migrate it, and the late ones failed on "table … already exists". SQLite's DDL
 * is transactional, so the migrator may run in one BEGIN IMMEDIATE transaction: the first
 * process applies everything, atomically, and the others then find nothing pending.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl() {
    return true;
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: SqliteDatabase.Database,
    private readonly guard: SqliteFileGuard | null,
    private readonly turns: TurnWatch,
  ) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config, this.sqlite, this.guard, this.turns);
  }
  override createAdapter() {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * better-sqlite3 with its prepared statements kept by SQL text. Kysely's driver calls `prepare`
 * for every query, and compiling the SQL was about a tenth of the server's CPU time under load
 * (more than running most of the queries). Kysely compiles the same builder to the same text with
 * `?` parameters, so the statements repeat; `IN (?, ?, …)` lists of other lengths are other texts,
 * hence the bound. A schema change (a migration) is safe: SQLite re-prepares a stale statement
 * by itself. Kysely never streams (`iterate`) here, so one statement is never used twice at once.
 *
 * It also counts the statements that may write (`writes`): Kysely prepares every statement it
 * runs, so a write by this connection always moves the count, before the write even runs.
 */
export class StatementCache implements KyselySqliteDatabase {
  readonly #sqlite: KyselySqliteDatabase;
  readonly #limit: number;
  readonly #statements = new Map<string, SqliteStatement>();
  readonly #beforeStatement: (() => void) | undefined;
  writes = 0;

  constructor(sqlite: KyselySqliteDatabase, limit = 500, beforeStatement?: () => void) {
    this.#sqlite = sqlite;
    this.#limit = limit;
    this.#beforeStatement = beforeStatement;
  }

  prepare(sql: string): SqliteStatement {
    this.#beforeStatement?.();
    let statement = this.#statements.get(sql);
    if (statement) {
      // Most recently used last, so that the first key is the one to drop.
      this.#statements.delete(sql);
    } else {
      statement = this.#sqlite.prepare(sql);
      if (this.#statements.size >= this.#limit) this.#statements.delete(this.#statements.keys().next().value!);
    }
    this.#statements.set(sql, statement);
    if (!statement.reader) this.writes++;
    return statement;
  }

  close() {
    this.#statements.clear();
    this.#sqlite.close();
  }
}

/** Migrations compiled into the bundle, not read from a folder at run time. */
export class StaticMigrations implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations() {
    return this.migrations;
  }
}

export interface SqliteStoreOptions {
  /** Path of the database file; `:memory:` for a private in-memory database. */
  file: string;
  /**
   * How long a write keeps trying while another connection (another process) holds the write
   * lock, in ms, before it fails as busy (503). The waiting is asynchronous (busy-retry.ts).
   */
  busyTimeoutMs?: number;
}

/**
 * SQLite's own busy timeout: how long one statement may wait for a lock inside the (synchronous)
 * call, blocking the event loop. Only a few ms, for locks held for an instant (a checkpoint, a
 * reader starting); longer waits are `busyTimeoutMs`, asynchronous.
 */
const SYNC_BUSY_TIMEOUT_MS = 5;
/** Migrations at start wait longer: several processes starting at once take turns. */
const MIGRATE_BUSY_BUDGET_MS = 60_000;
/** Below this much free space the health check reports the disk as full. */
const LOW_DISK_BYTES = 1024 * 1024;

/** Opens the file; a folder that cannot be made or written is one line saying what to do. */
function openSqliteFile(file: string): SqliteDatabase.Database {
  if (file === ':memory:') return new SqliteDatabase(file);
  try {
    mkdirSync(dirname(file), { recursive: true });
    // SQLite needs to create its journal files (-wal, -shm) beside the database.
    accessSync(dirname(file), constants.W_OK);
    return new SqliteDatabase(file);
  } catch (error) {
    throw unusableDatabaseFile(file, error);
  }
}

/** The SQLite store, with how many write transactions stayed open across a turn (TurnWatch). */
export type SqliteStore = Store & { readonly transactionsAcrossTurns: number };

export function openSqliteStore({ file, busyTimeoutMs = 5000 }: SqliteStoreOptions): SqliteStore {
  const sqlite = openSqliteFile(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${SYNC_BUSY_TIMEOUT_MS}`);
  // SQLite's built-in lower() folds ASCII only, so a search for "öberg" missed "Öberg".
  // Replacing it with a Unicode one keeps `lower(…)` in queries meaning what it means on PostgreSQL.
  sqlite.function('lower', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value));
  const guard = file === ':memory:' || file === '' || file.startsWith('file:') ? null : new SqliteFileGuard(file);
  const statements = new StatementCache(sqlite, undefined, guard ? () => guard.checkBeforeStatement() : undefined);
  // Prepared once: `sqlite.pragma()` prepares its statement on every call.
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  const pageCount = sqlite.prepare('PRAGMA page_count').pluck();
  const maxPageCount = sqlite.prepare('PRAGMA max_page_count').pluck();
  const turns = new TurnWatch();
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: statements }, sqlite, guard, turns) });
  const failures = new WriteFailureMemory();
  // A transaction is begun only when the lock is free at once (or within a few ms); otherwise
  // the attempt is given up, the connection freed for other requests, and tried again later.
  const retry = <T>(attempt: () => Promise<T>, budgetMs: number) =>
    retryWhileBusy(attempt, isSqliteBusy, { budgetMs, onBusy: () => databaseRetries.inc({ engine: 'sqlite' }) });

  /** Why a write could not succeed now, as far as can be seen without writing. */
  function writeProblem(): string | null {
    // First: the pragmas below would touch the -shm memory.
    const problem = guard?.problem();
    if (problem) return problem;
    if ((pageCount.get() as number) >= (maxPageCount.get() as number)) {
      return 'disk full: the database has reached its size limit (max_page_count)';
    }
    if (guard) {
      try {
        const disk = statfsSync(dirname(file));
        if (disk.bavail * disk.bsize < LOW_DISK_BYTES) return `disk full: less than 1 MB free beside ${file}`;
      } catch (error) {
        return `the database folder ${dirname(file)} cannot be examined (${(error as { code?: string }).code ?? String(error)})`;
      }
    }
    return failures.recent();
  }

  async function writeAlone<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
    try {
      const result = await retry(() => db.transaction().execute(fn), busyTimeoutMs);
      failures.succeeded();
      return result;
    } catch (error) {
      failures.record(error);
      throw error;
    }
  }
  const committer = new GroupCommitter(writeAlone);

  return {
    dialect: 'sqlite',
    db,
    get transactionsAcrossTurns() {
      return turns.spanned;
    },
    write: (fn, options) => (options?.grouped ? committer.write(fn) : writeAlone(fn)),
    // `data_version` moves when another connection (another process) commits to the file; this
    // connection's own writes are counted by the statement cache. Kysely runs one statement at a
    // time on the one connection, and a transaction keeps it until its commit, so a reader that
    // takes the token and then queries sees every write made before the token, committed.
    changeToken: () => {
      guard?.checkBeforeStatement();
      return `${dataVersion.get() as number}.${statements.writes}`;
    },
    async migrate() {
      const migrator = new Migrator({ db, provider: new StaticMigrations(sqliteMigrations) });
      const { error, results } = await retry(async () => {
        const outcome = await migrator.migrateToLatest();
        if (outcome.error) throw outcome.error; // a busy lock is tried again; anything else goes up
        return outcome;
      }, MIGRATE_BUSY_BUDGET_MS);
      if (error) throw error;
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    async health() {
      try {
        await sql`select count(*) from sqlite_master`.execute(db);
      } catch (error) {
        const problem = databaseFailure(error) ?? (error instanceof Error ? error.message : String(error));
        return { readable: false, writable: false, problem };
      }
      const problem = writeProblem();
      return problem ? { readable: true, writable: false, problem } : { readable: true, writable: true };
    },
    close: () => db.destroy(),
  };
}
