import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from './config.js';

type KeyConfig = Pick<Config, 'secretKey' | 'secretKeyFile' | 'dbFile' | 'databaseUrl'>;

/**
 * Where the generated key lives when `TIDBOK_SECRET_KEY` is not set: `TIDBOK_SECRET_KEY_FILE`, or
 * next to the SQLite file (`tidbok.db.key`). An in-memory database has no file to sit next to;
 * its key lives as long as the process, as the database does.
 */
export function secretKeyFile(config: KeyConfig): string | null {
  if (config.secretKeyFile) return config.secretKeyFile;
  if (config.dbFile === ':memory:') return null;
  return `${config.dbFile}.key`;
}

/**
 * The file's key, made on first use. Several processes may start at once on one data directory:
 * each writes its candidate to a private temporary file and links it into place, which succeeds
 * for one of them only, so all of them read the same key and none reads a half-written file.
 */
function keyFromFile(file: string): string {
  try {
    const stat = statSync(file);
    // A key file that others can read protects nothing; tighten it rather than refuse to start.
    if ((stat.mode & 0o077) !== 0) chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(file), { recursive: true });
    const candidate = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(candidate, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(candidate, file);
    } catch (linkError) {
      if ((linkError as NodeJS.ErrnoException).code !== 'EEXIST') throw linkError;
    } finally {
      unlinkSync(candidate);
    }
  }
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 32) throw new Error(`The secret key file ${file} holds fewer than 32 characters; remove it to have a new one made`);
  return key;
}

const keys = new WeakMap<KeyConfig, Buffer>();

/**
 * The 256-bit key that encrypts secrets at rest (links in the outbox): from `TIDBOK_SECRET_KEY`,
 * else from the key file, else (in-memory database) random for this process. Read once per
 * configuration. A database copied without this key holds no usable link.
 */
export function secretKey(config: KeyConfig): Buffer {
  let key = keys.get(config);
  if (!key) {
    const file = secretKeyFile(config);
    const material = config.secretKey ?? (file ? keyFromFile(file) : randomBytes(32).toString('base64url'));
    // A fixed label keeps this key apart from any other use of the same material.
    key = createHash('sha256').update(`tidbok secrets at rest\0${material}`).digest();
    keys.set(config, key);
  }
  return key;
}
