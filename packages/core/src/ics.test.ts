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

  it('counts octets as UTF-8 does: a line of 75 octets stays whole, 76 folds, whatever the characters', () => {
    const lineOf = (text: string) =>
      buildIcs({ uid: 'u', start: 0, end: 1, stamp: 0, summary: text })
        .split('\r\n')
        .filter((l) => l.startsWith('SUMMARY:') || l.startsWith(' '));
    const encoder = new TextEncoder();
    // "SUMMARY:" is 8 octets; fill up to 75 and 76 with 1-, 2-, 3- and 4-octet characters.
    for (const char of ['a', 'å', '€', '😀']) {
      const size = encoder.encode(char).length;
      const fits = 'a'.repeat((75 - 8) % size) + char.repeat(Math.floor((75 - 8) / size));
      expect(encoder.encode(`SUMMARY:${fits}`).length).toBe(75);
      expect(lineOf(fits)).toEqual([`SUMMARY:${fits}`]);
      const folded = lineOf(`${fits}a`);
      expect(folded).toHaveLength(2);
      for (const line of folded) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
      expect(folded.join('\r\n').replace(/\r\n /g, '')).toBe(`SUMMARY:${fits}a`);
    }
  });
});

describe('buildIcs with control characters in names', () => {
  const build = (summary: string, location?: string) => buildIcs({ uid: 'u', start: 0, end: 1, stamp: 0, summary, ...(location ? { location } : {}) });

  it('turns a lone CR into an escaped line break, so a name cannot start a property of its own', () => {
    const ics = build('Massage\rATTACH:https://evil.example/x\rX', 'Rum 1\r\nORGANIZER:mailto:evil@example.com');
    // Every property starts at a CRLF; none of the injected ones does.
    const lines = ics.split('\r\n');
    expect(lines.some((line) => line.startsWith('ATTACH') || line.startsWith('ORGANIZER'))).toBe(false);
    expect(ics).toContain('SUMMARY:Massage\\nATTACH:https://evil.example/x\\nX\r\n');
    expect(ics).toContain('LOCATION:Rum 1\\nORGANIZER:mailto:evil@example.com\r\n');
    // No CR or LF anywhere but as the line ends.
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('drops every other control character', () => {
    const ics = build('A\u0000B\u0007C\u000bD\u001bE\u007fF\u0085G\tH');
    expect(ics).toContain('SUMMARY:ABCDEFG H\r\n');
  });
});
