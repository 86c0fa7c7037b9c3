/*
 * The calendar side of the staff elements: what `<tidbok-admin>` needs to show the calendar. The
 * embed's staff chunk (admin-entry.ts) registers only these; the settings elements follow with
 * the Settings tab (admin-settings/define.ts) and `<tidbok-template-weeks>` when its panel is
 * opened (template-weeks/load.ts), each a chunk of its own.
 */
import { TidbokBookPanel } from '../book-panel/book-panel.js';
import { TidbokCalendar } from '../calendar/calendar.js';
import { TidbokClientPanel } from '../client-card/panel.js';
import { TidbokClientPicker } from '../client-picker/client-picker.js';
import { TidbokEntryPopup } from '../entry-popup/entry-popup.js';
import { TidbokMenuButton } from '../menu-button/menu-button.js';
import { define } from '../shared/define.js';
import { TidbokAdminElement } from './admin.js';

/** Tag name → class of the calendar's elements. */
export const calendarElements = {
  'tidbok-admin': TidbokAdminElement,
  'tidbok-calendar': TidbokCalendar,
  'tidbok-entry-popup': TidbokEntryPopup,
  'tidbok-client-picker': TidbokClientPicker,
  'tidbok-client-panel': TidbokClientPanel,
  'tidbok-book-panel': TidbokBookPanel,
  'tidbok-menu-button': TidbokMenuButton,
} as const;

/** Registers the calendar's elements whose tags are free (safe to call more than once). */
export function defineCalendarElements(): void {
  for (const [tag, element] of Object.entries(calendarElements)) define(tag, element);
}
