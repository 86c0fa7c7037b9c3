import { isLocalDate } from '@tidbok/core';

/*
 * The staff calendar's view and date in the page's address, so a reload (or a bookmark) opens
 * the same day: `#tidbok-view=day&tidbok-date=2026-12-07`. Kept in the fragment, which never
 * reaches a server, with names of its own so a page's other fragment parameters stay as they
 * are; written with `history.replaceState`, so moving through days adds no history entries.
 */

export type UrlView = 'week' | 'day';

const VIEW = 'tidbok-view';
const DATE = 'tidbok-date';

function params(hash: string): URLSearchParams {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

/** What the address says, if anything valid. */
export function readCalendarState(hash = location.hash): { view?: UrlView; date?: string } {
  const p = params(hash);
  const view = p.get(VIEW);
  const date = p.get(DATE);
  return { ...(view === 'week' || view === 'day' ? { view } : {}), ...(date && isLocalDate(date) ? { date } : {}) };
}

/** The fragment with the view and date set, the page's own parameters kept. */
export function calendarHash(hash: string, view: UrlView, date: string): string {
  const p = params(hash);
  p.set(VIEW, view);
  if (isLocalDate(date)) p.set(DATE, date);
  return `#${p.toString()}`;
}

/** Puts the view and date in the address without a new history entry. */
export function writeCalendarState(view: UrlView, date: string): void {
  const hash = calendarHash(location.hash, view, date);
  if (hash !== location.hash) history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
}
