import type { Selectable } from 'kysely';
import type { CalendarFeedTable, ClinicTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

/** Which of a clinic's practitioners' entries a feed shows, between `from` and `to`, at most `limit` of each kind. */
export interface FeedQuery {
  clinicId: string;
  practitionerId: string;
  from: number;
  to: number;
  limit: number;
}

/** A booking as a calendar feed shows it. */
export interface FeedBookingRow {
  id: string;
  status: string;
  start_ms: number;
  end_ms: number;
  updated_at: number;
  treatment_name: string;
  client_name: string;
  location_name: string | null;
}

/** The practitioner's bookings that are not cancelled and overlap the window, by start (then id). */
export async function feedBookings(q: Queryable, { clinicId, practitionerId, from, to, limit }: FeedQuery): Promise<FeedBookingRow[]> {
  return q
    .selectFrom('bookings as b')
    .innerJoin('treatment_types as t', 't.id', 'b.treatment_type_id')
    .innerJoin('clients as c', 'c.id', 'b.client_id')
    .leftJoin('locations as l', 'l.id', 'b.location_id')
    .select(['b.id', 'b.status', 'b.start_ms', 'b.end_ms', 'b.updated_at', 't.name as treatment_name', 'c.name as client_name', 'l.name as location_name'])
    .where('b.clinic_id', '=', clinicId)
    .where('b.practitioner_id', '=', practitionerId)
    .where('b.status', '!=', 'cancelled')
    .where('b.end_ms', '>', from)
    .where('b.start_ms', '<', to)
    .orderBy('b.start_ms')
    .orderBy('b.id')
    .limit(limit)
    .execute();
}

/** An activity as a calendar feed shows it (never its note). */
export interface FeedActivityRow {
  id: string;
  title: string;
  start_ms: number;
  end_ms: number;
  updated_at: number;
}

/** The practitioner's activities that overlap the window, by start (then id). */
export async function feedActivities(q: Queryable, { clinicId, practitionerId, from, to, limit }: FeedQuery): Promise<FeedActivityRow[]> {
  return q
    .selectFrom('activities')
    .select(['id', 'title', 'start_ms', 'end_ms', 'updated_at'])
    .where('clinic_id', '=', clinicId)
    .where('practitioner_id', '=', practitionerId)
    .where('end_ms', '>', from)
    .where('start_ms', '<', to)
    .orderBy('start_ms')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Gives the practitioner this feed (its token's hash) in place of any feed they had. */
export async function replaceCalendarFeed(trx: Trx, row: Selectable<CalendarFeedTable>): Promise<void> {
  await trx.deleteFrom('calendar_feeds').where('practitioner_id', '=', row.practitioner_id).execute();
  await trx.insertInto('calendar_feeds').values(row).execute();
}

/** Ends the clinic's practitioner's feed, if there is one. */
export async function removeCalendarFeed(trx: Trx, clinicId: string, practitionerId: string): Promise<void> {
  await trx.deleteFrom('calendar_feeds').where('practitioner_id', '=', practitionerId).where('clinic_id', '=', clinicId).execute();
}

/** When the clinic's practitioner's feed was made, or undefined when they have none. */
export async function calendarFeedOfPractitioner(q: Queryable, clinicId: string, practitionerId: string): Promise<{ created_at: number } | undefined> {
  return q.selectFrom('calendar_feeds').select('created_at').where('practitioner_id', '=', practitionerId).where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** A feed's clinic (its row) and practitioner. */
export type FeedOwner = Selectable<ClinicTable> & { practitioner_id: string; practitioner_name: string };

/** The clinic and practitioner (not removed) of the feed with this token hash, or undefined. */
export async function feedByTokenHash(q: Queryable, tokenHash: string): Promise<FeedOwner | undefined> {
  return q
    .selectFrom('calendar_feeds as f')
    .innerJoin('practitioners as p', 'p.id', 'f.practitioner_id')
    .innerJoin('clinics as c', 'c.id', 'f.clinic_id')
    .selectAll('c')
    .select(['p.id as practitioner_id', 'p.name as practitioner_name'])
    .where('f.token_hash', '=', tokenHash)
    .where('p.deleted_at', 'is', null)
    .executeTakeFirst();
}
