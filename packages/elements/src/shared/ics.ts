/** One event for a visitor's own calendar (RFC 5545). */
export interface IcsEvent {
  /** Globally unique, e.g. `bk_…@host`; lets a calendar update rather than duplicate the event. */
  uid: string;
  start: number | string;
  end: number | string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  /** DTSTAMP; defaults to now. */
  stamp?: number;
}

/** `20260303T080000Z`: UTC, so no VTIMEZONE block is needed and every calendar agrees. */
export function icsInstant(value: number | string): string {
  return new Date(value)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT escaping (RFC 5545, 3.3.11): backslash, semicolon, comma and newlines. */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line to at most 75 octets (RFC 5545, 3.1), continuing with CRLF and a space,
 * without splitting a UTF-8 character ("Vårdcentralen Södermalm" stays readable).
 */
export function icsFold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line may hold 75 octets, continuation lines 74 after their leading space.
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** A whole VCALENDAR with one VEVENT; lines end in CRLF, as the format requires. */
export function buildIcs(event: IcsEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tidbok//Booking//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${icsText(event.uid)}`,
    `DTSTAMP:${icsInstant(event.stamp ?? Date.now())}`,
    `DTSTART:${icsInstant(event.start)}`,
    `DTEND:${icsInstant(event.end)}`,
    `SUMMARY:${icsText(event.summary)}`,
    event.description ? `DESCRIPTION:${icsText(event.description)}` : '',
    event.location ? `LOCATION:${icsText(event.location)}` : '',
    event.url ? `URL:${event.url}` : '',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.filter(Boolean).map(icsFold).join('\r\n')}\r\n`;
}
