// `npm run bench [-- suite …]`: bundle bench/run.ts with esbuild (no TypeScript runner needed)
// and run it. npm packages stay external; the workspace's own packages are bundled from source.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}.tmp/bench.mjs`;

/** `@tidbok/<name>` → `packages/<name>/src/index.ts`, so the bench measures the current source. */
const workspaceSources = {
  name: 'tidbok-workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@tidbok\/[a-z-]+$/ }, (args) => ({
      path: `${root}packages/${args.path.slice('@tidbok/'.length)}/src/index.ts`,
    }));
  },
};

await build({
  entryPoints: [`${root}bench/run.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [workspaceSources],
  sourcemap: 'inline',
  logLevel: 'warning',
});

const run = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(run.status ?? 1);
