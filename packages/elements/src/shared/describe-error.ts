import { isTidbokError } from '@tidbok/sdk';
import { fill, type Locale, type Messages } from '../i18n.js';
import { dateTimeFormat, formatTime } from './dates.js';

/**
 * A failure as a staff element shows it: a stable code and a sentence in the staff member's
 * language. The one describer of the staff side; the public flow names failures with `errorKey`
 * (errors.ts), and both sides tell the page with `reportError` and skip aborts with `isAbort`.
 */
export interface DescribedError {
  code: string;
  message: string;
}

/** What the describer may use to say more: the clinic's zone and practitioners' names, for a conflict. */
export interface DescribeOptions {
  timeZone?: string;
  practitionerName?: (id: string) => string | undefined;
}

/**
 * One sentence per problem code (core's ERROR_CODES, and the SDK's own codes), for staff. The
 * server's `detail` and field paths are written for integrators, in English, and are never shown:
 * a code without a sentence here gets `unknown`'s.
 */
const MESSAGES = {
  conflict: {
    sv: 'Ändringen krockar med hur det ser ut nu – någon kan ha ändrat samtidigt. Ladda om och försök igen.',
    en: 'The change conflicts with the current state – someone may have changed it meanwhile. Reload and try again.',
  },
  conflictTime: {
    sv: 'Tiden krockar med en annan bokning eller reservation för behandlaren.',
    en: "The time overlaps another of the practitioner's bookings or holds.",
  },
  conflictBooking: {
    sv: 'Tiden krockar med en annan bokning för {who}, {when}.',
    en: 'The time overlaps another booking of {who}, {when}.',
  },
  conflictHold: {
    sv: 'Tiden krockar med en tid som en besökare håller på att boka hos {who}, {when}.',
    en: 'The time overlaps a time a visitor is booking with {who}, {when}.',
  },
  thePractitioner: { sv: 'behandlaren', en: 'the practitioner' },
  undone: { sv: 'Ändringen ångrades.', en: 'The change was undone.' },
  slot_unavailable: { sv: 'Tiden är inte längre ledig.', en: 'The time is no longer free.' },
  hold_expired: { sv: 'Reservationen av tiden har gått ut. Välj tiden igen.', en: 'The hold on the time has expired. Choose the time again.' },
  validation_failed: {
    sv: 'Servern godtog inte uppgifterna. Kontrollera fälten och försök igen.',
    en: 'The server did not accept the details. Check the fields and try again.',
  },
  not_found: {
    sv: 'Det finns inte längre – någon kan ha tagit bort det. Ladda om sidan.',
    en: 'It is no longer there – someone may have deleted it. Reload the page.',
  },
  forbidden: { sv: 'Din behörighet räcker inte för det.', en: 'You are not allowed to do that.' },
  unauthorized: { sv: 'Du är inte inloggad längre. Logga in igen.', en: 'You are no longer signed in. Sign in again.' },
  network: { sv: 'Ingen kontakt med servern. Försök igen om en stund.', en: 'No connection to the server. Try again in a moment.' },
  busy: { sv: 'Servern är upptagen just nu. Försök igen om en stund.', en: 'The server is busy right now. Try again in a moment.' },
  rate_limited: { sv: 'För många försök på kort tid. Vänta en stund och försök igen.', en: 'Too many attempts in a short time. Wait a moment and try again.' },
  internal_error: {
    sv: 'Något gick fel på servern. Försök igen; hjälper det inte, kontakta den som sköter Tidbok.',
    en: 'Something went wrong on the server. Try again; if that does not help, contact whoever runs Tidbok.',
  },
  payload_too_large: { sv: 'Det som skickades är för stort.', en: 'What was sent is too large.' },
  module_disabled: { sv: 'Bokning på nätet är avstängd för mottagningen.', en: 'Online booking is switched off for the clinic.' },
  slug_reserved: { sv: 'Den adressen är upptagen. Välj en annan.', en: 'That address is taken. Choose another one.' },
  idempotency_key_reused: {
    sv: 'Begäran skickades två gånger med olika innehåll. Försök igen.',
    en: 'The request was sent twice with different contents. Try again.',
  },
  calendar_unreachable: { sv: 'Kalendern gick inte att läsa. Kontrollera adressen.', en: 'The calendar could not be read. Check the address.' },
  totp_required: { sv: 'Ange koden från din autentiseringsapp.', en: 'Enter the code from your authenticator app.' },
  sign_in_locked: { sv: 'Inloggningen är låst en stund efter misslyckade försök.', en: 'Signing in is locked for a while after failed attempts.' },
  invitation_invalid: {
    sv: 'Inbjudan är använd, för gammal eller ogiltig. Be om en ny.',
    en: 'The invitation is used, too old or not valid. Ask for a new one.',
  },
  inside_cancellation_window: { sv: 'Avbokningsfristen har börjat.', en: 'The cancellation window has begun.' },
  origin_not_allowed: { sv: 'Den här webbplatsen får inte använda mottagningens bokning.', en: "This website may not use the clinic's booking." },
  unknown: { sv: 'Något gick fel. Försök igen.', en: 'Something went wrong. Try again.' },
} satisfies Messages<string>;

type Key = keyof typeof MESSAGES;

const KEY_OF_CODE: Partial<Record<string, Key>> = {
  network_error: 'network',
  timeout: 'network',
  unavailable: 'busy',
  token_expired: 'unauthorized',
};

/**
 * Turns anything an SDK call rejected with into a code and a sentence in `locale`. A conflict
 * with the problem's `conflictsWith` (a staff booking, move or undo) says what is in the way and
 * when; after a move (`context` `move`) it also says the change was undone. Every other code has
 * its own sentence; an unknown one gets a general one. A `load` is the same sentence: the element
 * says what could not be loaded.
 */
export function describeError(error: unknown, locale: Locale, context: 'move' | 'save' | 'load' = 'save', options: DescribeOptions = {}): DescribedError {
  // A function, not an element, so no TextsController: the same lookup in the table it does.
  const t = (key: Key, values?: Record<string, string>) => fill(MESSAGES[key][locale], values);
  if (!isTidbokError(error)) return { code: 'unknown', message: t('unknown') };
  const code = error.code;
  if (code === 'conflict' || code === 'slot_unavailable') {
    const other = error.problem?.conflictsWith;
    let message: string;
    if (other) {
      const zone = options.timeZone ?? 'UTC';
      const day = dateTimeFormat(locale, zone, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(other.start));
      const when = `${day} ${formatTime(other.start, zone, locale)}–${formatTime(other.end, zone, locale)}`;
      const who = options.practitionerName?.(other.practitionerId) ?? t('thePractitioner');
      message = t(other.kind === 'hold' ? 'conflictHold' : 'conflictBooking', { who, when });
    } else {
      // Without `conflictsWith` a 409 is about the state (already cancelled, changed meanwhile),
      // except after a move, which only conflicts over time.
      message = context === 'move' ? t('conflictTime') : t(code === 'slot_unavailable' ? 'slot_unavailable' : 'conflict');
    }
    return { code, message: context === 'move' ? `${message} ${t('undone')}` : message };
  }
  const key: Key = KEY_OF_CODE[code] ?? (code in MESSAGES ? (code as Key) : 'unknown');
  return { code, message: t(key) };
}
