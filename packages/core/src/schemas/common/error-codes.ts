import * as z from 'zod/mini';

export const ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  /** A session or personal token past its expiry or idle timeout (401): fetch a new one. */
  'token_expired',
  'forbidden',
  'module_disabled',
  'not_found',
  'slot_unavailable',
  'conflict',
  'slug_reserved',
  'hold_expired',
  'idempotency_key_reused',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal_error',
  'calendar_unreachable',
  'totp_required',
  'sign_in_locked',
  'invitation_invalid',
  /** A patient's move or cancellation comes too close to the appointment (the cancellation window). */
  'inside_cancellation_window',
  /** A browser on a website that is not in the clinic's allowed websites (403, readable there). */
  'origin_not_allowed',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;
