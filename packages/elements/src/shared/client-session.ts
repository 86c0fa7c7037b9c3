/*
 * A logged-in client's session, shared by every Tidbok element of one clinic on the page: kept in
 * sessionStorage (this tab only, gone when it closes) under a key of api + clinic, and announced
 * on `window` as `tidbok-session-changed` so the booking widget and "My bookings" stay in step.
 * Small on purpose: the booking widget's first bundle carries it.
 *
 * A session is stored only with whose it is: an element shows "Logged in as …" wherever it uses
 * one, and a session from a link is stored only after the visitor saw its owner and said yes
 * (`<tidbok-my-bookings>`), so a link someone else made cannot log a visitor in unnoticed.
 */

/** Who the session belongs to, as `verifyLogin()` returned it. Never the personal identity number. */
export interface SessionClient {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** A test client staff opened the page as (`#tidbok-session=`): the page says so. */
  isTest?: boolean;
}

export interface StoredSession {
  token: string;
  client: SessionClient;
}

/** Fired on `window` when the session of `api` + `clinic` was stored or cleared (`session` undefined). */
export class TidbokSessionChangedEvent extends Event {
  constructor(readonly detail: { api: string; clinic: string; session: StoredSession | undefined }) {
    super('tidbok-session-changed');
  }
}

/** A copy for where storage is refused (a sandboxed frame, storage turned off): lasts as long as the page. */
const memory: Record<string, string> = {};
const keyOf = (api: string, clinic: string) => `tidbok-session ${api} ${clinic}`;

export function getSession(api: string, clinic: string): StoredSession | undefined {
  const key = keyOf(api, clinic);
  try {
    let text = memory[key];
    try {
      text = sessionStorage.getItem(key) ?? text;
    } catch {
      // Storage refused: the copy is all there is.
    }
    const value = JSON.parse(text ?? 'null') as StoredSession | null;
    // One without its owner (stored by an older version) is not used: nobody confirmed it.
    return typeof value?.token === 'string' && typeof value.client?.name === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Stores (or with `undefined` clears) the session and tells every element on the page. */
export function setSession(api: string, clinic: string, session: StoredSession | undefined): void {
  const key = keyOf(api, clinic);
  const client = session?.client;
  // Only what the widget shows: a client record's personal number must not reach storage. A test
  // client's session says so after a reload too.
  const shown = client && { id: client.id, name: client.name, email: client.email, phone: client.phone, ...(client.isTest ? { isTest: true } : {}) };
  const kept = session && shown && { token: session.token, client: shown };
  try {
    if (kept) sessionStorage.setItem(key, (memory[key] = JSON.stringify(kept)));
    else sessionStorage.removeItem(key);
  } catch {
    // Kept in memory only.
  }
  if (!kept) delete memory[key];
  window.dispatchEvent(new TidbokSessionChangedEvent({ api, clinic, session: kept }));
}

export const clearSession = (api: string, clinic: string): void => setSession(api, clinic, undefined);

/** The token in `#tidbok-login=…` or `#tidbok-session=…` of this page's address, if any. */
export function hashToken(name: 'login' | 'session'): string | undefined {
  const match = new RegExp(`[#&]tidbok-${name}=([^&]+)`).exec(globalThis.location?.hash ?? '');
  try {
    return match ? decodeURIComponent(match[1]!) : undefined;
  } catch {
    return match![1];
  }
}

declare global {
  interface WindowEventMap {
    'tidbok-session-changed': TidbokSessionChangedEvent;
  }
}
