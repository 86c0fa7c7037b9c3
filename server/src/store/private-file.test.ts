import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the SQLite database file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tidbok-mode-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created readable by its owner only, and so are its -wal and -shm', async () => {
    const file = join(dir, 'data', 'tidbok.db');
    const store = openStore({ dbFile: file, databaseUrl: null });
    try {
      await store.migrate();
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  it('left world-readable by an older version is made private when opened', async () => {
    const file = join(dir, 'tidbok.db');
    const first = openStore({ dbFile: file, databaseUrl: null });
    await first.migrate();
    await first.close();
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '');
    chmodSync(`${file}-wal`, 0o644);
    const store = openStore({ dbFile: file, databaseUrl: null });
    try {
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
    } finally {
      await store.close();
    }
  });
});
