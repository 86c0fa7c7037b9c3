// `npm run bench [-- suite …] [-- --strict]`: bundle the benchmarks with esbuild (no TypeScript
// runner needed) and run them. npm packages stay external; the workspace's own packages are
// bundled from source. Two bundles: the runner (bench/run.ts) and the server that the HTTP suite
// starts as a child process (bench/server-process.ts), side by side in .tmp/bench/.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}.tmp/bench`;

/** `@tidbok/<name>` → `packages/<name>/src/index.ts`, so the bench measures the current source. */
const workspaceSources = {
  name: 'tidbok-workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@tidbok\/[a-z-]+$/ }, (args) => ({
      path: `${root}packages/${args.path.slice('@tidbok/'.length)}/src/index.ts`,
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { run: `${root}bench/run.ts`, 'server-process': `${root}bench/server-process.ts` },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [workspaceSources],
  sourcemap: 'inline',
  logLevel: 'warning',
});

const run = spawnSync(process.execPath, ['--enable-source-maps', `${outdir}/run.mjs`, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(run.status ?? 1);
