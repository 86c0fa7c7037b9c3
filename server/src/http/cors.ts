import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';
import { bookingSettingsOf } from '../services/rows.js';
import { findClinicBySlug } from '../services/clinics.js';
import type { Deps } from '../services/deps.js';
import { rejectedOriginsOf } from './rejected-origins.js';

const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Tidbok-Hold-Secret';
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const EXPOSE_HEADERS = 'Retry-After, Idempotent-Replayed';

/**
 * CORS per clinic: a browser is answered only when its Origin is listed, exactly, in that
 * clinic's `allowedOrigins` — for public and admin routes alike (an intranet is an origin too).
 * A preflight from any other origin gets no CORS headers, so the browser refuses it.
 *
 * Any other request from a website that is not listed (the clinic exists, the request is not the
 * server's own page) is refused before the route runs, with a 403 `origin_not_allowed` that this
 * one answer lets that website read: an embedded widget can then tell the site's owner what to
 * fix instead of reporting a network failure. The answer says nothing about the clinic.
 */
export function clinicCors(deps: Deps): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const slug = c.req.param('clinic');
    let allowed = false;
    let refused = false;
    if (origin && slug) {
      const clinic = await findClinicBySlug(deps, slug);
      allowed = clinic !== undefined && bookingSettingsOf(clinic).allowedOrigins.includes(origin);
      // Browsers send Origin on their own site's writes too; those are not cross-origin.
      const ownSite = c.req.header('sec-fetch-site') === 'same-origin' || origin === new URL(c.req.url).origin;
      refused = clinic !== undefined && !allowed && !ownSite;
      // Kept for the settings screen's hint (rejected-origins.ts); a preflight says nothing yet.
      if (refused && c.req.method !== 'OPTIONS') rejectedOriginsOf(deps.store).record(clinic!.id, origin, deps.clock.now());
    }
    if (c.req.method === 'OPTIONS') {
      const headers = new Headers({ Vary: 'Origin' });
      if (allowed && origin) {
        headers.set('Access-Control-Allow-Origin', origin);
        headers.set('Access-Control-Allow-Methods', ALLOW_METHODS);
        headers.set('Access-Control-Allow-Headers', ALLOW_HEADERS);
        headers.set('Access-Control-Max-Age', '600');
      }
      return new Response(null, { status: 204, headers });
    }
    if (refused && origin) {
      const error = new ApiError(
        'origin_not_allowed',
        `${origin} is not one of this clinic's allowed websites; add it to its booking settings (allowedOrigins)`,
      );
      return new Response(JSON.stringify(error.toProblem()), {
        status: error.status,
        headers: { 'content-type': 'application/problem+json', Vary: 'Origin', 'Access-Control-Allow-Origin': origin },
      });
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (allowed && origin) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
  };
}
