import { describe, expect, it } from 'vitest';
import { bookingEventUid, cancellationDeadlineMs, cancellationWindowHoursFor, clientEndIso, clientEndMs, isLateCancellation } from '../index.js';

const start = Date.parse('2027-03-02T12:00:00Z');
const end = start + 60 * 60_000;

describe('clientEndMs', () => {
  it('ends the patient’s appointment with the time with the client', () => {
    expect(clientEndMs(start, end, 50)).toBe(start + 50 * 60_000);
    expect(clientEndIso(new Date(start).toISOString(), new Date(end).toISOString(), 50)).toBe('2027-03-02T12:50:00Z');
  });

  it('keeps the calendar end when the time with the client is unknown, zero or longer than the booking', () => {
    expect(clientEndMs(start, end, undefined)).toBe(end);
    expect(clientEndMs(start, end, 0)).toBe(end);
    expect(clientEndMs(start, end, 90)).toBe(end);
  });
});

describe('cancellation window', () => {
  it('is the practitioner’s own, else the clinic’s (an own window of 0 is a window too)', () => {
    expect(cancellationWindowHoursFor(48, 24)).toBe(48);
    expect(cancellationWindowHoursFor(null, 24)).toBe(24);
    expect(cancellationWindowHoursFor(undefined, 24)).toBe(24);
    expect(cancellationWindowHoursFor(0, 24)).toBe(0);
  });

  it('makes a cancellation late from the deadline on', () => {
    expect(cancellationDeadlineMs(start, 24)).toBe(start - 24 * 3_600_000);
    expect(isLateCancellation(start, start - 24 * 3_600_000, 24)).toBe(false);
    expect(isLateCancellation(start, start - 24 * 3_600_000 + 1, 24)).toBe(true);
  });
});

describe('bookingEventUid', () => {
  it('depends on the booking alone', () => {
    expect(bookingEventUid('bk_1')).toBe('bk_1@tidbok');
    expect(bookingEventUid('bk_1')).not.toBe(bookingEventUid('bk_2'));
  });
});
