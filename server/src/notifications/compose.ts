import { buildIcs, cancellationWindowHoursFor, clientEndMs, type IcsMethod, type MessageKind } from '@tidbok/core';
import { newId } from '../secrets.js';
import { addMessage, bookingForMessage } from '../store/repositories/outbox.js';
import type { Trx } from '../store/store.js';
import type { MessageTable } from '../store/schema.js';
import type { Deps } from '../services/deps.js';
import { bookingSettingsOf, type ClinicRow } from '../services/rows.js';
import { sealLink } from './sealed-link.js';
import { SMS_GRACE_MS } from './sms-guard.js';
import { eventSequence } from '../services/event-sequence.js';
import { type BookingFacts, formatWhen, htmlFromText, TEXTS } from './texts.js';
import { bookingLocale, clinicLocale } from './booking-locale.js';
import { bookingEvent } from './booking-event.js';

export type Channel = 'email' | 'sms';

/** Which e-mails carry the calendar file, and as what (RFC 5546): none for reminders. */
const ICS_METHOD: Record<EnqueueOptions['kind'], IcsMethod | null> = {
  confirmation: 'PUBLISH',
  moved: 'REQUEST',
  cancellation: 'CANCEL',
  reminder: null,
};

export interface EnqueueOptions {
  clinic: ClinicRow;
  bookingId: string;
  kind: 'confirmation' | 'cancellation' | 'reminder' | 'moved';
  channel: Channel;
  /** The booking's manage token, known only where it was just made; puts a manage link in. */
  manageToken?: string | null;
  /** Makes the message once-only (reminders). */
  dedupeKey?: string;
  /** For `moved`: where the booking was before, and its calendar event's new SEQUENCE (event-sequence.ts). */
  moved?: { fromStartMs: number; fromEndMs: number; sequence: number };
}

async function loadBooking(trx: Trx, clinicId: string, bookingId: string) {
  const row = await bookingForMessage(trx, clinicId, bookingId);
  if (!row) throw new Error(`booking ${bookingId} not found for its message`);
  return row;
}

/** The manage page; its token after `#`, which the browser never sends (routes/manage-page.ts says why). */
export function manageUrl(deps: Deps, clinic: ClinicRow, bookingId: string, token: string) {
  return `${deps.config.publicUrl}/b/${encodeURIComponent(clinic.slug)}/${encodeURIComponent(bookingId)}#t=${encodeURIComponent(token)}`;
}

/**
 * Writes a booking's message (and, for confirmations, the copies the clinic asked for) to the
 * outbox inside the caller's transaction, so it exists exactly when the change does.
 * A client without an address for the channel gets a failed message that says so, visible to
 * staff, rather than nothing.
 */
export async function enqueueBookingMessage(trx: Trx, deps: Deps, options: EnqueueOptions): Promise<string[]> {
  const { clinic, kind, channel } = options;
  const now = deps.clock.now();
  const settings = bookingSettingsOf(clinic);
  const b = await loadBooking(trx, clinic.id, options.bookingId);
  // The patient's language and the patient's end (the time with the client), as the widget
  // showed them; the clinic's copies below are for staff, in the clinic's language and length.
  const locale = bookingLocale(b.locale, clinic);
  const clientEnd = clientEndMs(b.start_ms, b.end_ms, b.client_minutes);
  const when = formatWhen(b.start_ms, clientEnd, clinic.time_zone, locale);
  const facts: BookingFacts = {
    clinicName: clinic.name,
    clinicAddress: settings.address,
    clientName: b.client_name,
    treatmentName: b.treatment_name,
    practitionerName: b.practitioner_name,
    locationName: b.location_name,
    locationAddress: b.location_address,
    ...when,
    timeZoneNote: '',
    confirmationText: b.confirmation_text,
    smsText: b.sms_text,
    cancellationWindowHours: cancellationWindowHoursFor(b.cancellation_window_hours, settings.cancellationWindowHours),
    hasLink: Boolean(options.manageToken) && kind !== 'cancellation',
  };
  const texts = TEXTS[locale];
  const link = facts.hasLink && options.manageToken ? manageUrl(deps, clinic, b.id, options.manageToken) : null;
  const base = {
    clinic_id: clinic.id,
    booking_id: b.id,
    client_id: b.client_id,
    status: 'pending',
    attempts: 0,
    last_error: null,
    // A public booking's SMS confirmation waits until the booking is a few minutes old, so a
    // booking cancelled at once (a script's loop) never sends one (sms-guard.ts).
    next_attempt_at: channel === 'sms' && kind === 'confirmation' && b.source === 'public' ? Math.max(now, b.created_at + SMS_GRACE_MS) : now,
    locked_until: 0,
    sent_at: null,
    created_at: now,
    budget_at: null,
    withheld_reason: null,
  };
  const rows: MessageTable[] = [];
  const id = newId('msg');
  if (kind === 'moved') {
    const from = formatWhen(options.moved!.fromStartMs, options.moved!.fromEndMs, clinic.time_zone, locale);
    facts.previousDate = from.date;
    facts.previousStartTime = from.startTime;
  }
  // Sealed with the message's id; the bodies hold only the LINK placeholder (dispatcher.ts).
  const secretUrl = link ? sealLink(deps.config, id, link) : null;
  if (channel === 'email') {
    const rendered = texts[kind](facts);
    // The booking's one calendar event: the confirmation adds it, a move updates it (a higher
    // SEQUENCE), a cancellation removes it (METHOD:CANCEL), each with the same UID.
    const method = ICS_METHOD[kind];
    const attachments = method
      ? JSON.stringify([
          {
            filename: locale === 'en' ? 'booking.ics' : 'bokning.ics',
            contentType: `text/calendar; charset=utf-8; method=${method}`,
            content: buildIcs(
              {
                ...bookingEvent(b, clinic.name),
                stamp: now,
                // A cancellation outranks the last version the patient got.
                sequence: options.moved?.sequence ?? (await eventSequence(trx, b.id)) + (method === 'CANCEL' ? 1 : 0),
                ...(method === 'CANCEL' ? { status: 'CANCELLED' as const } : {}),
              },
              undefined,
              method,
            ),
          },
        ])
      : null;
    rows.push({
      ...base,
      id,
      kind,
      channel,
      to_address: b.client_email ?? '',
      subject: rendered.subject,
      body_text: rendered.text,
      body_html: htmlFromText(rendered.text, link !== null, locale),
      attachments,
      secret_url: secretUrl,
      dedupe_key: options.dedupeKey ?? null,
    });
  } else {
    const body =
      kind === 'confirmation'
        ? texts.smsConfirmation(facts)
        : kind === 'cancellation'
          ? texts.smsCancellation(facts)
          : kind === 'moved'
            ? texts.smsMoved(facts)
            : texts.smsReminder(facts);
    rows.push({
      ...base,
      id,
      kind,
      channel,
      to_address: b.client_phone ?? '',
      subject: '',
      body_text: body,
      body_html: null,
      attachments: null,
      secret_url: secretUrl,
      dedupe_key: options.dedupeKey ?? null,
    });
  }
  const main = rows[0]!;
  if (main.to_address === '') {
    main.status = 'failed';
    main.last_error = channel === 'email' ? 'The client has no e-mail address' : 'The client has no phone number';
    main.secret_url = null;
  }

  // The clinic's copy of a new or moved booking (a move by the patient is news to staff too).
  if (kind === 'confirmation' || kind === 'moved') {
    // Staff read the copy: the clinic's language and the calendar length.
    const staffLocale = clinicLocale(clinic);
    const staffTexts = TEXTS[staffLocale];
    const copyFacts = { ...facts, ...formatWhen(b.start_ms, b.end_ms, clinic.time_zone, staffLocale), hasLink: false };
    if (options.moved) {
      const from = formatWhen(options.moved.fromStartMs, options.moved.fromEndMs, clinic.time_zone, staffLocale);
      copyFacts.previousDate = from.date;
      copyFacts.previousStartTime = from.startTime;
    }
    const copy = staffTexts[kind](copyFacts);
    const to = [settings.confirmationCopyTo, settings.confirmationCopyToPractitioner ? b.practitioner_email : null];
    for (const address of new Set(to.filter((a): a is string => Boolean(a)))) {
      rows.push({
        ...base,
        id: newId('msg'),
        kind: 'copy' satisfies MessageKind,
        channel: 'email',
        to_address: address,
        subject: kind === 'moved' ? staffTexts.copyMovedSubject(copyFacts) : staffTexts.copySubject(copyFacts),
        body_text: copy.text,
        body_html: htmlFromText(copy.text, false, staffLocale),
        attachments: null,
        secret_url: null,
        dedupe_key: null,
      });
    }
  }
  for (const row of rows) await addMessage(trx, row);
  return rows.map((r) => r.id);
}
