// @tidbok/elements: the public elements' classes, their events and types, for bundlers. Import
// '@tidbok/elements/define' to register the `tidbok-*` tags, or define them yourself
// (`customElements.define('tidbok-booking', TidbokBooking)`; an element registers the inner
// elements it needs on its own). The staff elements are '@tidbok/elements/admin'. Nothing else is
// exported: the helpers the elements share are not an API (package.json `exports`).
export { TidbokProvider } from './provider/provider.js';
export { TidbokBooking } from './booking/booking.js';
export { TidbokBookedEvent, TidbokCancelledEvent } from './booking/events.js';
// Registers `tidbok-my-bookings` when imported (the booking widget loads it lazily, so the module defines itself).
export { TidbokMyBookings } from './my-bookings/my-bookings.js';
export { TidbokLoginEvent, TidbokLogoutEvent } from './my-bookings/events.js';
// Moves one booking (slot picker, question, move); My bookings and the manage page's Move use it.
export { TidbokMoveBooking, TidbokMoveClosedEvent, TidbokRescheduledEvent } from './my-bookings/move-booking.js';
export type { SessionClient } from './shared/client-session.js';
export { TidbokSlotPicker, TidbokSlotSelectEvent } from './slot-picker/slot-picker.js';
export { TidbokBookingForm, TidbokFormSubmitEvent } from './booking-form/booking-form.js';
export type { BookingFormValue } from './booking-form/booking-form.js';
export { TidbokTextField } from './shared/text-field/text-field.js';
export { TidbokRadioGroup } from './shared/radio-group/radio-group.js';
export type { RadioOption } from './shared/radio-group/radio-group.js';

export { TidbokErrorEvent } from './shared/events.js';
export type { TidbokErrorDetail } from './shared/events.js';
export type { Locale } from './i18n.js';
