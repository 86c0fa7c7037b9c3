import { mkdirSync } from 'node:fs';
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
  type Transaction,
} from 'kysely';
import { sqliteMigrations } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

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
  write<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
  /**
   * A token that is the same on two calls only if no write was committed to the database in
   * between, by this process or another; `undefined` where the engine cannot tell cheaply
   * (PostgreSQL), and then nothing may be cached. See read-cache.ts.
   */
  changeToken(): string | undefined;
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

/** Kysely's SQLite driver opens transactions with a deferred BEGIN; we need the lock at once. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
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
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
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
  writes = 0;

  constructor(sqlite: KyselySqliteDatabase, limit = 500) {
    this.#sqlite = sqlite;
    this.#limit = limit;
  }

  prepare(sql: string): SqliteStatement {
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
  /** How long a writer waits for another process's lock before giving up, in ms. */
  busyTimeoutMs?: number;
}

export function openSqliteStore({ file, busyTimeoutMs = 5000 }: SqliteStoreOptions): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file, { timeout: busyTimeoutMs });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  // SQLite's built-in lower() folds ASCII only, so a search for "öberg" missed "Öberg".
  // Replacing it with a Unicode one keeps `lower(…)` in queries meaning what it means on PostgreSQL.
  sqlite.function('lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
  const statements = new StatementCache(sqlite);
  // Prepared once: `sqlite.pragma()` prepares its statement on every call.
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: statements }) });

  return {
    dialect: 'sqlite',
    db,
    write: (fn) => db.transaction().execute(fn),
    // `data_version` moves when another connection (another process) commits to the file; this
    // connection's own writes are counted by the statement cache. Kysely runs one statement at a
    // time on the one connection, and a transaction keeps it until its commit, so a reader that
    // takes the token and then queries sees every write made before the token, committed.
    changeToken: () => `${dataVersion.get() as number}.${statements.writes}`,
    async migrate() {
      const migrator = new Migrator({ db, provider: new StaticMigrations(sqliteMigrations) });
      const { error, results } = await migrator.migrateToLatest();
      if (error) throw error;
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    close: () => db.destroy(),
  };
}
