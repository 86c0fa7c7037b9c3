import { feedActivities, feedBookings } from '../store/repositories/calendar-feed.js';
import type { Db } from '../store/store.js';
import type { FeedEvent } from './feed-ics.js';

const DAY_MS = 86_400_000;
/** How far back and ahead a feed reaches: recent history to look back on, and the booked future. */
export const FEED_DAYS_BACK = 60;
export const FEED_DAYS_AHEAD = 365;
/** A bound on each kind of entry, far above what one practitioner books in the window. */
const MAX_ENTRIES = 10_000;

const BOOKED = { sv: 'Bokad', en: 'Booked' } as const;
const NO_SHOW = { sv: 'Uteblev', en: 'No-show' } as const;

export interface FeedSource {
  practitionerId: string;
  clinicId: string;
  locale: 'sv' | 'en';
  /** Whether the clinic lets feeds show clients' names (setting `calendarFeedClientNames`). */
  clientNames: boolean;
}

/**
 * From the start of the UTC day, so that the window, and with it the file and its ETag, stays the
 * same all day when nothing changes.
 */
export function feedWindow(now: number): { from: number; to: number } {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return { from: today - FEED_DAYS_BACK * DAY_MS, to: today + (FEED_DAYS_AHEAD + 1) * DAY_MS };
}

/**
 * The practitioner's bookings and activities in the window. Cancelled bookings are left out: a
 * subscribed calendar removes an entry the feed no longer has, which frees the time on the phone
 * too, where a cancelled entry would stay on the screen struck through. Notes are never included.
 */
export async function feedEvents(db: Db, source: FeedSource, window: { from: number; to: number }): Promise<FeedEvent[]> {
  const query = { clinicId: source.clinicId, practitionerId: source.practitionerId, from: window.from, to: window.to, limit: MAX_ENTRIES };
  const bookings = await feedBookings(db, query);
  const activities = await feedActivities(db, query);

  const events: FeedEvent[] = bookings.map((b) => {
    const who = source.clientNames ? b.client_name : (b.status === 'no_show' ? NO_SHOW : BOOKED)[source.locale];
    const mark = source.clientNames && b.status === 'no_show' ? ` (${NO_SHOW[source.locale]})` : '';
    return {
      uid: `${b.id}@tidbok`,
      start: b.start_ms,
      end: b.end_ms,
      updatedAt: b.updated_at,
      summary: `${b.treatment_name} – ${who}${mark}`,
      location: b.location_name,
    };
  });
  for (const a of activities) {
    events.push({ uid: `${a.id}@tidbok`, start: a.start_ms, end: a.end_ms, updatedAt: a.updated_at, summary: a.title });
  }
  return events.sort((x, y) => x.start - y.start || (x.uid < y.uid ? -1 : 1));
}
