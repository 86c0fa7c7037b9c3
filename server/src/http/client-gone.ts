import type { Context } from 'hono';

/**
 * The status logged for a request whose client went away before the server could answer (the
 * connection closed halfway through its body): nginx's "client closed request". Nothing is sent,
 * since nobody is there to read it; it only keeps such requests apart from server errors.
 */
export const CLIENT_CLOSED = 499;

/**
 * Whether an error only says that the client went away: Node fails the request body's stream
 * with `Error: aborted` (code ECONNRESET) when the connection closes before the body ends, and
 * @hono/node-server aborts the request's signal once the connection is gone. That is the
 * client's doing, not a fault of the server, so it is no 500. A database connection that was
 * reset (also ECONNRESET, but another message) is still the server's error.
 */
export function isClientGone(error: unknown, c: Context): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ECONNRESET' && message === 'aborted') return true;
  try {
    return c.req.raw.signal?.aborted === true;
  } catch {
    return false;
  }
}
