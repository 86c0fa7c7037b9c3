// `npm test`: every suite, in a fixed order, ending with one summary line.
// Every step runs even after an earlier one fails, so one run shows everything that is wrong;
// the exit code is non-zero when any step failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

/** @type {{ name: string, status: 'passed' | 'failed' | 'skipped', seconds: number, note?: string }[]} */
const results = [];

function step(name, command, args, env = {}) {
  console.log(`\n\u25b6 ${name}: ${[command, ...args].join(' ')}`);
  const started = performance.now();
  const run = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = (performance.now() - started) / 1000;
  const passed = run.status === 0;
  results.push({ name, status: passed ? 'passed' : 'failed', seconds, note: run.error ? run.error.message : undefined });
  return passed;
}

function failed(name, line) {
  console.error(line);
  results.push({ name, status: 'failed', seconds: 0, note: line });
}

function skipped(name, note) {
  console.log(`\n\u25b6 ${name}: skipped (${note})`);
  results.push({ name, status: 'skipped', seconds: 0, note });
}

function findFiles(dir, pattern, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findFiles(path, pattern, found);
    else if (pattern.test(entry.name)) found.push(path);
  }
  return found;
}

const npx = (...args) => ['--no-install', ...args];

// 1. Types: the whole workspace, strict.
step('typecheck', 'npx', npx('tsc', '-p', 'tsconfig.json', '--noEmit'));

// 1b. Habits: ESLint (eslint.config.js) and Prettier's check (.prettierrc.json); either failing
//     fails the suite, so a change that only breaks the style is caught like one that breaks a test.
step('lint', 'npx', npx('eslint', '.'));
step('format', 'npx', npx('prettier', '--check', '.'));

// 2. Every Node suite (vitest.config.ts lists them; *.browser.test.ts are excluded there), on
//    SQLite: TIDBOK_TEST_DATABASE_URL is cleared so this pass is SQLite whatever the shell says,
//    and vitest.config.ts then leaves out the PostgreSQL-only *.postgres.test.ts files.
const postgresUrl = process.env.TIDBOK_TEST_DATABASE_URL?.trim();
step('vitest', 'npx', npx('vitest', 'run'), { TIDBOK_TEST_DATABASE_URL: '' });

// 2b. The suites that reach the database again, on PostgreSQL (docs/design.md, "Where each part
//     runs"): every test context gets a schema of its own there (server/src/testing.ts),
//     and the multi-process race runs against it. The *.postgres.test.ts files (what only
//     PostgreSQL has) run in this pass only; a test that differs by engine branches on
//     `t.engine` inside one test, so neither pass reports a skipped test. `.ci/run` starts a
//     throwaway server for this.
//     Two workers even on two cores: here a worker mostly waits for the PostgreSQL server, and
//     one worker (vitest's default on two cores) made this pass take twice as long.
if (postgresUrl) {
  step('vitest on PostgreSQL', 'npx', npx('vitest', 'run', '--maxWorkers=2', 'server', 'packages/sdk', 'examples'), {
    TIDBOK_TEST_DATABASE_URL: postgresUrl,
  });
} else {
  skipped(
    'vitest on PostgreSQL',
    'TIDBOK_TEST_DATABASE_URL is not set; `bash scripts/with-test-postgres.sh npm test` starts a throwaway PostgreSQL and sets it',
  );
}

// 3. Time zones: the domain code must not depend on the machine's zone (docs/design.md, "Time in the
//    code"). Run core again under a zone with DST on other
//    dates than Europe's and under one with a half-hour offset.
for (const tz of ['America/New_York', 'Asia/Kolkata']) {
  step(`core TZ=${tz}`, 'npx', npx('vitest', 'run', 'packages/core'), { TZ: tz });
}

// 4. ---- Browser tests --------------------------------------------------------------------
//    @web/test-runner drives Debian Chromium (/usr/bin/chromium, or CHROMIUM_PATH) with
//    web-test-runner.config.mjs over every *.browser.test.ts. A missing Chromium fails this step
//    with one line saying how to get it; browser tests are never skipped silently.
{
  const name = 'browser';
  const files = findFiles('packages', /\.browser\.test\.ts$/);
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (files.length === 0) {
    skipped(name, 'no *.browser.test.ts files yet');
  } else if (!existsSync('web-test-runner.config.mjs')) {
    failed(name, `${files.length} browser test file(s) but no web-test-runner.config.mjs to run them`);
  } else if (!existsSync(chromium)) {
    failed(name, `Chromium not found at ${chromium}: install it with 'apt-get install chromium' (Debian/Ubuntu), or set CHROMIUM_PATH.`);
  } else {
    step(name, 'npx', npx('web-test-runner', '--config', 'web-test-runner.config.mjs'), { CHROMIUM_PATH: chromium });
  }
}
// ---- end of browser tests ----------------------------------------------------------------

const total = results.reduce((sum, r) => sum + r.seconds, 0);
const mark = { passed: '\u2714', failed: '\u2718', skipped: '\u2013' };
const parts = results.map((r) => `${mark[r.status]} ${r.name}${r.status === 'skipped' ? '' : ` ${r.seconds.toFixed(1)}s`}`);
const bad = results.filter((r) => r.status === 'failed').map((r) => r.name);
const verdict = bad.length === 0 ? 'all passed' : `FAILED: ${bad.join(', ')}`;
console.log(`\nnpm test: ${verdict} in ${total.toFixed(1)}s \u2014 ${parts.join(' \u00b7 ')}`);
process.exit(bad.length === 0 ? 0 : 1);
