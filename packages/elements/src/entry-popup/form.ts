import { type CreateClientBody, isLocalDate } from '@tidbok/core';
import type { CalendarEntry, Client, ConfirmationChannel } from '@tidbok/sdk';
import type { ClinicData } from '../calendar/clinic-data.js';
import type { Draft, DraftTab } from '../calendar/events.js';
import { instantAt, minutesOfTime, timeOfMinutes, wallClock } from '../calendar/week.js';

/**
 * The popup's form, one model per kind of entry (a discriminated union, as the template weeks'
 * dialogs are): what each kind has, and nothing of the others. Pure functions only; the element
 * (entry-popup.ts) holds the current form as state and renders it (fields.ts).
 */
interface TimeFields {
  /** A local date, ISO (`2027-03-02`), as typed. */
  date: string;
  /** `hh:mm`, 24-hour, as typed; an end of `00:00` is the next midnight. */
  startTime: string;
  endTime: string;
  practitionerId: string;
}

export interface BookingForm extends TimeFields {
  kind: 'booking';
  client: Client | null;
  newClient: CreateClientBody | null;
  treatmentTypeId: string;
  locationId: string;
  confirmation: ConfirmationChannel;
  note: string;
}

export interface WorkingTimeForm extends TimeFields {
  kind: 'workingTime';
  locationId: string;
  /** Treatment types the block is narrowed to; empty: all of the practitioner's. */
  typeIds: string[];
}

export interface ActivityForm extends TimeFields {
  kind: 'activity';
  title: string;
  note: string;
}

export type EntryForm = BookingForm | WorkingTimeForm | ActivityForm;
export type FieldName = 'client' | 'practitioner' | 'treatmentType' | 'title' | 'time';
export type FieldErrors = Partial<Record<FieldName, string>>;

/** The wall-clock fields of an interval in the clinic's zone. */
export function timeFields(start: number, end: number, zone: string): Pick<TimeFields, 'date' | 'startTime' | 'endTime'> {
  const from = wallClock(start, zone);
  const to = wallClock(end, zone);
  // An end at the next midnight reads 00:00; `intervalOf` reads it back as 24:00.
  return { date: from.date, startTime: timeOfMinutes(from.minutes), endTime: to.date === from.date ? timeOfMinutes(to.minutes) : '00:00' };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A time as staff type it, in the clinic's 24-hour format whatever the browser's language:
 * `9:30`, `0930`, `09.30` and `9` all read `09:30`/`09:00`; null for anything else.
 */
export function normaliseTime(text: string): string | null {
  const t = text.trim().replace('.', ':');
  const m = /^(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (!m) return null;
  const value = `${m[1]!.padStart(2, '0')}:${m[2] ?? '00'}`;
  return TIME.test(value) ? value : null;
}

/** A date as typed: ISO `2027-03-02` (also `2027-3-2`); null for anything else. */
export function normaliseDate(text: string): string | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const value = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isLocalDate(value) ? value : null;
}

/** The start and end the time fields describe, or null when they do not make an interval. */
export function intervalOf(form: TimeFields, zone: string): { start: number; end: number } | null {
  if (!isLocalDate(form.date) || !TIME.test(form.startTime) || !TIME.test(form.endTime)) return null;
  const from = minutesOfTime(form.startTime);
  let to = minutesOfTime(form.endTime);
  if (to === 0 && from > 0) to = 24 * 60;
  if (to <= from) return null;
  return { start: instantAt(form.date, from, zone), end: instantAt(form.date, to, zone) };
}

/** A new entry's form from the calendar's draft, keeping what was typed on another tab. */
export function formOfDraft(kind: DraftTab, draft: Draft, data: ClinicData | undefined, suggested: Client | null, before: EntryForm | null): EntryForm {
  const zone = data?.settings.timeZone ?? 'UTC';
  const common: TimeFields = {
    ...timeFields(draft.start, draft.end, zone),
    practitionerId: before?.practitionerId ?? draft.practitionerId ?? data?.practitioners[0]?.id ?? '',
  };
  const note = before && 'note' in before ? before.note : '';
  const locationId = before && 'locationId' in before ? before.locationId : (draft.locationId ?? data?.locations[0]?.id ?? '');
  if (kind === 'booking') {
    return {
      ...common,
      kind,
      client: suggested,
      newClient: null,
      treatmentTypeId: draft.treatmentTypeId ?? '',
      locationId,
      confirmation: data?.settings.booking.staffConfirmationDefault ?? 'email',
      note,
    };
  }
  if (kind === 'workingTime') return { ...common, kind, locationId, typeIds: [] };
  return { ...common, kind, title: '', note };
}

/** An existing entry's form (a hold has none: it is only released). */
export function formOfEntry(entry: CalendarEntry, zone: string): EntryForm | null {
  const common: TimeFields = { ...timeFields(Date.parse(entry.start), Date.parse(entry.end), zone), practitionerId: entry.practitionerId };
  switch (entry.kind) {
    case 'booking':
      return {
        ...common,
        kind: 'booking',
        // Show the name at once; the full record (e-mail, phone) follows.
        client: { id: entry.clientId, name: entry.clientName, email: null, phone: null, personalNumber: null, isTest: false, createdAt: '', updatedAt: '' },
        newClient: null,
        treatmentTypeId: entry.treatmentTypeId,
        locationId: entry.locationId ?? '',
        confirmation: 'none',
        note: entry.note,
      };
    case 'workingTime':
      return { ...common, kind: 'workingTime', locationId: entry.locationId ?? '', typeIds: entry.treatmentTypeIds ?? [] };
    case 'activity':
      return { ...common, kind: 'activity', title: entry.title, note: entry.note };
    default:
      return null;
  }
}

/** What is missing or wrong, per field, in the texts `say` gives. */
export function validate(
  form: EntryForm,
  zone: string,
  say: (key: 'endAfterStart' | 'needPractitioner' | 'needClient' | 'needTreatmentType' | 'needTitle' | 'badTime' | 'badDate') => string,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!isLocalDate(form.date)) errors.time = say('badDate');
  else if (!TIME.test(form.startTime) || !TIME.test(form.endTime)) errors.time = say('badTime');
  else if (!intervalOf(form, zone)) errors.time = say('endAfterStart');
  if (!form.practitionerId) errors.practitioner = say('needPractitioner');
  if (form.kind === 'booking') {
    if (!form.client && !form.newClient) errors.client = say('needClient');
    if (!form.treatmentTypeId) errors.treatmentType = say('needTreatmentType');
  }
  if (form.kind === 'activity' && !form.title.trim()) errors.title = say('needTitle');
  return errors;
}
