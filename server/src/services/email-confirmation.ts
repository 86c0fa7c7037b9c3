import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { clientEndMs, type CreateBookingBody, CreateBookingBodySchema, type PendingBooking } from '@tidbok/core';
import * as z from 'zod/mini';
import { ApiError } from '../errors.js';
import { enqueueLinkEmail } from '../notifications/link-email.js';
import { bookingLocale } from '../notifications/booking-locale.js';
import { formatWhen, htmlFromText, LINK } from '../notifications/texts.js';
import { hashSecret, newSecret } from '../secrets.js';
import { clientMinutesOfTreatment, holdOfConfirmToken, keepHoldForEmailedLink } from '../store/repositories/email-confirmations.js';
import { holdOfClinic } from '../store/repositories/holds.js';
import { iso } from '../time.js';
import type { Deps } from './deps.js';
import { createPublicBooking } from './public-booking.js';
import type { ClinicRow } from './rows.js';

/** How long a booking waits for its e-mailed link to be clicked; its time stays held meanwhile. */
export const CONFIRM_WINDOW_MS = 30 * 60_000;

/** Where the e-mailed link leads: a page that asks for the click and posts the token (fragment). */
export function confirmUrl(deps: Deps, clinic: ClinicRow, token: string) {
  return `${deps.config.publicUrl}/b/${encodeURIComponent(clinic.slug)}/confirm#t=${encodeURIComponent(token)}`;
}

// The waiting request holds the hold's secret and the visitor's details. It is sealed with a key
// derived from the link's token, of which the database keeps only the hash: a copy of the
// database can neither confirm the booking nor read the secret.
const keyOf = (token: string) => createHash('sha256').update(`tidbok-confirm:${token}`).digest();
function seal(token: string, body: CreateBookingBody): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(token), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
}
function open(token: string, sealed: string): CreateBookingBody {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(token), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  return z.parse(CreateBookingBodySchema, JSON.parse(text));
}

const TEXT = {
  sv: (clinic: string, when: string) => ({
    subject: `Bekräfta din bokning hos ${clinic}`,
    text: `Hej!\n\nDu har bokat ${when} hos ${clinic}. Bokningen gäller först när du har bekräftat den, inom 30 minuter:\n${LINK}\n\nHar du inte bokat något kan du bortse från det här meddelandet; tiden släpps då av sig själv.\n\n${clinic}`,
    label: 'Bekräfta bokningen',
  }),
  en: (clinic: string, when: string) => ({
    subject: `Confirm your booking at ${clinic}`,
    text: `Hello,\n\nYou booked ${when} at ${clinic}. The booking is made only once you confirm it, within 30 minutes:\n${LINK}\n\nIf you did not book anything, you can ignore this message; the time is then let go by itself.\n\n${clinic}`,
    label: 'Confirm the booking',
  }),
};

/**
 * A booking by a visitor who is not logged in, at a clinic that wants such bookings confirmed by
 * e-mail: nothing is booked yet. The hold keeps the time for CONFIRM_WINDOW_MS, the request waits
 * on it (sealed), and the address it gave gets a link; only a click on that link books
 * (confirmEmailedBooking). A hold already waiting is not sent again, so the form cannot be used
 * to send one address many messages.
 */
export async function requestEmailConfirmation(deps: Deps, clinic: ClinicRow, body: CreateBookingBody): Promise<PendingBooking> {
  if (!body.client) throw new ApiError('validation_failed', 'Required: name and e-mail of the client');
  const client = body.client;
  const now = deps.clock.now();
  const token = newSecret('tbq');
  return deps.store.write(async (trx) => {
    const hold = await holdOfClinic(trx, clinic.id, body.holdId);
    if (!hold || hold.active !== 1 || hold.expires_at <= now) {
      throw new ApiError('hold_expired', 'The hold has expired or does not exist; choose a time again');
    }
    if (hold.secret_hash !== hashSecret(body.holdSecret)) throw new ApiError('unauthorized', 'The hold secret does not match');
    if (hold.booking_id !== null) throw new ApiError('conflict', 'This hold has already been used for a booking');
    if (hold.pending_booking !== null) {
      throw new ApiError('conflict', 'This booking already waits for the link sent by e-mail to be clicked');
    }
    const expiresAt = now + CONFIRM_WINDOW_MS;
    await keepHoldForEmailedLink(trx, { holdId: hold.id, expiresAt, pendingBooking: seal(token, body), confirmTokenHash: hashSecret(token) });

    // In the visitor's language, with the end they were shown (the time with the client).
    const locale = bookingLocale(body.locale, clinic);
    const treatment = await clientMinutesOfTreatment(trx, hold.treatment_type_id);
    const when = formatWhen(hold.start_ms, clientEndMs(hold.start_ms, hold.end_ms, treatment?.client_minutes), clinic.time_zone, locale);
    const { subject, text, label } = TEXT[locale](clinic.name, `${when.date} ${when.startTime}–${when.endTime}`);
    await enqueueLinkEmail(trx, deps.config, {
      clinicId: clinic.id,
      clientId: null,
      kind: 'booking_request',
      to: client.email,
      subject,
      text,
      html: htmlFromText(text, true, locale, label),
      link: confirmUrl(deps, clinic, token),
      now,
    });
    return { status: 'awaiting-email' as const, holdId: hold.id, email: client.email, expiresAt: iso(expiresAt) };
  });
}

/**
 * The waiting request behind an e-mailed link, while its hold still keeps the time: what the
 * visitor sent, to be booked as it was. 410 once the window has passed (the time was let go),
 * 409 when it was booked already.
 */
export async function pendingBookingOf(deps: Deps, clinic: ClinicRow, token: string) {
  const hold = await holdOfConfirmToken(deps.store.db, clinic.id, hashSecret(token));
  if (!hold || hold.pending_booking === null) throw new ApiError('hold_expired', 'The link is not valid; book again');
  if (hold.booking_id !== null) throw new ApiError('conflict', 'This booking has already been confirmed');
  if (hold.active !== 1 || hold.expires_at <= deps.clock.now()) {
    throw new ApiError('hold_expired', 'The link was not clicked in time and the time was let go; book again');
  }
  return { body: open(token, hold.pending_booking), hold };
}

/** Books what waited for the e-mailed link, as it was sent; the usual confirmation follows. */
export async function confirmEmailedBooking(deps: Deps, clinic: ClinicRow, token: string) {
  const { body } = await pendingBookingOf(deps, clinic, token);
  return createPublicBooking(deps, clinic, body);
}
