import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';

/**
 * Time-based one-time codes (RFC 6238) as every authenticator app makes them: SHA-1, 6 digits,
 * 30-second steps. A code is accepted one step early or late (clocks drift), and each step once:
 * the caller keeps the last step accepted (`staff_passwords.totp_last_step`).
 */
const PERIOD = 30;
const DIGITS = 6;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, label = '', issuer = '') {
  return new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: DIGITS, period: PERIOD });
}

/** What an authenticator app scans or is given: the `otpauth://` URI, and it as a QR code (SVG). */
export function totpEnrolment(secret: string, account: string, issuer: string) {
  const uri = totpOf(secret, account, issuer).toString();
  return { secret, uri, qrSvg: renderSVG(uri, { border: 2 }) };
}

/**
 * The time step of `code` if it is valid at `now` and later than `lastStep`, else null.
 * `code` may have spaces (apps show "123 456").
 */
export function checkTotp(secret: string, code: string, now: number, lastStep: number | null): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secret).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
