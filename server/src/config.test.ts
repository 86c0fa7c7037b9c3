import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, testConfig } from './config.js';

describe('configFromEnv', () => {
  it('has the defaults the README lists', () => {
    expect(configFromEnv({})).toEqual({
      port: 8787,
      host: '0.0.0.0',
      dbFile: resolve('./data/tidbok.db'),
      databaseUrl: null,
      operatorToken: null,
      publicUrl: 'http://localhost:8787',
      smtpUrl: null,
      mailFrom: null,
      smsUrl: null,
      rateLimitPerMinute: 60,
      trustProxy: 0,
      frameAncestors: [],
      bodyLimitBytes: 65536,
      secretKey: null,
      secretKeyFile: null,
      busyTimeoutMs: 5000,
      allowPrivateUrls: false,
    });
  });

  it('reads every variable', () => {
    const config = configFromEnv({
      PORT: '9000',
      HOST: '127.0.0.1',
      TIDBOK_DB: '/var/lib/tidbok/x.db',
      TIDBOK_DATABASE_URL: 'postgres://tidbok@db/tidbok',
      TIDBOK_OPERATOR_TOKEN: ' secret-operator-token ',
      TIDBOK_PUBLIC_URL: 'https://boka.example/',
      TIDBOK_SMTP_URL: 'smtp://mail.example:587',
      TIDBOK_MAIL_FROM: 'Lugna <noreply@lugna.example>',
      TIDBOK_SMS_URL: 'https://user:pass@sms.example/a1/sms',
      TIDBOK_RATE_LIMIT: '0',
      TIDBOK_TRUST_PROXY: 'true',
      TIDBOK_FRAME_ANCESTORS: 'https://www.lugna.example, https://*.lugna.example/',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      dbFile: '/var/lib/tidbok/x.db',
      databaseUrl: 'postgres://tidbok@db/tidbok',
      operatorToken: 'secret-operator-token',
      publicUrl: 'https://boka.example',
      smtpUrl: 'smtp://mail.example:587',
      mailFrom: 'Lugna <noreply@lugna.example>',
      smsUrl: 'https://user:pass@sms.example/a1/sms',
      rateLimitPerMinute: 0,
      trustProxy: 1,
      frameAncestors: ['https://www.lugna.example', 'https://*.lugna.example'],
    });
  });

  it('derives the public URL from PORT when it is not set', () => {
    expect(configFromEnv({ PORT: '3000' }).publicUrl).toBe('http://localhost:3000');
  });

  it('treats blank values as unset, so an empty operator token never opens operator routes', () => {
    const config = configFromEnv({ TIDBOK_OPERATOR_TOKEN: '   ', PORT: '', TIDBOK_DB: ' ' });
    expect(config.operatorToken).toBeNull();
    expect(config.port).toBe(8787);
    expect(config.dbFile).toBe(resolve('./data/tidbok.db'));
  });

  it('reads proxy trust as a number of proxies, yes-words meaning one, and refuses anything else', () => {
    for (const value of ['1', 'true', 'TRUE', 'yes', 'on']) expect(configFromEnv({ TIDBOK_TRUST_PROXY: value }).trustProxy, value).toBe(1);
    for (const value of ['0', 'false', 'no', 'off', '']) expect(configFromEnv({ TIDBOK_TRUST_PROXY: value }).trustProxy, value).toBe(0);
    expect(configFromEnv({ TIDBOK_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(configFromEnv({ TIDBOK_TRUST_PROXY: ' 3 ' }).trustProxy).toBe(3);
    // A typo must not silently trust (or distrust) a client-supplied header.
    for (const value of ['maybe', '-1', '1.5', '01', '100', 'yes please']) {
      expect(() => configFromEnv({ TIDBOK_TRUST_PROXY: value }), value).toThrow(/TIDBOK_TRUST_PROXY/);
    }
  });

  it('takes only plain origins as frame ancestors, since they go into a header as they are', () => {
    expect(configFromEnv({ TIDBOK_FRAME_ANCESTORS: "'self' http://localhost:3000 https://[::1]:8443" }).frameAncestors).toEqual([
      "'self'",
      'http://localhost:3000',
      'https://[::1]:8443',
    ]);
    for (const value of ['*', 'www.lugna.example', 'https://a.example/path', 'https://a.example; script-src *', "'unsafe-inline'", 'javascript:x']) {
      expect(() => configFromEnv({ TIDBOK_FRAME_ANCESTORS: value }), value).toThrow(/TIDBOK_FRAME_ANCESTORS/);
    }
  });

  it('refuses to start with a port or rate limit that is not a whole number', () => {
    for (const PORT of ['abc', '-1', '80.5', '1e999']) expect(() => configFromEnv({ PORT }), PORT).toThrow(/PORT/);
    expect(() => configFromEnv({ TIDBOK_RATE_LIMIT: 'lots' })).toThrow(/TIDBOK_RATE_LIMIT/);
  });
});

describe('testConfig', () => {
  it('reads nothing from the environment and keeps the database in memory', () => {
    const before = process.env.TIDBOK_OPERATOR_TOKEN;
    process.env.TIDBOK_OPERATOR_TOKEN = 'from-the-environment';
    try {
      const config = testConfig({ rateLimitPerMinute: 5 });
      expect(config.operatorToken).toBeNull();
      expect(config.dbFile).toBe(':memory:');
      expect(config.rateLimitPerMinute).toBe(5);
    } finally {
      if (before === undefined) delete process.env.TIDBOK_OPERATOR_TOKEN;
      else process.env.TIDBOK_OPERATOR_TOKEN = before;
    }
  });
});
