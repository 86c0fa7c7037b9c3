import { describe, expect, it } from 'vitest';
import { isValidPersonalNumber } from './catalogue.js';

describe('isValidPersonalNumber', () => {
  it.each([
    ['19121212-1212', true],
    ['121212-1212', true],
    ['1212121212', true],
    ['191212121212', true],
    ['121212+1212', true],
    // Samordningsnummer: day of birth + 60.
    ['701063-2391', true],
    ['19121212-1213', false], // wrong check digit
    ['19121312-1212', false], // month 13
    ['121200-1212', false], // day 0
    ['12121-1212', false],
    ['abcdefgh-ijkl', false],
  ])('%s → %s', (value, expected) => {
    expect(isValidPersonalNumber(value)).toBe(expected);
  });
});
