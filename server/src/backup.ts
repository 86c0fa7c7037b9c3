import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * Backups of a SQLite database, safe while servers use it. A copy of the file with `cp` can catch
 * a write half done, and misses what is still in the `-wal` file; SQLite's online backup API
 * copies a consistent state of the database, pages from the WAL included, while readers and
 * writers go on (in WAL mode a reader never blocks a writer).
 */

export interface BackupResult {
  file: string;
  pages: number;
}

/** Opens the file a moment, to make sure it is a SQLite database that Tidbok wrote. */
function checkDatabase(file: string, what: string) {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`${what} ${file} cannot be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${what} ${file} is damaged (SQLite's quick_check says: ${String(check)})`);
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name in ('clinics', 'kysely_migration')").pluck().all();
    if (tables.length < 2) throw new Error(`${what} ${file} is not a Tidbok database (it has no clinics and no migrations)`);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(what)) throw error;
    throw new Error(`${what} ${file} is not a SQLite database: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
}

/** Makes a rename in `dir` durable. */
function syncFolder(dir: string) {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies the database `source` to `target`. The copy is written beside the target under a
 * temporary name, checked, made a single self-contained file (rollback journal, no WAL), flushed
 * to disk and only then renamed over `target`: a backup cut short never leaves a half file under
 * the backup's name.
 */
export async function backupSqlite(source: string, target: string): Promise<BackupResult> {
  const from = resolve(source);
  const to = resolve(target);
  if (from === to) throw new Error('the backup must go to another file than the database');
  if (!existsSync(from)) throw new Error(`there is no database at ${from} (TIDBOK_DB)`);
  if (!existsSync(dirname(to))) throw new Error(`the folder ${dirname(to)} does not exist`);
  const temporary = join(dirname(to), `.${basename(to)}.${process.pid}.partial`);
  const db = new SqliteDatabase(from, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    // The first step sizes the copy; the next copies every page in one step, so in one read
    // transaction: a consistent state, which no commit made meanwhile can make the API start over.
    const { totalPages } = await db.backup(temporary, { progress: () => 0x7fffffff });
    const copy = new SqliteDatabase(temporary);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    checkDatabase(temporary, 'The copy');
    // Every client's record is in it: readable by the operator only, as the database is.
    chmodSync(temporary, 0o600);
    const fd = openSync(temporary, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, to);
    syncFolder(dirname(to));
    return { file: to, pages: totalPages };
  } catch (error) {
    rmSync(temporary, { force: true });
    rmSync(`${temporary}-journal`, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

/**
 * True when some process has the database open, as every Tidbok server on it does for as long as
 * it runs. In WAL mode each connection keeps a shared lock on the file while it is open, so an
 * exclusive lock is granted only to a connection that is alone with it.
 */
export function databaseInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new SqliteDatabase(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    // Leaves the file in rollback-journal mode with no WAL beside it, for the restore to write.
    db.pragma('journal_mode = DELETE');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.close();
  }
}

/**
 * Puts the backup `source` back as the database `target`, refusing while any process has the
 * target open (a server must be stopped first: it keeps data in memory that a restore under it
 * would contradict). The backup API writes the target in one transaction: a restore cut short
 * leaves the database as it was.
 */
export async function restoreSqlite(source: string, target: string): Promise<BackupResult> {
  const from = resolve(source);
  const to = resolve(target);
  if (from === to) throw new Error('the backup and the database are the same file');
  checkDatabase(from, 'The backup');
  if (databaseInUse(to)) {
    throw new Error(`the database ${to} is in use: stop every Tidbok server on it, then restore`);
  }
  mkdirSync(dirname(to), { recursive: true });
  const db = new SqliteDatabase(from, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await db.backup(to, { progress: () => 0x7fffffff });
    checkDatabase(to, 'The restored database');
    return { file: to, pages: totalPages };
  } finally {
    db.close();
  }
}
