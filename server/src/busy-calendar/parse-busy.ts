import ICAL from 'ical.js';
import { isValidTimeZone, localToInstant, startOfLocalDay } from '@tidbok/core';

/** One busy interval read from a calendar: an occurrence of an event, in epoch ms. */
export interface BusyOccurrence {
  start: number;
  end: number;
  title: string | null;
}

/** The calendar could not be read as iCalendar, or asks for more work than a busy calendar needs. */
export class BusyFeedError extends Error {}

/** Occurrences an event may step through before the window ends (a daily event for 50 years). */
const MAX_STEPS_PER_EVENT = 20_000;
/** Steps over all events; a feed that needs more is refused rather than read for minutes. */
const MAX_STEPS = 200_000;
/** Busy intervals kept from one feed. */
export const MAX_OCCURRENCES = 20_000;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const dateOf = (t: ICAL.Time) => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;

/**
 * The instant of an iCalendar time. An all-day date is the start of that day in `zone` (the
 * clinic's), UTC is UTC, a time with an IANA zone name is read with the runtime's zone rules
 * (kept current, unlike a feed's VTIMEZONE copy), any other named zone with the feed's own
 * VTIMEZONE (Outlook's "W. Europe Standard Time"), and a floating time in `zone`.
 */
function instantOf(t: ICAL.Time, zone: string): number {
  if (t.isDate) return startOfLocalDay(dateOf(t), zone);
  if (t.zone === ICAL.Timezone.utcTimezone) return t.toUnixTime() * 1000;
  const named = (t as { timezone?: string }).timezone ?? (t.zone && t.zone !== ICAL.Timezone.localTimezone ? t.zone.tzid : undefined);
  const wall = (tz: string) => localToInstant(dateOf(t), `${pad(t.hour)}:${pad(t.minute)}`, tz) + t.second * 1000;
  if (named && isValidTimeZone(named)) return wall(named);
  // Resolved from a VTIMEZONE in the same feed (ical.js looks there, never in a global registry).
  if (t.zone && t.zone !== ICAL.Timezone.localTimezone && t.zone.tzid !== 'floating') return t.toUnixTime() * 1000;
  return wall(zone);
}

/** Events that do not make anyone busy: shown as free, or called off. */
function isFree(component: ICAL.Component): boolean {
  const transp = String(component.getFirstPropertyValue('transp') ?? '').toUpperCase();
  const status = String(component.getFirstPropertyValue('status') ?? '').toUpperCase();
  return transp === 'TRANSPARENT' || status === 'CANCELLED';
}

function titleOf(component: ICAL.Component): string | null {
  const summary = component.getFirstPropertyValue('summary');
  if (typeof summary !== 'string') return null;
  // One line, bounded: it is shown in a calendar block, nothing more.
  const line = summary
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, 200);
  return line === '' ? null : line;
}

/**
 * The busy intervals of an iCalendar text overlapping `[from, to)`: recurring events expanded
 * (RRULE, RDATE, EXDATE, and RECURRENCE-ID overrides, which move, change or cancel one
 * occurrence) in their own time zone, so a weekly 10:00 stays at 10:00 local across a DST change;
 * transparent and cancelled events skipped; all-day events blocking whole days in `zone`.
 */
export function parseBusy(text: string, zone: string, from: number, to: number): BusyOccurrence[] {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    throw new BusyFeedError(`Not an iCalendar file (${error instanceof Error ? error.message.slice(0, 120) : 'unreadable'})`);
  }
  if (calendar.name !== 'vcalendar') throw new BusyFeedError('Not an iCalendar file (no VCALENDAR)');

  // Masters and their overrides, by UID; an override whose master is missing stands alone.
  const masters = new Map<string, ICAL.Event>();
  const overrides: ICAL.Event[] = [];
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    if (!event.startDate) continue;
    if (event.isRecurrenceException()) overrides.push(event);
    else masters.set(event.uid ?? `#${masters.size}`, event);
  }
  const standalone: ICAL.Event[] = [];
  for (const override of overrides) {
    const master = override.uid ? masters.get(override.uid) : undefined;
    if (master?.isRecurring()) master.relateException(override);
    else standalone.push(override);
  }

  const out: BusyOccurrence[] = [];
  let steps = 0;
  const add = (component: ICAL.Component, start: ICAL.Time, end: ICAL.Time | null) => {
    if (isFree(component)) return;
    const startMs = instantOf(start, zone);
    // ical.js gives an all-day event without an end its day; a timed one without an end is an
    // instant, which blocks nothing.
    const endMs = end ? instantOf(end, zone) : startMs;
    if (!(startMs < endMs) || endMs <= from || startMs >= to) return;
    if (out.length >= MAX_OCCURRENCES) throw new BusyFeedError(`More than ${MAX_OCCURRENCES} busy events in the window`);
    out.push({ start: startMs, end: endMs, title: titleOf(component) });
  };

  for (const event of [...masters.values(), ...standalone]) {
    if (!event.isRecurring()) {
      add(event.component, event.startDate, event.endDate);
      continue;
    }
    const rule = event.component.getFirstPropertyValue('rrule') as ICAL.Recur | null;
    // Every second or minute is no busy time anyone keeps; expanding it would only cost.
    if (rule && (rule.freq === 'SECONDLY' || rule.freq === 'MINUTELY')) continue;
    const iterator = event.iterator();
    for (let n = 0; n < MAX_STEPS_PER_EVENT; n++) {
      const next = iterator.next();
      if (!next) break;
      if (++steps > MAX_STEPS) throw new BusyFeedError('The calendar repeats too much to expand');
      // Past the window by more than a day: overrides may move an occurrence, not that far in practice.
      if (instantOf(next, zone) >= to + 86_400_000) break;
      const details = event.getOccurrenceDetails(next);
      add(details.item.component, details.startDate, details.endDate);
    }
  }
  return out;
}
