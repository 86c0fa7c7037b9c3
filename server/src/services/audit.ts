import type { AuditAction, AuditEntity, AuditEntry, AuditLogQuery } from '@tidbok/core';
import { ApiError } from '../errors.js';
import { newId } from '../secrets.js';
import { addAuditEntry, auditEntries } from '../store/repositories/audit.js';
import type { Trx } from '../store/store.js';
import { iso } from '../time.js';
import type { Actor } from './actor.js';
import { range } from './common.js';
import type { Deps } from './deps.js';
import type { ClinicRow } from './rows.js';

export interface AuditEvent {
  action: AuditAction;
  entity: AuditEntity;
  id: string;
  /** Field names, times and statuses only: never a note, a name or anything a person wrote. */
  summary?: string;
}

/**
 * Records a staff action inside the transaction that makes it, so the log holds exactly the
 * changes that happened. No actor (the CLI, the server's own jobs, visitors): nothing to record.
 */
export async function audit(trx: Trx, now: number, clinicId: string, actor: Actor | undefined, event: AuditEvent) {
  if (!actor) return;
  await addAuditEntry(trx, {
    id: newId('au'),
    clinic_id: clinicId,
    staff_id: actor.staff.id,
    staff_name: actor.staff.name,
    session_id: actor.sessionId,
    action: event.action,
    entity: event.entity,
    entity_id: event.id,
    summary: event.summary ?? '',
    created_at: now,
  });
}

/** The names of the fields a patch sets (not their values): "start, end, note". */
export function changedFields(patch: object): string {
  return Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key)
    .join(', ');
}

const PAGE = 50;
/** How far back one query may look when `from` is left out: the whole log. */
const EPOCH = '2000-01-01';

function parseCursor(cursor: string): { at: number; id: string } {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  if (!match) throw new ApiError('validation_failed', 'query.cursor: Not a cursor from this log', [{ path: 'query.cursor', message: 'Not a cursor' }]);
  return { at: Number(match[1]), id: match[2]! };
}

/** The clinic's audit log, newest first, a page at a time (keyset on time and id). */
export async function auditLog(deps: Deps, clinic: ClinicRow, query: AuditLogQuery) {
  const to = query.to ?? iso(deps.clock.now() + 86_400_000);
  const bounds = query.from || query.to ? range(query.from ?? EPOCH, to, clinic.time_zone, 100_000) : null;
  const limit = query.limit ?? PAGE;
  const rows = await auditEntries(deps.store.db, {
    clinicId: clinic.id,
    bounds,
    staffId: query.staffId,
    entity: query.entity,
    before: query.cursor ? parseCursor(query.cursor) : undefined,
    // One more than a page: whether there is a next page.
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const entries: AuditEntry[] = page.map((row) => ({
    id: row.id,
    at: iso(row.created_at),
    staffId: row.staff_id,
    staffName: row.staff_name,
    sessionId: row.session_id,
    action: row.action as AuditAction,
    entity: row.entity as AuditEntity,
    entityId: row.entity_id,
    summary: row.summary,
  }));
  return { entries, nextCursor: rows.length > limit && last ? `${last.created_at}.${last.id}` : null };
}
