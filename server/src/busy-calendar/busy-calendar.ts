import type { BusyCalendarRefresh, BusyCalendarStatus, SetBusyCalendarBody } from '@tidbok/core';
import { ApiError, invalid, notFound } from '../errors.js';
import { OutboundError } from '../http/outbound-url.js';
import { openLink, sealLink } from '../notifications/sealed-link.js';
import { findPractitionerRow } from '../services/catalogue.js';
import type { Deps } from '../services/deps.js';
import {
  addBusyCalendar,
  busyCalendarOfClinic,
  clinicHasBusyCalendar,
  hasBusyCalendar,
  removeBusyCalendarAndTimes,
  replaceBusyCalendarAddress,
} from '../store/repositories/busy-calendar.js';
import type { ClinicRow } from '../services/rows.js';
import { iso, isoOrNull } from '../time.js';
import { calendarUrl } from './fetch-feed.js';
import { BusyFeedError } from './parse-busy.js';
import { refreshBusyCalendar, sealContext } from './refresh.js';

async function readRow(deps: Deps, clinic: ClinicRow, practitionerId: string) {
  await findPractitionerRow(deps.store.db, clinic.id, practitionerId);
  return busyCalendarOfClinic(deps.store.db, clinic.id, practitionerId);
}

/** Where the calendar lives and how its last read went; never the address itself (a secret). */
export async function busyCalendarStatus(deps: Deps, clinic: ClinicRow, practitionerId: string): Promise<BusyCalendarStatus> {
  const row = await readRow(deps, clinic, practitionerId);
  if (!row) {
    return { configured: false, host: null, showTitles: false, lastFetchedAt: null, lastCheckedAt: null, lastError: null, events: 0 };
  }
  let host: string | null = null;
  try {
    host = new URL(openLink(deps.config, sealContext(practitionerId), row.url_sealed).replace(/^webcals?:/i, 'https:')).hostname;
  } catch {
    // A key changed since it was sealed: the status still answers; the next read says why it fails.
  }
  return {
    configured: true,
    host,
    showTitles: row.show_titles === 1,
    lastFetchedAt: isoOrNull(row.fetched_at),
    lastCheckedAt: isoOrNull(row.checked_at),
    lastError: row.last_error,
    events: row.event_count,
  };
}

/**
 * Sets (or replaces) a practitioner's private calendar and reads it at once, so staff see
 * straight away whether it works. The address is checked against the outbound rules before it
 * is kept; a read that fails leaves it saved, with the reason in the status.
 */
export async function setBusyCalendar(deps: Deps, clinic: ClinicRow, practitionerId: string, body: SetBusyCalendarBody): Promise<BusyCalendarStatus> {
  // An unknown practitioner is 404 whatever the address (checked again in the write below).
  await findPractitionerRow(deps.store.db, clinic.id, practitionerId);
  let url: URL;
  try {
    url = calendarUrl(body.url, deps.config);
  } catch (error) {
    if (error instanceof OutboundError) throw invalid('url', error.message);
    throw error;
  }
  const now = deps.clock.now();
  const sealed = sealLink(deps.config, sealContext(practitionerId), url.href);
  const showTitles = body.showTitles ? 1 : 0;
  await deps.store.write(async (trx) => {
    await findPractitionerRow(trx, clinic.id, practitionerId);
    const address = { practitionerId, urlSealed: sealed, showTitles, now };
    if (await hasBusyCalendar(trx, practitionerId)) await replaceBusyCalendarAddress(trx, address);
    else await addBusyCalendar(trx, { ...address, clinicId: clinic.id });
  });
  try {
    await refreshBusyCalendar(deps, practitionerId);
  } catch (error) {
    if (!(error instanceof BusyFeedError)) throw error;
  }
  return busyCalendarStatus(deps, clinic, practitionerId);
}

/** Reads the calendar now; a failure answers 502 with the reason (also kept in the status). */
export async function refreshBusyCalendarNow(deps: Deps, clinic: ClinicRow, practitionerId: string): Promise<BusyCalendarRefresh> {
  if (!(await readRow(deps, clinic, practitionerId))) throw notFound('Busy calendar');
  try {
    const { events, fetchedAt } = await refreshBusyCalendar(deps, practitionerId);
    return { events, fetchedAt: iso(fetchedAt) };
  } catch (error) {
    if (error instanceof BusyFeedError) throw new ApiError('calendar_unreachable', error.message);
    throw error;
  }
}

/** Removes the calendar and every busy time read from it. */
export async function removeBusyCalendar(deps: Deps, clinic: ClinicRow, practitionerId: string) {
  await deps.store.write(async (trx) => {
    if (!(await clinicHasBusyCalendar(trx, clinic.id, practitionerId))) throw notFound('Busy calendar');
    await removeBusyCalendarAndTimes(trx, practitionerId);
  });
}
