import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTidbokAdmin, TidbokError } from '@tidbok/sdk';
import { seedDemo } from '../../server/src/demo.js';
import { createTestContext, listen, type TestContext } from '../../server/src/testing.js';
import { bookFirstFree, explain, SAMPLE_CLIENT } from './book-first-free.mjs';

let t: TestContext;
let srv: Awaited<ReturnType<typeof listen>>;
let adminToken: string;
beforeEach(async () => {
  // A Wednesday morning on the test clock; the demo seeds four weeks of working time from it.
  t = await createTestContext({ now: '2027-03-03T06:00:00Z' });
  ({ adminToken } = await seedDemo(t.app.deps));
  srv = await listen(t.app);
});
afterEach(async () => {
  await srv.close();
  await t.close();
});

describe('examples/sdk-node/book-first-free', () => {
  it('books the first free time of the demo clinic for the sample client and cancels it', async () => {
    const lines: string[] = [];
    const { booking, cancelled } = await bookFirstFree({
      baseUrl: srv.url,
      clinic: 'demo',
      from: new Date(t.clock.now()),
      log: (line) => lines.push(line),
    });

    // The first treatment type (by name) is Fysioterapi, Erik's. 07:00 in Stockholm plus two hours'
    // notice is 09:00, inside his 07:30–11:30 block.
    expect(booking).toMatchObject({ status: 'booked', start: '2027-03-03T08:00:00Z' });
    expect(cancelled).toMatchObject({ id: booking.id, status: 'cancelled' });
    expect(lines[0]).toBe('Mottagningen Lugna Rummet (Europe/Stockholm): looking for "Fysioterapi", 45 min');
    expect(lines[1]).toBe(`Booked ${booking.id}: Wed 2027-03-03 09:00 with Erik Johansson`);
    // Two hours ahead is inside Erik's 48-hour cancellation window.
    expect(lines.at(-1)).toBe(`Cancelled ${booking.id} with its manage token: status cancelled (late)`);

    const admin = createTidbokAdmin({ baseUrl: srv.url, clinic: 'demo', token: adminToken });
    const client = await admin.clients.get((await admin.bookings.get(booking.id)).clientId);
    expect(client).toMatchObject(SAMPLE_CLIENT);
    expect((await admin.bookings.get(booking.id)).status).toBe('cancelled');
  });

  it('explains an unreachable server and an unknown clinic in one line each', async () => {
    const closed = await listen(t.app);
    await closed.close();
    const down = { baseUrl: closed.url, clinic: 'demo' };
    const error = await bookFirstFree({ ...down, log: () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TidbokError);
    expect(explain(error, down)).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+ \(.+\)\. Is the server running\?/);

    const missing = { baseUrl: srv.url, clinic: 'no-such-clinic' };
    const notFound = await bookFirstFree({ ...missing, log: () => undefined }).catch((e: unknown) => e);
    expect(explain(notFound, missing)).toBe(`Clinic not found at ${srv.url} (clinic "no-such-clinic"; set TIDBOK_CLINIC to choose another).`);
  });
});
