/** Swedish numbers as operators want them: 070-123 45 67 → +46701234567. */
export function toE164(phone: string): string {
  const compact = phone.replace(/[\s()./-]/g, '');
  if (compact.startsWith('+')) return compact;
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  if (compact.startsWith('0')) return `+46${compact.slice(1)}`;
  return compact;
}

/** A number an SMS can go to: `+`, a country code, 7 to 15 digits in all (E.164). */
export const isE164 = (number: string) => /^\+[1-9][0-9]{6,14}$/.test(number);
