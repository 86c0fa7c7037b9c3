import { resolve } from 'node:path';

/** Everything the server reads from its environment, read once at start (the README's Configuration table). */
export interface Config {
  port: number;
  host: string;
  dbFile: string;
  databaseUrl: string | null;
  operatorToken: string | null;
  publicUrl: string;
  smtpUrl: string | null;
  mailFrom: string | null;
  smsUrl: string | null;
  /** Public POSTs per minute per client IP; 0 turns limiting off. */
  rateLimitPerMinute: number;
  /**
   * How many proxies in front of the server add to X-Forwarded-For; the client's address is the
   * entry the outermost of them added (http/client-ip.ts). 0: the socket's peer is the client.
   */
  trustProxy: number;
  /**
   * Origins whose pages may show the hosted booking pages (`/c/<clinic>/`) in a frame; every
   * other page of the server may not be framed at all.
   */
  frameAncestors: string[];
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /**
   * How long a write waits for a database lock another connection holds before it is answered
   * 503 with Retry-After, in ms (`TIDBOK_BUSY_TIMEOUT_MS`). The wait never blocks other requests.
   */
  busyTimeoutMs: number;
  /**
   * `TIDBOK_SECRET_KEY`: the key that encrypts links waiting in the outbox (secret-key.ts).
   * Unset: a key generated once into `TIDBOK_SECRET_KEY_FILE`, by default next to the SQLite file.
   */
  secretKey: string | null;
  secretKeyFile: string | null;
  /**
   * `TIDBOK_ALLOW_PRIVATE_URLS=1`: webhooks and fetched calendars may go to private and loopback
   * addresses, and over plain http (http/outbound-url.ts). For tests and closed networks only.
   */
  allowPrivateUrls: boolean;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/**
 * `TIDBOK_TRUST_PROXY`: a number of proxies, or a yes/no word (yes is one proxy). Anything else
 * stops the server: a typo must not quietly trust, or distrust, a header.
 */
function proxyHops(value: string | undefined): number {
  const word = (value ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'no', 'off'].includes(word)) return 0;
  if (['true', 'yes', 'on'].includes(word)) return 1;
  if (/^[1-9][0-9]?$/.test(word)) return Number(word);
  throw new Error(`TIDBOK_TRUST_PROXY must be a number of proxies (0-99) or yes/no, got "${value}"`);
}

/** A page origin (`https://www.clinic.example`, a port allowed, `*.` for any subdomain) or 'self'. */
const FRAME_ANCESTOR = /^(?:'self'|https?:\/\/(?:(?:\*\.)?[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?)$/;

/**
 * `TIDBOK_FRAME_ANCESTORS`: origins separated by spaces or commas. Each goes into a
 * Content-Security-Policy header as it is, so anything but a plain origin stops the server.
 */
function frameAncestors(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => entry.replace(/\/+$/, '').toLowerCase());
  for (const entry of entries) {
    if (!FRAME_ANCESTOR.test(entry)) {
      throw new Error(`TIDBOK_FRAME_ANCESTORS takes origins such as https://www.clinic.example, got "${entry}"`);
    }
  }
  return entries;
}

/** A key short enough to guess would protect nothing; `openssl rand -base64 32` gives 44 characters. */
function secretKey(value: string | undefined): string | null {
  const key = text(value);
  if (key !== null && key.length < 32) throw new Error('TIDBOK_SECRET_KEY must be at least 32 characters (try: openssl rand -base64 32)');
  return key;
}

const text = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value.trim());

export function configFromEnv(env: Record<string, string | undefined> = process.env): Config {
  const port = int(env.PORT, 8787, 'PORT');
  return {
    port,
    host: text(env.HOST) ?? '0.0.0.0',
    dbFile: resolve(text(env.TIDBOK_DB) ?? './data/tidbok.db'),
    databaseUrl: text(env.TIDBOK_DATABASE_URL),
    operatorToken: text(env.TIDBOK_OPERATOR_TOKEN),
    publicUrl: (text(env.TIDBOK_PUBLIC_URL) ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    smtpUrl: text(env.TIDBOK_SMTP_URL),
    mailFrom: text(env.TIDBOK_MAIL_FROM),
    smsUrl: text(env.TIDBOK_SMS_URL),
    rateLimitPerMinute: int(env.TIDBOK_RATE_LIMIT, 60, 'TIDBOK_RATE_LIMIT'),
    trustProxy: proxyHops(env.TIDBOK_TRUST_PROXY),
    frameAncestors: frameAncestors(env.TIDBOK_FRAME_ANCESTORS),
    bodyLimitBytes: 64 * 1024,
    busyTimeoutMs: int(env.TIDBOK_BUSY_TIMEOUT_MS, 5000, 'TIDBOK_BUSY_TIMEOUT_MS'),
    secretKey: secretKey(env.TIDBOK_SECRET_KEY),
    secretKeyFile: text(env.TIDBOK_SECRET_KEY_FILE) === null ? null : resolve(text(env.TIDBOK_SECRET_KEY_FILE)!),
    allowPrivateUrls: ['1', 'true', 'yes'].includes((text(env.TIDBOK_ALLOW_PRIVATE_URLS) ?? '').toLowerCase()),
  };
}

/** Defaults for tests and embedding: nothing read from the environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...configFromEnv({}), dbFile: ':memory:', ...overrides };
}
