/*
 * The staff side of @tidbok/elements (`@tidbok/elements/admin`): `<tidbok-admin>` and the pieces
 * it is made of, with their events and types. The classes do not register themselves: import
 * '@tidbok/elements/admin/define' (or call `defineAdminElements()`) once, or register the classes
 * under other names with `customElements.define`.
 */
import { defineSettingsElements } from '../admin-settings/define.js';
import { defineTemplateWeeks } from '../template-weeks/index.js';
import { defineCalendarElements } from './calendar-elements.js';

export { TidbokAdminElement } from './admin.js';
export { TidbokSessionExpiredEvent } from './session-watch.js';
export type { SessionExpiredDetail } from './session-watch.js';
export { TidbokIntegrationKeys } from '../staff-access/integration-keys.js';
export { TidbokStaffAccess } from '../staff-access/staff-access.js';
export { TidbokAdminSettings, TidbokSettingsChangeEvent } from '../admin-settings/admin-settings.js';
export type { SettingsChangeDetail, SettingsSection } from '../admin-settings/admin-settings.js';
export { TidbokWebhooksSettings } from '../webhooks-settings/webhooks-settings.js';
export { TidbokAuditLog } from '../audit-log/audit-log.js';
export { TidbokBusyCalendar } from '../admin-settings/busy-calendar.js';
export { TidbokCalendarSubscription } from '../admin-settings/calendar-subscription.js';
export { TidbokBookPanel } from '../book-panel/book-panel.js';
export { TidbokCalendar } from '../calendar/calendar.js';
export { TidbokClientPicker } from '../client-picker/client-picker.js';
export { TidbokEntryPopup } from '../entry-popup/entry-popup.js';
export { TidbokMenuButton } from '../menu-button/menu-button.js';
export type { MenuItem } from '../menu-button/menu-button.js';
export {
  TidbokCalendarChangeEvent,
  TidbokClientChangeEvent,
  TidbokDraftChangeEvent,
  TidbokMenuSelectEvent,
  TidbokPopupCloseEvent,
  TidbokSlotPickEvent,
  TidbokWeekChangeEvent,
} from '../calendar/events.js';
export type { CalendarChangeAction, CalendarChangeDetail, ClientChangeDetail, Draft, DraftTab, EntryKind, WeekChangeDetail } from '../calendar/events.js';
export { TidbokTemplateWeeks } from '../template-weeks/template-weeks.js';
export { TidbokTemplateAppliedEvent, TidbokWorkingTimeDeletedEvent } from '../template-weeks/events.js';
export type { TemplateAppliedDetail, WorkingTimeDeletedDetail } from '../template-weeks/events.js';

/**
 * Registers every staff element whose tag is free (safe to call more than once), with
 * `<tidbok-template-weeks>`, which `<tidbok-admin>` shows under its side panel.
 */
export function defineAdminElements(): void {
  defineCalendarElements();
  defineTemplateWeeks();
  defineSettingsElements();
}
