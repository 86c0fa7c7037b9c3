import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Access, RouteSpec } from './api.js';
import { clientIp } from './client-ip.js';
import type { RateLimiter } from './rate-limit.js';

/** Routes that answer only to a staff or operator token; their callers are known, so not counted. */
const TOKEN_ONLY: ReadonlySet<Access> = new Set<Access>(['staff', 'admin', 'operator']);

/**
 * Whether the route that will answer this request needs a staff or operator token, read from its
 * spec — decided by the route the router matched, never by what the path looks like, so a clinic
 * whose slug is `admin` (or a path with `/admin/` anywhere else) is no exception. A request no
 * spec answers (an HTML page, a 404) does not need one.
 */
export function needsStaffToken(specs: readonly RouteSpec[]): (c: Context) => boolean {
  let access: Map<string, Access> | undefined;
  return (c) => {
    // Built on first use: the routes are registered after the middleware.
    access ??= new Map(specs.map((spec) => [`${spec.method.toUpperCase()} ${spec.path}`, spec.access]));
    const route = matchedRoutes(c).find((r) => r.method !== 'ALL');
    const level = route && access.get(`${route.method} ${route.path}`);
    return level !== undefined && TOKEN_ONLY.has(level);
  };
}

export interface WriteLimitOptions {
  limiter: RateLimiter;
  trustProxy: number;
  /** Requests that are not counted at all. */
  exempt?: (c: Context) => boolean;
  /** The answer once the address is over its limit, given the seconds until it may try again. */
  refuse: (retryAfter: number) => Response;
}

/** Counts every write (anything but GET, HEAD, OPTIONS) per client address, refusing those over the limit. */
export function limitWrites({ limiter, trustProxy, exempt, refuse }: WriteLimitOptions): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && !exempt?.(c)) {
      const retryAfter = limiter.hit(clientIp(c, trustProxy));
      if (retryAfter > 0) return refuse(retryAfter);
    }
    await next();
  };
}
