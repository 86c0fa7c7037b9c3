import type { Config } from '../config.js';
import { openPostgresStore } from './postgres.js';
import { privateDatabaseFile } from './private-file.js';
import { openSqliteStore, type Store } from './store.js';
import { unusableDatabaseFile } from './unusable-file.js';

type DatabaseConfig = Pick<Config, 'dbFile' | 'databaseUrl'> & Partial<Pick<Config, 'busyTimeoutMs'>>;

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

/**
 * The one place that picks the engine (README, "Configuration"): `TIDBOK_DATABASE_URL`
 * (`postgres://…`) selects PostgreSQL; otherwise the SQLite file `TIDBOK_DB`. `main.ts` and
 * `cli.ts` both open their store here.
 */
export function openStore(config: DatabaseConfig, options: { onPoolError?: (error: Error) => void } = {}): Store {
  if (config.databaseUrl === null) {
    // Patients' data: the file (and its -wal, -shm) readable by the server's user only.
    try {
      privateDatabaseFile(config.dbFile);
    } catch (error) {
      throw unusableDatabaseFile(config.dbFile, error);
    }
    return openSqliteStore({ file: config.dbFile, busyTimeoutMs: config.busyTimeoutMs });
  }
  if (!POSTGRES_URL.test(config.databaseUrl)) {
    throw new Error('TIDBOK_DATABASE_URL must be a postgres:// or postgresql:// URL; unset it to use the SQLite file TIDBOK_DB');
  }
  return openPostgresStore({ url: config.databaseUrl, lockTimeoutMs: config.busyTimeoutMs, onPoolError: options.onPoolError });
}

/**
 * Which database the server uses, for the start-up line: the engine and where it is, never a
 * password (the URL's user info and query, which may hold one, are left out but for the user).
 */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.databaseUrl === null) return `SQLite ${config.dbFile}`;
  try {
    const url = new URL(config.databaseUrl);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
    return `PostgreSQL ${user}${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL (the URL could not be parsed for display)';
  }
}
