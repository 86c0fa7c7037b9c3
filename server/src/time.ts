/** Instants leave the server as UTC RFC 3339 without milliseconds when they have none. */
export function iso(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}
