import type { FetchLike, TokenProvider } from '@tidbok/sdk';

/** The detail of `tidbok-session-expired`. */
export interface SessionExpiredDetail {
  /** Why: the server said the token ran out, or the tokenProvider could not give a new one. */
  reason: 'token_expired' | 'provider_failed';
}

export class TidbokSessionExpiredEvent extends CustomEvent<SessionExpiredDetail> {
  constructor(detail: SessionExpiredDetail) {
    super('tidbok-session-expired', { detail, bubbles: true, composed: true });
  }
}

/**
 * Watches the staff client's answers for an expired session. The SDK asks the `tokenProvider`
 * for a new token by itself; the host hears of an expiry only when that cannot help: there is no
 * provider, or it failed. Then the page can sign the person in again and set a new `token`.
 */
export function watchSession(host: EventTarget, provider: TokenProvider | undefined) {
  let told = false;
  const tell = (reason: SessionExpiredDetail['reason']) => {
    // Once per connection: every poll after the expiry would answer the same.
    if (told) return;
    told = true;
    host.dispatchEvent(new TidbokSessionExpiredEvent({ reason }));
  };
  const fetchWatching: FetchLike = async (input, init) => {
    const response = await fetch(input, init);
    if (response.status === 401 && !provider) {
      const code = await response
        .clone()
        .json()
        .then((body: { code?: unknown }) => body.code)
        .catch(() => undefined);
      if (code === 'token_expired') tell('token_expired');
    }
    return response;
  };
  const tokenProvider: TokenProvider | undefined =
    provider &&
    (async () => {
      try {
        const token = await provider();
        told = false;
        return token;
      } catch (error) {
        tell('provider_failed');
        throw error;
      }
    });
  return { fetch: fetchWatching, tokenProvider };
}
