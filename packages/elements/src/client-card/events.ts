/*
 * The client card's events (docs/design.md, Elements: bubbling, composed, typed `detail`).
 *
 * `tidbok-open-client` is how anything in the staff calendar opens a client's card: the entry
 * popup for a booking's client, the client search's "Client card" button, or a page's own code
 * (`el.dispatchEvent(new TidbokOpenClientEvent({ clientId }))` from inside `<tidbok-admin>`).
 * `<tidbok-client-panel>`, which `<tidbok-admin>` places beside the calendar, listens for it.
 */

export interface OpenClientDetail {
  /** The client's id. */
  clientId: string;
}

/** Asks the staff calendar to show this client's card. */
export class TidbokOpenClientEvent extends CustomEvent<OpenClientDetail> {
  constructor(detail: OpenClientDetail) {
    super('tidbok-open-client', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tidbok-open-client': TidbokOpenClientEvent;
  }
}
