/*
 * The staff side of @tidbok/elements: `<tidbok-admin>` and the pieces it is made of. The classes
 * do not register themselves (the package is side-effect free); call `defineAdminElements()`
 * once, or register the classes under other names with `customElements.define`.
 */
import { TidbokAdminSettings } from '../admin-settings/admin-settings.js';
import { TidbokWebhooksSettings } from '../webhooks-settings/webhooks-settings.js';
import { TidbokAuditLog } from '../audit-log/audit-log.js';
import { TidbokBusyCalendar } from '../admin-settings/busy-calendar.js';
import { TidbokCalendarSubscription } from '../admin-settings/calendar-subscription.js';
import { TidbokBookPanel } from '../book-panel/book-panel.js';
import { TidbokCalendar } from '../calendar/calendar.js';
import { TidbokClientPicker } from '../client-picker/client-picker.js';
import { TidbokEntryPopup } from '../entry-popup/entry-popup.js';
import { TidbokMenuButton } from '../menu-button/menu-button.js';
import { define } from '../shared/define.js';
import { defineTemplateWeeks } from '../template-weeks/index.js';
import { TidbokAdminElement } from './admin.js';
import { TidbokIntegrationKeys } from '../staff-access/integration-keys.js';
import { TidbokStaffAccess } from '../staff-access/staff-access.js';

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
export type {
  CalendarChangeAction,
  CalendarChangeDetail,
  ClientChangeDetail,
  Draft,
  DraftTab,
  EntryKind,
  WeekChangeDetail,
} from '../calendar/events.js';
export { SERVER_FEATURES } from '../calendar/server-features.js';
export type { ServerFeatures } from '../calendar/server-features.js';
export { CalendarFeedController } from '../calendar/calendar-feed-controller.js';
export type { CalendarFeedOptions, CalendarFeedQuery } from '../calendar/calendar-feed-controller.js';
export { ClinicDataController } from '../calendar/clinic-data-controller.js';
export type { ClinicData, ClinicDataOptions } from '../calendar/clinic-data-controller.js';

/** Tag name → class of every staff element. */
export const adminElements = {
  'tidbok-admin': TidbokAdminElement,
  'tidbok-calendar': TidbokCalendar,
  'tidbok-entry-popup': TidbokEntryPopup,
  'tidbok-client-picker': TidbokClientPicker,
  'tidbok-book-panel': TidbokBookPanel,
  'tidbok-menu-button': TidbokMenuButton,
  'tidbok-admin-settings': TidbokAdminSettings,
  'tidbok-integration-keys': TidbokIntegrationKeys,
  'tidbok-staff-access': TidbokStaffAccess,
  'tidbok-webhooks-settings': TidbokWebhooksSettings,
  'tidbok-audit-log': TidbokAuditLog,
  'tidbok-calendar-subscription': TidbokCalendarSubscription,
  'tidbok-busy-calendar': TidbokBusyCalendar,
} as const;

/**
 * Registers the staff elements whose tags are free (safe to call more than once), with
 * `<tidbok-template-weeks>`, which `<tidbok-admin>` shows under its side panel.
 */
export function defineAdminElements(): void {
  for (const [tag, element] of Object.entries(adminElements)) define(tag, element);
  defineTemplateWeeks();
}
