// The intranet's own people. A real intranet has a directory (LDAP, Entra ID, its own database);
// this demo has two people with scrypt password hashes (node:crypto), never the passwords.
//   anna@lugnarummet.example   lugn-och-ro-2027
//   admin@lugnarummet.example  intranet-admin-2027
import { scrypt, timingSafeEqual } from 'node:crypto';

/** @typedef {{ email: string; name: string; password: string }} IntranetUser */

/** @type {IntranetUser[]} */
export const DEMO_USERS = [
  {
    email: 'anna@lugnarummet.example',
    name: 'Anna Lindqvist',
    password: 'scrypt$16384$8$1$N9iYvAj_NqfOrLQuB42rmg$WtpPAA_2w4hsdAkGKA-pZKQ0uhUpVVMa9x9i4aQehvk',
  },
  {
    email: 'admin@lugnarummet.example',
    name: 'Klinikadministratör',
    password: 'scrypt$16384$8$1$vxx8iND2kTqH_-L5SJymIw$_vrVDQlD8sq808xGqd0uKuDaefra4_E_hecBKTkySPY',
  },
];

/** A stand-in hash, so an unknown e-mail costs as much time as a wrong password. */
const NOBODY = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** @returns {Promise<boolean>} */
function verify(password, stored) {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt') return Promise.resolve(false);
  const expected = Buffer.from(hash, 'base64url');
  return new Promise((resolve) => {
    scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) }, (error, key) =>
      resolve(!error && timingSafeEqual(key, expected)),
    );
  });
}

/**
 * The user with this e-mail and password, or null.
 * @param {IntranetUser[]} users
 * @param {string} email
 * @param {string} password
 */
export async function signIn(users, email, password) {
  const user = users.find((u) => u.email === email.trim().toLowerCase());
  const ok = await verify(password, user?.password ?? NOBODY);
  return ok && user ? user : null;
}
