import { createHash } from 'node:crypto';
import { CalendarFeedCreatedSchema, CalendarFeedStatusSchema } from '@tidbok/core';
import type { Context } from 'hono';
import { ApiError, notFound } from '../errors.js';
import { Api, idParam } from '../http/api.js';
import { clientIp } from '../http/client-ip.js';
import type { AppEnv } from '../http/env.js';
import { RateLimiter } from '../http/rate-limit.js';
import type { Deps } from '../services/deps.js';
import { bookingSettingsOf } from '../services/rows.js';
import { buildFeed } from './feed-ics.js';
import { feedEvents, feedWindow } from './feed-entries.js';
import { createFeed, FEED_TOKEN, feedStatus, findFeed, revokeFeed } from './feed-tokens.js';

const FEED = '/v1/clinics/:clinic/admin/practitioners/:id/calendar-feed';
/** The feed's own path; the request log writes this pattern, never the path with its token (app.ts). */
export const FEED_ROUTE = '/feeds/:file';

/**
 * A practitioner's feed is theirs to hand out: an admin may make or end anyone's, everyone else
 * (receptionists included) only their own.
 */
function requireOwnerOrAdmin(c: Context<AppEnv>): string {
  const staff = c.get('staff');
  const practitionerId = idParam(c);
  if (staff.role !== 'admin' && staff.practitioner_id !== practitionerId) {
    throw new ApiError('forbidden', "Only an admin or the practitioner themselves may manage a practitioner's calendar subscription");
  }
  return practitionerId;
}

/** RFC 9110 13.1.2: a list of entity tags or `*`, compared weakly. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function calendarFeedRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'get',
      path: FEED,
      summary: 'Whether the practitioner has a calendar subscription address (never the address itself)',
      tag: 'Calendar feeds',
      access: 'staff',
      // Every role that works with a calendar; the handler narrows it to admins and the practitioner.
      permission: 'calendar',
      responses: { 200: { description: 'The subscription', schema: CalendarFeedStatusSchema } },
    },
    async (c) => c.json(await feedStatus(deps, c.get('clinic'), requireOwnerOrAdmin(c))),
  );
  api.route(
    {
      method: 'post',
      path: FEED,
      summary: 'Make a new calendar subscription address (shown once); the previous one stops working',
      tag: 'Calendar feeds',
      access: 'staff',
      permission: 'calendar',
      responses: { 201: { description: 'The new address', schema: CalendarFeedCreatedSchema } },
    },
    async (c) => c.json(await createFeed(deps, c.get('clinic'), requireOwnerOrAdmin(c), c.get('staff').id), 201),
  );
  api.route(
    {
      method: 'delete',
      path: FEED,
      summary: "End the practitioner's calendar subscription address",
      tag: 'Calendar feeds',
      access: 'staff',
      permission: 'calendar',
      responses: { 204: { description: 'Ended (or there was none)' } },
    },
    async (c) => {
      await revokeFeed(deps, c.get('clinic'), requireOwnerOrAdmin(c));
      return c.body(null, 204);
    },
  );

  // Calendar apps fetch without credentials, so every fetch is counted per address, hits or not.
  const limiter = new RateLimiter(deps.config.rateLimitPerMinute, () => deps.clock.now());
  api.app.use('/feeds/*', async (c, next) => {
    const retryAfter = limiter.hit(clientIp(c, deps.config.trustProxy));
    if (retryAfter > 0) {
      throw new ApiError('rate_limited', 'Too many calendar fetches from this address; wait a moment', undefined, {
        'Retry-After': String(retryAfter),
      });
    }
    await next();
  });

  api.route(
    {
      method: 'get',
      path: FEED_ROUTE,
      summary:
        "A practitioner's bookings and activities as iCalendar, 60 days back to 365 ahead; `file` is the secret token and `.ics`. " +
        'Answers 304 to a matching If-None-Match.',
      tag: 'Calendar feeds',
      access: 'public',
      responses: {
        200: { description: 'The calendar (text/calendar)', contentType: 'text/calendar' },
        304: { description: 'Not changed since the ETag given' },
      },
    },
    async (c) => {
      const token = /^(.*)\.ics$/.exec(c.req.param('file') ?? '')?.[1];
      const feed = token && FEED_TOKEN.test(token) ? await findFeed(deps.store.db, token) : undefined;
      if (!feed) throw notFound('Calendar feed');
      const window = feedWindow(deps.clock.now());
      const locale = feed.locale === 'en' ? 'en' : 'sv';
      const events = await feedEvents(
        deps.store.db,
        {
          practitionerId: feed.practitioner_id,
          clinicId: feed.id,
          locale,
          clientNames: bookingSettingsOf(feed).calendarFeedClientNames,
        },
        window,
      );
      const body = buildFeed({ name: `${feed.practitioner_name} – ${feed.name}`, timeZone: feed.time_zone, ...window, events });
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
      const headers = { ETag: etag, 'Cache-Control': 'private, max-age=300' };
      if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
      return c.body(body, 200, { ...headers, 'Content-Type': 'text/calendar; charset=utf-8' });
    },
  );
  return api;
}
