import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { networkOf } from '../services/client-network.js';

/**
 * How long a connection may take and how many may be open. Node's defaults let a socket that
 * sends nothing stay open for up to 90 s (a 60 s header timeout checked every 30 s), so a
 * thousand idle sockets used up the process's file descriptors and every real request failed.
 */
export interface ConnectionLimits {
  /** Time to receive a request's headers, from the connection or the previous answer; then 408 and closed. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, headers and body. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept after an answer. */
  keepAliveTimeoutMs: number;
  /** Connections open at once, in all; a new one beyond it is closed at once. 0: no cap. */
  maxConnections: number;
  /**
   * Connections open at once from one peer address (an IPv6 address counts as its /64, which one
   * holder can fill at will); a new one beyond it is closed at once. 0: no cap.
   */
  maxConnectionsPerAddress: number;
}

function int(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/**
 * The limits from the environment. Behind a reverse proxy every connection comes from the proxy's
 * address, so with `TIDBOK_TRUST_PROXY` on the per-address cap is off unless it is set.
 */
export function connectionLimitsFromEnv(env: Record<string, string | undefined>, behindProxy: boolean): ConnectionLimits {
  const limits = {
    headersTimeoutMs: int(env, 'TIDBOK_HEADERS_TIMEOUT_MS', 10_000),
    requestTimeoutMs: int(env, 'TIDBOK_REQUEST_TIMEOUT_MS', 30_000),
    keepAliveTimeoutMs: int(env, 'TIDBOK_KEEP_ALIVE_TIMEOUT_MS', 5_000),
    maxConnections: int(env, 'TIDBOK_MAX_CONNECTIONS', 800),
    maxConnectionsPerAddress: int(env, 'TIDBOK_MAX_CONNECTIONS_PER_ADDRESS', behindProxy ? 0 : 100),
  };
  if (limits.headersTimeoutMs === 0) throw new Error('TIDBOK_HEADERS_TIMEOUT_MS must be above 0');
  // Node refuses a header timeout longer than the request timeout (the headers are part of it).
  if (limits.requestTimeoutMs !== 0 && limits.requestTimeoutMs < limits.headersTimeoutMs) {
    throw new Error('TIDBOK_REQUEST_TIMEOUT_MS must be at least TIDBOK_HEADERS_TIMEOUT_MS (or 0 for none)');
  }
  return limits;
}

/**
 * What `http.createServer` needs up front: Node checks the header and request timeouts on a
 * timer that can only be set here, every 30 s by default; a quarter of the header timeout (at
 * most a second) closes a silent socket close to the time it is given.
 */
export function serverOptions(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

export type RefusedReason = 'total' | 'per_address';

export interface ConnectionCounter {
  /** Connections open now. */
  open(): number;
}

/**
 * Caps the connections of a server that was created with `serverOptions(limits)`: in all
 * (Node's own `maxConnections`, which closes the socket before any HTTP is read) and per peer
 * network (counted here, by `networkOf`; a connection beyond the cap is closed before Node reads
 * from it).
 * The peer is the socket's address, not `X-Forwarded-For`: this runs before any request exists.
 */
export function limitConnections(server: Server, limits: ConnectionLimits, onRefused: (reason: RefusedReason) => void = () => {}): ConnectionCounter {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
  server.on('drop', () => onRefused('total'));

  let open = 0;
  const perAddress = new Map<string, number>();
  // Prepended so that a refused socket is destroyed before Node's HTTP handling sets it up.
  server.prependListener('connection', (socket: Socket) => {
    const address = networkOf(socket.remoteAddress ?? '');
    const count = perAddress.get(address) ?? 0;
    if (limits.maxConnectionsPerAddress > 0 && count >= limits.maxConnectionsPerAddress) {
      onRefused('per_address');
      socket.destroy();
      return;
    }
    perAddress.set(address, count + 1);
    open += 1;
    socket.once('close', () => {
      open -= 1;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });
  return { open: () => open };
}
