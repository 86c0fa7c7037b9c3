import type { Locale } from '@tidbok/core';
import { greetingName, quoted } from './user-text.js';

/** Where the manage link goes in a stored body; filled in at delivery, shown to staff as a label. */
export const LINK = '{{manage-link}}';

export interface BookingFacts {
  clinicName: string;
  clinicAddress: string;
  /** As stored, typed by whoever booked: the texts put it in only through user-text.ts. */
  clientName: string;
  treatmentName: string;
  practitionerName: string;
  locationName: string | null;
  locationAddress: string | null;
  /** "tisdag 3 mars 2027" */
  date: string;
  /** "09:00" */
  startTime: string;
  endTime: string;
  timeZoneNote: string;
  confirmationText: string;
  smsText: string;
  cancellationWindowHours: number;
  hasLink: boolean;
  /** For a moved booking: the date and start it had before. */
  previousDate?: string;
  previousStartTime?: string;
}

interface Rendered {
  subject: string;
  text: string;
}

// The client's name opens the message only when it looks like a name (user-text.ts).
const hej = (f: BookingFacts) => (greetingName(f.clientName) ? `Hej ${greetingName(f.clientName)}!` : 'Hej!');
const hello = (f: BookingFacts) => (greetingName(f.clientName) ? `Hello ${greetingName(f.clientName)},` : 'Hello,');

// The closing welcome, unless the clinic's own text for the treatment already says it.
const welcomeUnlessSaid = (f: BookingFacts, welcome: string) => (/välkommen|welcome/i.test(f.confirmationText) ? [] : [welcome]);

const sv = {
  confirmation: (f: BookingFacts): Rendered => ({
    subject: `Bokningsbekräftelse: ${f.date} kl. ${f.startTime}`,
    text: [
      hej(f),
      '',
      `Din tid hos ${f.clinicName} är bokad.`,
      '',
      `Vad: ${f.treatmentName}`,
      `När: ${f.date} kl. ${f.startTime}–${f.endTime}${f.timeZoneNote}`,
      `Hos: ${f.practitionerName}`,
      ...(f.locationName ? [`Var: ${f.locationName}${f.locationAddress ? `, ${f.locationAddress}` : ''}`] : []),
      ...(f.confirmationText ? ['', f.confirmationText] : []),
      '',
      ...(f.hasLink ? [`Se eller avboka din tid: ${LINK}`] : ['Kontakta oss om du behöver avboka.']),
      `Avbokning senare än ${f.cancellationWindowHours} timmar före besöket räknas som sen avbokning.`,
      '',
      ...welcomeUnlessSaid(f, 'Välkommen!'),
      f.clinicName,
    ].join('\n'),
  }),
  cancellation: (f: BookingFacts): Rendered => ({
    subject: `Avbokad: ${f.date} kl. ${f.startTime}`,
    text: [
      hej(f),
      '',
      `Din tid ${f.date} kl. ${f.startTime} hos ${f.practitionerName} är avbokad.`,
      'Välkommen att boka en ny tid när det passar dig.',
      '',
      f.clinicName,
    ].join('\n'),
  }),
  moved: (f: BookingFacts): Rendered => ({
    subject: `Ny tid: ${f.date} kl. ${f.startTime}`,
    text: [
      hej(f),
      '',
      `Din tid hos ${f.clinicName} är flyttad från ${f.previousDate} kl. ${f.previousStartTime}.`,
      '',
      `Vad: ${f.treatmentName}`,
      `Ny tid: ${f.date} kl. ${f.startTime}–${f.endTime}${f.timeZoneNote}`,
      `Hos: ${f.practitionerName}`,
      ...(f.locationName ? [`Var: ${f.locationName}${f.locationAddress ? `, ${f.locationAddress}` : ''}`] : []),
      '',
      'Länken i din bokningsbekräftelse gäller fortfarande för att se, flytta eller avboka tiden.',
      `Avbokning senare än ${f.cancellationWindowHours} timmar före besöket räknas som sen avbokning.`,
      '',
      f.clinicName,
    ].join('\n'),
  }),
  reminder: (f: BookingFacts): Rendered => ({
    subject: `Påminnelse: ${f.date} kl. ${f.startTime}`,
    text: [
      hej(f),
      '',
      `Påminnelse om din tid ${f.date} kl. ${f.startTime} hos ${f.practitionerName}${f.locationName ? `, ${f.locationName}` : ''}.`,
      ...(f.hasLink ? ['', `Se eller avboka: ${LINK}`] : []),
      '',
      f.clinicName,
    ].join('\n'),
  }),
  // SMS carry no health details: no treatment name unless the clinic's own smsText adds one.
  smsConfirmation: (f: BookingFacts) =>
    `${f.clinicName}: Din tid ${f.date} kl. ${f.startTime} hos ${f.practitionerName} är bokad.${f.smsText ? ` ${f.smsText}` : ''}${f.hasLink ? ` Avboka: ${LINK}` : ''}`,
  smsCancellation: (f: BookingFacts) => `${f.clinicName}: Din tid ${f.date} kl. ${f.startTime} är avbokad.`,
  smsMoved: (f: BookingFacts) =>
    `${f.clinicName}: Din tid ${f.previousDate} kl. ${f.previousStartTime} är flyttad till ${f.date} kl. ${f.startTime} hos ${f.practitionerName}.`,
  smsReminder: (f: BookingFacts) =>
    `${f.clinicName}: Påminnelse om din tid ${f.date} kl. ${f.startTime} hos ${f.practitionerName}.${f.hasLink ? ` Avboka: ${LINK}` : ''}`,
  copySubject: (f: BookingFacts) => `Kopia: ny bokning ${f.date} kl. ${f.startTime} ${quoted(f.clientName)}`,
  copyMovedSubject: (f: BookingFacts) => `Kopia: flyttad till ${f.date} kl. ${f.startTime} ${quoted(f.clientName)}`,
};

const en: typeof sv = {
  confirmation: (f) => ({
    subject: `Booking confirmed: ${f.date} at ${f.startTime}`,
    text: [
      hello(f),
      '',
      `Your appointment at ${f.clinicName} is booked.`,
      '',
      `What: ${f.treatmentName}`,
      `When: ${f.date}, ${f.startTime}–${f.endTime}${f.timeZoneNote}`,
      `With: ${f.practitionerName}`,
      ...(f.locationName ? [`Where: ${f.locationName}${f.locationAddress ? `, ${f.locationAddress}` : ''}`] : []),
      ...(f.confirmationText ? ['', f.confirmationText] : []),
      '',
      ...(f.hasLink ? [`See or cancel your booking: ${LINK}`] : ['Contact us if you need to cancel.']),
      `Cancelling less than ${f.cancellationWindowHours} hours before the appointment counts as a late cancellation.`,
      '',
      ...welcomeUnlessSaid(f, 'Welcome!'),
      f.clinicName,
    ].join('\n'),
  }),
  cancellation: (f) => ({
    subject: `Cancelled: ${f.date} at ${f.startTime}`,
    text: [
      hello(f),
      '',
      `Your appointment on ${f.date} at ${f.startTime} with ${f.practitionerName} is cancelled.`,
      'You are welcome to book a new time whenever it suits you.',
      '',
      f.clinicName,
    ].join('\n'),
  }),
  moved: (f) => ({
    subject: `New time: ${f.date} at ${f.startTime}`,
    text: [
      hello(f),
      '',
      `Your appointment at ${f.clinicName} has been moved from ${f.previousDate} at ${f.previousStartTime}.`,
      '',
      `What: ${f.treatmentName}`,
      `New time: ${f.date}, ${f.startTime}–${f.endTime}${f.timeZoneNote}`,
      `With: ${f.practitionerName}`,
      ...(f.locationName ? [`Where: ${f.locationName}${f.locationAddress ? `, ${f.locationAddress}` : ''}`] : []),
      '',
      'The link in your booking confirmation still works to see, move or cancel the appointment.',
      `Cancelling less than ${f.cancellationWindowHours} hours before the appointment counts as a late cancellation.`,
      '',
      f.clinicName,
    ].join('\n'),
  }),
  reminder: (f) => ({
    subject: `Reminder: ${f.date} at ${f.startTime}`,
    text: [
      hello(f),
      '',
      `A reminder of your appointment on ${f.date} at ${f.startTime} with ${f.practitionerName}${f.locationName ? `, ${f.locationName}` : ''}.`,
      ...(f.hasLink ? ['', `See or cancel: ${LINK}`] : []),
      '',
      f.clinicName,
    ].join('\n'),
  }),
  smsConfirmation: (f) =>
    `${f.clinicName}: Your appointment on ${f.date} at ${f.startTime} with ${f.practitionerName} is booked.${f.smsText ? ` ${f.smsText}` : ''}${f.hasLink ? ` Cancel: ${LINK}` : ''}`,
  smsCancellation: (f) => `${f.clinicName}: Your appointment on ${f.date} at ${f.startTime} is cancelled.`,
  smsMoved: (f) =>
    `${f.clinicName}: Your appointment on ${f.previousDate} at ${f.previousStartTime} has moved to ${f.date} at ${f.startTime} with ${f.practitionerName}.`,
  smsReminder: (f) =>
    `${f.clinicName}: Reminder of your appointment on ${f.date} at ${f.startTime} with ${f.practitionerName}.${f.hasLink ? ` Cancel: ${LINK}` : ''}`,
  copySubject: (f) => `Copy: new booking ${f.date} at ${f.startTime} ${quoted(f.clientName)}`,
  copyMovedSubject: (f) => `Copy: moved to ${f.date} at ${f.startTime} ${quoted(f.clientName)}`,
};

export const TEXTS: Record<Locale, typeof sv> = { sv, en };

// Building an Intl formatter costs far more than using one; a clinic has one zone and language.
const formatters = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formattersFor(timeZone: string, locale: Locale) {
  const key = `${locale} ${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    const tag = locale === 'sv' ? 'sv-SE' : 'en-GB';
    found = {
      date: new Intl.DateTimeFormat(tag, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      time: new Intl.DateTimeFormat(tag, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
    if (formatters.size > 200) formatters.clear();
    formatters.set(key, found);
  }
  return found;
}

/** Dates and times as people in the clinic read them, in the clinic's zone. */
export function formatWhen(start: number, end: number, timeZone: string, locale: Locale) {
  const { date, time } = formattersFor(timeZone, locale);
  return { date: date.format(start), startTime: time.format(start), endTime: time.format(end) };
}

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A plain, readable HTML part made from the text part: paragraphs, and the link as a link. The
 * link's address stays the LINK placeholder here too: the stored HTML never holds the token,
 * which the dispatcher puts in (escaped) when it sends.
 */
export function htmlFromText(
  text: string,
  withLink: boolean,
  locale: Locale,
  label = locale === 'sv' ? 'Se eller avboka din tid' : 'See or cancel your booking',
): string {
  // A line "See or cancel your booking: LINK" becomes that sentence as the link, so the
  // HTML does not say it twice; a link inside a sentence gets the label.
  const linked = (line: string) => {
    if (!withLink || !line.includes(LINK)) return escapeHtml(line);
    const lead = line.endsWith(`: ${LINK}`) ? line.slice(0, -`: ${LINK}`.length) : null;
    if (lead) return `<a href="${LINK}">${escapeHtml(lead)}</a>`;
    return line.split(LINK).map(escapeHtml).join(`<a href="${LINK}">${label}</a>`);
  };
  const body = text
    .split('\n\n')
    .map((para) => `<p>${para.split('\n').map(linked).join('<br>')}</p>`)
    .join('\n');
  return `<!doctype html><html lang="${locale}"><body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2933; max-width: 36rem">\n${body}\n</body></html>`;
}
