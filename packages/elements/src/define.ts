import { TidbokBooking } from './booking/booking.js';
import { TidbokBookingForm } from './booking-form/booking-form.js';
import { TidbokProvider } from './provider/provider.js';
import { TidbokRadioGroup } from './shared/radio-group/radio-group.js';
import { TidbokTextField } from './shared/text-field/text-field.js';
import { define } from './shared/define.js';
import { TidbokSlotPicker } from './slot-picker/slot-picker.js';

/**
 * Registers every public Tidbok element under its `tidbok-*` tag (skipping tags already
 * defined). Importing this module is the side effect: `import '@tidbok/elements/define'`.
 */
define('tidbok-provider', TidbokProvider);
define('tidbok-booking', TidbokBooking);
define('tidbok-slot-picker', TidbokSlotPicker);
define('tidbok-booking-form', TidbokBookingForm);
define('tidbok-text-field', TidbokTextField);
define('tidbok-radio-group', TidbokRadioGroup);
