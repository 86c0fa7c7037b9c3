import type { CalendarFeedCreated, CalendarFeedStatus } from '@tidbok/core';
import { hashSecret, newSecret } from '../secrets.js';
import { findPractitionerRow } from '../services/catalogue.js';
import type { Deps } from '../services/deps.js';
import type { ClinicRow } from '../services/rows.js';
import { calendarFeedOfPractitioner, type FeedOwner, feedByTokenHash, removeCalendarFeed, replaceCalendarFeed } from '../store/repositories/calendar-feed.js';
import type { Db } from '../store/store.js';
import { iso } from '../time.js';

/** The secret in a feed's URL: `cal_` and 256 random bits, base64url. */
export const FEED_TOKEN = /^cal_[A-Za-z0-9_-]{43}$/;

/** Where calendar apps fetch the feed. The token is the whole credential, so it is the file name. */
export function feedUrl(deps: Deps, token: string): string {
  return `${deps.config.publicUrl}/feeds/${token}.ics`;
}

/** A new address for the practitioner's feed; the one before stops working in the same write. */
export async function createFeed(deps: Deps, clinic: ClinicRow, practitionerId: string, staffId: string): Promise<CalendarFeedCreated> {
  const token = newSecret('cal');
  const now = deps.clock.now();
  await deps.store.write(async (trx) => {
    await findPractitionerRow(trx, clinic.id, practitionerId);
    await replaceCalendarFeed(trx, {
      practitioner_id: practitionerId,
      clinic_id: clinic.id,
      token_hash: hashSecret(token),
      created_by: staffId,
      created_at: now,
    });
  });
  return { url: feedUrl(deps, token), createdAt: iso(now) };
}

/** Ends the practitioner's feed, if there is one. */
export async function revokeFeed(deps: Deps, clinic: ClinicRow, practitionerId: string): Promise<void> {
  await deps.store.write(async (trx) => {
    await findPractitionerRow(trx, clinic.id, practitionerId);
    await removeCalendarFeed(trx, clinic.id, practitionerId);
  });
}

export async function feedStatus(deps: Deps, clinic: ClinicRow, practitionerId: string): Promise<CalendarFeedStatus> {
  const { db } = deps.store;
  await findPractitionerRow(db, clinic.id, practitionerId);
  const row = await calendarFeedOfPractitioner(db, clinic.id, practitionerId);
  return { active: row !== undefined, createdAt: row ? iso(row.created_at) : null };
}

/** The clinic (its row) and practitioner a feed token belongs to, or undefined (unknown, replaced, removed). */
export async function findFeed(db: Db, token: string): Promise<FeedOwner | undefined> {
  return feedByTokenHash(db, hashSecret(token));
}
