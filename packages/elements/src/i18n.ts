/** The two languages every Tidbok element speaks. */
export type Locale = 'sv' | 'en';

/** A message table: one entry per key, both languages required, so no text is missing in either. */
export type Messages<K extends string> = Record<K, { sv: string; en: string }>;

/**
 * Looks up a message and fills `{name}` placeholders. Unknown placeholders stay visible, so a
 * mistake shows on screen instead of silently vanishing.
 */
export function translate<K extends string>(
  messages: Messages<K>,
  locale: Locale,
  key: K,
  values: Record<string, string | number> = {},
): string {
  const template = messages[key][locale];
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/** `sv` or `en` from an attribute, the clinic's setting or the browser, in that order. */
export function pickLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const short = candidate?.toLowerCase().slice(0, 2);
    if (short === 'sv' || short === 'en') return short;
  }
  return 'sv';
}
