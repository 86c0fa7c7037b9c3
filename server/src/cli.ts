import { parseArgs } from 'node:util';
import { CreateClinicBodySchema } from '@tidbok/core';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
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
`;

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
