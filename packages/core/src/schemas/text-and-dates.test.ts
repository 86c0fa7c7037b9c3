import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { InstantOrDateSchema, InstantSchema, LocalDateSchema, multiLine, NameSchema, oneLine, PersonNameSchema, TextSchema } from './common.js';

const messages = (schema: z.ZodMiniType, value: unknown) => {
  const result = z.safeParse(schema, value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('oneLine', () => {
  const line = oneLine(10);

  it('trims, and keeps letters of any script', () => {
    expect(z.parse(line, '  Åsa Ö \u00a0')).toBe('Åsa Ö');
    expect(z.parse(line, 'محمد')).toBe('محمد');
    expect(z.parse(line, 'a\u200fb')).toBe('a\u200fb'); // a direction mark only hints
  });

  it('refuses line breaks and tabs inside, with one message', () => {
    for (const value of ['a\nb', 'a\rb', 'a\tb', 'a\u2028b', 'a\u2029b']) {
      expect(messages(line, value), JSON.stringify(value)).toEqual(['Must be one line (no line breaks or tabs)']);
    }
  });

  it('refuses C0 and C1 controls, DEL and direction overrides and isolates', () => {
    const refused = ['\0', '\x01', '\x07', '\x0b', '\x0c', '\x1b', '\x1f', '\x7f', '\x80', '\x85', '\x9f'];
    for (let c = 0x202a; c <= 0x202e; c++) refused.push(String.fromCharCode(c));
    for (let c = 0x2066; c <= 0x2069; c++) refused.push(String.fromCharCode(c));
    for (const c of refused) {
      expect(messages(line, `a${c}b`), c.charCodeAt(0).toString(16)).toEqual(['Control characters and text-direction overrides are not allowed']);
    }
  });

  it('counts the length after trimming', () => {
    expect(z.safeParse(line, `  ${'x'.repeat(10)}  `).success).toBe(true);
    expect(z.safeParse(line, 'x'.repeat(11)).success).toBe(false);
  });
});

describe('multiLine', () => {
  const text = multiLine(20);

  it('keeps line breaks and tabs as typed', () => {
    expect(z.parse(text, ' a\r\n\tb\n ')).toBe(' a\r\n\tb\n ');
  });

  it('refuses other controls and direction overrides', () => {
    for (const c of ['\0', '\x08', '\x1b', '\x7f', '\x85', '\u202e', '\u2067']) {
      expect(messages(text, `a${c}`)).toEqual(['Control characters and text-direction overrides are not allowed']);
    }
  });
});

describe('names and texts', () => {
  it('person names are at most 100 characters, other names 200, both required', () => {
    expect(z.safeParse(PersonNameSchema, 'x'.repeat(100)).success).toBe(true);
    expect(z.safeParse(PersonNameSchema, 'x'.repeat(101)).success).toBe(false);
    expect(z.safeParse(NameSchema, 'x'.repeat(200)).success).toBe(true);
    expect(z.safeParse(NameSchema, 'x'.repeat(201)).success).toBe(false);
    expect(messages(PersonNameSchema, '   ')).toEqual(['Required']);
    expect(messages(NameSchema, '\n')).toEqual(['Required']); // only whitespace: trimmed away
  });

  it('notes refuse NUL', () => {
    expect(z.safeParse(TextSchema, 'rad 1\nrad 2').success).toBe(true);
    expect(z.safeParse(TextSchema, 'rad\0').success).toBe(false);
  });
});

describe('dates and instants: years 2000–2199', () => {
  const YEARS = 'Expected a date in the years 2000 to 2199';

  it('takes the first and last instants of the range, in any offset', () => {
    for (const value of ['2000-01-01T00:00:00Z', '2000-01-01T00:00:00+14:00', '2199-12-31T23:59:59.999Z', '2199-12-31T23:59:59-12:00']) {
      expect(z.safeParse(InstantSchema, value).success, value).toBe(true);
      expect(z.safeParse(InstantOrDateSchema, value).success, value).toBe(true);
    }
    for (const value of ['2000-01-01', '2199-12-31', '2027-02-28']) {
      expect(z.safeParse(LocalDateSchema, value).success, value).toBe(true);
      expect(z.safeParse(InstantOrDateSchema, value).success, value).toBe(true);
    }
  });

  it('refuses years before and after, with a message saying which years', () => {
    for (const value of ['1999-12-31T23:59:59Z', '2200-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z']) {
      expect(messages(InstantSchema, value), value).toEqual([YEARS]);
      expect(messages(InstantOrDateSchema, value), value).toEqual([YEARS]);
    }
    for (const value of ['1999-12-31', '2200-01-01', '9999-12-27', '0001-01-01']) {
      expect(messages(LocalDateSchema, value), value).toEqual([YEARS]);
      expect(messages(InstantOrDateSchema, value), value).toEqual([YEARS]);
    }
  });

  it('leaves malformed values to the format check alone', () => {
    for (const value of ['+010000-01-01T00:00:00Z', '10000-01-01', 'tomorrow', '2027-13-01', '']) {
      expect(messages(InstantOrDateSchema, value), value).not.toContain(YEARS);
      expect(messages(LocalDateSchema, value).length, value).toBe(1);
      expect(messages(InstantSchema, value).length, value).toBe(1);
    }
  });
});
