import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as outbox from './0002-outbox.js';
import * as receipts from './0003-receipts.js';
import * as templateWeeks from './0004-template-weeks.js';
import * as clientAuth from './0005-client-auth.js';
import * as boundedOverlap from './0006-bounded-overlap.js';
import * as activeHoldsByAddress from './0007-active-holds-by-address.js';
import * as bookingIntegrity from './0008-booking-integrity.js';
import * as smsGuard from './0009-sms-guard.js';
import * as auditLog from './0012-audit-log.js';
import * as staffSessions from './0013-staff-sessions.js';
import * as staffCredentials from './0014-staff-credentials.js';
import * as webhooks from './0015-webhooks.js';
import * as calendarFeeds from './0016-calendar-feeds.js';
import * as busyCalendars from './0017-busy-calendars.js';
import * as bookingLocale from './0018-booking-locale.js';
import * as bookingEventSequences from './0019-booking-event-sequences.js';
import * as clientNotes from './0022-client-notes.js';

/** Versioned migrations, applied in key order and recorded by Kysely's migrator. */
export const sqliteMigrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-outbox': outbox,
  '0003-receipts': receipts,
  '0004-template-weeks': templateWeeks,
  '0005-client-auth': clientAuth,
  '0006-bounded-overlap': boundedOverlap,
  '0007-active-holds-by-address': activeHoldsByAddress,
  '0008-booking-integrity': bookingIntegrity,
  '0009-sms-guard': smsGuard,
  '0012-audit-log': auditLog,
  '0013-staff-sessions': staffSessions,
  '0014-staff-credentials': staffCredentials,
  '0015-webhooks': webhooks,
  '0016-calendar-feeds': calendarFeeds,
  '0017-busy-calendars': busyCalendars,
  '0018-booking-locale': bookingLocale,
  '0019-booking-event-sequences': bookingEventSequences,
  '0022-client-notes': clientNotes,
};
