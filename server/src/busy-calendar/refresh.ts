import { notFound } from '../errors.js';
import { OutboundError } from '../http/outbound-url.js';
import { openLink, SealedLinkError } from '../notifications/sealed-link.js';
import { newId } from '../secrets.js';
import type { Deps } from '../services/deps.js';
import { DatabaseUnavailableError } from '../store/database-unavailable.js';
import {
  type BusyCalendarRead,
  busyCalendarToRead,
  recordBusyCalendarFailure,
  recordBusyCalendarUnchanged,
  replaceBusyCalendarCopy,
} from '../store/repositories/busy-calendar.js';
import type { BusyTimeTable } from '../store/schema.js';
import { calendarUrl, fetchFeed } from './fetch-feed.js';
import { type BusyOccurrence, BusyFeedError, parseBusy } from './parse-busy.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The window kept: from a day back (a booking being moved today) to half a year ahead. */
export const WINDOW_BEFORE_MS = DAY;
export const WINDOW_AFTER_MS = 180 * DAY;
/** How often each calendar is read in the background, give or take a minute or two. */
export const REFRESH_EVERY_MS = 15 * MINUTE;
/** An unchanged copy (304) is trusted this long; then the whole copy is read to move the window. */
const REPARSE_AFTER_MS = DAY;

/** The associated data a calendar's sealed address is bound to: it opens for this practitioner only. */
export const sealContext = (practitionerId: string) => `busy-calendar:${practitionerId}`;

/** The next background read, spread over two minutes so calendars added together are not read together. */
export const nextRefreshAt = (now: number) => now + REFRESH_EVERY_MS + Math.floor(Math.random() * 2 * MINUTE);

/** Errors may quote what the calendar's server said; keep them short and on one line. */
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 300);

/** Cuts an interval into pieces of at most a day, so range reads can bound `start_ms` (common.ts). */
function pieces(o: BusyOccurrence): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let start = o.start; start < o.end; start += DAY) out.push({ start, end: Math.min(o.end, start + DAY) });
  return out;
}

export interface RefreshOutcome {
  events: number;
  fetchedAt: number;
}

/**
 * Reads one practitioner's calendar now and stores its busy time in place of the last copy. A
 * failure (unreachable, refused address, not iCalendar, too large) keeps the last good copy,
 * records the reason for staff and throws BusyFeedError. The result is dropped if the calendar
 * was removed or given another address while it was being read.
 */
export async function refreshBusyCalendar(deps: Deps, practitionerId: string): Promise<RefreshOutcome> {
  const { store, clock, config } = deps;
  const row = await busyCalendarToRead(store.db, practitionerId);
  if (!row) throw notFound('Busy calendar');
  const now = clock.now();
  const same: BusyCalendarRead = { practitionerId: row.practitioner_id, urlSealed: row.url_sealed };

  try {
    const url = calendarUrl(openLink(config, sealContext(practitionerId), row.url_sealed), config);
    const fresh = row.parsed_at !== null && now - row.parsed_at < REPARSE_AFTER_MS;
    const answer = await fetchFeed(url, {
      config,
      etag: fresh ? row.etag : null,
      lastModified: fresh ? row.last_modified : null,
    });
    const done = clock.now();
    if (!answer.changed) {
      await store.write((trx) => recordBusyCalendarUnchanged(trx, { ...same, done, nextFetchAt: nextRefreshAt(done) }));
      return { events: row.event_count, fetchedAt: done };
    }
    const occurrences = parseBusy(answer.text, row.time_zone, now - WINDOW_BEFORE_MS, now + WINDOW_AFTER_MS);
    const rows: BusyTimeTable[] = occurrences.flatMap((o) =>
      pieces(o).map((p) => ({
        id: newId('bz'),
        clinic_id: row.clinic_id,
        practitioner_id: row.practitioner_id,
        start_ms: p.start,
        end_ms: p.end,
        // Titles are private: kept only where the practitioner lets staff see them.
        title: row.show_titles === 1 ? o.title : null,
      })),
    );
    await store.write((trx) =>
      replaceBusyCalendarCopy(trx, same, {
        etag: answer.etag,
        lastModified: answer.lastModified,
        eventCount: occurrences.length,
        done,
        nextFetchAt: nextRefreshAt(done),
        times: rows,
      }),
    );
    return { events: occurrences.length, fetchedAt: done };
  } catch (error) {
    // The database failing is the database's problem (503), not the calendar's.
    if (error instanceof DatabaseUnavailableError) throw error;
    const known = error instanceof BusyFeedError || error instanceof SealedLinkError || error instanceof OutboundError;
    const message =
      error instanceof SealedLinkError
        ? "The calendar's address cannot be opened: the server's secret key has changed since it was saved. Set the address again."
        : known
          ? describe(error)
          : 'The calendar could not be read';
    const done = clock.now();
    await store.write((trx) => recordBusyCalendarFailure(trx, { ...same, done, error: message, nextFetchAt: nextRefreshAt(done) }));
    throw error instanceof BusyFeedError ? error : new BusyFeedError(message, { cause: error });
  }
}
