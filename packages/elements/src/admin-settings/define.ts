/*
 * The settings side of the staff elements: `<tidbok-admin-settings>` and the elements its sections
 * show. Kept apart from the calendar so that `<tidbok-admin>` loads it with `import()` the first
 * time someone opens the Settings tab: a receptionist's page loads the calendar without the
 * settings code (the embed's staff chunk stays within its budget, docs/performance.md), and a
 * bundler splits it the same way for pages built from the package.
 */
import { TidbokAuditLog } from '../audit-log/audit-log.js';
import { define } from '../shared/define.js';
import { TidbokIntegrationKeys } from '../staff-access/integration-keys.js';
import { TidbokStaffAccess } from '../staff-access/staff-access.js';
import { TidbokWebhooksSettings } from '../webhooks-settings/webhooks-settings.js';
import { TidbokAdminSettings } from './admin-settings.js';
import { TidbokBusyCalendar } from './busy-calendar.js';
import { TidbokCalendarSubscription } from './calendar-subscription.js';
import { TidbokHolidaySettings } from './holiday-settings.js';
import { TidbokMessageSettings } from './message-settings.js';
import { TidbokReceiptSettings } from './receipt-settings.js';
import { TidbokWebsiteSettings } from './website-settings.js';

/** Tag name → class of every element the Settings tab shows. */
export const settingsElements = {
  'tidbok-admin-settings': TidbokAdminSettings,
  'tidbok-integration-keys': TidbokIntegrationKeys,
  'tidbok-staff-access': TidbokStaffAccess,
  'tidbok-webhooks-settings': TidbokWebhooksSettings,
  'tidbok-audit-log': TidbokAuditLog,
  'tidbok-calendar-subscription': TidbokCalendarSubscription,
  'tidbok-busy-calendar': TidbokBusyCalendar,
  'tidbok-message-settings': TidbokMessageSettings,
  'tidbok-receipt-settings': TidbokReceiptSettings,
  'tidbok-website-settings': TidbokWebsiteSettings,
  'tidbok-holiday-settings': TidbokHolidaySettings,
} as const;

/** Registers the settings elements whose tags are free (safe to call more than once). */
export function defineSettingsElements(): void {
  for (const [tag, element] of Object.entries(settingsElements)) define(tag, element);
}
