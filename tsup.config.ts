import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Plugin as EsbuildPlugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

/**
 * One build for the whole workspace. `TIDBOK_BUILD=server` builds only what `npm start` runs
 * (the server and the embed bundle), skipping the slower declaration files.
 */
const only = process.env.TIDBOK_BUILD;

const dependenciesOf = (name: string): string[] =>
  Object.keys(JSON.parse(readFileSync(`packages/${name}/package.json`, 'utf8')).dependencies ?? {});

/** Packages whose only build is ESM; bundled so the CommonJS build works on Node 20.11 too. */
const ESM_ONLY = new Set(['ky']);

const library = (name: string): Options => ({
  name,
  entry: { index: `packages/${name}/src/index.ts` },
  outDir: `packages/${name}/dist`,
  format: ['esm', 'cjs'],
  // Declarations are built from the sources of sibling packages, so no build order is needed,
  // while the emitted .d.ts still import them by package name.
  dts: {
    compilerOptions: {
      paths: {
        '@tidbok/core': ['packages/core/src/index.ts'],
        '@tidbok/sdk': ['packages/sdk/src/index.ts'],
      },
    },
  },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
  // A library's own dependencies stay imports (one zod per app), except ESM-only ones.
  external: [/^@tidbok\//, ...dependenciesOf(name).filter((d) => !ESM_ONLY.has(d)).flatMap((d) => [d, new RegExp(`^${d}/`)])],
  noExternal: [...ESM_ONLY],
});

const server: Options = {
  name: 'server',
  entry: { main: 'server/src/main.ts', cli: 'server/src/cli.ts' },
  outDir: 'server/dist',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  // The workspace packages are bundled in; npm dependencies stay external.
  noExternal: [/^@tidbok\//],
  external: [/^(?!@tidbok\/)[^./]/],
  banner: { js: "import { createRequire as __tidbokRequire } from 'node:module'; const require = __tidbokRequire(import.meta.url);" },
};

/** @tidbok/elements for bundlers: ESM only (Lit is ESM only), Lit and the SDK left as imports. */
const elements: Options = {
  ...library('elements'),
  entry: { index: 'packages/elements/src/index.ts', define: 'packages/elements/src/define.ts' },
  format: ['esm'],
};

/**
 * Squeezes the whitespace esbuild's minifier leaves inside the elements' `html` and `css`
 * templates: indentation goes (HTML collapses whitespace anyway), and CSS loses its line breaks
 * and the spaces around `{ } ; ,`. The elements write no `<pre>` or `white-space: pre` content
 * into template text, which is what would make this unsafe.
 */
const squeezeTemplates: EsbuildPlugin = {
  name: 'squeeze-templates',
  setup(build) {
    build.onLoad({ filter: /packages[\\/]elements[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const contents = source
        .replace(/\bcss`([^`]*)`/g, (_, body: string) => `css\`${body.replace(/\s*\n\s*/g, '').replace(/\s*([{};,])\s*/g, '$1')}\``)
        .replace(/\n[ \t]+/g, '\n');
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * The one-file browser bundle served at /embed/tidbok.js: everything inlined (Lit, @lit/context,
 * ky, zod/mini, the SDK and core's schemas), minified. Budget: 35 KB gzip (DESIGN.md, Budgets).
 */
const embed: Options = {
  name: 'embed',
  entry: { tidbok: 'packages/elements/src/embed.ts' },
  outDir: 'server/dist/embed',
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  minify: true,
  clean: true,
  noExternal: [/./],
  esbuildPlugins: [squeezeTemplates],
  esbuildOptions: (options) => {
    options.legalComments = 'none';
    options.charset = 'utf8';
  },
};

const all = [library('core'), library('sdk'), elements, server, embed];
export default defineConfig(only === 'server' ? [server, embed] : all);
