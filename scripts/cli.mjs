// `npm run tidbok -- <command>`: build the server bundle if needed and run its CLI.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('server/dist/cli.js') || process.env.TIDBOK_REBUILD !== '0') {
  const build = spawnSync('npx', ['tsup', '--silent'], { stdio: 'inherit', env: { ...process.env, TIDBOK_BUILD: 'server' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, ['server/dist/cli.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
