import { describe, expect, it } from 'vitest';
import { describeDatabase, openStore } from './open-store.js';

describe('openStore', () => {
  it('opens SQLite when no TIDBOK_DATABASE_URL is set, PostgreSQL when it is', async () => {
    const sqlite = openStore({ dbFile: ':memory:', databaseUrl: null });
    expect(sqlite.dialect).toBe('sqlite');
    await sqlite.close();
    // Opening connects lazily, so no server is needed to see which engine was chosen.
    const postgres = openStore({ dbFile: ':memory:', databaseUrl: 'postgres://tidbok@127.0.0.1:1/tidbok' });
    expect(postgres.dialect).toBe('postgres');
    await postgres.close();
  });

  it('refuses a URL of another kind with a message that names both settings', () => {
    expect(() => openStore({ dbFile: 'x.db', databaseUrl: 'mysql://db/tidbok' })).toThrow(/postgres:\/\/.*TIDBOK_DB/);
  });
});

describe('describeDatabase', () => {
  it('names the engine and where the data is, never a password', () => {
    expect(describeDatabase({ dbFile: '/srv/tidbok/tidbok.db', databaseUrl: null })).toBe('SQLite /srv/tidbok/tidbok.db');
    const url = 'postgresql://tidbok:s3cr%C3%A9t@db.internal:5433/tidbok?sslmode=require&password=other';
    const text = describeDatabase({ dbFile: 'x.db', databaseUrl: url });
    expect(text).toBe('PostgreSQL tidbok@db.internal:5433/tidbok');
    expect(text).not.toMatch(/s3cr|other|sslmode/);
    expect(describeDatabase({ dbFile: 'x.db', databaseUrl: 'postgres://:pw@[' })).not.toContain('pw');
  });
});
