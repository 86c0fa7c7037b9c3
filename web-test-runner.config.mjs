// Browser tests: real Debian Chromium, real Tidbok server on loopback.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
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

// What this run builds goes into a folder of its own under .tmp: two runs in one checkout used
// to write the same files, and one of them read a chunk the other had just replaced (ENOENT in
// the embed build). Removed when the run ends.
mkdirSync(join(root, '.tmp'), { recursive: true });
const runDir = mkdtempSync(join(root, '.tmp', 'browser-test-'));
process.on('exit', () => rmSync(runDir, { recursive: true, force: true }));
// The server is TypeScript; bundle its test entry once so this Node process can run it.
const serverBundle = join(runDir, 'server.mjs');
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
// The embed bundle as production builds it (rollup.config.mjs), for embed.browser.test.ts: the
// file a clinic's page loads, not the sources the other browser tests import. Built here so a
// run always tests the current sources; into .tmp, so server/dist/embed is left alone.
const embed = spawnSync('npx', ['--no-install', 'rollup', '-c', '--silent'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TIDBOK_EMBED_DIR: join(runDir, 'embed') },
});
if (embed.status !== 0) {
  console.error('The embed bundle did not build (npx rollup -c); embed.browser.test.ts needs it.');
  process.exit(1);
}
// embed.browser.test.ts asks for the bundle at one fixed address; this run's copy answers it.
const EMBED_URL = '/.tmp/browser-test-embed/';
const embedUrl = `/${relative(root, join(runDir, 'embed')).split(sep).join('/')}/`;
function serveThisRunsEmbed(context, next) {
  if (context.url.startsWith(EMBED_URL)) context.url = embedUrl + context.url.slice(EMBED_URL.length);
  return next();
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
      if (command === 'tidbok-busy-time') return tidbok.addBusyTime(payload);
      if (command === 'tidbok-expire-sessions') return tidbok.expireStaffSessions(payload);
      // Submits a form of the page as the browser would (urlencoded POST), from here: a form's
      // answer (a download, another page) cannot be read from the test page across origins.
      if (command === 'tidbok-submit-form') {
        const res = await fetch(payload.action, { method: 'POST', body: new URLSearchParams(payload.fields) });
        return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
      }
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
  middleware: [serveThisRunsEmbed],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(root, 'tsconfig.json') }), tidbokPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: chromiumArgs,
      },
      // Test files run side by side, each in a page of its own, and only one page of a browser
      // has focus: in the others focus() and blur() fired no events, so a field that checks its
      // value on blur passed or failed by which file happened to be in front (embed beside
      // booking-form). Every page behaves as the focused one.
      async createPage({ context }) {
        const page = await context.newPage();
        await page.emulateFocusedPage(true);
        return page;
      },
    }),
  ],
  concurrency: 2,
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 180000,
};
