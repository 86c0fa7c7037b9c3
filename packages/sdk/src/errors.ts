import type { ErrorCode, Problem } from '@tidbok/core';

/**
 * What went wrong, as a stable string to branch on.
 *
 * - The server's codes (docs/design.md, "Conventions on the wire"), taken from the problem+json body.
 * - `network_error`: no response came (connection refused or dropped, DNS, CORS). `status` is 0.
 * - `timeout`: no response within `timeout` ms (after retries, if any). `status` is 0.
 * - `aborted`: the caller's `signal` aborted the call. `status` is 0; `cause` is the signal's reason.
 * - `invalid_response`: a response came but its body is not what the contract promises (not JSON, or
 *   fails the core schema). `status` is the response's; `cause` holds the parse error.
 * - `http_error`: an error status whose body is not a problem+json the SDK can map to a code.
 *
 * `(string & {})` keeps codes a newer server may add assignable without losing autocompletion.
 */
export type TidbokErrorCode = ErrorCode | 'network_error' | 'timeout' | 'aborted' | 'invalid_response' | 'http_error' | (string & {});

export interface TidbokErrorOptions {
  status?: number;
  problem?: Problem;
  request?: Request;
  response?: Response;
  cause?: unknown;
}

/**
 * The one error every SDK call rejects with. Modelled on ky's `HTTPError`: it carries the
 * `request` and, when one came, the `response` (its body already read into `problem`).
 *
 * @example
 * try {
 *   await tidbok.hold({ treatmentTypeId, practitionerId, start });
 * } catch (error) {
 *   if (isTidbokError(error) && error.code === 'slot_unavailable') showTaken();
 *   else throw error;
 * }
 */
export class TidbokError extends Error {
  override name = 'TidbokError' as const;
  /** The HTTP status, or 0 when no response came. */
  readonly status: number;
  readonly code: TidbokErrorCode;
  /** The parsed problem+json body, when the server sent one. */
  readonly problem: Problem | undefined;
  readonly request: Request | undefined;
  readonly response: Response | undefined;

  constructor(code: TidbokErrorCode, message: string, options: TidbokErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? 0;
    this.problem = options.problem;
    this.request = options.request;
    this.response = options.response;
  }
}

/**
 * True for a `TidbokError`, also one thrown by another copy of the SDK or from another realm
 * (an iframe, a worker), where `instanceof` fails: it checks `name`, as ky's guards do.
 */
export function isTidbokError(error: unknown): error is TidbokError {
  return error instanceof TidbokError || (error as { name?: unknown } | null)?.name === 'TidbokError';
}
