/** One event of an iCalendar (RFC 5545) file, as confirmations attach and widgets download. */
export interface IcsEvent {
  uid: string;
  start: number;
  end: number;
  stamp: number;
  summary: string;
  location?: string;
  description?: string;
  /** Raised on each change of the booking (a move), so calendars replace the event they hold. */
  sequence?: number;
  /** CANCELLED with METHOD:CANCEL removes the event from the patient's calendar. */
  status?: 'CONFIRMED' | 'CANCELLED';
}

/** PUBLISH for a plain file; CANCEL for the notice that removes an event. */
export type IcsMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

/**
 * A TEXT value (RFC 5545, 3.3.11). Every line break (CRLF, a lone LF or a lone CR) becomes the
 * escaped `\\n`, a tab a space, and every other control character is dropped: a bare CR is a
 * line end to many readers, so a name holding one could otherwise start a property of its own.
 */
const escape = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '');

const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** UTF-8 length of one code point, without encoding it. */
const octets = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** Lines longer than 75 octets are folded with CRLF + space (RFC 5545, 3.1). */
function fold(line: string): string {
  // Fewer than 26 UTF-16 units are at most 75 octets (3 per unit; a pair is 4 octets for 2 units).
  if (line.length <= 25) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const length = octets(char.codePointAt(0)!);
    if (size + length > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function buildIcs(event: IcsEvent, productId = '-//Tidbok//Booking//EN', method: IcsMethod = 'PUBLISH'): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${productId}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${escape(event.uid)}`,
    `DTSTAMP:${utc(event.stamp)}`,
    ...(event.sequence !== undefined ? [`SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`] : []),
    ...(event.status ? [`STATUS:${event.status}`] : []),
    `DTSTART:${utc(event.start)}`,
    `DTEND:${utc(event.end)}`,
    `SUMMARY:${escape(event.summary)}`,
    ...(event.location ? [`LOCATION:${escape(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escape(event.description)}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

// The pieces, for files of many events (a practitioner's calendar subscription on the server).
export { escape as escapeIcsText, fold as foldIcsLine, utc as icsUtc };
