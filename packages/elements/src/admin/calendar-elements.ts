/*
 * The calendar side of the staff elements: what `<tidbok-admin>` needs before its Settings tab is
 * opened. The embed's staff chunk (admin-entry.ts) registers only these; the settings elements
 * follow on demand (admin-settings/define.ts).
 */
import { TidbokBookPanel } from '../book-panel/book-panel.js';
import { TidbokCalendar } from '../calendar/calendar.js';
import { TidbokClientPanel } from '../client-card/panel.js';
import { TidbokClientPicker } from '../client-picker/client-picker.js';
import { TidbokEntryPopup } from '../entry-popup/entry-popup.js';
import { TidbokMenuButton } from '../menu-button/menu-button.js';
import { define } from '../shared/define.js';
import { defineTemplateWeeks } from '../template-weeks/index.js';
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

/**
 * Registers the calendar's elements whose tags are free (safe to call more than once), with
 * `<tidbok-template-weeks>`, which `<tidbok-admin>` shows under its side panel.
 */
export function defineCalendarElements(): void {
  for (const [tag, element] of Object.entries(calendarElements)) define(tag, element);
  defineTemplateWeeks();
}
