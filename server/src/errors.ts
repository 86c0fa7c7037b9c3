import type { ErrorCode } from '@tidbok/core';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  module_disabled: 403,
  not_found: 404,
  slot_unavailable: 409,
  conflict: 409,
  hold_expired: 410,
  payload_too_large: 413,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
};

const TITLE: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  unauthorized: 'Credentials are missing or not valid',
  forbidden: 'This action is not allowed',
  module_disabled: 'Online booking is switched off for this clinic',
  not_found: 'Not found',
  slot_unavailable: 'That time is no longer available',
  conflict: 'The change conflicts with the current state',
  hold_expired: 'The hold on this time has expired',
  payload_too_large: 'The request body is too large',
  idempotency_key_reused: 'The Idempotency-Key was used for a different request',
  rate_limited: 'Too many requests',
  internal_error: 'Something went wrong on the server',
  unavailable: 'The server is busy; try again shortly',
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
  ) {
    super(detail ?? TITLE[code]);
    this.status = STATUS[code];
  }

  toProblem() {
    return {
      type: `https://tidbok.dev/problems/${this.code.replaceAll('_', '-')}`,
      title: TITLE[this.code],
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      code: this.code,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const notFound = (what: string) => new ApiError('not_found', `${what} not found`);
export const invalid = (path: string, message: string) =>
  new ApiError('validation_failed', message, [{ path, message }]);

/** better-sqlite3 raises SqliteError with a `code`; the overlap triggers raise a known message. */
export function isOverlapError(error: unknown): boolean {
  return error instanceof Error && error.message.includes('tidbok_overlap');
}

export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT';
}
