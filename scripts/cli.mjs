// `npm run tidbok -- <command>`: build the server bundle if needed and run its CLI.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// A build empties server/dist, the embed bundle a running server serves included, so `backup`
// and `restore` (run while servers are up, or from cron) use the CLI already built. They need
// nothing from a newer build: they copy the database file as it is.
const keepsBuild = ['backup', 'restore'].includes(process.argv[2] ?? '');
const built = existsSync('server/dist/cli.js');
if (!built || (process.env.TIDBOK_REBUILD !== '0' && !keepsBuild)) {
  // The server, then the embed bundle (the server's build empties server/dist, embed included).
  for (const args of [
    ['tsup', '--silent'],
    ['rollup', '-c', '--silent'],
  ]) {
    const build = spawnSync('npx', ['--no-install', ...args], { stdio: 'inherit', env: { ...process.env, TIDBOK_BUILD: 'server' } });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}
const run = spawnSync(process.execPath, ['server/dist/cli.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
