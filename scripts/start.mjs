// `npm start`: build the server (tsup, no type declarations) and the embed bundle it serves
// (Rollup, rollup.config.mjs; after the server's build, which empties server/dist), then run it.
// Options after `--` go to the server (`npm start -- --token-file data/token`).
import { spawnSync, spawn } from 'node:child_process';

for (const args of [
  ['tsup', '--silent'],
  ['rollup', '-c', '--silent'],
]) {
  const build = spawnSync('npx', ['--no-install', ...args], { stdio: 'inherit', env: { ...process.env, TIDBOK_BUILD: 'server' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// --demo-mailbox: with no e-mail or SMS transport set, the demo's messages are shown on a page
// of their own (server/src/demo-mailbox.ts says when exactly).
const server = spawn(process.execPath, ['--enable-source-maps', 'server/dist/main.js', '--demo-mailbox', ...process.argv.slice(2)], { stdio: 'inherit' });
// The server stops gracefully on its first SIGTERM or SIGINT and at once on a second, so each
// signal must reach it once. Ctrl-C in a terminal sends SIGINT to the server itself (it is in the
// same process group): passing it on too would count twice. SIGTERM is sent to this process only.
process.on('SIGTERM', () => server.kill('SIGTERM'));
process.on('SIGINT', () => {});
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
