import type { MiddlewareHandler } from 'hono';
import { bookingSettingsOf } from '../services/rows.js';
import { findClinicBySlug } from '../services/clinics.js';
import type { Deps } from '../services/deps.js';

const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Tidbok-Hold-Secret';
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const EXPOSE_HEADERS = 'Retry-After, Idempotent-Replayed';

/**
 * CORS per clinic: a browser is answered only when its Origin is listed, exactly, in that
 * clinic's `allowedOrigins` — for public and admin routes alike (an intranet is an origin too).
 * A preflight from any other origin gets no CORS headers, so the browser refuses it.
 */
export function clinicCors(deps: Deps): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const slug = c.req.param('clinic');
    let allowed = false;
    if (origin && slug) {
      const clinic = await findClinicBySlug(deps, slug);
      allowed = clinic !== undefined && bookingSettingsOf(clinic).allowedOrigins.includes(origin);
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
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (allowed && origin) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
  };
}
