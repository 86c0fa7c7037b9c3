import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The caller's address. Without trusted proxies (`trustProxy` 0) it is the socket's peer. Behind
 * `trustProxy` proxies it is read from X-Forwarded-For, counting from the right: each proxy
 * appends the address it was reached from, so the last entry is what the nearest proxy saw and
 * entry N from the right what the outermost of N proxies saw. Whatever stands to the left of that
 * came from the client and is never used. A header with fewer entries than proxies did not pass
 * through all of them (someone reached an inner proxy directly), so none of it is trusted and the
 * socket's peer is used. Requests made in-process have no socket: 'local'.
 */
export function clientIp(c: Context, trustProxy: number | boolean): string {
  const hops = trustProxy === true ? 1 : trustProxy === false ? 0 : trustProxy;
  if (hops > 0) {
    // Node joins repeated X-Forwarded-For headers with ", " in the order they came.
    const entries = (c.req.header('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim());
    const entry = entries.length >= hops ? entries[entries.length - hops] : undefined;
    if (entry) return entry.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}
