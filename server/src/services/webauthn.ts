import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Config } from '../config.js';
import { ApiError, notFound } from '../errors.js';
import { newId } from '../secrets.js';
import { staffMemberById } from '../store/repositories/staff.js';
import {
  insertPasskey,
  isCredentialRegistered,
  notePasskeyUsed,
  passkeyCredentialsOfStaff,
  passkeyOfClinic,
  purgeExpiredAndInsertChallenge,
  removePasskeyOfStaff,
  takeChallenge,
} from '../store/repositories/webauthn.js';
import type { Trx } from '../store/store.js';
import type { Deps } from './deps.js';
import type { ClinicRow, StaffRow } from './rows.js';

/**
 * Passkeys (WebAuthn) for staff, through @simplewebauthn/server. The relying party is this
 * server as TIDBOK_PUBLIC_URL names it: its host is the RP ID and its origin the only origin a
 * passkey answer may come from, so a passkey made here works nowhere else and a phishing site
 * cannot use one. No attestation is asked for (which maker's authenticator it is does not
 * matter here); passkeys are discoverable, so signing in needs no e-mail first.
 */
export function relyingParty(config: Pick<Config, 'publicUrl'>) {
  const url = new URL(config.publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

/** How long the page has to answer a challenge (the browser's own prompt included). */
const CHALLENGE_TTL_MS = 5 * 60_000;

export type ChallengePurpose = 'sign-in' | 'register' | 'invitation';

async function keepChallenge(deps: Deps, clinic: ClinicRow, purpose: ChallengePurpose, staffId: string | null, challenge: string) {
  const id = newId('wac');
  const now = deps.clock.now();
  await deps.store.write((trx) =>
    purgeExpiredAndInsertChallenge(trx, { id, clinic_id: clinic.id, purpose, staff_id: staffId, challenge, expires_at: now + CHALLENGE_TTL_MS }, now),
  );
  return id;
}

/** The challenge, deleted as it is read: each is answered once. */
async function answeredChallenge(deps: Deps, clinic: ClinicRow, id: string, purpose: ChallengePurpose, staffId: string | null) {
  const now = deps.clock.now();
  const row = await deps.store.write((trx) => takeChallenge(trx, clinic.id, id));
  if (!row || row.expires_at <= now || row.purpose !== purpose || row.staff_id !== staffId) {
    throw new ApiError('unauthorized', 'The passkey request has expired or was already used; try again');
  }
  return row.challenge;
}

const transportsOf = (json: string) => JSON.parse(json) as AuthenticatorTransportFuture[];

/** Options for `navigator.credentials.create()`: a new passkey for `staff`. */
export async function registrationOptions(deps: Deps, clinic: ClinicRow, staff: StaffRow, purpose: 'register' | 'invitation') {
  const existing = await passkeyCredentialsOfStaff(deps.store.db, staff.id);
  const options = await generateRegistrationOptions({
    rpName: clinic.name,
    rpID: relyingParty(deps.config).rpID,
    userName: staff.email ?? staff.name,
    userDisplayName: staff.name,
    userID: new TextEncoder().encode(staff.id),
    attestationType: 'none',
    // The same authenticator twice for one person would only be a second name for one key.
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: transportsOf(p.transports) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    timeout: CHALLENGE_TTL_MS,
  });
  const challengeId = await keepChallenge(deps, clinic, purpose, staff.id, options.challenge);
  return { challengeId, options };
}

/** Checks the browser's answer to `registrationOptions` and keeps the new passkey. */
export async function registerPasskey(
  deps: Deps,
  clinic: ClinicRow,
  staff: StaffRow,
  purpose: 'register' | 'invitation',
  challengeId: string,
  response: RegistrationResponseJSON,
  /** Runs in the transaction that keeps the passkey, before it (an invitation is spent there). */
  alongside?: (trx: Trx) => Promise<void>,
) {
  const expectedChallenge = await answeredChallenge(deps, clinic, challengeId, purpose, staff.id);
  const { rpID, origin } = relyingParty(deps.config);
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
  }).catch((error: Error) => {
    throw new ApiError('validation_failed', `The passkey could not be checked: ${error.message}`);
  });
  if (!result.verified) throw new ApiError('validation_failed', 'The passkey could not be checked');
  const { credential } = result.registrationInfo;
  const now = deps.clock.now();
  const row = {
    id: newId('pk'),
    clinic_id: clinic.id,
    staff_id: staff.id,
    credential_id: credential.id,
    public_key: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: JSON.stringify(credential.transports ?? []),
    created_at: now,
    last_used_at: null,
  };
  await deps.store.write(async (trx) => {
    await alongside?.(trx);
    if (await isCredentialRegistered(trx, credential.id)) throw new ApiError('conflict', 'This passkey is already registered');
    await insertPasskey(trx, row);
  });
  return row;
}

/** Options for `navigator.credentials.get()`: any of this server's passkeys may answer. */
export async function authenticationOptions(deps: Deps, clinic: ClinicRow) {
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(deps.config).rpID,
    allowCredentials: [],
    userVerification: 'preferred',
    timeout: CHALLENGE_TTL_MS,
  });
  const challengeId = await keepChallenge(deps, clinic, 'sign-in', null, options.challenge);
  return { challengeId, options };
}

/**
 * The staff member whose passkey answered the challenge. The signature counter must move
 * forward when the authenticator keeps one (a copied key would fall behind); authenticators that
 * keep none always send 0.
 */
export async function authenticatePasskey(deps: Deps, clinic: ClinicRow, challengeId: string, response: AuthenticationResponseJSON): Promise<StaffRow> {
  const expectedChallenge = await answeredChallenge(deps, clinic, challengeId, 'sign-in', null);
  const passkey = await passkeyOfClinic(deps.store.db, clinic.id, String(response.id));
  if (!passkey) throw new ApiError('unauthorized', 'This passkey is not registered with this clinic');
  const { rpID, origin } = relyingParty(deps.config);
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
    credential: {
      id: passkey.credential_id,
      publicKey: new Uint8Array(Buffer.from(passkey.public_key, 'base64url')),
      counter: Number(passkey.counter),
      transports: transportsOf(passkey.transports),
    },
  }).catch(() => ({ verified: false as const, authenticationInfo: undefined }));
  if (!result.verified) throw new ApiError('unauthorized', 'The passkey did not sign in');
  const now = deps.clock.now();
  await deps.store.write((trx) => notePasskeyUsed(trx, passkey.id, { counter: result.authenticationInfo.newCounter, now }));
  const staff = await staffMemberById(deps.store.db, passkey.staff_id);
  if (!staff) throw new ApiError('unauthorized', 'This passkey is not registered with this clinic');
  return staff;
}

/** Removes one of the staff member's own passkeys, or 404. */
export async function removePasskey(deps: Deps, staff: StaffRow, id: string): Promise<void> {
  const removed = await deps.store.write((trx) => removePasskeyOfStaff(trx, staff.id, id));
  if (!removed) throw notFound('Passkey');
}
