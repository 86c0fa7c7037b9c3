import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Makes the SQLite file readable and writable by its owner only (0600) before SQLite opens it:
 * created that way when new, tightened when an older version left it world-readable. SQLite
 * gives the -wal and -shm files it creates the main file's mode, so they follow; ones left from
 * before are tightened here too.
 */
export function privateDatabaseFile(file: string) {
  if (file === ':memory:' || file === '' || file.startsWith('file:')) return;
  mkdirSync(dirname(file), { recursive: true });
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
