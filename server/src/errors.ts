import type { ErrorCode } from '@tidbok/core';
import { DatabaseUnavailableError } from './store/database-unavailable.js';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  token_expired: 401,
  forbidden: 403,
  module_disabled: 403,
  not_found: 404,
  slot_unavailable: 409,
  conflict: 409,
  slug_reserved: 409,
  hold_expired: 410,
  payload_too_large: 413,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
  calendar_unreachable: 502,
  totp_required: 401,
  sign_in_locked: 429,
  invitation_invalid: 410,
  inside_cancellation_window: 409,
  origin_not_allowed: 403,
};

const TITLE: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  unauthorized: 'Credentials are missing or not valid',
  token_expired: 'The session or token has expired',
  forbidden: 'This action is not allowed',
  module_disabled: 'Online booking is switched off for this clinic',
  not_found: 'Not found',
  slot_unavailable: 'That time is no longer available',
  conflict: 'The change conflicts with the current state',
  slug_reserved: 'The slug is reserved for the server itself',
  hold_expired: 'The hold on this time has expired',
  payload_too_large: 'The request body is too large',
  idempotency_key_reused: 'The Idempotency-Key was used for a different request',
  rate_limited: 'Too many requests',
  internal_error: 'Something went wrong on the server',
  unavailable: 'The server is busy; try again shortly',
  calendar_unreachable: 'The calendar could not be read',
  totp_required: 'A code from the authenticator app is needed',
  sign_in_locked: 'Signing in is locked for a while after failed attempts',
  invitation_invalid: 'The invitation link is used, expired or not valid',
  inside_cancellation_window: 'The cancellation window has started',
  origin_not_allowed: "This website may not use the clinic's booking",
};

/**
 * What a problem says when the code that raised it gave no `detail` of its own: every problem
 * carries `detail` (the OpenAPI document marks it required), and this one still tells the
 * caller what to do next.
 */
const DETAIL: Record<ErrorCode, string> = {
  validation_failed: 'Check the request against the API reference',
  unauthorized: 'Send a valid token in the Authorization header: Bearer <token>',
  token_expired: 'Sign in again, or ask the token provider for a new token',
  forbidden: 'The token does not allow this action',
  module_disabled: 'This clinic does not take bookings online; contact the clinic directly',
  not_found: 'Nothing is at this address',
  slot_unavailable: 'Pick another time',
  conflict: 'Reload and try again',
  slug_reserved: 'Pick another slug',
  hold_expired: 'Pick the time again',
  payload_too_large: 'Send a smaller body',
  idempotency_key_reused: 'Use a new Idempotency-Key for a different request',
  rate_limited: 'Wait a moment before trying again',
  internal_error: 'The server could not answer this request; the error is in its log',
  unavailable: 'Try again in a moment',
  calendar_unreachable: 'Check the calendar address; the last copy read stays in use',
  totp_required: 'Send the six-digit code from the authenticator app too',
  sign_in_locked: 'Wait until the lock ends (Retry-After), or sign in with a passkey',
  invitation_invalid: 'Ask an admin for a new invitation',
  inside_cancellation_window: 'Contact the clinic to change the booking',
  origin_not_allowed: "Add the website's origin to the clinic's allowed websites (booking settings, allowedOrigins)",
};

export interface FieldError {
  path: string;
  message: string;
}

/** The one error type services throw; `onError` turns it into problem+json. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
    /** Extension members of the problem (RFC 9457, section 3.2), e.g. `conflictsWith` on a 409. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail ?? TITLE[code]);
    this.status = STATUS[code];
  }

  toProblem() {
    return {
      type: `https://tidbok.dev/problems/${this.code.replaceAll('_', '-')}`,
      title: TITLE[this.code],
      status: this.status,
      detail: this.detail || DETAIL[this.code],
      code: this.code,
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extensions,
    };
  }
}

export const notFound = (what: string) => new ApiError('not_found', `${what} not found`);
export const invalid = (path: string, message: string) => new ApiError('validation_failed', message, [{ path, message }]);

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * The database refused an overlapping booked booking or active hold (docs/design.md, "The rules
 * that make a slot", last paragraph): the SQLite triggers raise `tidbok_overlap`; PostgreSQL reports
 * an exclusion violation (SQLSTATE 23P01) of a `tidbok_overlap_…` constraint. Either is a 409.
 */
export function isOverlapError(error: unknown): boolean {
  return codeOf(error) === '23P01' || (error instanceof Error && error.message.includes('tidbok_overlap'));
}

/** SQLSTATEs that mean "not now": the request may succeed if it is simply sent again. */
const POSTGRES_BUSY = new Set([
  '40001', // serialization_failure, still failing after the store's retries
  '40P01', // deadlock_detected, likewise
  '55P03', // lock_not_available: waited longer than lock_timeout for another transaction
  '53300', // too_many_connections
  '57014', // query_canceled: a statement ran past statement_timeout
  '57P01', // admin_shutdown: the server is restarting
  '57P03', // cannot_connect_now: the server is starting
]);

/** A prepared statement outlived a schema change by another process (store/corking-client.ts). */
const STALE_PLAN = 'cached plan must not change result type';

/** What pg-pool rejects with when `connectionTimeoutMillis` passed with every connection in use. */
const POOL_TIMEOUT_MESSAGE = 'timeout exceeded when trying to connect';

/**
 * The database could not take the write now; a 503 with Retry-After, never a 500. better-sqlite3
 * raises SqliteError with SQLITE_BUSY/LOCKED once the busy timeout has passed; pg errors carry
 * the SQLSTATE in `code`.
 */
export function isBusyError(error: unknown): boolean {
  const code = codeOf(error);
  // pg's pool gives no code when no connection became free within connectionTimeoutMillis.
  if (error instanceof Error && error.message === POOL_TIMEOUT_MESSAGE) return true;
  if (code === '0A000' && error instanceof Error && error.message.includes(STALE_PLAN)) return true;
  if (typeof code !== 'string') return false;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT' || POSTGRES_BUSY.has(code);
}

/**
 * The database refused a value the request carried: on PostgreSQL text with a NUL character
 * (SQLite stores it; PostgreSQL text cannot hold it) or a number beyond `bigint`; on either an
 * entry too long for the overlap guard. Bad input, so a 400, not a 500.
 */
export function isInvalidValueError(error: unknown): boolean {
  const code = codeOf(error);
  return code === '22021' || code === '22P05' || code === '22003' || isTooLongError(error);
}

/**
 * The database refused a booked booking or an active hold longer than 50 hours (migration 0006;
 * the services refuse anything over 25 hours before it gets there).
 */
export function isTooLongError(error: unknown): boolean {
  return error instanceof Error && error.message.includes('tidbok_too_long');
}

/** SQLite result codes (better-sqlite3's `code`, extended codes included) that mean the database cannot work now. */
const SQLITE_FAILURES: [prefix: string, cause: string][] = [
  ['SQLITE_FULL', 'disk full: no room left for the database (the disk, or its size limit)'],
  ['SQLITE_READONLY', 'the database file is read-only (permissions, an immutable flag, or a read-only disk)'],
  ['SQLITE_IOERR', 'an I/O error on the database file or its journal'],
  ['SQLITE_CANTOPEN', 'the database file cannot be opened'],
  ['SQLITE_PERM', 'the database file may not be written (permissions)'],
  ['SQLITE_NOTADB', 'the database file is not a SQLite database'],
  ['SQLITE_CORRUPT', 'the database file is damaged'],
];

/** PostgreSQL SQLSTATEs (and classes) that mean the database cannot work now, not that it is busy. */
const POSTGRES_FAILURES: [prefix: string, cause: string][] = [
  ['08', 'the connection to PostgreSQL failed'],
  ['53100', 'disk full on the PostgreSQL server'],
  ['53200', 'PostgreSQL is out of memory'],
  ['57P01', 'PostgreSQL is shutting down'],
  ['57P02', 'PostgreSQL crashed and is restarting'],
  ['57P03', 'PostgreSQL is starting up or recovering'],
  ['25006', 'PostgreSQL is read-only (a standby, or default_transaction_read_only)'],
  ['58', 'an I/O error on the PostgreSQL server'],
];

/** Socket errors of the PostgreSQL client: the server cannot be reached. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** What pg throws, with no code, when the server closed a connection under it. */
const CONNECTION_LOST = /^Connection terminated|connection error and is not queryable|Connection terminated due to connection timeout/;

/**
 * Why the database cannot serve this request — disk full, file gone or read-only, PostgreSQL
 * down — in words for the log, or null when the error is something else. Such a request is
 * answered 503 with Retry-After (it may work once the cause is fixed) and logged with this cause,
 * never as a bare 500.
 */
export function databaseFailure(error: unknown): string | null {
  if (error instanceof DatabaseUnavailableError) return error.reason;
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : '';
  if (typeof code === 'string') {
    const failures = code.startsWith('SQLITE_') ? SQLITE_FAILURES : POSTGRES_FAILURES;
    const found = failures.find(([prefix]) => code.startsWith(prefix));
    if (found) return `${found[1]} (${code}${message ? `: ${message}` : ''})`;
    if (NETWORK_CODES.has(code)) return `PostgreSQL cannot be reached (${code}${message ? `: ${message}` : ''})`;
  }
  if (CONNECTION_LOST.test(message)) return `the connection to PostgreSQL was lost (${message})`;
  return null;
}
