import type { Insertable, Selectable } from 'kysely';
import type { AccessLogTable, ClientSessionTable, ClientTable, LoginTokenTable } from '../schema.js';
import type { Queryable } from '../store.js';

type ClientRow = Selectable<ClientTable>;

/** The clinic's first client (the earliest created) with this lower-cased e-mail, or undefined. */
export async function clientByEmail(db: Queryable, clinicId: string, emailNorm: string): Promise<ClientRow | undefined> {
  return db.selectFrom('clients').selectAll().where('clinic_id', '=', clinicId).where('email_norm', '=', emailNorm).orderBy('created_at').executeTakeFirst();
}

/**
 * The client a row refers to by id (a login token's or a session's, a foreign key, so it exists);
 * Kysely's NoResultError if it does not.
 */
export async function clientWithId(db: Queryable, id: string): Promise<ClientRow> {
  return db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** How many login links the client was sent after `since`. */
export async function loginLinksSentSince(db: Queryable, clientId: string, since: number): Promise<number> {
  const recent = await db
    .selectFrom('login_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(recent.n);
}

/** Ends the client's login links that are still unused and unexpired (they expire `now`). */
export async function expireUnusedLoginLinks(db: Queryable, clientId: string, now: number): Promise<void> {
  await db
    .updateTable('login_tokens')
    .set({ expires_at: now })
    .where('client_id', '=', clientId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

/** Stores a new login link's token (its hash). */
export async function addLoginToken(db: Queryable, row: Insertable<LoginTokenTable>): Promise<void> {
  await db.insertInto('login_tokens').values(row).execute();
}

/** The clinic's login token with this hash (used or not, expired or not), or undefined. */
export async function loginTokenByHash(db: Queryable, clinicId: string, tokenHash: string): Promise<Selectable<LoginTokenTable> | undefined> {
  return db.selectFrom('login_tokens').selectAll().where('token_hash', '=', tokenHash).where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** Marks the login token used, unless it already was: true when this call used it. */
export async function useLoginToken(db: Queryable, id: string, now: number): Promise<boolean> {
  const used = await db.updateTable('login_tokens').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(used.numUpdatedRows) === 1;
}

/** Stores a new client session (its token's hash). */
export async function addClientSession(db: Queryable, row: Insertable<ClientSessionTable>): Promise<void> {
  await db.insertInto('client_sessions').values(row).execute();
}

/** The client of the clinic's live session with this token hash (not revoked, not expired at `now`), or undefined. */
export async function clientOfSession(
  db: Queryable,
  { clinicId, tokenHash, now }: { clinicId: string; tokenHash: string; now: number },
): Promise<ClientRow | undefined> {
  return (
    db
      .selectFrom('client_sessions as s')
      .innerJoin('clients as c', 'c.id', 's.client_id')
      .selectAll('c')
      .where('s.token_hash', '=', tokenHash)
      .where('s.clinic_id', '=', clinicId)
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', now)
      // A test session is only as good as the client's test mark (unmarking also revokes it).
      .where((eb) => eb.or([eb('s.is_test', '=', 0), eb('c.is_test', '=', 1)]))
      .executeTakeFirst()
  );
}

/** Revokes the clinic's session with this token hash (logging out). */
export async function revokeClientSession(db: Queryable, { clinicId, tokenHash, now }: { clinicId: string; tokenHash: string; now: number }): Promise<void> {
  await db.updateTable('client_sessions').set({ revoked_at: now }).where('token_hash', '=', tokenHash).where('clinic_id', '=', clinicId).execute();
}

/** Revokes the sessions staff opened as this (test) client that are not revoked yet. */
export async function revokeTestSessionsOfClient(db: Queryable, clientId: string, now: number): Promise<void> {
  await db
    .updateTable('client_sessions')
    .set({ revoked_at: now })
    .where('client_id', '=', clientId)
    .where('is_test', '=', 1)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Adds entries to the access log (who on the staff read or changed which client's data). */
export async function recordClientAccess(db: Queryable, rows: Insertable<AccessLogTable>[]): Promise<void> {
  await db.insertInto('access_log').values(rows).execute();
}

/** An access log entry with the staff member's name (null once they are removed). */
export interface AccessLogEntry {
  id: string;
  staff_id: string;
  staff_name: string | null;
  action: string;
  detail: string;
  created_at: number;
}

/** The client's access log, newest first, at most 500 entries. */
export async function accessLogOfClient(db: Queryable, clinicId: string, clientId: string): Promise<AccessLogEntry[]> {
  return db
    .selectFrom('access_log as a')
    .leftJoin('staff as s', 's.id', 'a.staff_id')
    .select(['a.id', 'a.staff_id', 's.name as staff_name', 'a.action', 'a.detail', 'a.created_at'])
    .where('a.clinic_id', '=', clinicId)
    .where('a.client_id', '=', clientId)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(500)
    .execute();
}
