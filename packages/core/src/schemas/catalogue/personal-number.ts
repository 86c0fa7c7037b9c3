import * as z from 'zod/mini';

/**
 * Whether a Swedish personnummer or samordningsnummer (day + 60) is well formed: a real month,
 * a plausible day, and the Luhn check digit over the ten digits YYMMDD-NNNC.
 */
export function isValidPersonalNumber(value: string): boolean {
  const match = /^(\d{2})?(\d{6})[-+]?(\d{4})$/.exec(value.trim());
  if (!match) return false;
  const ten = `${match[2]}${match[3]}`;
  const month = Number(ten.slice(2, 4));
  const rawDay = Number(ten.slice(4, 6));
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(ten[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(ten[9]);
}

/** Swedish personnummer / samordningsnummer, with or without century and separator. */
export const PersonalNumberSchema = z.string().check(z.trim(), z.refine(isValidPersonalNumber, 'Expected a valid personal identity number (YYYYMMDD-XXXX)'));
