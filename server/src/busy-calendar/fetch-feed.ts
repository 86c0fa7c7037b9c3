import { checkOutboundUrl, type OutboundConfig, OutboundError, safeFetch } from '../http/outbound-url.js';
import { BusyFeedError } from './parse-busy.js';

/** A calendar larger than this is refused: a busy calendar for 180 days is far smaller. */
export const MAX_FEED_BYTES = 5 * 1024 * 1024;
/** The whole request, connect to last byte. */
export const FEED_TIMEOUT_MS = 15_000;

export type FeedAnswer = { changed: false } | { changed: true; text: string; etag: string | null; lastModified: string | null };

/**
 * The address as fetched: calendar apps hand out `webcal://` (and `webcals://`) links, which are
 * https links under another name. Refused (OutboundError) where the outbound rules refuse it.
 */
export function calendarUrl(input: string, config: OutboundConfig): URL {
  const trimmed = input.trim().replace(/^webcals?:\/\//i, 'https://');
  return checkOutboundUrl(trimmed, config);
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

/**
 * Reads a calendar under the outbound rules (no private addresses, no redirects), asking only
 * for a changed copy when validators from the last read are known (ETag / Last-Modified).
 */
export async function fetchFeed(url: URL, options: { config: OutboundConfig; etag: string | null; lastModified: string | null }): Promise<FeedAnswer> {
  const headers: Record<string, string> = { accept: 'text/calendar, */*;q=0.5' };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  let answer;
  try {
    answer = await safeFetch(url.href, { config: options.config, headers, timeoutMs: FEED_TIMEOUT_MS, maxBytes: MAX_FEED_BYTES });
  } catch (error) {
    if (error instanceof OutboundError) throw new BusyFeedError(error.message);
    throw error;
  }
  if (answer.status === 304) return { changed: false };
  if (answer.status !== 200) throw new BusyFeedError(`The calendar's server answered ${answer.status}`);
  if (answer.truncated) throw new BusyFeedError(`The calendar is larger than ${MAX_FEED_BYTES / 1024 / 1024} MB`);
  return {
    changed: true,
    text: answer.body.toString('utf8'),
    etag: header(answer.headers.etag),
    lastModified: header(answer.headers['last-modified']),
  };
}
