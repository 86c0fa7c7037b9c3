import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { isBusyError, isInvalidValueError, isOverlapError } from './errors.js';
import { openSqliteStore } from './store/store.js';

const pgError = (code: string, message = 'from PostgreSQL') => Object.assign(new Error(message), { code });

describe('database errors', () => {
  it('recognise an overlap from either engine', () => {
    expect(isOverlapError(new Error('tidbok_overlap'))).toBe(true); // the SQLite triggers
    expect(isOverlapError(pgError('23P01', 'conflicting key value violates exclusion constraint "tidbok_overlap_claims"'))).toBe(true);
    expect(isOverlapError(pgError('23505'))).toBe(false);
  });

  it('recognise "busy, try again" from either engine', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_LOCKED', '40001', '40P01', '55P03', '57P03']) expect(isBusyError(pgError(code)), code).toBe(true);
    for (const code of ['23P01', '23505', '42P01']) expect(isBusyError(pgError(code)), code).toBe(false);
    expect(isBusyError(null)).toBe(false);
  });

  it('recognise values PostgreSQL cannot store', () => {
    expect(isInvalidValueError(pgError('22021'))).toBe(true);
    expect(isInvalidValueError(pgError('22003'))).toBe(true);
    expect(isInvalidValueError(pgError('23P01'))).toBe(false);
  });

  it('become 409, 503 with Retry-After, and 400 — never a 500', async () => {
    const cases: [Error, number, string][] = [
      [pgError('23P01'), 409, 'conflict'],
      [pgError('40001'), 503, 'unavailable'],
      [pgError('40P01'), 503, 'unavailable'],
      [pgError('22021'), 400, 'validation_failed'],
    ];
    for (const [error, status, code] of cases) {
      const store = openSqliteStore({ file: ':memory:' });
      const app = createApp({ store });
      app.get('/boom', () => {
        throw error;
      });
      const res = await app.request('/boom');
      expect(res.status, error.message).toBe(status);
      expect(((await res.json()) as { code: string }).code).toBe(code);
      if (status === 503) expect(res.headers.get('retry-after')).toBe('1');
      await store.close();
    }
  });
});
