import { isTidbokError } from '@tidbok/sdk';
import { type TidbokErrorDetail, TidbokErrorEvent } from './events.js';
import { Msg } from '../messages/keys.js';

/** The `TidbokError` code of anything thrown, `unknown` for the rest. */
export const errorCode = (error: unknown): TidbokErrorDetail['code'] => (isTidbokError(error) ? error.code : 'unknown');

/** True for a failure nobody needs to hear about: the element itself cancelled the request. */
export const isAbort = (error: unknown): boolean => errorCode(error) === 'aborted' || (error as { name?: string } | null)?.name === 'AbortError';

const KEY_OF_CODE: Record<string, Msg> = {
  network_error: Msg.network,
  timeout: Msg.network,
  unavailable: Msg.network,
  rate_limited: Msg.busy,
  not_found: Msg.notFound,
  module_disabled: Msg.closed,
  origin_not_allowed: Msg.notHere,
};

/** The text (messages/sv.ts, "Failures") that tells a visitor about a failure, for any failure. */
export const errorKey = (error: unknown): Msg => KEY_OF_CODE[errorCode(error)] ?? Msg.other;

/** Tells the page about a failure the element has shown (never throws it). */
export function reportError(host: EventTarget, action: string, error: unknown): void {
  host.dispatchEvent(new TidbokErrorEvent({ code: errorCode(error), action, error }));
}
