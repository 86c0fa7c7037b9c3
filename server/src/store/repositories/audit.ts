import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

type AuditLogRow = Selectable<AuditLogTable>;

/** Adds an entry to the audit log, inside the transaction that makes the change it records. */
export async function addAuditEntry(trx: Trx, row: AuditLogRow): Promise<void> {
  await trx.insertInto('audit_log').values(row).execute();
}

/** Which of a clinic's audit entries to read, newest first (keyset on time and id). */
export interface AuditLogPage {
  clinicId: string;
  /** Entries written in `[from, to)` only, when given. */
  bounds?: { from: number; to: number } | null | undefined;
  staffId?: string | undefined;
  entity?: string | undefined;
  /** Entries older than this one (earlier time, or the same time and a smaller id) only, when given. */
  before?: { at: number; id: string } | undefined;
  /** At most this many. */
  limit: number;
}

/** The clinic's audit entries as asked, newest first (then by id, descending). */
export async function auditEntries(db: Queryable, page: AuditLogPage): Promise<AuditLogRow[]> {
  let q = db.selectFrom('audit_log').selectAll().where('clinic_id', '=', page.clinicId);
  if (page.bounds) q = q.where('created_at', '>=', page.bounds.from).where('created_at', '<', page.bounds.to);
  if (page.staffId) q = q.where('staff_id', '=', page.staffId);
  if (page.entity) q = q.where('entity', '=', page.entity);
  if (page.before) {
    const { at, id } = page.before;
    q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}
