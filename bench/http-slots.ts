/**
 * HTTP benchmark of the public slots route on a dense clinic: 5 practitioners, each with the
 * slot engine benchmark's calendar (8 working-time blocks and 6 bookings a day, 45-minute
 * treatment on a 15-minute grid) for 31 days, in SQLite through the real app.
 *
 * - Throughput of `GET …/slots` for one week, next to `GET /v1/health` measured the same way in
 *   the same run, so the ratio says what the slot work costs on this machine. Budget: ≥ 20 % of
 *   health.
 * - Latency of `GET …/slots` for the whole month, one request at a time. Budget: p50 ≤ 10 ms.
 *
 * The load comes from N concurrent fetch loops in this same process over a loopback socket (no
 * extra tool): client and server share one CPU, so absolute req/s are lower than a separate load
 * generator would see; the ratio is the figure to watch.
 */
import { performance } from 'node:perf_hooks';
import { createTestContext, listen } from '../server/src/testing.js';
import { type BenchRow, type BenchSuite, formatMs, percentile } from './row.js';
import { denseMonth } from './slot-engine.js';

const PRACTITIONERS = 5;
const CONCURRENCY = 16;
const WARMUP_MS = 500;
/** Throughput is measured in alternating windows (health, slots, slots, health, …) so that a
 * change in machine load during the run affects both figures alike rather than one of them. */
const WINDOW_MS = 500;
const WINDOWS_EACH = 6;
const LATENCY_WARMUP = 20;
const LATENCY_RUNS = 200;
export const SLOTS_TO_HEALTH_BUDGET = 0.2;
export const MONTH_BUDGET_P50_MS = 10;

/** What one load window measured. */
interface LoadResult {
  requests: number;
  elapsedMs: number;
}

async function load(url: string, durationMs: number): Promise<LoadResult> {
  const started = performance.now();
  const deadline = started + durationMs;
  let requests = 0;
  const loop = async () => {
    while (performance.now() < deadline) {
      const res = await fetch(url);
      await res.arrayBuffer();
      // A failing route must not look fast.
      if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
      requests++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return { requests, elapsedMs: performance.now() - started };
}

/** Requests per second of each URL over `WINDOWS_EACH` windows, in ABBA order. */
async function interleavedLoad(a: string, b: string): Promise<[number, number]> {
  const total = { a: { requests: 0, elapsedMs: 0 }, b: { requests: 0, elapsedMs: 0 } };
  const add = (key: 'a' | 'b', r: LoadResult) => {
    total[key].requests += r.requests;
    total[key].elapsedMs += r.elapsedMs;
  };
  for (let i = 0; i < WINDOWS_EACH; i++) {
    const order: ('a' | 'b')[] = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    for (const key of order) add(key, await load(key === 'a' ? a : b, WINDOW_MS));
  }
  const rate = (r: { requests: number; elapsedMs: number }) => r.requests / (r.elapsedMs / 1000);
  return [rate(total.a), rate(total.b)];
}

/** A clinic whose calendar is the dense month, for every practitioner; returns the slots URL parts. */
export async function seedDenseClinic(t: Awaited<ReturnType<typeof createTestContext>>) {
  const month = denseMonth();
  const { slug, token } = await t.clinic('bench');
  const admin = async (path: string, body: unknown) => {
    const res = await t.call('POST', `/v1/clinics/${slug}/admin${path}`, { token, body });
    if (res.status !== 201) throw new Error(`seeding ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const treatment = await admin('/treatment-types', { name: 'Behandling', durationMinutes: month.treatmentType.durationMinutes });
  const client = await admin('/clients', { name: 'Bänk Klient' });
  const practitioners: string[] = [];
  for (let i = 0; i < PRACTITIONERS; i++) {
    practitioners.push((await admin('/practitioners', { name: `Behandlare ${i + 1}`, treatmentTypeIds: [treatment.id] })).id);
  }
  const clinic = await t.store.db.selectFrom('clinics').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  const now = t.clock.now();
  let n = 0;
  await t.store.write(async (trx) => {
    for (const practitionerId of practitioners) {
      for (const w of month.workingTimes) {
        await trx
          .insertInto('working_times')
          .values({
            id: `wt_bench_${n++}`,
            clinic_id: clinic.id,
            practitioner_id: practitionerId,
            start_ms: w.start,
            end_ms: w.end,
            treatment_type_ids: null,
            location_id: null,
            created_at: now,
          })
          .execute();
      }
      for (const b of month.busy) {
        await trx
          .insertInto('bookings')
          .values({
            id: `bk_bench_${n++}`,
            clinic_id: clinic.id,
            practitioner_id: practitionerId,
            treatment_type_id: treatment.id,
            location_id: null,
            client_id: client.id,
            status: 'booked',
            start_ms: b.start,
            end_ms: b.end,
            note: '',
            late_cancellation: 0,
            confirmation: 'none',
            source: 'staff',
            manage_token_hash: null,
            paid_amount_cents: null,
            paid_currency: null,
            paid_method: null,
            paid_at: null,
            receipt_number: null,
            cancelled_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
    }
  });
  return { slug, treatmentTypeId: treatment.id };
}

export const httpSlotsSuite: BenchSuite = {
  id: 'http-slots',
  async run(): Promise<BenchRow[]> {
    // The day before the dense month, so notice and horizon cut nothing off.
    const t = await createTestContext({ now: '2027-05-02T12:00:00Z' });
    const server = await listen(t.app);
    try {
      const { slug, treatmentTypeId } = await seedDenseClinic(t);
      const slotsUrl = (from: string, to: string) =>
        `${server.url}/v1/clinics/${slug}/slots?${new URLSearchParams({ treatmentTypeId, from, to })}`;
      const health = `${server.url}/v1/health`;
      const week = slotsUrl('2027-05-03', '2027-05-09');
      const month = slotsUrl('2027-05-03', '2027-06-02');

      const weekSlots = ((await (await fetch(week)).json()) as { slots: unknown[] }).slots.length;
      const monthSlots = ((await (await fetch(month)).json()) as { slots: unknown[] }).slots.length;
      if (weekSlots === 0 || monthSlots === 0) throw new Error('the dense clinic offered no slots');

      await load(health, WARMUP_MS);
      await load(week, WARMUP_MS);
      const [healthRate, weekRate] = await interleavedLoad(health, week);
      const ratio = weekRate / healthRate;

      for (let i = 0; i < LATENCY_WARMUP; i++) await (await fetch(month)).arrayBuffer();
      const times: number[] = [];
      for (let i = 0; i < LATENCY_RUNS; i++) {
        const started = performance.now();
        const res = await fetch(month);
        await res.arrayBuffer();
        times.push(performance.now() - started);
        if (res.status !== 200) throw new Error(`month slots answered ${res.status}`);
      }
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 0.5);

      const rps = (n: number) => `${Math.round(n).toLocaleString('en-US')} req/s`;
      return [
        {
          name: `HTTP GET /v1/health (reference; ${CONCURRENCY} concurrent loops, ${(WINDOWS_EACH * WINDOW_MS) / 1000} s, in-process client)`,
          result: rps(healthRate),
          budget: '',
          withinBudget: null,
        },
        {
          name: `HTTP GET …/slots, 1 week × ${PRACTITIONERS} practitioners dense (${weekSlots} slots)`,
          result: `${rps(weekRate)} = ${(ratio * 100).toFixed(1)} % of health`,
          budget: `≥ ${SLOTS_TO_HEALTH_BUDGET * 100} % of health`,
          withinBudget: ratio >= SLOTS_TO_HEALTH_BUDGET,
        },
        {
          name: `HTTP GET …/slots, 31 days × ${PRACTITIONERS} practitioners dense (${monthSlots} slots, ${LATENCY_RUNS} sequential)`,
          result: `p50 ${formatMs(p50)} · p99 ${formatMs(percentile(times, 0.99))}`,
          budget: `p50 ≤ ${MONTH_BUDGET_P50_MS} ms`,
          withinBudget: p50 <= MONTH_BUDGET_P50_MS,
        },
      ];
    } finally {
      server.server.close();
      (server.server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await t.close();
    }
  },
};
