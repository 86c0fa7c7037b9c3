import type { CalendarEntry } from '@tidbok/core';
import { type Actor, mayActFor } from './actor.js';

/** Another practitioner's time in a practitioner's calendar: grey, without a word about it. */
export const OTHERS_BUSY_COLOR = '#c9ced6';

/**
 * What a practitioner may see of the calendar: their own entries in full; of everyone else's
 * only that the time is taken. Another practitioner's booking or activity becomes a `busy`
 * entry with no client, treatment, title or note (its colour would tell the treatment type, so
 * that goes too); cancelled bookings hold no time and are left out; busy time from someone
 * else's own calendar loses its title. Working time and holds carry no client data and stay.
 * Admins and reception see everything.
 */
export function scopeCalendar(entries: CalendarEntry[], actor: Actor | undefined): CalendarEntry[] {
  const scoped: CalendarEntry[] = [];
  for (const entry of entries) {
    if (mayActFor(actor, entry.practitionerId) || entry.kind === 'workingTime' || entry.kind === 'hold') {
      scoped.push(entry);
      continue;
    }
    if (entry.kind === 'booking' && entry.status !== 'booked') continue;
    scoped.push({
      kind: 'busy',
      id: entry.id,
      start: entry.start,
      end: entry.end,
      practitionerId: entry.practitionerId,
      color: entry.kind === 'busy' ? entry.color : OTHERS_BUSY_COLOR,
      title: null,
    });
  }
  return scoped;
}
