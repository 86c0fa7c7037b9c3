import { createHmac, randomBytes } from 'node:crypto';
import { openLink, SealedLinkError, sealLink } from '../notifications/sealed-link.js';

type KeyConfig = Parameters<typeof sealLink>[0];

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64 (the HMAC key). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The server must sign with the secret itself, so it cannot keep only a hash as it does for
 * tokens. It keeps it sealed with the server's secret key (AES-256-GCM, bound to the endpoint's
 * id), so a copy of the database alone cannot sign events.
 */
export const sealWebhookSecret = (config: KeyConfig, endpointId: string, secret: string) => sealLink(config, `webhook:${endpointId}`, secret);

export class WebhookSecretError extends Error {}

export function openWebhookSecret(config: KeyConfig, endpointId: string, sealed: string): string {
  try {
    return openLink(config, `webhook:${endpointId}`, sealed);
  } catch (error) {
    if (error instanceof SealedLinkError) {
      throw new WebhookSecretError('The signing secret cannot be opened: the server secret key has changed. Delete the endpoint and register it again.');
    }
    throw error;
  }
}

/**
 * `webhook-signature` of Standard Webhooks: `v1,` and the base64 HMAC-SHA256 of
 * `<id>.<timestamp>.<body>` keyed with the secret's decoded bytes.
 */
export function signWebhook(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}
