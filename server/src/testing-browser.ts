// What the end-to-end tests in a real Chromium (playwright-core) share: starting the browser,
// a Tidbok server whose /embed script is bundled from source for the test, and a page watcher
// for CSP reports and script errors. Each test file used to write these out itself.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { createApp } from './app.js';
import { findClinicBySlug } from './services/clinics.js';
import { listen, type TestContext } from './testing.js';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Debian's Chromium (or CHROMIUM_PATH), headless, with nothing reaching out at start. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export type EmbedServer = Awaited<ReturnType<typeof listen>>;

/**
 * The test context's app listening on loopback with `/embed` served from a fresh bundle and the
 * examples folder served as in production; `close` stops it and removes the bundle.
 * Without `script` the bundle is the public embed, split into chunks as `npm run build` makes it
 * (so lazily loaded chunks come from /embed/chunks/); with it, just that module source (the
 * examples load only the staff elements).
 */
export async function listenWithEmbed(t: TestContext, script?: string): Promise<EmbedServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tidbok-e2e-'));
  try {
    const embedFile = join(dir, 'tidbok.js');
    await build({
      ...(script === undefined
        ? {
            entryPoints: { tidbok: join(repoRoot, 'packages/elements/src/embed.ts') },
            splitting: true,
            platform: 'browser',
            outdir: dir,
            chunkNames: 'chunks/[name]-[hash]',
          }
        : {
            stdin: { contents: script, resolveDir: repoRoot, loader: 'ts' },
            outfile: embedFile,
            alias: {
              '@tidbok/core': join(repoRoot, 'packages/core/src/index.ts'),
              '@tidbok/sdk': join(repoRoot, 'packages/sdk/src/index.ts'),
            },
          }),
      bundle: true,
      format: 'esm',
      target: 'es2022',
      tsconfig: join(repoRoot, 'tsconfig.json'),
      logLevel: 'warning',
    });
    const deps = t.app.deps;
    const app = createApp({
      ...deps,
      files: { embedFile, examplesDir: join(repoRoot, 'examples'), findClinic: (slug) => findClinicBySlug(deps, slug) },
    });
    const srv = await listen(app);
    return {
      ...srv,
      close: async () => {
        await srv.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Collects every CSP violation Chromium reports (`csp: …`) and every uncaught error (`error: …`). */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) problems.push(`csp: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`error: ${error.message}`));
  return problems;
}

/** Closes what a test file started, in the order given (the browser first), skipping what never started. */
export async function closeInOrder(...started: ({ close(): Promise<unknown> } | undefined)[]): Promise<void> {
  for (const thing of started) await thing?.close();
}
