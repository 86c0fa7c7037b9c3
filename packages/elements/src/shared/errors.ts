import { isTidbokError } from '@tidbok/sdk';
import { type Locale, type Messages, translate } from '../i18n.js';
import { type TidbokErrorDetail, TidbokErrorEvent } from './events.js';

const messages = {
  network: {
    sv: 'Vi får ingen kontakt med bokningen just nu. Kontrollera din uppkoppling och försök igen.',
    en: 'We cannot reach the booking service right now. Check your connection and try again.',
  },
  busy: {
    sv: 'Det är många försök just nu. Vänta en minut och försök igen.',
    en: 'There are too many attempts right now. Wait a minute and try again.',
  },
  notFound: { sv: 'Mottagningen hittades inte.', en: 'The clinic could not be found.' },
  closed: { sv: 'Onlinebokningen är stängd just nu.', en: 'Online booking is closed at the moment.' },
  other: { sv: 'Något gick fel. Försök igen.', en: 'Something went wrong. Please try again.' },
} satisfies Messages<string>;

/** The `TidbokError` code of anything thrown, `unknown` for the rest. */
export const errorCode = (error: unknown): TidbokErrorDetail['code'] => (isTidbokError(error) ? error.code : 'unknown');

/** True for a failure nobody needs to hear about: the element itself cancelled the request. */
export const isAbort = (error: unknown): boolean =>
  errorCode(error) === 'aborted' || (error as { name?: string } | null)?.name === 'AbortError';

const KEY_OF_CODE: Record<string, keyof typeof messages> = {
  network_error: 'network',
  timeout: 'network',
  unavailable: 'network',
  rate_limited: 'busy',
  not_found: 'notFound',
  module_disabled: 'closed',
};

/** A sentence for a visitor, in their language, for any failure. */
export function errorMessage(error: unknown, locale: Locale): string {
  return translate(messages, locale, KEY_OF_CODE[errorCode(error)] ?? 'other');
}

/** Tells the page about a failure the element has shown (never throws it). */
export function reportError(host: EventTarget, action: string, error: unknown): void {
  host.dispatchEvent(new TidbokErrorEvent({ code: errorCode(error), action, error }));
}
