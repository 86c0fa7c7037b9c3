import type { Client, Locale } from '@tidbok/core';
import { ApiError } from '../errors.js';
import { hashSecret, newId, newSecret } from '../secrets.js';
import {
  accessLogOfClient,
  addClientSession,
  addLoginToken,
  clientByEmail,
  clientOfSession,
  clientWithId,
  expireUnusedLoginLinks,
  loginLinksSentSince,
  loginTokenByHash,
  recordClientAccess,
  revokeClientSession,
  useLoginToken,
} from '../store/repositories/client-auth.js';
import { clientById } from '../store/repositories/clients.js';
import type { Db, Trx } from '../store/store.js';
import { enqueueLinkEmail } from '../notifications/link-email.js';
import { htmlFromText, LINK } from '../notifications/texts.js';
import { bookingLocale } from '../notifications/booking-locale.js';
import type { Deps } from './deps.js';
import { type ClientRow, type ClinicRow, clientOf, type StaffRow } from './rows.js';

/** A login link works once, for this long. */
export const LOGIN_TOKEN_TTL_MS = 15 * 60_000;
/** A client session lasts this long unless revoked (logging out). */
export const SESSION_TTL_MS = 30 * 24 * 3_600_000;
/** A session staff open as a test client lasts this long: enough to try the booking page. */
export const TEST_SESSION_TTL_MS = 30 * 60_000;
/** Links one address can be sent per hour; more requests still answer 202 but send nothing. */
export const LINKS_PER_ADDRESS_PER_HOUR = 5;

/** Where a login link leads: the clinic's hosted booking page, which POSTs the token on a click. */
export function loginUrl(deps: Deps, clinic: ClinicRow, token: string) {
  return `${deps.config.publicUrl}/c/${encodeURIComponent(clinic.slug)}/#tidbok-login=${encodeURIComponent(token)}`;
}

const LINK_TEXT = {
  sv: (clinic: string) => ({
    subject: `Logga in hos ${clinic}`,
    text: `Hej!\n\nHär är din inloggningslänk till ${clinic}. Den fungerar en gång och i 15 minuter:\n${LINK}\n\nHar du inte bett om länken kan du bortse från det här meddelandet.\n\n${clinic}`,
  }),
  en: (clinic: string) => ({
    subject: `Log in to ${clinic}`,
    text: `Hello,\n\nHere is your login link for ${clinic}. It works once, for 15 minutes:\n${LINK}\n\nIf you did not ask for it, you can ignore this message.\n\n${clinic}`,
  }),
};

/**
 * Sends a login link when the address belongs to a client of the clinic; otherwise does
 * nothing. The route runs this after it has answered 202 (background.ts), so neither the
 * answer nor the time it takes says anything about who is a client. A new link ends the
 * client's older unused ones: only the latest link in the inbox logs in.
 */
export async function requestLoginLink(deps: Deps, clinic: ClinicRow, email: string, asked?: Locale) {
  const now = deps.clock.now();
  await deps.store.write(async (trx) => {
    const client = await clientByEmail(trx, clinic.id, email.trim().toLowerCase());
    if (!client?.email) return;
    if ((await loginLinksSentSince(trx, client.id, now - 3_600_000)) >= LINKS_PER_ADDRESS_PER_HOUR) return;
    await expireUnusedLoginLinks(trx, client.id, now);
    const token = newSecret('tbl');
    await addLoginToken(trx, {
      id: newId('lt'),
      clinic_id: clinic.id,
      client_id: client.id,
      token_hash: hashSecret(token),
      expires_at: now + LOGIN_TOKEN_TTL_MS,
      used_at: null,
      created_at: now,
    });
    const locale = asked ?? bookingLocale(client.locale, clinic);
    const link = loginUrl(deps, clinic, token);
    const { subject, text } = LINK_TEXT[locale](clinic.name);
    await enqueueLinkEmail(trx, deps.config, {
      clinicId: clinic.id,
      clientId: client.id,
      kind: 'login_link',
      to: client.email,
      subject,
      text,
      html: htmlFromText(text, true, locale, locale === 'sv' ? 'Logga in' : 'Log in'),
      link,
      now,
    });
  });
}

async function newSession(trx: Trx, clinicId: string, clientId: string, now: number, test = false) {
  const sessionToken = newSecret('tbc');
  await addClientSession(trx, {
    id: newId('cs'),
    clinic_id: clinicId,
    client_id: clientId,
    token_hash: hashSecret(sessionToken),
    expires_at: now + (test ? TEST_SESSION_TTL_MS : SESSION_TTL_MS),
    revoked_at: null,
    is_test: test ? 1 : 0,
    created_at: now,
  });
  return sessionToken;
}

/** A login link's token row while it can still log in (unused, not expired); else 401. */
async function liveLoginToken(db: Db | Trx, clinic: ClinicRow, token: string, now: number) {
  const row = await loginTokenByHash(db, clinic.id, hashSecret(token));
  if (!row || row.used_at !== null || row.expires_at <= now) {
    throw new ApiError('unauthorized', 'The login link is not valid any more; ask for a new one');
  }
  return row;
}

/**
 * Who a session or a login link belongs to, as the page shows it before taking either over:
 * name and contact details, never the personal identity number.
 */
export function ownerOf(client: ClientRow) {
  // Only for a test client (staff opened the page as them), whose page says it is a test session.
  const test = client.is_test === 1 ? { isTest: true } : {};
  return { client: { id: client.id, name: client.name, email: client.email, phone: client.phone, ...test } };
}

/**
 * Whose login link this is, without using it up: the page asks "Log in as …?" before it
 * exchanges the token, so a link someone else sent cannot log a visitor in as that someone.
 */
export async function loginLinkOwner(deps: Deps, clinic: ClinicRow, token: string) {
  const row = await liveLoginToken(deps.store.db, clinic, token, deps.clock.now());
  const client = await clientWithId(deps.store.db, row.client_id);
  return ownerOf(client);
}

/** Exchanges a login link's token, once, for a session. */
export async function verifyLogin(deps: Deps, clinic: ClinicRow, token: string): Promise<{ sessionToken: string; client: Client }> {
  const now = deps.clock.now();
  return deps.store.write(async (trx) => {
    const row = await liveLoginToken(trx, clinic, token, now);
    if (!(await useLoginToken(trx, row.id, now))) throw new ApiError('unauthorized', 'The login link has already been used');
    const client = await clientWithId(trx, row.client_id);
    return { sessionToken: await newSession(trx, clinic.id, client.id, now), client: clientOf(client) };
  });
}

/** The client behind a session token, or undefined for an unknown, expired or revoked one. */
export async function sessionClient(db: Db | Trx, clinic: ClinicRow, token: string | null, now: number): Promise<ClientRow | undefined> {
  if (!token) return undefined;
  return clientOfSession(db, { clinicId: clinic.id, tokenHash: hashSecret(token), now });
}

export async function requireSession(deps: Deps, clinic: ClinicRow, token: string | null): Promise<ClientRow> {
  const client = await sessionClient(deps.store.db, clinic, token, deps.clock.now());
  if (!client) throw new ApiError('unauthorized', 'Log in to see your bookings');
  return client;
}

export async function logout(deps: Deps, clinic: ClinicRow, token: string | null) {
  if (!token) throw new ApiError('unauthorized');
  await deps.store.write((trx) => revokeClientSession(trx, { clinicId: clinic.id, tokenHash: hashSecret(token), now: deps.clock.now() }));
}

/** Staff "open the booking page as a test client": a session, only for clients marked as test. */
export async function testClientSession(deps: Deps, clinic: ClinicRow, clientId: string) {
  const now = deps.clock.now();
  return deps.store.write(async (trx) => {
    const client = await clientById(trx, clinic.id, clientId);
    if (!client) throw new ApiError('not_found', 'Client not found');
    if (client.is_test !== 1) throw new ApiError('conflict', 'Only a client marked as a test client can be opened this way');
    const sessionToken = await newSession(trx, clinic.id, client.id, now, true);
    return {
      sessionToken,
      client: clientOf(client),
      bookingPageUrl: `${deps.config.publicUrl}/c/${encodeURIComponent(clinic.slug)}/#tidbok-session=${encodeURIComponent(sessionToken)}`,
    };
  });
}

/** Records who on the staff read or changed which client's data, and what. */
export async function logAccess(
  deps: Deps,
  clinic: ClinicRow,
  staff: StaffRow,
  clientIds: readonly string[],
  action: 'read' | 'search' | 'create' | 'update' | 'delete' | 'test-session' | 'access-log',
  detail = '',
) {
  if (clientIds.length === 0) return;
  const now = deps.clock.now();
  await deps.store.write((trx) =>
    recordClientAccess(
      trx,
      clientIds.map((clientId) => ({
        id: newId('al'),
        clinic_id: clinic.id,
        client_id: clientId,
        staff_id: staff.id,
        action,
        detail,
        created_at: now,
      })),
    ),
  );
}

export async function accessLog(deps: Deps, clinic: ClinicRow, clientId: string) {
  return accessLogOfClient(deps.store.db, clinic.id, clientId);
}
