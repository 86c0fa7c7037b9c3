import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { testConfig } from './config.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

/**
 * The CLI runs `main()` on import and exits, so it is tested as a process. It is bundled from
 * source into the repository's `.tmp/` (where Node still finds `node_modules`), not into
 * `server/dist`, so the test never races `npm start` or `npm run build`.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let bundleDir: string;
let cli: string;
/** A fresh database per test, on this run's engine (a SQLite file, or a PostgreSQL schema). */
let database: TestDatabase;

beforeAll(async () => {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  bundleDir = mkdtempSync(join(root, '.tmp', 'cli-test-'));
  cli = join(bundleDir, 'cli.mjs');
  await build({
    entryPoints: [join(root, 'server/src/cli.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    alias: { '@tidbok/core': resolve(root, 'packages/core/src/index.ts') },
    plugins: [
      {
        name: 'npm-external',
        setup(b) {
          // Workspace packages are bundled from source; npm packages (better-sqlite3 is native) stay external.
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@tidbok/') || args.path.startsWith('node:') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
    banner: { js: "import { createRequire as __tidbokRequire } from 'node:module'; const require = __tidbokRequire(import.meta.url);" },
  });
}, 60_000);
afterAll(() => {
  rmSync(bundleDir, { recursive: true, force: true });
});

beforeEach(async () => {
  database = await createTestDatabase();
  return () => database.drop();
});

function tidbok(...args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH, ...database.env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function staffCanRead(slug: string, token: string) {
  const store = database.open();
  try {
    const app = createApp({ store, config: testConfig(database.config) });
    const res = await app.request(`/v1/clinics/${slug}/admin/settings`, { headers: { authorization: `Bearer ${token}` } });
    return res.status;
  } finally {
    await store.close();
  }
}

const tokenIn = (text: string) => /(tbs_[A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? '';

describe('tidbok CLI', () => {
  it('migrates a new database once and then says it is up to date', () => {
    const first = tidbok('migrate');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('0001-initial');
    const second = tidbok('migrate');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/up to date/);
  });

  it('creates a clinic and prints an admin token that works', async () => {
    const run = tidbok('create-clinic', '--slug', 'lugna', '--name', 'Lugna Rummet', '--time-zone', 'Europe/Oslo', '--locale', 'en');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const token = tokenIn(run.stdout);
    expect(token).not.toBe('');
    expect(await staffCanRead('lugna', token)).toBe(200);
    const store = database.open();
    const clinic = await store.db.selectFrom('clinics').selectAll().executeTakeFirstOrThrow();
    await store.close();
    expect(clinic).toMatchObject({ slug: 'lugna', name: 'Lugna Rummet', time_zone: 'Europe/Oslo', locale: 'en' });
  });

  it('prints a new staff token for an existing clinic; the old one keeps working', async () => {
    const first = tokenIn(tidbok('create-clinic', '--slug', 'lugna', '--name', 'Lugna').stdout);
    const run = tidbok('create-token', 'lugna');
    expect(run.code).toBe(0);
    const second = tokenIn(run.stdout);
    expect(second).not.toBe('');
    expect(second).not.toBe(first);
    expect(await staffCanRead('lugna', second)).toBe(200);
    expect(await staffCanRead('lugna', first)).toBe(200);
  });

  it('fails with one readable line and exit code 1 for a taken slug, bad input or an unknown clinic', () => {
    tidbok('create-clinic', '--slug', 'lugna', '--name', 'Lugna');
    const cases: [string[], RegExp][] = [
      [['create-clinic', '--slug', 'lugna', '--name', 'Igen'], /taken/],
      [['create-clinic', '--slug', 'Inte OK', '--name', 'X'], /slug/],
      [['create-clinic', '--slug', 'ok'], /name: .*string/i],
      [['create-token', 'nowhere'], /not found/i],
      [['create-token'], /slug/],
    ];
    for (const [args, message] of cases) {
      const run = tidbok(...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr, args.join(' ')).toMatch(/^tidbok: /);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('prints usage: exit 2 without a command or for an unknown one, 0 for --help', () => {
    const none = tidbok();
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('create-clinic');
    const unknown = tidbok('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command');
    const help = tidbok('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('create-token');
  });
});
