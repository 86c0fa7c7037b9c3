// @tidbok/elements: the classes, for bundlers. Import '@tidbok/elements/define' to register the
// `tidbok-*` tags, or define them yourself (`customElements.define('tidbok-booking', TidbokBooking)`;
// an element registers the inner elements it needs on its own).
export { TidbokProvider } from './provider/provider.js';
export { TidbokBooking } from './booking/booking.js';
export { TidbokBookedEvent, TidbokCancelledEvent } from './booking/events.js';
// Registers `tidbok-my-bookings` when imported (the booking widget loads it lazily, so the module defines itself).
export { TidbokMyBookings } from './my-bookings/my-bookings.js';
export { TidbokLoginEvent, TidbokLogoutEvent } from './my-bookings/events.js';
export { TidbokSlotPicker, TidbokSlotSelectEvent } from './slot-picker/slot-picker.js';
export { SlotsController, CHUNK_WEEKS, MAX_WEEKS, SEARCH_CHUNKS } from './slot-picker/slots-controller.js';
export type { SlotDay, SlotsOptions, SlotsTarget, SlotTime } from './slot-picker/slots-controller.js';
export { TidbokBookingForm, TidbokFormSubmitEvent } from './booking-form/booking-form.js';
export type { BookingFormValue } from './booking-form/booking-form.js';
export { TidbokTextField } from './shared/text-field/text-field.js';
export { TidbokRadioGroup } from './shared/radio-group/radio-group.js';
export type { RadioOption } from './shared/radio-group/radio-group.js';

// Shared pieces, also used by the staff calendar.
export { connect, tidbokContext } from './context.js';
export type { TidbokConnection } from './context.js';
export { fill, pickLocale, translate } from './i18n.js';
export type { Locale, Messages } from './i18n.js';
export { ConnectionController } from './shared/connection.js';
export type { ConnectionOptions } from './shared/connection.js';
export { LoadController } from './shared/load.js';
export type { LoadOptions, LoadStatus } from './shared/load.js';
export { CountdownController, formatRemaining } from './shared/countdown.js';
export type { CountdownOptions } from './shared/countdown.js';
export { buildIcs, icsFold, icsInstant, icsText } from './shared/ics.js';
export type { IcsEvent } from './shared/ics.js';
export {
  formatDate,
  formatDayTime,
  formatLocalDay,
  formatLocalRange,
  formatPrice,
  formatTime,
  isoWeek,
  visitorTimeZone,
  zonesDiffer,
} from './shared/format.js';
export { clearSession, getSession, hashToken, setSession, TidbokSessionChangedEvent } from './shared/client-session.js';
export type { SessionClient, StoredSession } from './shared/client-session.js';
export { define } from './shared/define.js';
export { errorCode, errorKey, isAbort, reportError } from './shared/errors.js';
export { errorMessage, loadTexts, TextsController, textsOf } from './shared/texts.js';
export type { Texts } from './shared/texts.js';
export type { Msg } from './messages/keys.js';
export { TidbokErrorEvent } from './shared/events.js';
export type { TidbokErrorDetail } from './shared/events.js';
export { buttons, theme } from './shared/styles.js';
export { passes } from './shared/validate.js';
