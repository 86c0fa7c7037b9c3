import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Context } from 'hono';
import { Api, idParam } from '../http/api.js';
import { clientIp } from '../http/client-ip.js';
import type { AppEnv } from '../http/env.js';
import type { Deps } from '../services/deps.js';
import {
  checkNewPassword,
  credentialsOf,
  enrolTotp,
  openPageSession,
  preparePassword,
  removeTotp,
  type Requester,
  signInWithPassword,
  storePassword,
} from '../services/staff-credentials.js';
import { findInvitation, inviteStaff, useInvitation } from '../services/staff-credentials-invitations.js';
import { iso } from '../time.js';
import { newTotpSecret, totpEnrolment } from '../services/totp.js';
import { authenticatePasskey, authenticationOptions, registerPasskey, registrationOptions, removePasskey } from '../services/webauthn.js';
import {
  CredentialsSchema,
  TotpEnrolmentSchema,
  TotpProofSchema,
  InvitationPasskeySchema,
  InvitationPasswordSchema,
  InvitationSchema,
  InvitationSentSchema,
  InvitationViewSchema,
  PasskeyAnswerSchema,
  PasskeyOptionsSchema,
  PasswordSignInSchema,
  StaffPageSessionSchema,
} from './staff-sign-in-schemas.js';

const TAG = 'Staff sign-in';

/**
 * The hosted staff page's API (staff-sign-in-page.ts): sign-in with a passkey or an e-mail,
 * password and TOTP code; invitations that let a new person set a passkey or a password once;
 * and, signed in, a person's own passkeys. The public routes are counted by the per-address
 * write limit like every public write, and password attempts also by the lock-out
 * (services/staff-credentials-lockout.ts).
 */
export function staffSignInRoutes(deps: Deps): Api {
  const api = new Api(deps);
  const who = (c: Context<AppEnv>): Requester => {
    const userAgent = c.req.header('user-agent');
    return { ip: clientIp(c, deps.config.trustProxy), ...(userAgent ? { userAgent: userAgent.slice(0, 300) } : {}) };
  };

  api.route(
    {
      method: 'post',
      path: '/staff-sign-in/password',
      summary: 'Sign in with e-mail, password and (admins, and whoever enrolled one) a TOTP code',
      tag: TAG,
      access: 'public',
      body: PasswordSignInSchema,
      responses: {
        201: {
          description:
            'Signed in: a staff session token for `Authorization: Bearer`. Otherwise 401 `unauthorized` (wrong e-mail, password or code) or `totp_required` (the password is right: send the code too); 429 `rate_limited` (wait `Retry-After` seconds after a failure) or `sign_in_locked` (after 5 failures, 15 minutes)',
          schema: StaffPageSessionSchema,
        },
      },
    },
    async (c, { body }) => c.json(await signInWithPassword(deps, c.get('clinic'), body, who(c)), 201),
  );

  api.route(
    {
      method: 'post',
      path: '/staff-sign-in/passkey/options',
      summary: 'A challenge for signing in with a passkey (`navigator.credentials.get`)',
      tag: TAG,
      access: 'public',
      responses: { 200: { description: 'Request options and the id to answer with', schema: PasskeyOptionsSchema } },
    },
    async (c) => c.json(await authenticationOptions(deps, c.get('clinic'))),
  );

  api.route(
    {
      method: 'post',
      path: '/staff-sign-in/passkey',
      summary: 'Sign in with the passkey answer to a challenge',
      tag: TAG,
      access: 'public',
      body: PasskeyAnswerSchema,
      responses: {
        201: {
          description:
            'Signed in: a staff session token. Otherwise 401 `unauthorized`: an unknown passkey, an expired or used challenge, or a signature that does not verify',
          schema: StaffPageSessionSchema,
        },
      },
    },
    async (c, { body }) => {
      const clinic = c.get('clinic');
      const staff = await authenticatePasskey(deps, clinic, body.challengeId, body.response as unknown as AuthenticationResponseJSON);
      return c.json(await openPageSession(deps, undefined, staff, 'passkey', who(c)), 201);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/staff-sign-in/invitation',
      summary: 'What an invitation link is for (it is not used up), with a new TOTP secret to enrol',
      tag: TAG,
      access: 'public',
      body: InvitationSchema,
      responses: {
        200: {
          description: 'The invited person and a TOTP secret the page may offer. 410 `invitation_invalid`: used, expired or unknown',
          schema: InvitationViewSchema,
        },
      },
    },
    async (c, { body }) => {
      const clinic = c.get('clinic');
      const { staff, expiresAt } = await findInvitation(deps, clinic, body.invitation);
      return c.json({
        staff: { name: staff.name, email: staff.email, role: staff.role },
        expiresAt: iso(expiresAt),
        totpRequired: staff.role === 'admin',
        totp: totpEnrolment(newTotpSecret(), staff.email ?? staff.name, `Tidbok ${clinic.name}`),
      });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/staff-sign-in/invitation/password',
      summary: 'Accept an invitation by setting a password (with a TOTP secret and its code; required for admins)',
      tag: TAG,
      access: 'public',
      body: InvitationPasswordSchema,
      responses: {
        201: {
          description:
            'Signed in. Otherwise 400 `validation_failed` (a password under 12 characters, or a code that does not match the secret), 401 `totp_required` (admins must enrol an authenticator app) or 410 `invitation_invalid` (used, expired or unknown)',
          schema: StaffPageSessionSchema,
        },
      },
    },
    async (c, { body }) => {
      const clinic = c.get('clinic');
      const { staff, invitationId } = await findInvitation(deps, clinic, body.invitation);
      checkNewPassword(deps, staff, body.password, body.totp, false);
      const prepared = await preparePassword(deps, staff, body.password, body.totp);
      const result = await deps.store.write(async (trx) => {
        await useInvitation(trx, invitationId, deps.clock.now());
        await storePassword(deps, trx, prepared);
        return openPageSession(deps, trx, staff, 'invitation', who(c));
      });
      return c.json(result, 201);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/staff-sign-in/invitation/passkey/options',
      summary: 'A challenge for creating a passkey with an invitation (`navigator.credentials.create`)',
      tag: TAG,
      access: 'public',
      body: InvitationSchema,
      responses: {
        200: { description: 'Creation options and the id to answer with. 410 `invitation_invalid`: used, expired or unknown', schema: PasskeyOptionsSchema },
      },
    },
    async (c, { body }) => {
      const clinic = c.get('clinic');
      const { staff } = await findInvitation(deps, clinic, body.invitation);
      return c.json(await registrationOptions(deps, clinic, staff, 'invitation'));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/staff-sign-in/invitation/passkey',
      summary: 'Accept an invitation with a new passkey, and sign in',
      tag: TAG,
      access: 'public',
      body: InvitationPasskeySchema,
      responses: {
        201: {
          description:
            'Signed in. Otherwise 400 `validation_failed` (the passkey answer does not verify) or 410 `invitation_invalid` (used, expired or unknown)',
          schema: StaffPageSessionSchema,
        },
      },
    },
    async (c, { body }) => {
      const clinic = c.get('clinic');
      const { staff, invitationId } = await findInvitation(deps, clinic, body.invitation);
      // Spent in the transaction that keeps the passkey: of two answers with one link, one counts.
      await registerPasskey(deps, clinic, staff, 'invitation', body.challengeId, body.response as unknown as RegistrationResponseJSON, (trx) =>
        useInvitation(trx, invitationId, deps.clock.now()),
      );
      return c.json(await openPageSession(deps, undefined, staff, 'invitation', who(c)), 201);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/admin/staff/:id/invite',
      summary: 'E-mail a staff member a one-time link (72 hours) to set a passkey or password',
      tag: 'Staff',
      access: 'staff',
      permission: 'staff',
      responses: {
        202: {
          description: 'The invitation is in the outbox; older unused ones no longer work. 400 `validation_failed` when the staff member has no e-mail address',
          schema: InvitationSentSchema,
        },
      },
    },
    async (c) => c.json(await inviteStaff(deps, c.get('clinic'), idParam(c), c.get('staff')), 202),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/me/credentials',
      summary: 'Your passkeys, and whether you have a password and an authenticator app',
      tag: TAG,
      access: 'staff',
      permission: 'me',
      responses: { 200: { description: 'Your ways to sign in', schema: CredentialsSchema } },
    },
    async (c) => c.json(await credentialsOf(deps, c.get('staff'))),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/me/passkeys/options',
      summary: 'A challenge for adding a passkey while signed in',
      tag: TAG,
      access: 'staff',
      permission: 'me',
      responses: { 200: { description: 'Creation options and the id to answer with', schema: PasskeyOptionsSchema } },
    },
    async (c) => c.json(await registrationOptions(deps, c.get('clinic'), c.get('staff'), 'register')),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/me/passkeys',
      summary: 'Add a passkey (the answer to a challenge from …/passkeys/options)',
      tag: TAG,
      access: 'staff',
      permission: 'me',
      body: PasskeyAnswerSchema,
      responses: {
        201: { description: 'The passkey. 400 `validation_failed` when the answer does not verify', schema: CredentialsSchema.shape.passkeys.def.element },
      },
    },
    async (c, { body }) => {
      const row = await registerPasskey(
        deps,
        c.get('clinic'),
        c.get('staff'),
        'register',
        body.challengeId,
        body.response as unknown as RegistrationResponseJSON,
      );
      return c.json({ id: row.id, createdAt: iso(row.created_at), lastUsedAt: null }, 201);
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/admin/me/passkeys/:id',
      summary: 'Remove one of your passkeys',
      tag: TAG,
      access: 'staff',
      permission: 'me',
      responses: { 204: { description: 'Removed' } },
    },
    async (c) => {
      await removePasskey(deps, c.get('staff'), idParam(c));
      return c.body(null, 204);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/admin/me/totp/options',
      summary: 'A new TOTP secret to add to an authenticator app (kept only once `PUT …/me/totp` proves it)',
      tag: TAG,
      access: 'staff',
      permission: 'me',
      responses: { 200: { description: 'The secret, its otpauth:// URI and a QR code', schema: TotpEnrolmentSchema } },
    },
    async (c) => {
      const staff = c.get('staff');
      return c.json(totpEnrolment(newTotpSecret(), staff.email ?? staff.name, `Tidbok ${c.get('clinic').name}`));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/admin/me/totp',
      summary: 'Use an authenticator app with your password from now on (a code from it proves the secret)',
      tag: TAG,
      access: 'staff',
      permission: 'me',
      body: TotpProofSchema,
      responses: {
        204: { description: 'Kept; password sign-in asks for a code. 400 `validation_failed` for a wrong code; 409 `conflict` without a password' },
      },
    },
    async (c, { body }) => {
      await enrolTotp(deps, c.get('staff'), body);
      return c.body(null, 204);
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/admin/me/totp',
      summary: 'Stop using an authenticator app (not for admins, who must use one with a password)',
      tag: TAG,
      access: 'staff',
      permission: 'me',
      responses: { 204: { description: 'Removed. 409 `conflict` for admins' } },
    },
    async (c) => {
      await removeTotp(deps, c.get('staff'));
      return c.body(null, 204);
    },
  );
  return api;
}
