import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as outbox from './0002-outbox.js';

/** Versioned migrations, applied in key order and recorded by Kysely's migrator. */
export const sqliteMigrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-outbox': outbox,
};
