import { type Selectable, sql } from 'kysely';
import { prepared } from '../prepared.js';
import type { ClientNoteTable, ClientTable } from '../schema.js';
import type { Queryable } from '../store.js';

type ClientRow = Selectable<ClientTable>;

/**
 * A clinic's clients by name (then id), at most `limit`: only those the practitioner `treatedBy`
 * has a booking with when it is given (null: a practitioner-role member with no practitioner, so
 * none), and only those whose name, e-mail or phone contain `search` (in any case) when given.
 */
export async function clientsOfClinic(
  db: Queryable,
  { clinicId, treatedBy, search, limit }: { clinicId: string; treatedBy?: string | null; search?: string; limit: number },
): Promise<ClientRow[]> {
  let q = db.selectFrom('clients').selectAll().where('clinic_id', '=', clinicId);
  if (treatedBy !== undefined) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('bookings as b')
          .select('b.id')
          .whereRef('b.client_id', '=', 'clients.id')
          .where('b.practitioner_id', '=', treatedBy ?? ''),
      ),
    );
  }
  const term = search?.trim().toLowerCase();
  if (term) {
    const like = `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const matches = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${like} escape '\\'`;
    q = q.where((eb) => eb.or([matches('name'), matches('email'), matches('phone')]));
  }
  return q.orderBy('name').orderBy('id').limit(limit).execute();
}

/** The clinic's client with this id, or undefined. */
export async function clientById(db: Queryable, clinicId: string, id: string): Promise<ClientRow | undefined> {
  return db.selectFrom('clients').selectAll().where('id', '=', id).where('clinic_id', '=', clinicId).executeTakeFirst();
}

const insertClientRow = prepared((db, row: ClientRow) => db.insertInto('clients').values(row));

/** Stores a new client (prepared: public bookings create clients on the hot path). */
export async function addClient(db: Queryable, row: ClientRow): Promise<void> {
  await insertClientRow(db, row);
}

/** Writes the client's details as given (everything but its id, clinic and creation time). */
export async function saveClient(db: Queryable, row: ClientRow): Promise<void> {
  const { id, clinic_id: _clinic, created_at: _created, ...changes } = row;
  await db.updateTable('clients').set(changes).where('id', '=', id).execute();
}

/** Whether the client has any booking, of any status. */
export async function clientHasBookings(db: Queryable, clientId: string): Promise<boolean> {
  const booking = await db.selectFrom('bookings').select('id').where('client_id', '=', clientId).executeTakeFirst();
  return booking !== undefined;
}

/** Deletes the client row. */
export async function removeClient(db: Queryable, id: string): Promise<void> {
  await db.deleteFrom('clients').where('id', '=', id).execute();
}

/** Whether the practitioner has a booking (any status, past or coming) with the clinic's client. */
export async function practitionerTreatsClient(
  db: Queryable,
  { clinicId, clientId, practitionerId }: { clinicId: string; clientId: string; practitionerId: string },
): Promise<boolean> {
  const booking = await db
    .selectFrom('bookings')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('client_id', '=', clientId)
    .where('practitioner_id', '=', practitionerId)
    .executeTakeFirst();
  return booking !== undefined;
}

/** A booking of a client as the client card lists it, with its practitioner's and treatment's names. */
export interface ClientVisitRow {
  id: string;
  start_ms: number;
  end_ms: number;
  status: string;
  late_cancellation: number;
  paid_at: number | null;
  practitioner_id: string;
  treatment_type_id: string;
  practitioner_name: string;
  treatment_name: string;
}

/** The client's bookings in time order (then by id); only `practitionerId`'s when given (null: none). */
export async function visitsOfClient(
  db: Queryable,
  { clinicId, clientId, practitionerId }: { clinicId: string; clientId: string; practitionerId?: string | null },
): Promise<ClientVisitRow[]> {
  let q = db
    .selectFrom('bookings as b')
    .innerJoin('practitioners as p', 'p.id', 'b.practitioner_id')
    .innerJoin('treatment_types as t', 't.id', 'b.treatment_type_id')
    .select([
      'b.id',
      'b.start_ms',
      'b.end_ms',
      'b.status',
      'b.late_cancellation',
      'b.paid_at',
      'b.practitioner_id',
      'b.treatment_type_id',
      'p.name as practitioner_name',
      't.name as treatment_name',
    ])
    .where('b.clinic_id', '=', clinicId)
    .where('b.client_id', '=', clientId);
  if (practitionerId !== undefined) q = q.where('b.practitioner_id', '=', practitionerId ?? '');
  return q.orderBy('b.start_ms').orderBy('b.id').execute();
}

/** The client's notes (text and when written), or undefined while none were written. */
export async function clientNotes(
  db: Queryable,
  clinicId: string,
  clientId: string,
): Promise<Pick<Selectable<ClientNoteTable>, 'text' | 'updated_at'> | undefined> {
  return db.selectFrom('client_notes').select(['text', 'updated_at']).where('client_id', '=', clientId).where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** Writes the client's notes, replacing any there were. */
export async function saveClientNotes(
  db: Queryable,
  { clientId, clinicId, text, now, staffId }: { clientId: string; clinicId: string; text: string; now: number; staffId: string },
): Promise<void> {
  await db
    .insertInto('client_notes')
    .values({ client_id: clientId, clinic_id: clinicId, text, updated_at: now, updated_by: staffId })
    .onConflict((oc) => oc.column('client_id').doUpdateSet({ text, updated_at: now, updated_by: staffId }))
    .execute();
}
