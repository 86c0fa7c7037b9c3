/*
 * The card's own event, in a module of the card's chunk (client-card/events.ts holds the event
 * the first load fires; kit.ts says why the chunk does not share modules with it).
 */

/** Fired by the card when it was closed (Escape or its Close button). */
export class TidbokClientCardCloseEvent extends Event {
  constructor() {
    super('tidbok-client-card-close', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tidbok-client-card-close': TidbokClientCardCloseEvent;
  }
}
