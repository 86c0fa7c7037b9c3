import { resolve } from 'node:path';

/** Everything the server reads from its environment, read once at start (API.md, configuration). */
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
  trustProxy: boolean;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
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
    trustProxy: ['1', 'true', 'yes', 'on'].includes((env.TIDBOK_TRUST_PROXY ?? '').toLowerCase()),
    bodyLimitBytes: 64 * 1024,
  };
}

/** Defaults for tests and embedding: nothing read from the environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...configFromEnv({}), dbFile: ':memory:', ...overrides };
}
