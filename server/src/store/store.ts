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
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type Transaction,
} from 'kysely';
import { sqliteMigrations } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

/**
 * The store: a Kysely instance plus how to write. Services read through `db` and write inside
 * `write`, which is one transaction that takes the write lock up front (BEGIN IMMEDIATE on
 * SQLite), so two processes on one file never interleave a check and an insert.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Db;
  write<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

/** Kysely's SQLite driver opens transactions with a deferred BEGIN; we need the lock at once. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
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
}

class StaticMigrations implements MigrationProvider {
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
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });

  return {
    dialect: 'sqlite',
    db,
    write: (fn) => db.transaction().execute(fn),
    async migrate() {
      const migrator = new Migrator({ db, provider: new StaticMigrations(sqliteMigrations) });
      const { error, results } = await migrator.migrateToLatest();
      if (error) throw error;
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    close: () => db.destroy(),
  };
}
