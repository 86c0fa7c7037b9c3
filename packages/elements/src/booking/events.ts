import type { Booking } from '@tidbok/sdk';

/** Fired (bubbling, composed) when the visitor's booking is made. */
export class TidbokBookedEvent extends Event {
  constructor(readonly detail: { booking: Booking }) {
    super('tidbok-booked', { bubbles: true, composed: true });
  }
}

/** Fired (bubbling, composed) when the visitor cancelled the booking they just made. */
export class TidbokCancelledEvent extends Event {
  constructor(readonly detail: { booking: Booking }) {
    super('tidbok-cancelled', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tidbok-booked': TidbokBookedEvent;
    'tidbok-cancelled': TidbokCancelledEvent;
  }
}
