import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

/** The shortest password staff may set; long passphrases beat character rules. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longer is refused: scrypt's work does not depend on it, but nobody types more. */
export const MAX_PASSWORD_LENGTH = 256;

/**
 * scrypt with N = 2^15, r = 8, p = 1 (32 MiB and about 50–100 ms a hash): slow enough that a
 * stolen hash is costly to guess, fast enough for a sign-in. The parameters are stored with each
 * hash, so they can be raised later without breaking the old ones.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$<log2 N>$<r>$<p>$<salt>$<key>`, salt and key base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', Math.log2(COST.N), COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Whether `password` matches `stored`. Compared in constant time. With `stored` null (no such
 * account, or no password set) a dummy hash is checked all the same and false returned, so the
 * answer takes as long whether or not the e-mail belongs to someone.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? (await dummyHash())).split('$');
  const [scheme, logN, r, p, salt, key] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt') return false;
  const expected = Buffer.from(key!, 'base64url');
  const actual = await derive(password, Buffer.from(salt!, 'base64url'), { N: 2 ** Number(logN), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected) && stored !== null;
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(18).toString('base64url'));
  return dummy;
}
