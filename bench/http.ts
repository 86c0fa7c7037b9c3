/**
 * HTTP benchmarks over loopback against a server in a CHILD process (`server-process.ts`), with
 * the load generated here by autocannon (GETs) and by plain keep-alive `node:http` loops (hold +
 * book). Client and server each have an event loop of their own; on a 2-core machine they still
 * share the CPU, so the absolute figures are a floor, and the ratio to health is the figure to watch.
 *
 * Rows:
 * - `GET /v1/health` req/s (reference) and `GET …/slots` one week × 5 practitioners, dense, req/s,
 *   measured in alternating windows (health, slots, slots, health, …) so a change of machine load
 *   during the run hits both alike. Budget: slots ≥ 20 % of health.
 * - The same two slot queries "cold" (reference rows): each request a range of its own, so the
 *   server's kept answers (read-cache.ts) never apply and every request reads and computes.
 * - `GET …/slots` one month × 5 practitioners: latency p50/p99 under load (8 connections).
 *   Budget: p50 ≤ 10 ms.
 * - hold + book: N concurrent loops of POST …/holds → POST …/bookings, each loop a client address
 *   of its own (X-Forwarded-For), on a clinic with plenty of free time. Successful bookings per
 *   second with the production store (synchronous=FULL), and the mix of failures. Budget: ≥ 500/s.
 * - The server's resident memory (VmRSS of the child) once seeded and idle, and after the load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { type BenchRow, type BenchSuite, formatMs, percentile } from './row.js';
import {
  DENSE_PRACTITIONERS,
  HOLDBOOK_BLOCK,
  HOLDBOOK_DAYS,
  HOLDBOOK_DURATION_MINUTES,
  HOLDBOOK_FIRST_DAY,
  HOLDBOOK_PRACTITIONERS,
  type ServerInfo,
} from './server-info.js';

export const SLOTS_TO_HEALTH_BUDGET = 0.2;
export const MONTH_BUDGET_P50_MS = 10;
export const HOLD_BOOK_BUDGET_PER_S = 500;

const THROUGHPUT_CONNECTIONS = 10;
const WARMUP_S = 1;
const WINDOW_S = 2;
const WINDOWS_EACH = 4;
const MONTH_CONNECTIONS = 8;
const MONTH_S = 5;
const MONTH_ALONE_S = 3;
const HOLD_BOOK_LOOPS = 8;
export const HOLD_BOOK_WARMUP_S = 1;
export const HOLD_BOOK_S = 8;
const START_TIMEOUT_MS = 120_000;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface ServerProcess {
  info: ServerInfo;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the bundled `server-process.mjs` (beside this bundle) and waits for its JSON line.
 * `TIDBOK_BENCH_PROFILE=<dir>` runs it under `--cpu-prof` into that folder.
 */
export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const script = fileURLToPath(new URL('./server-process.mjs', import.meta.url));
  const profileDir = process.env.TIDBOK_BENCH_PROFILE;
  const flags = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const child = spawn(process.execPath, [...flags, script], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin?.end(); // the child exits when its stdin closes, cleaning its temp folder
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    const info = await new Promise<ServerInfo>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the bench server did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      const lines = createInterface({ input: child.stdout! });
      lines.once('line', (line) => {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line) as ServerInfo);
        } catch {
          reject(new Error(`the bench server printed "${line}" instead of its JSON line`));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the bench server exited (${code}) before it was ready`));
      });
    });
    return { info, child, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * CPU time a process has used so far (user + system), in ms, from /proc/<pid>/stat; null
 * elsewhere. Per request it says what the server spends whatever else the machine is doing.
 */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime, stime are 14, 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return null;
  }
}
/** USER_HZ; 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_S = 100;

/** Resident memory of a process in bytes, from /proc (Linux only; null elsewhere). */
export function rssOf(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

interface CannonResult {
  ok: number;
  /** CPU time the server used meanwhile (ms), when its pid was given and /proc is there. */
  serverCpuMs: number | null;
  elapsedS: number;
  latenciesMs: number[];
  statuses: Record<string, number>;
  errors: number;
}

/** A URL, or a base URL and the path of each request in turn (see `coldPaths`). */
type Target = string | { url: string; nextPath(): string };

/**
 * One autocannon run; every response's latency is kept (autocannon's histogram rounds to 1 ms).
 */
async function cannon(target: Target, connections: number, durationS: number, serverPid?: number): Promise<CannonResult> {
  const latenciesMs: number[] = [];
  const cpuBefore = serverPid === undefined ? null : cpuMsOf(serverPid);
  let ok = 0;
  const started = performance.now();
  const instance =
    typeof target === 'string'
      ? autocannon({ url: target, connections, duration: durationS, timeout: 10 })
      : autocannon({
          url: target.url,
          connections,
          duration: durationS,
          timeout: 10,
          requests: [{ setupRequest: (request) => ({ ...request, path: target.nextPath() }) }],
        });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode === 200) {
      ok++;
      latenciesMs.push(responseTime);
    }
  });
  const result = await instance;
  const cpuAfter = serverPid === undefined ? null : cpuMsOf(serverPid);
  const serverCpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  return {
    ok,
    serverCpuMs,
    elapsedS: (performance.now() - started) / 1000,
    latenciesMs,
    statuses,
    errors: result.errors + result.timeouts,
  };
}

/** A failing route must not look fast. */
function mustBeOk(what: string, r: CannonResult) {
  const bad = Object.entries(r.statuses).filter(([code]) => code !== '200');
  if (bad.length > 0 || r.errors > 0 || r.ok === 0) {
    throw new Error(`${what}: ${r.ok} × 200, other statuses ${JSON.stringify(Object.fromEntries(bad))}, ${r.errors} socket errors/timeouts`);
  }
}

interface Throughput {
  perS: number;
  /** Server CPU per request (ms), or null. */
  cpuMs: number | null;
}

/**
 * The server keeps slot answers until the next write (server/src/store/read-cache.ts), so a URL
 * asked again and again is answered from memory. The "cold" rows defeat that without any switch
 * in the server: every request asks for a range of its own, `COLD_RANGES` of them in turn, more
 * than the server keeps (200), so no answer is ever there when asked for again. The ranges start
 * a second apart, so each is the same week (or month) of work.
 */
const COLD_RANGES = 1000;
/** Monday 2027-05-03 00:00 in Stockholm, where the dense month begins. */
const COLD_FROM = '2027-05-02T22:00:00Z';

function coldPaths(base: string, slug: string, treatmentTypeId: string, from: string, days: number): Target {
  let k = 0;
  return {
    url: base,
    nextPath() {
      const start = Date.parse(from) + (k++ % COLD_RANGES) * 1000;
      const query = new URLSearchParams({
        treatmentTypeId,
        from: new Date(start).toISOString(),
        to: new Date(start + days * DAY).toISOString(),
      });
      return `/v1/clinics/${slug}/slots?${query}`;
    },
  };
}

/** Requests per second of two targets over `WINDOWS_EACH` windows each, in ABBA order. */
async function interleaved(a: Target, b: Target, serverPid: number): Promise<[Throughput, Throughput]> {
  const total = { a: { ok: 0, s: 0, cpu: 0 as number | null }, b: { ok: 0, s: 0, cpu: 0 as number | null } };
  for (let i = 0; i < WINDOWS_EACH; i++) {
    const order: ('a' | 'b')[] = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    for (const key of order) {
      const target = key === 'a' ? a : b;
      const r = await cannon(target, THROUGHPUT_CONNECTIONS, WINDOW_S, serverPid);
      mustBeOk(typeof target === 'string' ? target : `${target.url} (a range of its own each time)`, r);
      const t = total[key];
      t.ok += r.ok;
      t.s += r.elapsedS;
      t.cpu = t.cpu === null || r.serverCpuMs === null ? null : t.cpu + r.serverCpuMs;
    }
  }
  const of = (t: { ok: number; s: number; cpu: number | null }): Throughput => ({
    perS: t.ok / t.s,
    cpuMs: t.cpu === null ? null : t.cpu / t.ok,
  });
  return [of(total.a), of(total.b)];
}

const cpuNote = (ms: number | null) => (ms === null ? '' : `; server CPU ${ms.toFixed(2)} ms/req`);

interface Reply {
  status: number;
  body: string;
}

function post(agent: Agent, url: URL, path: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface HoldBookResult {
  booked: number;
  elapsedS: number;
  /** `<step> <status> <problem code>` → count, for everything but the two successes. */
  failures: Map<string, number>;
  /** Time from the hold's request to the booking's response, per successful booking. */
  cycleMs: number[];
}

/**
 * `loops` concurrent hold → book loops for `durationS` seconds. Slot k (handed out in order,
 * shared by all loops) is practitioner k mod 50, then day and position, so concurrent loops work
 * on different practitioners and every start is free and on the grid.
 */
export function holdBookSlots(info: ServerInfo) {
  const firstDay = Date.parse(`${HOLDBOOK_FIRST_DAY}T00:00:00Z`);
  const perBlock = Math.floor(HOLDBOOK_BLOCK.minutes / HOLDBOOK_DURATION_MINUTES);
  const ids = info.holdbook.practitionerIds;
  const capacity = ids.length * HOLDBOOK_DAYS * perBlock;
  let next = 0;
  return {
    capacity,
    take(): { practitionerId: string; start: string } | null {
      if (next >= capacity) return null;
      const k = next++;
      const practitionerId = ids[k % ids.length]!;
      const j = Math.floor(k / ids.length);
      const day = Math.floor(j / perBlock) % HOLDBOOK_DAYS;
      const position = j % perBlock;
      const start = firstDay + day * DAY + (HOLDBOOK_BLOCK.startMinute + position * HOLDBOOK_DURATION_MINUTES) * MINUTE;
      return { practitionerId, start: new Date(start).toISOString().replace('.000Z', 'Z') };
    },
  };
}

/** `urls`: the servers to load, loop i on `urls[i mod n]` (several processes on one database). */
export async function holdBook(
  info: ServerInfo,
  slots: ReturnType<typeof holdBookSlots>,
  loops: number,
  durationS: number,
  runId: string,
  urls: readonly string[] = [info.url],
): Promise<HoldBookResult> {
  const base = `/v1/clinics/${info.holdbook.slug}`;
  const failures = new Map<string, number>();
  const fail = (step: string, reply: Reply) => {
    let code = '';
    try {
      code = (JSON.parse(reply.body) as { code?: string }).code ?? '';
    } catch {
      code = 'unparsable';
    }
    const key = `${step} ${reply.status} ${code}`.trim();
    failures.set(key, (failures.get(key) ?? 0) + 1);
  };
  const cycleMs: number[] = [];
  let booked = 0;
  const started = performance.now();
  const deadline = started + durationS * 1000;
  const loop = async (index: number) => {
    const url = new URL(urls[index % urls.length]!);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    // 198.51.100.0/24 (TEST-NET-2): one address per loop, so the 3-holds-per-address cap never bites.
    const headers = { 'x-forwarded-for': `198.51.100.${index + 1}` };
    let n = 0;
    try {
      while (performance.now() < deadline) {
        const slot = slots.take();
        if (!slot) break;
        const t0 = performance.now();
        const hold = await post(agent, url, `${base}/holds`, { treatmentTypeId: info.holdbook.treatmentTypeId, ...slot }, headers);
        if (hold.status !== 201) {
          fail('hold', hold);
          continue;
        }
        const { id, secret } = JSON.parse(hold.body) as { id: string; secret: string };
        const booking = await post(
          agent,
          url,
          `${base}/bookings`,
          {
            holdId: id,
            holdSecret: secret,
            client: { name: `Bänk Besökare ${index}-${n}`, email: `visitor-${runId}-${index}-${n++}@example.com` },
            confirmation: 'email',
          },
          headers,
        );
        if (booking.status !== 201) {
          fail('book', booking);
          continue;
        }
        booked++;
        cycleMs.push(performance.now() - t0);
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(Array.from({ length: loops }, (_, i) => loop(i)));
  return { booked, elapsedS: (performance.now() - started) / 1000, failures, cycleMs };
}

const rps = (n: number) => `${Math.round(n).toLocaleString('en-US')} req/s`;
const mib = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);

export const httpSuite: BenchSuite = {
  id: 'http',
  async run(): Promise<BenchRow[]> {
    const server = await startServer();
    try {
      const { info } = server;
      const rssIdle = rssOf(info.pid);
      const slotsUrl = (from: string, to: string) =>
        `${info.url}/v1/clinics/${info.dense.slug}/slots?${new URLSearchParams({ treatmentTypeId: info.dense.treatmentTypeId, from, to })}`;
      const health = `${info.url}/v1/health`;
      const week = slotsUrl('2027-05-03', '2027-05-09');
      const month = slotsUrl('2027-05-03', '2027-06-02');

      const count = async (u: string) => ((await (await fetch(u)).json()) as { slots: unknown[] }).slots.length;
      const weekSlots = await count(week);
      const monthSlots = await count(month);
      if (weekSlots === 0 || monthSlots === 0) throw new Error('the dense clinic offered no slots');
      const weekBytes = (await (await fetch(week)).arrayBuffer()).byteLength;

      mustBeOk('warm-up health', await cannon(health, THROUGHPUT_CONNECTIONS, WARMUP_S));
      mustBeOk('warm-up week', await cannon(week, THROUGHPUT_CONNECTIONS, WARMUP_S));
      const [healthT, weekT] = await interleaved(health, week, info.pid);
      const healthRate = healthT.perS;
      const weekRate = weekT.perS;
      const ratio = weekRate / healthRate;

      // The same without kept answers (see `coldPaths`).
      const coldWeek = coldPaths(info.url, info.dense.slug, info.dense.treatmentTypeId, COLD_FROM, 7);
      const coldMonth = coldPaths(info.url, info.dense.slug, info.dense.treatmentTypeId, COLD_FROM, 31);
      const [coldHealthT, coldWeekT] = await interleaved(health, coldWeek, info.pid);
      const coldRatio = coldWeekT.perS / coldHealthT.perS;
      const coldMonthRun = await cannon(coldMonth, MONTH_CONNECTIONS, MONTH_S, info.pid);
      mustBeOk('cold month', coldMonthRun);
      const coldMonthTimes = coldMonthRun.latenciesMs.sort((x, y) => x - y);

      mustBeOk('warm-up month', await cannon(month, MONTH_CONNECTIONS, WARMUP_S));
      const monthRun = await cannon(month, MONTH_CONNECTIONS, MONTH_S, info.pid);
      mustBeOk('month', monthRun);
      const monthTimes = monthRun.latenciesMs.sort((x, y) => x - y);
      const monthP50 = percentile(monthTimes, 0.5);
      // The same request one at a time: the service time, without waiting behind the others.
      const monthAlone = await cannon(month, 1, MONTH_ALONE_S, info.pid);
      mustBeOk('month alone', monthAlone);
      const aloneTimes = monthAlone.latenciesMs.sort((x, y) => x - y);

      const slots = holdBookSlots(info);
      const runId = Date.now().toString(36);
      await holdBook(info, slots, HOLD_BOOK_LOOPS, HOLD_BOOK_WARMUP_S, `${runId}w`);
      const hbCpuBefore = cpuMsOf(info.pid);
      const hb = await holdBook(info, slots, HOLD_BOOK_LOOPS, HOLD_BOOK_S, runId);
      const hbCpuAfter = cpuMsOf(info.pid);
      const hbCpu = hbCpuBefore === null || hbCpuAfter === null || hb.booked === 0 ? null : (hbCpuAfter - hbCpuBefore) / hb.booked;
      const rssLoaded = rssOf(info.pid);
      const bookedPerS = hb.booked / hb.elapsedS;
      const failures = [...hb.failures].map(([key, n]) => `${key} × ${n}`).join(', ') || 'none';
      const cycles = hb.cycleMs.sort((x, y) => x - y);

      return [
        {
          name: `HTTP GET /v1/health (reference; autocannon, ${THROUGHPUT_CONNECTIONS} connections, ${WINDOWS_EACH} × ${WINDOW_S} s, server in a child process)`,
          result: `${rps(healthRate)}${cpuNote(healthT.cpuMs)}`,
          budget: '',
          withinBudget: null,
        },
        {
          name: `HTTP GET …/slots, 1 week × ${DENSE_PRACTITIONERS} practitioners dense (${weekSlots} slots, ${(weekBytes / 1024).toFixed(1)} KiB; one URL again and again, as visitors do; same windows interleaved)`,
          result: `${rps(weekRate)} = ${(ratio * 100).toFixed(1)} % of health${cpuNote(weekT.cpuMs)}`,
          budget: `≥ ${SLOTS_TO_HEALTH_BUDGET * 100} % of health`,
          withinBudget: ratio >= SLOTS_TO_HEALTH_BUDGET,
        },
        {
          name: `HTTP GET …/slots, 1 week × ${DENSE_PRACTITIONERS} practitioners dense, cold: each request a range of its own (${COLD_RANGES} in turn), so no kept answer applies (reference; interleaved with health again)`,
          result: `${rps(coldWeekT.perS)} = ${(coldRatio * 100).toFixed(1)} % of health (${rps(coldHealthT.perS)})${cpuNote(coldWeekT.cpuMs)}`,
          budget: '',
          withinBudget: null,
        },
        {
          name: `HTTP GET …/slots, 31 days × ${DENSE_PRACTITIONERS} practitioners dense, cold as above, ${MONTH_CONNECTIONS} connections, ${MONTH_S} s (reference)`,
          result: `p50 ${formatMs(percentile(coldMonthTimes, 0.5))} · p99 ${formatMs(percentile(coldMonthTimes, 0.99))} (${rps(coldMonthTimes.length / coldMonthRun.elapsedS)}${cpuNote(coldMonthRun.serverCpuMs === null ? null : coldMonthRun.serverCpuMs / coldMonthRun.ok)})`,
          budget: '',
          withinBudget: null,
        },
        {
          name: `HTTP GET …/slots, 31 days × ${DENSE_PRACTITIONERS} practitioners dense (${monthSlots} slots) under load: ${MONTH_CONNECTIONS} connections, ${MONTH_S} s (${monthTimes.length} requests)`,
          result: `p50 ${formatMs(monthP50)} · p99 ${formatMs(percentile(monthTimes, 0.99))} (${rps(monthTimes.length / monthRun.elapsedS)}${cpuNote(monthRun.serverCpuMs === null ? null : monthRun.serverCpuMs / monthRun.ok)})`,
          budget: `p50 ≤ ${MONTH_BUDGET_P50_MS} ms`,
          withinBudget: monthP50 <= MONTH_BUDGET_P50_MS,
        },
        {
          name: `HTTP GET …/slots, 31 days × ${DENSE_PRACTITIONERS} practitioners dense, 1 connection, ${MONTH_ALONE_S} s (reference: no queueing)`,
          result: `p50 ${formatMs(percentile(aloneTimes, 0.5))} · p99 ${formatMs(percentile(aloneTimes, 0.99))} (${aloneTimes.length} requests)`,
          budget: '',
          withinBudget: null,
        },
        {
          name:
            `HTTP hold + book: ${HOLD_BOOK_LOOPS} loops of POST holds → POST bookings (new client, e-mail confirmation to the outbox), ` +
            `${HOLD_BOOK_S} s, ${HOLDBOOK_PRACTITIONERS} practitioners × ${HOLDBOOK_DAYS} days free, synchronous=${info.synchronous}, journal=${info.journalMode}`,
          result:
            `${Math.round(bookedPerS).toLocaleString('en-US')} bookings/s (${hb.booked} booked; hold→booked p50 ${formatMs(percentile(cycles.length ? cycles : [NaN], 0.5))}; ` +
            `server CPU ${hbCpu === null ? 'n/a' : `${hbCpu.toFixed(2)} ms`}/booking; failures: ${failures})`,
          budget: `≥ ${HOLD_BOOK_BUDGET_PER_S} bookings/s`,
          withinBudget: bookedPerS >= HOLD_BOOK_BUDGET_PER_S,
        },
        {
          name: 'Server memory (VmRSS of the server process): seeded and idle → after all the load above',
          result: `${mib(rssIdle)} → ${mib(rssLoaded)}`,
          budget: '',
          withinBudget: null,
        },
      ];
    } finally {
      await server.stop();
    }
  },
};
