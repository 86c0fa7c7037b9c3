// Browser tests: real Debian Chromium, real Tidbok server on loopback.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { build } from 'esbuild';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const chromium = chromiumPath;
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: install it with 'apt-get install chromium' (or set CHROMIUM_PATH).`);
  process.exit(1);
}

// The server is TypeScript; bundle its test entry once so this Node process can run it.
mkdirSync(join(root, '.tmp'), { recursive: true });
const serverBundle = join(root, '.tmp', 'browser-test-server.mjs');
await build({
  entryPoints: [join(root, 'server/src/browser-test-server.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  alias: { '@tidbok/core': join(root, 'packages/core/src/index.ts') },
  outfile: serverBundle,
  logLevel: 'warning',
});
// The embed bundle as tsup builds it (tsup.config.ts, entry `embed`), for embed.browser.test.ts:
// the file a clinic's page loads, not the sources the other browser tests import. Built here so
// a run always tests the current sources; into .tmp, so server/dist/embed is left alone.
const embed = spawnSync('npx', ['--no-install', 'tsup', '--silent'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TIDBOK_BUILD: 'embed', TIDBOK_EMBED_DIR: join(root, '.tmp', 'browser-test-embed') },
});
if (embed.status !== 0) {
  console.error('The embed bundle did not build (TIDBOK_BUILD=embed npx tsup); embed.browser.test.ts needs it.');
  process.exit(1);
}
const { startBrowserTestServer } = await import(serverBundle);
let tidbok;

/** Lets a test ask the Node side for a fresh clinic: `executeServerCommand('tidbok-seed', {...})`. */
function tidbokPlugin() {
  return {
    name: 'tidbok-server',
    async serverStart() {
      tidbok = await startBrowserTestServer();
    },
    async serverStop() {
      await tidbok?.stop();
    },
    async executeCommand({ command, payload }) {
      if (command !== 'tidbok-seed') return undefined;
      // The page passes its own origin so the clinic's CORS list admits it.
      return tidbok.seed(payload);
    },
  };
}

export default {
  rootDir: root,
  files: ['packages/elements/src/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['@tidbok/source', 'browser', 'development'] },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(root, 'tsconfig.json') }),
    tidbokPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: chromiumArgs,
      },
    }),
  ],
  concurrency: 2,
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 180000,
};
