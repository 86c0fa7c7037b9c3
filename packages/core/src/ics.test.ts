import { describe, expect, it } from 'vitest';
import { buildIcs } from './ics.js';

describe('buildIcs', () => {
  const ics = buildIcs({
    uid: 'bk_1@tidbok',
    start: Date.parse('2027-03-28T07:00:00Z'),
    end: Date.parse('2027-03-28T08:00:00Z'),
    stamp: Date.parse('2027-03-01T08:00:00Z'),
    summary: 'Samtal, Anna; Lugna Rummet',
    location: 'Götgatan 12, Stockholm',
    description: `Rad ett\nRad två ${'å'.repeat(80)}`,
  });

  it('writes UTC times, escapes text and ends every line with CRLF', () => {
    expect(ics).toContain('DTSTART:20270328T070000Z\r\n');
    expect(ics).toContain('DTEND:20270328T080000Z\r\n');
    expect(ics).toContain('SUMMARY:Samtal\\, Anna\\; Lugna Rummet\r\n');
    expect(ics).toContain('LOCATION:Götgatan 12\\, Stockholm\r\n');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
  });

  it('folds lines longer than 75 octets without splitting a character', () => {
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`DESCRIPTION:Rad ett\\nRad två ${'å'.repeat(80)}`);
  });
});
