/**
 * Checks a webhook from Tidbok (Standard Webhooks): the `webhook-signature` header must hold a
 * `v1,<base64>` HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` under the endpoint's
 * secret, and the timestamp must be recent (a replayed old request fails). Web Crypto only, so
 * it runs in Node 20, browsers, Deno and edge workers without a dependency.
 *
 * Pass the body exactly as received (the raw text, not JSON re-serialised). Resolves with the
 * parsed event; rejects with WebhookVerificationError.
 *
 * @example
 * const event = await verifyWebhook(process.env.TIDBOK_WEBHOOK_SECRET, req.headers, rawBody);
 * if (event.type === 'booking.created') …
 */
export async function verifyWebhook<T = WebhookEvent>(
  secret: string,
  headers: HeaderSource,
  body: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): Promise<T> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('missing webhook-id, webhook-timestamp or webhook-signature header');
  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not a number of seconds');
  const tolerance = options.toleranceSeconds ?? 300;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - Number(timestamp)) > tolerance) throw new WebhookVerificationError('webhook-timestamp is outside the tolerance');

  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  const key = await crypto.subtle.importKey(
    'raw',
    fromBase64(secret.startsWith('whsec_') ? secret.slice(6) : secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const expected = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${text}`)));
  // Several signatures may be sent, separated by spaces (while a secret is being rotated).
  let matched = false;
  for (const entry of signatures.split(' ')) {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || !value) continue;
    let given: Uint8Array;
    try {
      given = fromBase64(value);
    } catch {
      continue;
    }
    if (equal(given, expected)) matched = true;
  }
  if (!matched) throw new WebhookVerificationError('no signature matches');
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new WebhookVerificationError('the body is not JSON');
  }
}

export interface VerifyWebhookOptions {
  /** How far the timestamp may be from now, in seconds; default 300. */
  toleranceSeconds?: number;
  /** Now, in epoch milliseconds (tests); default Date.now(). */
  now?: number;
}

/** Headers as Fetch `Headers`, or a plain object as Node's `req.headers` (names in any case). */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

/** What every Tidbok webhook body looks like. */
export interface WebhookEvent {
  type: 'booking.created' | 'booking.updated' | 'booking.cancelled' | 'booking.no_show' | 'booking.paid' | 'client.updated';
  timestamp: string;
  data: Record<string, unknown>;
}

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

function header(headers: HeaderSource, name: string): string | null {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
  }
  return null;
}

function fromBase64(value: string): Uint8Array<ArrayBuffer> {
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Compares in time that depends only on the length, so a forger learns nothing from timing. */
function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}
