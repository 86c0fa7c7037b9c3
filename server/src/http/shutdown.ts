import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';

export interface ShutdownOptions {
  server: Server;
  logger: Logger;
  /** How long requests in flight may take to finish after the first signal; then they are cut. */
  drainTimeoutMs: number;
  /** Runs once no request is in flight: stop background work, close the database. */
  afterDrain: () => Promise<void>;
  exit?: (code: number) => void;
}

/**
 * Graceful shutdown on SIGTERM or SIGINT: the listening socket closes at once (new connections
 * are refused), idle keep-alive connections are closed, every request in flight is answered and
 * its connection closed after it, then `afterDrain` runs (the dispatcher finishes its round and
 * so hands back what it claimed, the database is closed) and the process exits 0. A second
 * signal exits at once, with 128 + the signal's number as a shell would report it.
 */
export function shutdownOnSignals({ server, logger, drainTimeoutMs, afterDrain, exit = (code) => process.exit(code) }: ShutdownOptions) {
  const inFlight = new Set<ServerResponse>();
  let closing = false;

  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    // The answer ends its connection once shutdown has begun; Node then closes the socket.
    if (closing && !res.headersSent) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight.delete(res);
      if (closing) server.closeIdleConnections();
    });
  });

  const begin = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.error('second signal: exiting now', { signal, requestsInFlight: inFlight.size });
      exit(signal === 'SIGINT' ? 130 : 143);
      return;
    }
    closing = true;
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const deadline = setTimeout(() => {
      logger.error('shutdown: requests still in flight after the drain timeout; closing their connections', {
        requestsInFlight: inFlight.size,
        drainTimeoutMs,
      });
      server.closeAllConnections();
    }, drainTimeoutMs);
    deadline.unref();
    server.close(() => {
      clearTimeout(deadline);
      afterDrain().then(
        () => {
          logger.info('stopped');
          exit(0);
        },
        (error: unknown) => {
          logger.error('shutdown failed', { error: error instanceof Error ? error.message : String(error) });
          exit(1);
        },
      );
    });
    server.closeIdleConnections();
    // Once the listening socket is closed, so that whoever reads this line finds it closed.
    logger.info('shutting down: no new connections, finishing requests in flight', { signal, requestsInFlight: inFlight.size });
  };
  process.on('SIGTERM', begin);
  process.on('SIGINT', begin);
}

/** `TIDBOK_SHUTDOWN_TIMEOUT_MS`: how long requests in flight get to finish; 10 s by default. */
export function shutdownTimeoutMs(env: Record<string, string | undefined>): number {
  const value = env.TIDBOK_SHUTDOWN_TIMEOUT_MS;
  if (value === undefined || value.trim() === '') return 10_000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`TIDBOK_SHUTDOWN_TIMEOUT_MS must be a non-negative integer, got "${value}"`);
  return n;
}
