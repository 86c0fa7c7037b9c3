import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ApiError } from '../errors.js';
import {
  claimIdempotencyKey,
  forgetIdempotencyKey,
  type IdempotencyKeyRef,
  idempotencyKeyOf,
  keepIdempotentAnswer,
} from '../store/repositories/idempotency.js';
import type { Deps } from './deps.js';

/** How long a key's answer is kept and replayed (at least 24 h, as promised to clients). */
export const IDEMPOTENCY_TTL_MS = 25 * 3_600_000;
/** A request still "running" after this long is taken to have died with its process. */
const ABANDONED_MS = 60_000;

export interface StoredResponse {
  status: number;
  body: unknown;
  contentType: string;
  /** Headers the answer carries besides its type (Retry-After, Location), replayed with it. */
  headers?: Record<string, string>;
}

/**
 * Outcomes that say "not now" rather than "this is the answer": too many requests, busy, a
 * failure on the server, or anything that tells the caller when to retry. Keeping one would
 * replay "try later" for a day after "later" has come (a hold cap long after a hold was released).
 */
export function isTransient(result: Pick<StoredResponse, 'status' | 'headers'>): boolean {
  if (result.status === 408 || result.status === 429 || result.status >= 500) return true;
  return Object.keys(result.headers ?? {}).some((name) => name.toLowerCase() === 'retry-after');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** Stable JSON: object keys sorted, so the same request body hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A key belongs to its caller: the client session when the request carries one, else the client
 * address. The same key and body from someone else is their own request, never a replay of the
 * first caller's answer (which holds a hold secret or a manage token).
 */
export function keyHashOf(caller: string, key: string): string {
  return sha256(`${caller}\n${key}`).toString('hex');
}

// Replayed answers hold secrets (a hold's secret, a manage token), so they are stored encrypted
// with a key derived from the Idempotency-Key (and its caller), which only the client knows; the
// table stores a hash. Reading the database does not reveal them.
function seal(key: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sha256(`tidbok-idempotency:${key}`), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
}

function open(key: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sha256(`tidbok-idempotency:${key}`), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export function checkIdempotencyKey(key: string | undefined): string | null {
  if (key === undefined) return null;
  if (key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new ApiError('validation_failed', 'Idempotency-Key must be 1–255 visible ASCII characters', [
      { path: 'headers.idempotency-key', message: 'Not a valid key' },
    ]);
  }
  return key;
}

/** The fingerprint of a request body that a key is bound to. */
export function requestHashOf(body: unknown): string {
  return sha256(canonical(body)).toString('hex');
}

/**
 * Runs `work` at most once per (clinic, scope, caller, key). The same caller, key and body replay
 * the first final answer, errors included, with its headers; transient ones (isTransient) are not
 * kept, so a retry runs again. The same key with another body is 422; the same key while the
 * first is running is 409.
 */
export async function idempotent(
  deps: Deps,
  target: { clinicId: string; scope: string; caller: string; key: string; body: unknown },
  work: () => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  const { store, clock } = deps;
  const keyHash = keyHashOf(target.caller, target.key);
  const sealKey = `${target.caller}\n${target.key}`;
  const requestHash = requestHashOf(target.body);
  const where: IdempotencyKeyRef = { clinic_id: target.clinicId, scope: target.scope, key_hash: keyHash };

  const claim = await store.write(async (trx) => {
    const now = clock.now();
    const row = await idempotencyKeyOf(trx, where);
    const stale = row && (row.created_at < now - IDEMPOTENCY_TTL_MS || (row.state === 'running' && row.created_at < now - ABANDONED_MS));
    if (row && !stale) {
      if (row.request_hash !== requestHash) {
        throw new ApiError('idempotency_key_reused', 'This Idempotency-Key was used with a different request');
      }
      if (row.state === 'running') {
        throw new ApiError('conflict', 'A request with this Idempotency-Key is still being processed; retry shortly', undefined, {
          'Retry-After': '1',
        });
      }
      return { replay: JSON.parse(open(sealKey, row.response_body ?? '')) as StoredResponse };
    }
    if (row) await forgetIdempotencyKey(trx, where);
    await claimIdempotencyKey(trx, where, { requestHash, now });
    return { replay: null };
  });
  if (claim.replay) return { ...claim.replay, replayed: true };

  const forget = () => store.write((trx) => forgetIdempotencyKey(trx, where));
  let result: StoredResponse;
  try {
    result = await work();
  } catch (error) {
    if (error instanceof ApiError && !isTransient(error)) {
      result = {
        status: error.status,
        body: error.toProblem(),
        contentType: 'application/problem+json',
        ...(error.headers ? { headers: error.headers } : {}),
      };
    } else {
      // Thrown on as it is (its own headers, Retry-After included), and the key is free again.
      await forget();
      throw error;
    }
  }
  if (isTransient(result)) {
    await forget();
    return { ...result, replayed: false };
  }
  await store.write((trx) => keepIdempotentAnswer(trx, where, { responseStatus: result.status, responseBody: seal(sealKey, JSON.stringify(result)) }));
  return { ...result, replayed: false };
}
