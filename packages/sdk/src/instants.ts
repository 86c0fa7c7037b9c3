import { TidbokError } from './errors.js';

/** An instant: a `Date`, or an RFC 3339 string with an offset (`2027-03-01T09:00:00+01:00`). */
export type Instant = Date | string;

/** The fields that carry an instant (or, for `from`/`to`, an instant or a local date). */
type InstantKey = 'start' | 'end' | 'from' | 'to';

/**
 * A request shape from core with its instant fields widened to also take a `Date`. Optional
 * fields stay optional (the mapped type is homomorphic).
 */
export type WithInstants<T> = { [K in keyof T]: K extends InstantKey ? Exclude<T[K], string> | Instant : T[K] };

/** An RFC 3339 string for a `Date`; strings (instants or local dates) pass through as given. */
export function serializeInstant(value: Instant, field: string): string {
  if (typeof value === 'string') return value;
  // Refused here rather than by `toISOString()`'s RangeError, so every failure is a TidbokError.
  if (Number.isNaN(value.getTime())) throw new TidbokError('validation_failed', `${field}: Invalid Date`);
  return value.toISOString();
}

/** A copy of `input` with its `Date` values in instant fields turned into strings. */
export function serializeInstants<T extends object>(input: T): { [K in keyof T]: Exclude<T[K], Date> } {
  const out = { ...input } as Record<string, unknown>;
  for (const key of ['start', 'end', 'from', 'to'] as const) {
    const value = out[key];
    if (value instanceof Date || typeof value === 'string') out[key] = serializeInstant(value, key);
  }
  return out as { [K in keyof T]: Exclude<T[K], Date> };
}
