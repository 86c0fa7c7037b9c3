import { defineConfig, type Options } from 'tsup';

/**
 * One build for the whole workspace. `TIDBOK_BUILD=server` builds only what `npm start` runs
 * (the server and the embed bundle), skipping the slower declaration files.
 */
const only = process.env.TIDBOK_BUILD;

const library = (name: string): Options => ({
  name,
  entry: { index: `packages/${name}/src/index.ts` },
  outDir: `packages/${name}/dist`,
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { paths: {} } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
  external: [/^@tidbok\//],
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

const all = [library('core'), server];
export default defineConfig(only === 'server' ? [server] : all);
