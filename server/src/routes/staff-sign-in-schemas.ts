import { StaffSchema } from '@tidbok/core';
import * as z from 'zod/mini';
import { MAX_PASSWORD_LENGTH } from '../services/staff-credentials-password.js';

/** Request and answer bodies of the staff sign-in routes (staff-sign-in.ts). */

const Email = z.string().check(z.trim(), z.minLength(1), z.maxLength(254));
const Password = z.string().check(z.minLength(1), z.maxLength(MAX_PASSWORD_LENGTH));
const Code = z.string().check(z.maxLength(16));
const Invitation = z.string().check(z.minLength(1), z.maxLength(200));
const ChallengeId = z.string().check(z.minLength(1), z.maxLength(100));
/** What the browser's `PublicKeyCredential` gives, as JSON; @simplewebauthn/server checks it. */
const CredentialJson = z.record(z.string(), z.unknown());

export const PasswordSignInSchema = z.strictObject({ email: Email, password: Password, totp: z.optional(Code) });

export const TotpProofSchema = z.strictObject({ secret: z.string().check(z.regex(/^[A-Z2-7]{16,64}$/)), code: Code });

export const PasskeyAnswerSchema = z.strictObject({ challengeId: ChallengeId, response: CredentialJson });

export const InvitationSchema = z.strictObject({ invitation: Invitation });

export const InvitationPasswordSchema = z.strictObject({ invitation: Invitation, password: Password, totp: z.optional(TotpProofSchema) });

export const InvitationPasskeySchema = z.strictObject({ invitation: Invitation, challengeId: ChallengeId, response: CredentialJson });

export const StaffPageSessionSchema = z.object({
  token: z.string(),
  /** The session's id, for ending it (`DELETE …/admin/sessions/:id`). */
  sessionId: z.string(),
  expiresAt: z.string(),
  /** Minutes without a request after which the session ends. */
  idleMinutes: z.number(),
  staff: StaffSchema,
});

export const PasskeyOptionsSchema = z.object({
  challengeId: z.string(),
  /** For `navigator.credentials.create()` or `.get()` (base64url strings, as WebAuthn's JSON form). */
  options: z.record(z.string(), z.unknown()),
});

export const TotpEnrolmentSchema = z.object({
  secret: z.string(),
  uri: z.string(),
  /** The URI as a QR code, an SVG document. */
  qrSvg: z.string(),
});

export const InvitationViewSchema = z.object({
  staff: z.object({ name: z.string(), email: z.nullable(z.string()), role: z.string() }),
  expiresAt: z.string(),
  /** Admins must enrol an authenticator app with a password; others may. */
  totpRequired: z.boolean(),
  totp: TotpEnrolmentSchema,
});

export const CredentialsSchema = z.object({
  passkeys: z.array(z.object({ id: z.string(), createdAt: z.string(), lastUsedAt: z.nullable(z.string()) })),
  password: z.boolean(),
  totp: z.boolean(),
  totpRequired: z.boolean(),
});

export { InvitationSentSchema } from '@tidbok/core';
