import { parseArgs } from 'node:util';
import { CreateClinicBodySchema } from '@tidbok/core';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { backupSqlite, restoreSqlite } from './backup.js';
import { systemClock } from './clock.js';
import { configFromEnv } from './config.js';
import { ApiError } from './errors.js';
import { createClinic, createStaffToken, requireClinic } from './services/clinics.js';
import { openStore } from './store/open-store.js';

// zod/mini ships no messages; without this every CLI validation error read "Invalid input".
z.config(en());

const USAGE = `Usage: tidbok <command> [options]
Database: PostgreSQL when TIDBOK_DATABASE_URL (postgres://…) is set, else the SQLite file TIDBOK_DB
(default ./data/tidbok.db).

Commands:
  migrate                                   apply pending database migrations
  create-clinic --slug S --name N [--time-zone Z] [--locale sv|en]
                                            create a clinic and print its admin token
  create-token <clinic-slug> [--staff ID]   print a new staff token (default: the first admin)
  backup <file>                             copy the SQLite database to <file>, safely while servers run
  restore <file>                            put a backup back as the SQLite database (stop the servers first)
`;

/** On PostgreSQL the database's own tools do this better than a copy through Tidbok could. */
const POSTGRES_BACKUP = 'backup and restore copy the SQLite file; on PostgreSQL use pg_dump and pg_restore (see the README, "Backups")';

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      'time-zone': { type: 'string' },
      locale: { type: 'string' },
      staff: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const config = configFromEnv();
  if (command === 'backup' || command === 'restore') {
    const file = rest[0];
    if (!file) throw new Error(`${command} needs a file: tidbok ${command} <file>`);
    if (config.databaseUrl !== null) throw new Error(POSTGRES_BACKUP);
    if (command === 'backup') {
      const { file: written, pages } = await backupSqlite(config.dbFile, file);
      console.log(`Backed up ${config.dbFile} to ${written} (${pages} pages).`);
    } else {
      const { pages } = await restoreSqlite(file, config.dbFile);
      console.log(`Restored ${config.dbFile} from ${file} (${pages} pages).`);
    }
    return 0;
  }
  const store = openStore(config);
  const deps = { store, clock: systemClock, config };
  try {
    const applied = await store.migrate();
    switch (command) {
      case 'migrate':
        console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
        return 0;
      case 'create-clinic': {
        const body = z.parse(CreateClinicBodySchema, {
          slug: values.slug,
          name: values.name,
          ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
          ...(values.locale ? { locale: values.locale } : {}),
        });
        const { clinic, adminToken } = await createClinic(deps, body);
        console.log(`Created clinic ${clinic.slug} (${clinic.id}).\nAdmin token (shown once): ${adminToken}`);
        return 0;
      }
      case 'create-token': {
        const slug = rest[0];
        if (!slug) throw new Error('create-token needs a clinic slug');
        const clinic = await requireClinic(deps, slug);
        const { staff, token } = await createStaffToken(deps, clinic, values.staff);
        console.log(`New token for ${staff.name} (${staff.role}) at ${slug}: ${token}`);
        return 0;
      }
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ApiError) console.error(`tidbok: ${error.detail ?? error.message}`);
    else if (error instanceof z.core.$ZodError) console.error(`tidbok: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    else console.error(`tidbok: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
