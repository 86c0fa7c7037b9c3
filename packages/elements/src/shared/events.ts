import type { TidbokErrorCode } from '@tidbok/sdk';

export interface TidbokErrorDetail {
  /** The `TidbokError` code, or `unknown` for anything else. */
  code: TidbokErrorCode | 'unknown';
  /** What the element was doing: `clinic`, `slots`, `hold`, `book`, `cancel`, `texts` (loading its texts), … */
  action: string;
  error: unknown;
}

/**
 * Fired (bubbling, composed) when an element caught a failure and showed it to the visitor.
 * Elements never throw to the page; this is how a page learns about it (logging, analytics).
 */
export class TidbokErrorEvent extends Event {
  constructor(readonly detail: TidbokErrorDetail) {
    super('tidbok-error', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tidbok-error': TidbokErrorEvent;
  }
}
