import { OriginSchema, type RejectedOrigin } from '@tidbok/core';
import * as z from 'zod/mini';
import { iso } from '../time.js';

/**
 * The last few websites that were refused a clinic's API (cors.ts, 403 `origin_not_allowed`),
 * so the settings screen can say "the widget was loaded on https://x.example, which is not in the
 * list". In memory, bounded: at most PER_CLINIC origins per clinic and CLINICS clinics, the
 * oldest forgotten first; a restart forgets them, which only loses a hint.
 *
 * Anyone can send any Origin header, so this is a hint to staff, never a permission: only
 * well-formed origins are kept, shown as text, and added to the list only by an admin's save.
 */
const PER_CLINIC = 5;
const CLINICS = 10_000;

interface Seen {
  lastSeen: number;
  count: number;
}

export class RejectedOrigins {
  readonly #byClinic = new Map<string, Map<string, Seen>>();

  record(clinicId: string, origin: string, now: number): void {
    if (!z.safeParse(OriginSchema, origin).success) return;
    let origins = this.#byClinic.get(clinicId);
    if (origins) {
      this.#byClinic.delete(clinicId);
    } else {
      origins = new Map();
      if (this.#byClinic.size >= CLINICS) this.#byClinic.delete(this.#byClinic.keys().next().value!);
    }
    this.#byClinic.set(clinicId, origins);
    const seen = origins.get(origin);
    origins.delete(origin);
    origins.set(origin, { lastSeen: now, count: (seen?.count ?? 0) + 1 });
    if (origins.size > PER_CLINIC) origins.delete(origins.keys().next().value!);
  }

  /** The clinic's refused origins, latest first, leaving out those it has allowed since. */
  list(clinicId: string, allowed: readonly string[]): RejectedOrigin[] {
    const origins = this.#byClinic.get(clinicId);
    if (!origins) return [];
    return [...origins]
      .filter(([origin]) => !allowed.includes(origin))
      .reverse()
      .map(([origin, seen]) => ({ origin, lastSeenAt: iso(seen.lastSeen), count: seen.count }));
  }
}

// One per store, so servers in the same process (tests) keep their own.
const recorders = new WeakMap<object, RejectedOrigins>();

export function rejectedOriginsOf(store: object): RejectedOrigins {
  let recorder = recorders.get(store);
  if (!recorder) recorders.set(store, (recorder = new RejectedOrigins()));
  return recorder;
}
