import type { Selectable } from 'kysely';
import type { BusyCalendarTable, BusyTimeTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

export type BusyCalendarRow = Selectable<BusyCalendarTable>;

/** The clinic's practitioner's private calendar, or undefined when none is set. */
export async function busyCalendarOfClinic(q: Queryable, clinicId: string, practitionerId: string): Promise<BusyCalendarRow | undefined> {
  return q.selectFrom('busy_calendars').selectAll().where('practitioner_id', '=', practitionerId).where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** Whether the practitioner has a private calendar (of any clinic). */
export async function hasBusyCalendar(trx: Trx, practitionerId: string): Promise<boolean> {
  const existing = await trx.selectFrom('busy_calendars').select('show_titles').where('practitioner_id', '=', practitionerId).executeTakeFirst();
  return existing !== undefined;
}

/** A calendar's (sealed) address and whether its titles are shown, as staff set them. */
export interface BusyCalendarAddress {
  practitionerId: string;
  urlSealed: string;
  showTitles: number;
  now: number;
}

/** Gives the practitioner's calendar a new address (or titles setting), to be read in full at once. */
export async function replaceBusyCalendarAddress(trx: Trx, { practitionerId, urlSealed, showTitles, now }: BusyCalendarAddress): Promise<void> {
  await trx
    .updateTable('busy_calendars')
    // A new address (or a change of titles) is read in full: validators of the old copy go.
    .set({
      url_sealed: urlSealed,
      show_titles: showTitles,
      etag: null,
      last_modified: null,
      parsed_at: null,
      last_error: null,
      next_fetch_at: now,
      locked_until: 0,
      updated_at: now,
    })
    .where('practitioner_id', '=', practitionerId)
    .execute();
}

/** Stores the practitioner's new calendar, never read yet and due at once. */
export async function addBusyCalendar(
  trx: Trx,
  { practitionerId, clinicId, urlSealed, showTitles, now }: BusyCalendarAddress & { clinicId: string },
): Promise<void> {
  await trx
    .insertInto('busy_calendars')
    .values({
      practitioner_id: practitionerId,
      clinic_id: clinicId,
      url_sealed: urlSealed,
      show_titles: showTitles,
      etag: null,
      last_modified: null,
      fetched_at: null,
      parsed_at: null,
      checked_at: null,
      last_error: null,
      event_count: 0,
      next_fetch_at: now,
      locked_until: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Whether the clinic's practitioner has a private calendar. */
export async function clinicHasBusyCalendar(trx: Trx, clinicId: string, practitionerId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('busy_calendars')
    .select('practitioner_id')
    .where('practitioner_id', '=', practitionerId)
    .where('clinic_id', '=', clinicId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Deletes the practitioner's calendar and every busy time read from it. */
export async function removeBusyCalendarAndTimes(trx: Trx, practitionerId: string): Promise<void> {
  await trx.deleteFrom('busy_times').where('practitioner_id', '=', practitionerId).execute();
  await trx.deleteFrom('busy_calendars').where('practitioner_id', '=', practitionerId).execute();
}

/** Whether the practitioner has busy time overlapping `[start, end)`; `startsAfter` is a lower bound on the start of any that does. */
export async function busyTimeOverlaps(
  q: Queryable,
  { practitionerId, start, end, startsAfter }: { practitionerId: string; start: number; end: number; startsAfter: number },
): Promise<boolean> {
  const row = await q
    .selectFrom('busy_times')
    .select('id')
    .where('practitioner_id', '=', practitionerId)
    .where('start_ms', '<', end)
    .where('start_ms', '>', startsAfter)
    .where('end_ms', '>', start)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The practitioner whose calendar is due to be read first (due by `now`, not leased, practitioner not removed), or undefined. */
export async function dueBusyCalendar(trx: Trx, now: number): Promise<string | undefined> {
  const due = await trx
    .selectFrom('busy_calendars as b')
    .innerJoin('practitioners as p', 'p.id', 'b.practitioner_id')
    .select('b.practitioner_id')
    .where('b.next_fetch_at', '<=', now)
    .where('b.locked_until', '<=', now)
    .where('p.deleted_at', 'is', null)
    .orderBy('b.next_fetch_at')
    .limit(1)
    .executeTakeFirst();
  return due?.practitioner_id;
}

/**
 * Leases the practitioner's calendar until `lockedUntil` and moves its next read to `nextFetchAt`,
 * only where it is not leased at `now`: false when another process leased it first.
 */
export async function leaseBusyCalendar(
  trx: Trx,
  { practitionerId, now, lockedUntil, nextFetchAt }: { practitionerId: string; now: number; lockedUntil: number; nextFetchAt: number },
): Promise<boolean> {
  // Taken only where still free, as the dispatcher does, whatever the isolation level.
  const taken = await trx
    .updateTable('busy_calendars')
    .set({ locked_until: lockedUntil, next_fetch_at: nextFetchAt })
    .where('practitioner_id', '=', practitionerId)
    .where('locked_until', '<=', now)
    .returning('practitioner_id')
    .executeTakeFirst();
  return taken !== undefined;
}

/** What a read of a calendar needs: where it is, what was read last time, and the clinic's zone. */
export type BusyCalendarToRead = Pick<
  BusyCalendarRow,
  'practitioner_id' | 'clinic_id' | 'url_sealed' | 'show_titles' | 'etag' | 'last_modified' | 'parsed_at' | 'event_count'
> & { time_zone: string };

/** The practitioner's calendar as a read needs it, or undefined when none is set. */
export async function busyCalendarToRead(q: Queryable, practitionerId: string): Promise<BusyCalendarToRead | undefined> {
  return q
    .selectFrom('busy_calendars as b')
    .innerJoin('clinics as c', 'c.id', 'b.clinic_id')
    .select(['b.practitioner_id', 'b.clinic_id', 'b.url_sealed', 'b.show_titles', 'b.etag', 'b.last_modified', 'b.parsed_at', 'b.event_count', 'c.time_zone'])
    .where('b.practitioner_id', '=', practitionerId)
    .executeTakeFirst();
}

/**
 * Which calendar a read was of: its practitioner and the (sealed) address read. A read's result is
 * written only while the calendar still has that address (not removed, nor given another one).
 */
export interface BusyCalendarRead {
  practitionerId: string;
  urlSealed: string;
}

/** Records a read that found the calendar unchanged (304) at `done`; its next read is at `nextFetchAt`. */
export async function recordBusyCalendarUnchanged(
  q: Queryable,
  { practitionerId, urlSealed, done, nextFetchAt }: BusyCalendarRead & { done: number; nextFetchAt: number },
): Promise<void> {
  await q
    .updateTable('busy_calendars')
    .set({ fetched_at: done, checked_at: done, last_error: null, next_fetch_at: nextFetchAt, locked_until: 0, updated_at: done })
    .where('practitioner_id', '=', practitionerId)
    .where('url_sealed', '=', urlSealed)
    .execute();
}

/** A new copy of a calendar: its validators, how many events it has, and its busy times. */
export interface BusyCalendarCopy {
  etag: string | null;
  lastModified: string | null;
  eventCount: number;
  done: number;
  nextFetchAt: number;
  times: BusyTimeTable[];
}

/**
 * Records a full read at `done` and puts its busy times in place of the last copy's, while the
 * calendar still has the address read; false (nothing written) when it no longer has.
 */
export async function replaceBusyCalendarCopy(trx: Trx, read: BusyCalendarRead, copy: BusyCalendarCopy): Promise<boolean> {
  const current = await trx
    .updateTable('busy_calendars')
    .set({
      etag: copy.etag,
      last_modified: copy.lastModified,
      fetched_at: copy.done,
      parsed_at: copy.done,
      checked_at: copy.done,
      last_error: null,
      event_count: copy.eventCount,
      next_fetch_at: copy.nextFetchAt,
      locked_until: 0,
      updated_at: copy.done,
    })
    .where('practitioner_id', '=', read.practitionerId)
    .where('url_sealed', '=', read.urlSealed)
    .returning('practitioner_id')
    .executeTakeFirst();
  if (!current) return false;
  await trx.deleteFrom('busy_times').where('practitioner_id', '=', read.practitionerId).execute();
  // In batches: SQLite takes a bounded number of parameters per statement.
  for (let i = 0; i < copy.times.length; i += 500)
    await trx
      .insertInto('busy_times')
      .values(copy.times.slice(i, i + 500))
      .execute();
  return true;
}

/** Records a failed read at `done` with its reason for staff; the last good copy stays. */
export async function recordBusyCalendarFailure(
  q: Queryable,
  { practitionerId, urlSealed, done, error, nextFetchAt }: BusyCalendarRead & { done: number; error: string; nextFetchAt: number },
): Promise<void> {
  await q
    .updateTable('busy_calendars')
    .set({ checked_at: done, last_error: error, next_fetch_at: nextFetchAt, locked_until: 0, updated_at: done })
    .where('practitioner_id', '=', practitionerId)
    .where('url_sealed', '=', urlSealed)
    .execute();
}
