import type { Store } from './store.js';

/** What a computation gives the cache: its value, and until when it holds without any write. */
export interface Cacheable<T> {
  value: T;
  /** The first clock time (ms) at which the value may be wrong even if nothing is written. */
  validUntil?: number;
}

interface Entry {
  token: string;
  /** The clock when it was computed: a clock set back (by hand, or by NTP) is no reason to trust it. */
  computedAt: number;
  validUntil: number;
  value: unknown;
}

/**
 * Answers computed from the database, kept until the database changes. Reads far outnumber
 * writes in a booking system (every visitor looks at several weeks; few book), and the same
 * clinic, treatment and week are asked for again and again. An entry is used only while the
 * store's `changeToken()` is the one taken before it was computed — any committed write, in this
 * process or another, retires every entry — and while the clock is between the time it was
 * computed and its `validUntil` (free times also change as time passes: notice, holds expiring).
 * Where the store has no token (PostgreSQL) every call computes.
 *
 * Values are shared between callers and frozen (shallowly) so that none can change another's.
 * Only for reads outside a write transaction: `compute` must read through `store.db`.
 */
export class ReadCache {
  readonly #store: Store;
  readonly #limit: number;
  readonly #entries = new Map<string, Entry>();

  constructor(store: Store, limit: number) {
    this.#store = store;
    this.#limit = limit;
  }

  async get<T>(key: string, now: number, compute: () => Promise<Cacheable<T>>): Promise<T> {
    const token = this.#store.changeToken();
    if (token === undefined) return (await compute()).value;
    const entry = this.#entries.get(key);
    if (entry && entry.token === token && entry.computedAt <= now && now < entry.validUntil) {
      // Most recently used last, so that the first key is the one to drop.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      return entry.value as T;
    }
    const { value, validUntil = Number.POSITIVE_INFINITY } = await compute();
    if (value !== null && typeof value === 'object') Object.freeze(value);
    this.#entries.delete(key);
    if (this.#entries.size >= this.#limit) this.#entries.delete(this.#entries.keys().next().value!);
    // Under the token taken before computing: if anything was written meanwhile, the entry is
    // already stale and is never used.
    this.#entries.set(key, { token, computedAt: now, validUntil, value });
    return value;
  }

  clear() {
    this.#entries.clear();
  }
}

const caches = new WeakMap<Store, Map<string, ReadCache>>();

/**
 * The store's cache called `name`, made on first use with room for `limit` entries. Kept beside
 * the store rather than in it, so that every store (tests open many) gets its own.
 */
export function readCache(store: Store, name: string, limit: number): ReadCache {
  let named = caches.get(store);
  if (!named) caches.set(store, (named = new Map()));
  let cache = named.get(name);
  if (!cache) named.set(name, (cache = new ReadCache(store, limit)));
  return cache;
}

/** Forgets everything the store's caches keep (benchmarks measure the work behind an answer). */
export function clearReadCaches(store: Store) {
  for (const cache of caches.get(store)?.values() ?? []) cache.clear();
}
