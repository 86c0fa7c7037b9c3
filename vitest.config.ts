import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// `*.postgres.test.ts` test what only PostgreSQL has: they run in the PostgreSQL pass of
// scripts/test.mjs (TIDBOK_TEST_DATABASE_URL set), and the SQLite pass does not collect them at
// all, so no pass reports a skipped test.
const postgresPass = Boolean(process.env.TIDBOK_TEST_DATABASE_URL?.trim());

export default defineConfig({
  resolve: {
    alias: {
      '@tidbok/core': src('./packages/core/src/index.ts'),
      '@tidbok/sdk': src('./packages/sdk/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'server/src/**/*.test.ts', 'examples/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/*.browser.test.ts', ...(postgresPass ? [] : ['**/*.postgres.test.ts']), '**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
