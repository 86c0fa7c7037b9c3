import pg from 'pg';

/**
 * A pg client that hands each query to the socket in one write.
 *
 * node-postgres sends a query with parameters as five protocol messages (Parse, Bind, Describe,
 * Execute, Sync), each with its own `socket.write`, and an idle socket writes each at once: five
 * system calls per statement. A hold and a booking run about 25 statements, so on PostgreSQL
 * these writes were half of the server's CPU time under load (a CPU profile of the hold + book
 * benchmark). Corking the socket while the query is submitted gathers the messages into one
 * `writev`; the bytes sent are the same.
 */
export class CorkingClient extends pg.Client {
  override query(...args: unknown[]): any {
    const stream = (this as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream;
    stream?.cork?.();
    try {
      return (super.query as (...a: unknown[]) => unknown)(...args);
    } finally {
      stream?.uncork?.();
    }
  }
}
