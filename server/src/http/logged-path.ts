import { FEED_ROUTE } from '../calendar-feed/routes.js';

/** Anything shaped like a calendar feed's secret (calendar-feed/feed-tokens.ts). */
const FEED_SECRET = /cal_[A-Za-z0-9_-]{8,}/g;

/**
 * The path a request log line shows. A calendar feed's path is its secret, so those requests are
 * logged by their route pattern, whatever came of them (served, 304, 404, rate limited).
 */
export function loggedPath(path: string): string {
  if (/^\/+feeds(\/|$)/i.test(path)) return FEED_ROUTE;
  return path.replace(FEED_SECRET, 'cal_…');
}
