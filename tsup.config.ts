import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/**
 * The libraries and the server. `TIDBOK_BUILD=server` builds only the server (what `npm start`
 * runs), skipping the slower declaration files; `TIDBOK_BUILD=libraries` only the three packages
 * (scripts/packages.test.ts). The browser bundle served at /embed/ is built by Rollup
 * (rollup.config.mjs), after this: the server's build empties server/dist, embed folder included.
 */
const only = process.env.TIDBOK_BUILD;

const dependenciesOf = (name: string): string[] => Object.keys(JSON.parse(readFileSync(`packages/${name}/package.json`, 'utf8')).dependencies ?? {});

/** Packages whose only build is ESM; bundled so the CommonJS build works on Node 20.11 too. */
const ESM_ONLY = new Set(['ky']);

/**
 * Where the libraries are built: `packages/<name>/dist`, or `<TIDBOK_LIBRARY_DIR>/<name>/dist`
 * (scripts/packages.test.ts builds into a copy of the packages in a temp folder, so that it
 * never races a build in the working tree).
 */
const LIBRARY_DIR = process.env.TIDBOK_LIBRARY_DIR || 'packages';

const library = (name: string): Options => ({
  name,
  entry: { index: `packages/${name}/src/index.ts` },
  outDir: `${LIBRARY_DIR}/${name}/dist`,
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
  external: [
    /^@tidbok\//,
    ...dependenciesOf(name)
      .filter((d) => !ESM_ONLY.has(d))
      .flatMap((d) => [d, new RegExp(`^${d}/`)]),
  ],
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

/**
 * @tidbok/elements for bundlers: ESM only (Lit is ESM only), Lit and the SDK left as imports.
 * One entry per subpath of its package.json `exports`: the public elements and `define` (which
 * registers them), the staff elements and `admin/define`.
 */
const elements: Options = {
  ...library('elements'),
  entry: {
    index: 'packages/elements/src/index.ts',
    define: 'packages/elements/src/define.ts',
    'admin/index': 'packages/elements/src/admin/index.ts',
    'admin/define': 'packages/elements/src/admin/define.ts',
  },
  format: ['esm'],
};

const libraries = [library('core'), library('sdk'), elements];
export default defineConfig(only === 'server' ? [server] : only === 'libraries' ? libraries : [...libraries, server]);
