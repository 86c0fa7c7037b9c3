import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { secretKey } from '../secret-key.js';

/**
 * Links with a token in them (a booking's manage link, a login link) wait in the outbox until the
 * dispatcher sends them, and without a transport they wait there for good. They are stored
 * encrypted (AES-256-GCM, the message's id as associated data, so a sealed link cannot be moved
 * to another message) with a key the database does not hold, and opened only to be sent.
 */
const PREFIX = 'v1.';

type KeyConfig = Parameters<typeof secretKey>[0];

export function sealLink(config: KeyConfig, messageId: string, url: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secretKey(config), iv);
  cipher.setAAD(Buffer.from(messageId));
  const sealed = Buffer.concat([cipher.update(url, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64url')}.${sealed.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

/** Thrown when a stored link cannot be opened: the key changed, or the value was altered. */
export class SealedLinkError extends Error {}

export function openLink(config: KeyConfig, messageId: string, stored: string): string {
  // Written before links were sealed: sent as it is (the dispatcher seals these on start).
  if (!stored.startsWith(PREFIX)) return stored;
  const [iv, sealed, tag] = stored.slice(PREFIX.length).split('.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', secretKey(config), Buffer.from(iv!, 'base64url'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(messageId));
    decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed!, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedLinkError(
      'The link in this message cannot be opened: the secret key (TIDBOK_SECRET_KEY or its key file) has changed since it was written. Send the message again.',
    );
  }
}

export const isSealed = (stored: string) => stored.startsWith(PREFIX);
