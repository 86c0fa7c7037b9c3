import { readFileSync } from 'node:fs';
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

const all = [library('core'), library('sdk'), server];
export default defineConfig(only === 'server' ? [server] : all);
