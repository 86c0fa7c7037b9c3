import type { SessionClient } from '../shared/client-session.js';

/** Fired (bubbling, composed) when the client said yes to a link: the e-mail link, or staff's test-client link. */
export class TidbokLoginEvent extends Event {
  constructor(readonly detail: { client: SessionClient }) {
    super('tidbok-login', { bubbles: true, composed: true });
  }
}

/** Fired (bubbling, composed) when the client logged out. */
export class TidbokLogoutEvent extends Event {
  constructor() {
    super('tidbok-logout', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tidbok-login': TidbokLoginEvent;
    'tidbok-logout': TidbokLogoutEvent;
  }
}
