// `npm start`: build the server (a few seconds, no type declarations) and run it.
import { spawnSync, spawn } from 'node:child_process';

const build = spawnSync('npx', ['tsup', '--silent'], {
  stdio: 'inherit',
  env: { ...process.env, TIDBOK_BUILD: 'server' },
});
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn(process.execPath, ['--enable-source-maps', 'server/dist/main.js'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
