import { createHash, randomBytes } from 'node:crypto';

/**
 * An opaque id with a type prefix: 128 random bits, URL-safe. Ids are not secrets (a secret always
 * goes with them: a hold's secret, a manage token), but 128 bits keep them unguessable anyway, so
 * an id never adds a weak link to what it is paired with.
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

/** A bearer secret with 256 random bits. Only its hash is ever stored. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
