/** The two languages every Tidbok element speaks. */
export type Locale = 'sv' | 'en';

/** A message table: one entry per key, both languages required, so no text is missing in either. */
export type Messages<K extends string> = Record<K, { sv: string; en: string }>;

/**
 * Fills `{name}` placeholders. Unknown placeholders stay visible, so a mistake shows on screen
 * instead of silently vanishing.
 */
export const fill = (template: string, values: Record<string, string | number> = {}): string =>
  template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));

/** `sv` or `en` from an attribute, the clinic's setting or the browser, in that order. */
export function pickLocale(...candidates: (string | null | undefined)[]): Locale {
  for (const candidate of candidates) {
    const short = candidate?.toLowerCase().slice(0, 2);
    if (short === 'sv' || short === 'en') return short;
  }
  return 'sv';
}

/** The names of a text's `{name}` placeholders, as a union (`never` for none). */
export type Placeholders<T> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/**
 * The keys whose texts take other placeholders in `B` than in `A` (`never` when all agree): for
 * a compile-time check that a translation fills in the same values as the original.
 */
export type PlaceholderMismatch<A, B extends Record<keyof A, string>> = {
  [K in keyof A]: [Placeholders<A[K]>] extends [Placeholders<B[K]>] ? ([Placeholders<B[K]>] extends [Placeholders<A[K]>] ? never : K) : K;
}[keyof A];
