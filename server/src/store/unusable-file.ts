import { dirname } from 'node:path';

/**
 * The one line the server stops with when its SQLite file cannot be created, opened or written
 * (a folder it may not write, a path through a file): what, why, and what to do — instead of a
 * stack trace from deep inside SQLite or the file system.
 */
export function unusableDatabaseFile(file: string, error: unknown): Error {
  const code = (error as { code?: string } | null)?.code;
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  const what =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? `the folder ${dirname(file)} (or the file) is not writable by this user`
      : code === 'ENOTDIR' || code === 'EEXIST'
        ? `a part of the path ${dirname(file)} is a file, not a folder`
        : 'it cannot be created or opened';
  return new Error(
    `cannot use the database file ${file}: ${what} (${reason}); make the folder writable for the user running Tidbok, or set TIDBOK_DB to a file in a writable folder`,
  );
}
