import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The server and CLI as real processes, for tests of what only a process has: signals, sockets,
 * file locks, exit codes. The entry is bundled from source into the repository's `.tmp/` (where
 * Node still finds `node_modules`), never into `server/dist`, so no test races `npm start`.
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface Bundle {
  file: string;
  remove(): void;
}

/** Bundles `server/src/<name>.ts` (`main` or `cli`). */
export async function bundleEntry(name: 'main' | 'cli'): Promise<Bundle> {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, '.tmp', `${name}-`));
  const file = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [join(root, `server/src/${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    alias: { '@tidbok/core': join(root, 'packages/core/src/index.ts') },
    outfile: file,
    logLevel: 'silent',
  });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves when the output matches, with the match. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  /** Resolves with the exit code (or 128 + signal) once the process has exited. */
  exited: Promise<number>;
  /** SIGKILL, if it still runs. */
  kill(): Promise<void>;
}

/**
 * Starts the bundled server on a free loopback port with `env` on top of a clean environment
 * (a developer's own TIDBOK_* settings never leak in) and waits for its start-up banner.
 */
export async function startServer(bundle: Bundle, env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [bundle.file, ...args], {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', TIDBOK_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    out += chunk.toString();
    for (const check of waiters) check();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number>((done) =>
    child.once('exit', (code, signal) => done(code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 2))),
  );
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((done, fail) => {
      const check = () => {
        const match = pattern.exec(out);
        if (match) {
          waiters.delete(check);
          done(match);
        }
      };
      waiters.add(check);
      check();
      void exited.then(() => {
        if (waiters.delete(check)) fail(new Error(`the server exited before printing ${pattern}:\n${out}`));
      });
    });
  const port = Number((await waitFor(/listening on [^:]+:(\d+)/))[1]);
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => out,
    waitFor,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
