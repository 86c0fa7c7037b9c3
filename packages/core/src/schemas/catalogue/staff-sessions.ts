import * as z from 'zod/mini';
import { EmailSchema } from '../common/contact.js';
import { oneLine } from '../common/text.js';
import { StaffSchema } from './admin-responses.js';

/**
 * Staff sessions, integration keys and personal API tokens: how people and scripts reach the
 * admin API without anyone pasting a long-lived key into a page.
 */

const Name = oneLine(80).check(z.minLength(1, 'Required'));

// ---- Integration keys ----

/** `POST …/admin/integration-keys`. */
export const CreateIntegrationKeyBodySchema = z.strictObject({ name: Name });
export type CreateIntegrationKeyBody = z.infer<typeof CreateIntegrationKeyBodySchema>;

export const IntegrationKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.nullable(z.string()),
});
export type IntegrationKey = z.infer<typeof IntegrationKeySchema>;

/** The key itself is in this answer only; the server keeps its hash. */
export const CreateIntegrationKeyResponseSchema = z.object({ id: z.string(), name: z.string(), key: z.string(), createdAt: z.string() });
export type CreateIntegrationKeyResponse = z.infer<typeof CreateIntegrationKeyResponseSchema>;

export const IntegrationKeyListSchema = z.object({ integrationKeys: z.array(IntegrationKeySchema) });
export type IntegrationKeyList = z.infer<typeof IntegrationKeyListSchema>;

// ---- The handshake ----

export const STAFF_SESSION_DEFAULT_MINUTES = 480;
export const STAFF_SESSION_MAX_MINUTES = 720;

/**
 * `POST …/staff-sessions` with an integration key: the intranet names its signed-in user by
 * e-mail or staff id and gets a session token for `<tidbok-admin token="…">`.
 */
export const CreateStaffSessionBodySchema = z.strictObject({
  email: z.optional(EmailSchema),
  staffId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  ttlMinutes: z.optional(z.int().check(z.minimum(1), z.maximum(STAFF_SESSION_MAX_MINUTES))),
});
export type CreateStaffSessionBody = z.infer<typeof CreateStaffSessionBodySchema>;

export const CreateStaffSessionResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  staff: StaffSchema,
});
export type CreateStaffSessionResponse = z.infer<typeof CreateStaffSessionResponseSchema>;

// ---- Sessions ----

export const StaffSessionMethodSchema = z.enum(['integration', 'passkey', 'password', 'invitation']);
export type StaffSessionMethod = z.infer<typeof StaffSessionMethodSchema>;

export const StaffSessionSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  method: StaffSessionMethodSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
  lastSeenAt: z.string(),
  idleTimeoutMinutes: z.nullable(z.number()),
  /** "Firefox on Linux, 192.0.2.1". */
  client: z.nullable(z.string()),
  /** The session the request came with. */
  current: z.boolean(),
});
export type StaffSession = z.infer<typeof StaffSessionSchema>;

export const StaffSessionListSchema = z.object({ sessions: z.array(StaffSessionSchema) });
export type StaffSessionList = z.infer<typeof StaffSessionListSchema>;

export const LogoutEverywhereResponseSchema = z.object({ ended: z.number() });
export type LogoutEverywhereResponse = z.infer<typeof LogoutEverywhereResponseSchema>;

// ---- Personal API tokens ----

export const CreatePersonalTokenBodySchema = z.strictObject({
  name: Name,
  /** Left out: the token lasts until revoked. */
  expiresInDays: z.optional(z.int().check(z.minimum(1), z.maximum(3650))),
});
export type CreatePersonalTokenBody = z.infer<typeof CreatePersonalTokenBodySchema>;

export const PersonalTokenSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  name: z.nullable(z.string()),
  createdAt: z.string(),
  expiresAt: z.nullable(z.string()),
  lastUsedAt: z.nullable(z.string()),
  current: z.boolean(),
});
export type PersonalToken = z.infer<typeof PersonalTokenSchema>;

export const CreatePersonalTokenResponseSchema = z.object({ token: z.string(), tokenInfo: PersonalTokenSchema });
export type CreatePersonalTokenResponse = z.infer<typeof CreatePersonalTokenResponseSchema>;

export const PersonalTokenListSchema = z.object({ tokens: z.array(PersonalTokenSchema) });
export type PersonalTokenList = z.infer<typeof PersonalTokenListSchema>;

/** The answer to inviting a staff member: the one-time link is in the outbox to `email`. */
export const InvitationSentSchema = z.object({ staffId: z.string(), email: z.string(), expiresAt: z.string() });
export type InvitationSent = z.infer<typeof InvitationSentSchema>;
