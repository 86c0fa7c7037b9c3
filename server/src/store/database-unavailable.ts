/**
 * The database is there but cannot take writes (its file was deleted or replaced, made
 * read-only or immutable, the disk is full, PostgreSQL is down, …). `reason` says which, in words
 * for the log; the app answers 503 with Retry-After (errors.ts, databaseFailure).
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(readonly reason: string) {
    super(`database unavailable: ${reason}`);
  }
}
