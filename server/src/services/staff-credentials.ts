import { ApiError } from '../errors.js';
import { openLink, sealLink } from '../notifications/sealed-link.js';
import { staffWithEmailOfClinic } from '../store/repositories/staff.js';
import {
  passwordOfStaff,
  passwordSummaryOfStaff,
  removeTotpSecret,
  setStaffPassword,
  setTotpSecret,
  takeTotpStep,
} from '../store/repositories/staff-credentials.js';
import { passkeysOfStaff } from '../store/repositories/webauthn.js';
import type { Trx } from '../store/store.js';
import { iso } from '../time.js';
import type { Deps } from './deps.js';
import { type ClinicRow, type StaffRow, staffOf } from './rows.js';
import { attemptKeys, beginAttempt, failed, notCounted, succeeded } from './staff-credentials-lockout.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './staff-credentials-password.js';
import { createStaffSession, type StaffSessionMethod } from './staff-sessions.js';
import { checkTotp } from './totp.js';

/**
 * How staff prove who they are on the hosted staff page: passkeys (webauthn.ts), or an e-mail
 * and a password with a TOTP code, which admins must have. Every way ends in a staff session
 * (staff-sessions.ts) with a hard expiry of a working day and an idle timeout.
 */
export const PAGE_SESSION_TTL_MINUTES = 12 * 60;
export const PAGE_SESSION_IDLE_MINUTES = 30;

/** Who is asking: for the lock-out per address and the session list ("Chrome on Linux, …"). */
export interface Requester {
  ip: string;
  userAgent?: string;
}

/** The TOTP secret is sealed at rest like links in messages, bound to its staff member. */
const totpAad = (staffId: string) => `totp:${staffId}`;
export const sealTotp = (deps: Deps, staffId: string, secret: string) => sealLink(deps.config, totpAad(staffId), secret);
const openTotp = (deps: Deps, staffId: string, sealed: string) => openLink(deps.config, totpAad(staffId), sealed);

export async function openPageSession(deps: Deps, trx: Trx | undefined, staff: StaffRow, method: StaffSessionMethod, who: Requester) {
  const session = await createStaffSession(deps, trx, {
    staff,
    method,
    ttlMinutes: PAGE_SESSION_TTL_MINUTES,
    idleMinutes: PAGE_SESSION_IDLE_MINUTES,
    client: { ip: who.ip, ...(who.userAgent ? { userAgent: who.userAgent } : {}) },
  });
  return { token: session.token, sessionId: session.id, expiresAt: session.expiresAt, idleMinutes: PAGE_SESSION_IDLE_MINUTES, staff: staffOf(staff) };
}

/** The clinic's staff member with this e-mail (case and spaces ignored), if any. */
export async function staffByEmail(deps: Deps, clinic: ClinicRow, email: string): Promise<StaffRow | undefined> {
  const wanted = email.trim().toLowerCase();
  const rows = await staffWithEmailOfClinic(deps.store.db, clinic.id);
  return rows.find((row) => row.email!.trim().toLowerCase() === wanted);
}

export const needsTotp = (staff: Pick<StaffRow, 'role'>) => staff.role === 'admin';

/**
 * E-mail + password (+ TOTP code) to a session. Every answer that is not a session takes the
 * same scrypt work whether or not the e-mail is known, and says only "wrong e-mail or
 * password"; a right password without its code answers `totp_required`, which is not counted
 * as a failure. Attempts are slowed down and locked out per account and address
 * (staff-credentials-lockout.ts).
 */
export async function signInWithPassword(deps: Deps, clinic: ClinicRow, input: { email: string; password: string; totp?: string | undefined }, who: Requester) {
  const attempt = await beginAttempt(deps, attemptKeys(clinic.id, input.email, who.ip));
  const staff = await staffByEmail(deps, clinic, input.email);
  const stored = staff ? await passwordOfStaff(deps.store.db, staff.id) : undefined;
  const right = await verifyPassword(input.password, stored?.password_hash ?? null);
  if (!right || !staff || !stored) throw failed(attempt, 'The e-mail address or the password is wrong');
  if (stored.totp_secret === null && needsTotp(staff)) {
    await notCounted(deps, attempt);
    throw new ApiError(
      'forbidden',
      'Admins sign in with a passkey, or with a password and an authenticator app, which this account does not have yet: sign in with a passkey, or ask another admin for a new invitation',
    );
  }
  if (stored.totp_secret !== null) {
    if (!input.totp?.trim()) {
      await notCounted(deps, attempt);
      throw new ApiError('totp_required', 'Enter the six-digit code from your authenticator app');
    }
    const now = deps.clock.now();
    const step = checkTotp(
      openTotp(deps, staff.id, stored.totp_secret),
      input.totp,
      now,
      stored.totp_last_step === null ? null : Number(stored.totp_last_step),
    );
    if (step === null) throw failed(attempt, 'The code from the authenticator app is wrong or was already used; wait for the next one');
    // Conditional, so one code cannot sign in twice even when sent twice at once.
    const taken = await deps.store.write((trx) => takeTotpStep(trx, staff.id, step));
    if (!taken) throw failed(attempt, 'The code from the authenticator app was already used; wait for the next one');
  }
  await succeeded(deps, attempt);
  return openPageSession(deps, undefined, staff, 'password', who);
}

/** A TOTP secret with a code that proves the person's app has it. */
export interface TotpProof {
  secret: string;
  code: string;
}

/**
 * Checks a new password (and TOTP enrolment) before anything is written: at least 12
 * characters, and admins must enrol an authenticator app with it.
 */
export function checkNewPassword(deps: Deps, staff: StaffRow, password: string, totp: TotpProof | undefined, hasTotp: boolean) {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new ApiError('validation_failed', `The password needs at least ${MIN_PASSWORD_LENGTH} characters`, [{ path: 'password', message: 'Too short' }]);
  }
  if (totp) {
    if (checkTotp(totp.secret, totp.code, deps.clock.now(), null) === null) {
      throw new ApiError('validation_failed', 'The code does not match the new secret: check the time on the phone and enter the code shown now', [
        { path: 'totp.code', message: 'Wrong code' },
      ]);
    }
  } else if (needsTotp(staff) && !hasTotp) {
    throw new ApiError('totp_required', 'Admins need an authenticator app with their password: add the secret to the app and enter its code', [
      { path: 'totp', message: 'Required' },
    ]);
  }
}

/** A password hashed (off the write lock: scrypt takes a while) and the TOTP secret sealed. */
export async function preparePassword(deps: Deps, staff: StaffRow, password: string, totp: TotpProof | undefined) {
  return { staff, passwordHash: await hashPassword(password), sealedTotp: totp ? sealTotp(deps, staff.id, totp.secret) : null };
}

/** Sets (or replaces) the password, and the TOTP secret when one was proven. */
export async function storePassword(deps: Deps, trx: Trx, prepared: Awaited<ReturnType<typeof preparePassword>>) {
  const { staff, passwordHash, sealedTotp } = prepared;
  await setStaffPassword(trx, { staffId: staff.id, clinicId: staff.clinic_id, passwordHash, sealedTotp, now: deps.clock.now() });
}

/** What a staff member has to sign in with, for their own page. */
export async function credentialsOf(deps: Deps, staff: StaffRow) {
  const [passkeys, password] = await Promise.all([passkeysOfStaff(deps.store.db, staff.id), passwordSummaryOfStaff(deps.store.db, staff.id)]);
  return {
    passkeys: passkeys.map((p) => ({ id: p.id, createdAt: iso(p.created_at), lastUsedAt: p.last_used_at === null ? null : iso(p.last_used_at) })),
    password: password !== undefined,
    totp: password?.totp_secret != null,
    totpRequired: needsTotp(staff),
  };
}

/** Adds (or replaces) the authenticator app of someone who has a password, once a code proves it. */
export async function enrolTotp(deps: Deps, staff: StaffRow, proof: TotpProof) {
  const step = checkTotp(proof.secret, proof.code, deps.clock.now(), null);
  if (step === null) {
    throw new ApiError('validation_failed', 'The code does not match the secret: check the time on the phone and enter the code shown now', [
      { path: 'code', message: 'Wrong code' },
    ]);
  }
  const sealed = sealTotp(deps, staff.id, proof.secret);
  const kept = await deps.store.write((trx) => setTotpSecret(trx, staff.id, { sealed, step, now: deps.clock.now() }));
  if (!kept) throw new ApiError('conflict', 'An authenticator app goes with a password, and this account has none');
}

/** Stops asking for a TOTP code with the password; refused (409) for admins, who must keep one. */
export async function removeTotp(deps: Deps, staff: StaffRow): Promise<void> {
  if (needsTotp(staff)) throw new ApiError('conflict', 'Admins must keep an authenticator app with their password');
  await deps.store.write((trx) => removeTotpSecret(trx, staff.id));
}
