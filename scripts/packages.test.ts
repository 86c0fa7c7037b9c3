// The three packages as a stranger gets them: built, packed with `npm pack`, installed from the
// tarballs into an empty folder, then imported from Node (ESM, and CommonJS where a package offers
// it), type-checked as a consumer, bundled into a page with esbuild and with Vite (run in
// Chromium), and linted with publint and arethetypeswrong. The packages are copied into a temp
// folder and built there (TIDBOK_LIBRARY_DIR), so this never races a build in the working tree.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Each of these tests runs a tool (attw, tsc, a fresh Node) that takes seconds on its own, more on a busy machine. */
const TOOL_TIMEOUT = 120_000;
const NAMES = ['core', 'sdk', 'elements'] as const;
type Name = (typeof NAMES)[number];

const work = mkdtempSync(join(tmpdir(), 'tidbok-packages-'));
const stage = join(work, 'stage'); // a copy of packages/*, built
const tarballs = join(work, 'tarballs');
const app = join(work, 'app'); // the stranger's project

/** Runs a command; rejects with its output when it fails. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`, { cause: error }));
      else resolve(stdout);
    });
  });
}

const node = (script: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv) => run(process.execPath, [join(root, script), ...args], cwd, env);

interface Packed {
  filename: string;
  files: { path: string }[];
}
const packed = {} as Record<Name, Packed>;

beforeAll(async () => {
  for (const name of NAMES) {
    cpSync(join(root, 'packages', name), join(stage, name), {
      recursive: true,
      filter: (path) => !/[\\/](dist|node_modules)$/.test(path),
    });
  }
  await node('node_modules/tsup/dist/cli-default.js', [], root, { TIDBOK_BUILD: 'libraries', TIDBOK_LIBRARY_DIR: stage });
  mkdirSync(tarballs);
  for (const name of NAMES) {
    const [result] = JSON.parse(await run('npm', ['pack', '--json', '--pack-destination', tarballs], join(stage, name))) as Packed[];
    packed[name] = result!;
  }
  mkdirSync(app);
  const dependencies = Object.fromEntries(NAMES.map((name) => [`@tidbok/${name}`, `file:${join(tarballs, packed[name].filename)}`]));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'stranger', private: true, type: 'module', dependencies }, null, 2));
  // Third-party dependencies (lit, zod, ky) from npm's cache where it has them.
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], app);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed packages', () => {
  it('hold the build, the sources and the manifest, and no tests', () => {
    const files = (name: Name) => packed[name].files.map((file) => file.path);
    for (const name of NAMES) {
      expect(files(name)).toEqual(expect.arrayContaining(['package.json', 'dist/index.js', 'dist/index.d.ts', 'src/index.ts']));
      expect(files(name).filter((path) => /\.test\.ts$|test-support|test-practitioner/.test(path))).toEqual([]);
    }
    for (const name of ['core', 'sdk'] as const) expect(files(name)).toEqual(expect.arrayContaining(['dist/index.cjs', 'dist/index.d.cts']));
    expect(files('elements')).toEqual(
      expect.arrayContaining([
        'custom-elements.json',
        'dist/define.js',
        'dist/define.d.ts',
        'dist/admin/index.js',
        'dist/admin/index.d.ts',
        'dist/admin/define.js',
      ]),
    );
  });

  it.each(NAMES)('@tidbok/%s: publint finds nothing to suggest', async (name) => {
    const tarball = readFileSync(join(tarballs, packed[name].filename));
    const { messages, pkg } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      level: 'suggestion',
      strict: true,
    });
    expect(messages.map((message) => formatMessage(message, pkg, { color: false }))).toEqual([]);
  });

  // @tidbok/elements is ESM only (as Lit is): its CommonJS and node10 resolutions are not offered.
  it.each(NAMES)(
    '@tidbok/%s: arethetypeswrong finds no problem',
    async (name) => {
      const profile = name === 'elements' ? ['--profile', 'esm-only'] : [];
      // attw exits non-zero when it finds a problem (run() then fails with its report).
      const report = await node(
        'node_modules/@arethetypeswrong/cli/dist/index.js',
        [join(tarballs, packed[name].filename), ...profile, '--format', 'ascii'],
        work,
      );
      expect(report).toContain(`@tidbok/${name}`);
    },
    TOOL_TIMEOUT,
  );
});

describe('installed from the tarballs', () => {
  it(
    'import from Node as ES modules: the elements and their events only, registered by define and admin/define under the manifest’s tags',
    async () => {
      writeFileSync(
        join(app, 'esm.mjs'),
        `import { LitElement } from 'lit';
import * as core from '@tidbok/core';
import * as sdk from '@tidbok/sdk';
import manifest from '@tidbok/elements/custom-elements.json' with { type: 'json' };
const elements = await import('@tidbok/elements');
const admin = await import('@tidbok/elements/admin');
const registeredOnImport = ['tidbok-booking', 'tidbok-admin'].filter((tag) => customElements.get(tag));
await import('@tidbok/elements/define');
await import('@tidbok/elements/admin/define');
const kind = (v) => (typeof v === 'function' && v.prototype instanceof LitElement ? 'element' : typeof v === 'function' && v.prototype instanceof Event ? 'event' : typeof v);
const kinds = (module) => Object.fromEntries(Object.entries(module).map(([k, v]) => [k, kind(v)]));
const tags = Object.fromEntries(manifest.modules.flatMap((m) => m.declarations.filter((d) => d.customElement).map((d) => [d.name, d.tagName])));
const registered = Object.fromEntries(Object.entries({ ...elements, ...admin }).filter(([, v]) => kind(v) === 'element').map(([k, v]) => [k, customElements.get(tags[k]) === v]));
const notExported = [];
for (const path of ['@tidbok/elements/dist/index.js', '@tidbok/elements/shared/format', '@tidbok/elements/src/define.ts', '@tidbok/sdk/dist/index.js']) {
  notExported.push(await import(path).then(() => path + ' imported', (error) => error.code));
}
const client = sdk.createTidbok({ baseUrl: 'http://127.0.0.1:9', clinic: 'demo' });
console.log(JSON.stringify({
  core: typeof core.BookingSchema.parse, sdk: typeof client.slots,
  public: kinds(elements), admin: kinds(admin), registeredOnImport, registered, notExported,
}));
`,
      );
      const result = JSON.parse(await run(process.execPath, ['esm.mjs'], app));
      expect(result.core).toBe('function');
      expect(result.sdk).toBe('function');
      for (const element of [
        'TidbokProvider',
        'TidbokBooking',
        'TidbokSlotPicker',
        'TidbokBookingForm',
        'TidbokMyBookings',
        'TidbokTextField',
        'TidbokRadioGroup',
      ]) {
        expect(result.public[element], element).toBe('element');
      }
      expect(result.public.TidbokBookedEvent).toBe('event');
      expect(Object.entries(result.public).filter(([, kind]) => kind !== 'element' && kind !== 'event')).toEqual([]);
      expect(result.admin.TidbokAdminElement).toBe('element');
      expect(result.admin.TidbokTemplateWeeks).toBe('element');
      expect(result.admin.TidbokCalendarChangeEvent).toBe('event');
      expect(Object.entries(result.admin).filter(([, kind]) => kind !== 'element' && kind !== 'event')).toEqual([['defineAdminElements', 'function']]);
      // The class modules register nothing: define and admin/define do.
      expect(result.registeredOnImport).toEqual([]);
      expect(Object.entries(result.registered).filter(([, ok]) => !ok)).toEqual([]);
      expect(result.notExported).toEqual(Array(4).fill('ERR_PACKAGE_PATH_NOT_EXPORTED'));
    },
    TOOL_TIMEOUT,
  );

  it(
    'require core and the SDK from CommonJS',
    async () => {
      writeFileSync(
        join(app, 'cjs.cjs'),
        `const core = require('@tidbok/core');
const sdk = require('@tidbok/sdk');
const client = sdk.createTidbok({ baseUrl: 'http://127.0.0.1:9', clinic: 'demo' });
console.log(JSON.stringify({ files: [require.resolve('@tidbok/core'), require.resolve('@tidbok/sdk')], core: typeof core.BookingSchema.parse, sdk: typeof client.slots }));
`,
      );
      const result = JSON.parse(await run(process.execPath, ['cjs.cjs'], app));
      expect(result.files.map((file: string) => file.split(sep).slice(-3).join('/'))).toEqual(['core/dist/index.cjs', 'sdk/dist/index.cjs']);
      expect([result.core, result.sdk]).toEqual(['function', 'function']);
    },
    TOOL_TIMEOUT,
  );

  it(
    'type-check as a consumer’s TypeScript (NodeNext, declarations checked too)',
    async () => {
      writeFileSync(
        join(app, 'consumer.ts'),
        `import { BookingSchema } from '@tidbok/core';
import { type Booking, createTidbok } from '@tidbok/sdk';
import { TidbokBooking, type TidbokBookedEvent, type TidbokErrorDetail } from '@tidbok/elements';
import '@tidbok/elements/define';
import { type CalendarChangeDetail, TidbokAdminElement } from '@tidbok/elements/admin';
import '@tidbok/elements/admin/define';

const booking: TidbokBooking = document.createElement('tidbok-booking');
booking.clinic = 'demo';
booking.addEventListener('tidbok-booked', (event: TidbokBookedEvent) => {
  const made: Booking = event.detail.booking;
  console.log(BookingSchema.parse(made).id);
});
document.addEventListener('tidbok-error', (event) => console.log(event.detail satisfies TidbokErrorDetail));
const admin: TidbokAdminElement = document.createElement('tidbok-admin');
admin.addEventListener('tidbok-calendar-change', (event) => console.log(event.detail satisfies CalendarChangeDetail));
console.log(booking instanceof TidbokBooking, createTidbok({ baseUrl: 'https://booking.example', clinic: 'demo' }));
`,
      );
      writeFileSync(
        join(app, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            lib: ['ES2023', 'DOM', 'DOM.Iterable'],
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: [],
          },
          files: ['consumer.ts'],
        }),
      );
      await node('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.json'], app);
    },
    TOOL_TIMEOUT,
  );
});

describe('a page bundled from the installed packages', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(join(app, 'page'));
    writeFileSync(
      join(app, 'page', 'index.html'),
      `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><script type="module" src="./main.js"></script></head>\n<body><tidbok-booking api="http://127.0.0.1:9" clinic="demo"></tidbok-booking></body>\n</html>\n`,
    );
    writeFileSync(join(app, 'page', 'main.js'), `import '@tidbok/elements/define';\n`);
    writeFileSync(join(app, 'page', 'admin.js'), `import '@tidbok/elements/admin/define';\n`);
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
    server = createServer((request, response) => {
      const path = join(app, decodeURIComponent(new URL(request.url!, 'http://x').pathname));
      try {
        const body = readFileSync(path);
        response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Opens a built page: are the public tags defined, the booking widget rendered; does the staff side load from `adminScript`? */
  async function openPage(path: string, adminScript?: string) {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/${path}`);
    const result: { rendered: boolean; staffBefore: boolean; staffAfter?: boolean } = await page.evaluate(async () => {
      const tags = ['tidbok-provider', 'tidbok-booking', 'tidbok-slot-picker', 'tidbok-booking-form', 'tidbok-text-field', 'tidbok-radio-group'];
      await Promise.all(tags.map((tag) => customElements.whenDefined(tag)));
      return { rendered: Boolean(document.querySelector('tidbok-booking')?.shadowRoot), staffBefore: Boolean(customElements.get('tidbok-admin')) };
    });
    if (adminScript) {
      await page.addScriptTag({ type: 'module', url: `${origin}/${adminScript}` });
      const staff = ['tidbok-admin', 'tidbok-calendar', 'tidbok-template-weeks', 'tidbok-admin-settings'];
      result.staffAfter = await page
        .waitForFunction((tags) => tags.every((tag) => customElements.get(tag)), staff, { timeout: 10_000 })
        .then(
          () => true,
          () => false,
        );
    }
    await page.close();
    return { ...result, errors };
  }

  it('esbuild bundles @tidbok/elements/define (without the staff side) and admin/define, and both run in Chromium', async () => {
    const { metafile } = await build({
      absWorkingDir: app,
      entryPoints: ['page/main.js', 'page/admin.js'],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
      outdir: 'esbuild',
      metafile: true,
      logLevel: 'silent',
    });
    const inputsOf = (entry: string) => Object.keys(Object.values(metafile.outputs).find((output) => output.entryPoint === entry)!.inputs);
    expect(inputsOf('page/main.js')).toContain('node_modules/@tidbok/elements/dist/define.js');
    // A page that only books does not carry the staff calendar.
    expect(inputsOf('page/main.js').filter((input) => input.includes('/admin/'))).toEqual([]);
    expect(inputsOf('page/admin.js')).toContain('node_modules/@tidbok/elements/dist/admin/define.js');
    cpSync(join(app, 'page', 'index.html'), join(app, 'esbuild', 'index.html'));
    expect(await openPage('esbuild/index.html', 'esbuild/admin.js')).toEqual({ rendered: true, staffBefore: false, staffAfter: true, errors: [] });
  });

  it('Vite bundles the page importing @tidbok/elements/define, and it runs in Chromium', async () => {
    await node('node_modules/vite/bin/vite.js', ['build', 'page', '--outDir', '../vite', '--base', './', '--logLevel', 'warn'], app);
    expect(await openPage('vite/index.html')).toEqual({ rendered: true, staffBefore: false, errors: [] });
  });
});
