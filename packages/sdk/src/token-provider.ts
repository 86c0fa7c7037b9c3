import { isTidbokError, TidbokError } from './errors.js';
import type { Send } from './transport.js';

/** A staff token, or a function that returns the current one (called before every request). */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * Fetches a fresh session token, typically from your own server, which does the intranet
 * handshake (`createStaffSession`) for the person signed in there.
 */
export type TokenProvider = () => Promise<string>;

/**
 * Which token the admin client sends. With a `tokenProvider`, the provider is asked for the first
 * token when none was given, and again when a request answers 401 `token_expired`. Requests that
 * fail together share one call of the provider, and a request that failed with a token already
 * replaced just uses the new one.
 */
export class TokenKeeper {
  private refreshing: Promise<string> | null = null;
  /** The provider's latest answer. */
  private fresh: string | undefined;

  constructor(
    private source: TokenSource | undefined,
    private readonly provider: TokenProvider | undefined,
  ) {
    if (source === undefined && !provider) throw new TypeError('createTidbokAdmin needs a token or a tokenProvider');
  }

  get canRefresh(): boolean {
    return this.provider !== undefined;
  }

  set(next: TokenSource): void {
    this.source = next;
    this.fresh = undefined;
  }

  async current(): Promise<string> {
    if (this.source !== undefined) return typeof this.source === 'function' ? this.source() : this.source;
    return this.refresh(undefined);
  }

  /** A token newer than `stale`: the one another request already fetched, or the provider's next. */
  refresh(stale: string | undefined): Promise<string> {
    if (this.fresh !== undefined && this.fresh !== stale) return Promise.resolve(this.fresh);
    const provider = this.provider;
    if (!provider) return Promise.reject(new TidbokError('token_expired', 'The token has expired and there is no tokenProvider'));
    this.refreshing ??= Promise.resolve()
      .then(provider)
      .then((token) => {
        if (typeof token !== 'string' || token === '') throw new TidbokError('token_expired', 'The tokenProvider gave no token');
        this.fresh = token;
        this.source = token;
        return token;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }
}

/** Sends with the keeper's token; on `token_expired`, asks for a new one once and tries again. */
export function sendWithTokens(send: Send, keeper: TokenKeeper): Send {
  return async (call, read) => {
    if (call.token !== undefined) return send(call, read);
    const token = await keeper.current();
    try {
      return await send({ ...call, token }, read);
    } catch (error) {
      if (!keeper.canRefresh || !isTidbokError(error) || error.code !== 'token_expired') throw error;
      return send({ ...call, token: await keeper.refresh(token) }, read);
    }
  };
}
