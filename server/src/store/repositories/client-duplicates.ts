import type { Selectable } from 'kysely';
import type { ClientNoteTable, ClientTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

type ClientRow = Selectable<ClientTable>;
type ClientNoteRow = Selectable<ClientNoteTable>;

/**
 * The clinic's other clients that may be the same person as `client` (by creation, at most 100):
 * those split off it or it off them, those split off the same client, and those with its e-mail,
 * phone or personal identity number.
 */
export async function possibleDuplicatesOf(db: Queryable, clinicId: string, client: ClientRow): Promise<ClientRow[]> {
  return db
    .selectFrom('clients')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('id', '!=', client.id)
    .where((eb) => {
      const alike = [eb('duplicate_of', '=', client.id), eb('id', '=', client.duplicate_of ?? '')];
      if (client.duplicate_of) alike.push(eb('duplicate_of', '=', client.duplicate_of));
      if (client.email_norm) alike.push(eb('email_norm', '=', client.email_norm));
      if (client.phone) alike.push(eb('phone', '=', client.phone));
      if (client.personal_number) alike.push(eb('personal_number', '=', client.personal_number));
      return eb.or(alike);
    })
    .orderBy('created_at')
    .orderBy('id')
    .limit(100)
    .execute();
}

/** Moves the client's bookings, holds and messages to client `into`. */
export async function moveClientActivity(trx: Trx, { from, into, now }: { from: string; into: string; now: number }): Promise<void> {
  await trx.updateTable('bookings').set({ client_id: into, updated_at: now }).where('client_id', '=', from).execute();
  await trx.updateTable('holds').set({ client_id: into }).where('client_id', '=', from).execute();
  await trx.updateTable('messages').set({ client_id: into }).where('client_id', '=', from).execute();
}

/** Makes the clinic's clients that were split off `from` (other than `into`) duplicates of `into`. */
export async function repointDuplicates(trx: Trx, { clinicId, from, into }: { clinicId: string; from: string; into: string }): Promise<void> {
  await trx
    .updateTable('clients')
    .set({ duplicate_of: into })
    .where('clinic_id', '=', clinicId)
    .where('duplicate_of', '=', from)
    .where('id', '!=', into)
    .execute();
}

/** Marks the client as no one's duplicate. */
export async function clearDuplicateOf(trx: Trx, id: string, now: number): Promise<void> {
  await trx.updateTable('clients').set({ duplicate_of: null, updated_at: now }).where('id', '=', id).execute();
}

/** The notes of these clients (those that have any). */
export async function notesOfClients(db: Queryable, clientIds: string[]): Promise<ClientNoteRow[]> {
  return db.selectFrom('client_notes').selectAll().where('client_id', 'in', clientIds).execute();
}

/** Replaces the text of the client's existing notes. */
export async function setNotesText(trx: Trx, clientId: string, text: string, now: number): Promise<void> {
  await trx.updateTable('client_notes').set({ text, updated_at: now }).where('client_id', '=', clientId).execute();
}

/** Stores notes for a client that has none. */
export async function addNotes(trx: Trx, row: ClientNoteRow): Promise<void> {
  await trx.insertInto('client_notes').values(row).execute();
}

/** Deletes the client's notes. */
export async function deleteNotes(trx: Trx, clientId: string): Promise<void> {
  await trx.deleteFrom('client_notes').where('client_id', '=', clientId).execute();
}

/** Deletes a merged client with its login links and sessions. */
export async function deleteMergedClient(trx: Trx, id: string): Promise<void> {
  await trx.deleteFrom('login_tokens').where('client_id', '=', id).execute();
  await trx.deleteFrom('client_sessions').where('client_id', '=', id).execute();
  await trx.deleteFrom('clients').where('id', '=', id).execute();
}
