import { ApiError } from '../errors.js';

/**
 * Slugs no clinic may take. A slug becomes a path segment (`/v1/clinics/<slug>/…`, `/b/<slug>/…`,
 * `/c/<slug>/`), and a clinic named like one of the server's own path segments — a clinic called
 * `admin` once had no rate limit, because the limiter looked for `/admin/` in the path — invites
 * every piece of code, proxy rule or log filter that reasons about paths to mistake the clinic
 * for the server. So the server's route segments, and names it or an operator may want for new
 * ones, are kept free.
 *
 * Not among them: `demo`, the demo clinic's slug (its pages, `/demo/…`, are a tree of their own
 * that a slug never reaches), and the one-letter roots `b` and `c`, which are ordinary clinic
 * initials and sit only at the start of a path, where a slug never stands.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  // Segments of today's routes.
  'v1',
  'clinics',
  'admin',
  'auth',
  'me',
  'holds',
  'bookings',
  'slots',
  'embed',
  'chunks',
  'health',
  'openapi',
  // Kept for routes and proxy rules to come.
  'v2',
  'api',
  'operator',
  'static',
  'assets',
  'metrics',
  'status',
  'logout',
  'www',
]);

/** Refuses a slug that is reserved, with its own code so a client can say why. */
export function assertSlugNotReserved(slug: string): void {
  if (RESERVED_SLUGS.has(slug)) {
    throw new ApiError('slug_reserved', `The slug "${slug}" is reserved for the server's own addresses; pick another`, [{ path: 'slug', message: 'Reserved' }]);
  }
}
