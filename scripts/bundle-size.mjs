// `node scripts/bundle-size.mjs [--build] [--json] [dir]`: the sizes of the embed bundle
// (`/embed/tidbok.js` and its chunks) against the budget in docs/design.md ("the public booking flow,
// Lit included: ≤ 35 KB gzip").
//
//   --build   build the embed first (`npx rollup -c`, rollup.config.mjs, about 20 seconds), into
//             `dir` when one is given (`TIDBOK_EMBED_DIR`)
//   --json    print the figures as JSON instead of a table
//   dir       the built folder; default server/dist/embed
//
// What counts for the budget ("the booking flow": treatment, practitioner, time, form,
// confirmation): `tidbok.js`, every chunk it imports statically (recursively), and every chunk it
// can import lazily, except the staff side (`chunks/admin-*`, which a visitor's page never loads)
// and the optional chunks listed in OPTIONAL (loaded only for something else than booking a time;
// their figures are printed apart). A lazy chunk of the public flow counts even though it comes
// later, since the flow always ends up loading it; an unknown lazy chunk counts too.
//
// Alternatives (ALTERNATIVES): a set of lazy chunks of which a page loads one, the texts of the
// public flow in one language each (`chunks/sv-*`, `chunks/en-*`, from
// packages/elements/src/messages/). Of each set only the largest counts (with what it imports
// that is not counted already); every one is printed with its own row. A page that guessed the
// language wrong before the clinic answered (packages/elements/src/booking/booking.ts,
// `#language`) loads two; the budget is for the page that guessed right.
//
// Sizes: raw bytes; gzip with node:zlib's default level (6), the level servers and CDNs commonly
// use on the fly; brotli with node:zlib's default quality (11). KB = 1024 bytes. Each file is
// compressed on its own, as it is sent.
//
// Also importable: `import { measureEmbed } from './scripts/bundle-size.mjs'` (for bench/).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
export const ENTRY = 'tidbok.js';
export const BUDGET_GZIP = 35 * 1024;
/** The staff calendar's first load (the staff chunk and its static imports), docs/design.md's 80 KB. */
export const STAFF_BUDGET_GZIP = 80 * 1024;
/** Lazy chunks for staff pages only: `<tidbok-admin>` / `<tidbok-template-weeks>` and the staff SDK. */
const STAFF_CHUNK = /^chunks\/admin(-[\w-]+)?-[a-z0-9]{8}\.js$/;
/** The staff chunk itself (admin-entry.ts); its lazy parts (the Settings tab) are `chunks/admin-<name>-…`. */
const STAFF_ENTRY = /^chunks\/admin-[a-z0-9]{8}\.js$/;
/** Lazy public chunks that booking a time does not load, with when they do load. */
const OPTIONAL = [
  {
    name: 'my bookings',
    chunk: /^chunks\/my-bookings-[a-z0-9]{8}\.js$/,
    when: 'a client opening "My bookings" (login link, the link in <tidbok-booking>), or first of all at a clinic that takes bookings from logged-in clients only',
  },
];

/** Lazy public chunks of which a page loads one: only the largest of a set counts. */
const ALTERNATIVES = [
  {
    name: 'texts',
    chunk: /^chunks\/(sv|en)-[a-z0-9]{8}\.js$/,
    what: 'the texts of the booking flow in one language',
  },
];

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function sizes(bytes) {
  return { raw: bytes.length, gzip: gzipSync(bytes).length, brotli: brotliCompressSync(bytes).length };
}

function sum(list) {
  return list.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

/**
 * The relative imports of one built file: the minified build writes them as `from"./x.js"`,
 * `import"./x.js"` and `import("./x.js")`, always with `./` or `../`, so a pattern is enough here.
 */
function importsOf(code) {
  const statics = new Set();
  const dynamics = new Set();
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)) statics.add(m[1]);
  for (const m of code.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) dynamics.add(m[1]);
  return { statics: [...statics], dynamics: [...dynamics] };
}

function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.filter((f) => f.endsWith('.js')).sort();
}

/** Sizes of every file in `dir` and of what the booking flow loads. */
export function measureEmbed(dir = join(root, 'server/dist/embed')) {
  const files = new Map(
    filesUnder(dir).map((f) => {
      const bytes = readFileSync(join(dir, f));
      return [f, { ...sizes(bytes), ...importsOf(bytes.toString('utf8')) }];
    }),
  );
  if (!files.has(ENTRY)) throw new Error(`${join(dir, ENTRY)} is missing: build it (npm run build, or --build)`);
  const resolve = (from, spec) => posix.normalize(posix.join(posix.dirname(from), spec));

  /** `from` and its static imports, recursively. */
  const closure = (from, into = new Set()) => {
    if (into.has(from) || !files.has(from)) return into;
    into.add(from);
    for (const spec of files.get(from).statics) closure(resolve(from, spec), into);
    return into;
  };
  /** What `roots` load: their static imports and, recursively, their lazy chunks, minus `skip`. */
  const reach = (roots, skip) => {
    const seen = new Set();
    const queue = [...roots];
    while (queue.length > 0) {
      const from = queue.shift();
      for (const f of closure(from)) {
        if (seen.has(f)) continue;
        seen.add(f);
        for (const spec of files.get(f).dynamics) {
          const target = resolve(f, spec);
          if (!skip(target)) queue.push(target);
        }
      }
    }
    return seen;
  };
  // Every import must name a file of the bundle (a broken path would only show in a browser).
  const broken = [...files].flatMap(([from, f]) =>
    [...f.statics, ...f.dynamics]
      .map((spec) => resolve(from, spec))
      .filter((target) => !files.has(target))
      .map((target) => `${from} → ${target}`),
  );
  const isStaff = (f) => STAFF_CHUNK.test(f);
  const optionalOf = (f) => OPTIONAL.find((o) => o.chunk.test(f));
  const alternativeOf = (f) => ALTERNATIVES.find((a) => a.chunk.test(f));
  const initial = closure(ENTRY);
  const flow = reach([ENTRY], (f) => isStaff(f) || optionalOf(f) || alternativeOf(f));
  // Of each set of alternatives the flow reaches, the largest (gzip) with what it loads besides.
  const alternatives = ALTERNATIVES.map((a) => {
    const roots = [...reach([ENTRY], (f) => isStaff(f) || optionalOf(f))].filter((f) => a.chunk.test(f));
    const options = roots.map((root) => {
      const extra = [...reach([root], (f) => isStaff(f) || optionalOf(f) || (f !== root && a.chunk.test(f)))].filter((f) => !flow.has(f));
      return { chunk: root, files: extra, ...sum(extra.map((f) => files.get(f))) };
    });
    const counted = options.reduce((best, o) => (best && best.gzip >= o.gzip ? best : o), undefined);
    return { name: a.name, what: a.what, options, counted: counted?.chunk };
  });
  for (const a of alternatives) for (const f of a.options.find((o) => o.chunk === a.counted)?.files ?? []) flow.add(f);
  const alternativeRole = (f) => {
    const a = alternatives.find((s) => s.options.some((o) => o.files.includes(f)));
    if (!a) return undefined;
    const counted = a.options.find((o) => o.chunk === a.counted).files.includes(f);
    return `flow (lazy, one of ${a.options.length} ${a.name}: ${counted ? 'the largest, counted' : 'not counted'})`;
  };
  const optional = OPTIONAL.map((o) => {
    const roots = [...reach([ENTRY], isStaff)].filter((f) => o.chunk.test(f));
    const extra = [...reach(roots, (f) => isStaff(f) || alternativeOf(f))].filter((f) => !flow.has(f));
    return { name: o.name, when: o.when, files: extra, ...sum(extra.map((f) => files.get(f))) };
  });
  const everythingPublic = reach([ENTRY], isStaff);
  const staff = [...reach([...files.keys()].filter(isStaff), () => false)].filter((f) => !everythingPublic.has(f));
  // What a staff page loads before anyone opens Settings: the staff chunk and its static imports.
  const staffFirst = new Set([...files.keys()].filter((f) => STAFF_ENTRY.test(f)).flatMap((f) => [...closure(f)]));
  const role = (f) =>
    initial.has(f)
      ? 'initial'
      : (alternativeRole(f) ??
        (flow.has(f)
          ? 'flow (lazy)'
          : optionalOf(f) || optional.some((o) => o.files.includes(f))
            ? 'optional (lazy)'
            : staffFirst.has(f)
              ? 'staff (lazy)'
              : staff.includes(f)
                ? 'staff on demand (lazy)'
                : 'unused'));
  return {
    files: [...files].map(([file, s]) => ({ file, raw: s.raw, gzip: s.gzip, brotli: s.brotli, loadedBy: role(file), counted: flow.has(file) })),
    initial: sum([...initial].map((f) => files.get(f))),
    flow: sum([...flow].map((f) => files.get(f))),
    alternatives,
    optional,
    staff: sum(staff.map((f) => files.get(f))),
    staffFirst: sum([...staffFirst].map((f) => files.get(f))),
    staffSettings: sum(staff.filter((f) => !staffFirst.has(f)).map((f) => files.get(f))),
    budgetGzip: BUDGET_GZIP,
    staffBudgetGzip: STAFF_BUDGET_GZIP,
    broken,
  };
}

function main(argv) {
  const json = argv.includes('--json');
  const rest = argv.filter((a) => !a.startsWith('--'));
  if (argv.includes('--build')) {
    const env = { ...process.env, ...(rest[0] ? { TIDBOK_EMBED_DIR: resolvePath(rest[0]) } : {}) };
    const build = spawnSync('npx', ['--no-install', 'rollup', '-c', '--silent'], { cwd: root, stdio: 'inherit', env });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const result = measureEmbed(rest[0]);
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const row = (name, s, note = '') => `| ${name} | ${s.raw} (${kb(s.raw)}) | ${s.gzip} (${kb(s.gzip)}) | ${s.brotli} (${kb(s.brotli)}) | ${note} |`;
  const lines = ['| file | raw | gzip (zlib default, level 6) | brotli (zlib default, q 11) | loaded by |', '|---|---|---|---|---|'];
  for (const f of result.files) lines.push(row(f.file, f, f.loadedBy));
  lines.push(row('**tidbok.js + static imports**', result.initial, 'first paint'));
  for (const a of result.alternatives) {
    for (const o of a.options) {
      const note = o.chunk === a.counted ? `the largest of ${a.options.length}: counted` : 'not counted (a page loads one)';
      lines.push(row(`${a.name} (${a.what}): ${o.chunk}`, o, note));
    }
  }
  lines.push(
    row(
      '**booking flow (counted)**',
      result.flow,
      result.flow.gzip <= BUDGET_GZIP ? `within ${kb(BUDGET_GZIP)} gzip` : `**over ${kb(BUDGET_GZIP)} gzip by ${result.flow.gzip - BUDGET_GZIP} B**`,
    ),
  );
  for (const o of result.optional) if (o.raw > 0) lines.push(row(`+ ${o.name} (lazy, not counted)`, o, `only for ${o.when}`));
  if (result.staff.raw > 0) {
    const within = result.staffFirst.gzip <= STAFF_BUDGET_GZIP;
    lines.push(
      row(
        '**staff calendar, first load (lazy, own budget)**',
        result.staffFirst,
        `<tidbok-admin> / <tidbok-template-weeks> pages, or a staff token; ${within ? `within ${kb(STAFF_BUDGET_GZIP)} gzip` : `**over ${kb(STAFF_BUDGET_GZIP)} gzip by ${result.staffFirst.gzip - STAFF_BUDGET_GZIP} B**`}`,
      ),
    );
    lines.push(
      row(
        '+ staff on demand (lazy, not counted)',
        result.staffSettings,
        'only when someone opens what the calendar does not need to show: the Settings tab, a popup, template weeks, the month overview, the phone day list, a client card or receipt, a hold or a possible duplicate client',
      ),
    );
    lines.push(row('staff side in all', result.staff, 'reference'));
  }
  console.log(lines.join('\n'));
  if (result.broken.length > 0) {
    console.error(`Imports of missing files:\n  ${result.broken.join('\n  ')}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
