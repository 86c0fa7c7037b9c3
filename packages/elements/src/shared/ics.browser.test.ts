import { expect } from '@open-wc/testing';
import { buildIcs, icsFold, icsInstant, icsText } from './ics.js';

describe('.ics', () => {
  const ics = buildIcs({
    uid: 'bk_1@booking.example',
    start: '2027-03-28T07:30:00Z',
    end: Date.parse('2027-03-28T08:20:00Z'),
    summary: 'Samtal; uppföljning, del 2',
    description: 'Anna Lindqvist\nLeg. psykolog',
    location: 'Mottagningen, Götgatan 12, Stockholm',
    stamp: Date.parse('2027-03-01T10:00:00.123Z'),
  });
  const lines = ics.split('\r\n');

  it('is a VCALENDAR with one VEVENT in UTC, every line ending in CRLF', () => {
    expect(ics.endsWith('\r\n')).to.equal(true);
    expect(ics.replace(/\r\n/g, '')).to.not.match(/[\r\n]/);
    expect(lines.slice(0, 2)).to.deep.equal(['BEGIN:VCALENDAR', 'VERSION:2.0']);
    expect(lines).to.include.members([
      'BEGIN:VEVENT',
      'UID:bk_1@booking.example',
      'DTSTAMP:20270301T100000Z',
      'DTSTART:20270328T073000Z',
      'DTEND:20270328T082000Z',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
    expect(lines.filter((l) => l.startsWith('PRODID:'))).to.have.length(1);
  });

  it('escapes text values', () => {
    expect(lines).to.include('SUMMARY:Samtal\\; uppföljning\\, del 2');
    expect(lines).to.include('DESCRIPTION:Anna Lindqvist\\nLeg. psykolog');
    expect(icsText('a\\b')).to.equal('a\\\\b');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const long = `DESCRIPTION:${'å'.repeat(100)}`;
    const folded = icsFold(long).split('\r\n');
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    expect(folded.length).to.be.greaterThan(2);
    for (const line of folded) expect(bytes(line)).to.be.at.most(75);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).to.equal(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).to.equal(long);
  });

  it('writes instants in UTC whatever the offset given', () => {
    expect(icsInstant('2027-03-28T09:30:00+02:00')).to.equal('20270328T073000Z');
  });
});
