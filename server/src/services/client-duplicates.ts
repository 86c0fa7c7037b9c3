import { invalid } from '../errors.js';
import type { Actor } from './actor.js';
import { audit } from './audit.js';
import type { Deps } from './deps.js';
import type { Trx } from '../store/store.js';
import { iso } from '../time.js';
import { emitClientMerged } from '../webhooks/emit.js';
import { findClient } from './clients.js';
import { type ClinicRow, clientOf } from './rows.js';

/**
 * Clients that may be the same person as this one: those a public booking split off it (or it
 * off them), and any other client with the same e-mail, phone or personal identity number.
 */
export async function clientDuplicates(deps: Deps, clinic: ClinicRow, id: string) {
  const db = deps.store.db;
  const client = await findClient(db, clinic.id, id);
  const rows = await db
    .selectFrom('clients')
    .selectAll()
    .where('clinic_id', '=', clinic.id)
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
  return rows.map(clientOf);
}

/**
 * Merges client `id` into client `into`, when staff have seen they are one person: bookings,
 * holds and messages move to `into`, clients split off `id` now point at `into`, and `id` is
 * deleted with its login links and sessions. `into` keeps its own details, unchanged; staff
 * correct them afterwards if the merged client's were the right ones.
 */
export async function mergeClient(deps: Deps, clinic: ClinicRow, id: string, into: string, who?: Actor) {
  if (id === into) throw invalid('into', 'A client cannot be merged into itself');
  return deps.store.write(async (trx) => {
    const from = await findClient(trx, clinic.id, id);
    const target = await findClient(trx, clinic.id, into).catch(() => {
      throw invalid('into', 'No such client in this clinic');
    });
    const now = deps.clock.now();
    await trx.updateTable('bookings').set({ client_id: target.id, updated_at: now }).where('client_id', '=', from.id).execute();
    await trx.updateTable('holds').set({ client_id: target.id }).where('client_id', '=', from.id).execute();
    await trx.updateTable('messages').set({ client_id: target.id }).where('client_id', '=', from.id).execute();
    await trx
      .updateTable('clients')
      .set({ duplicate_of: target.id })
      .where('clinic_id', '=', clinic.id)
      .where('duplicate_of', '=', from.id)
      .where('id', '!=', target.id)
      .execute();
    // The target was split off the merged client: it is the record now, no one's duplicate.
    if (target.duplicate_of === from.id) {
      await trx.updateTable('clients').set({ duplicate_of: null, updated_at: now }).where('id', '=', target.id).execute();
    }
    // Notes are what staff wrote down about the person: the merged client's go on the kept one's
    // card, after its own, never lost with the row (client_notes goes with its client).
    await keepNotes(trx, from.id, target.id, now);
    await trx.deleteFrom('login_tokens').where('client_id', '=', from.id).execute();
    await trx.deleteFrom('client_sessions').where('client_id', '=', from.id).execute();
    await trx.deleteFrom('clients').where('id', '=', from.id).execute();
    const merged = await findClient(trx, clinic.id, target.id);
    await emitClientMerged(trx, deps, clinic.id, target.id, from.id, iso(now));
    await audit(trx, now, clinic.id, who, { action: 'merged', entity: 'client', id: from.id, summary: `into ${target.id}` });
    return { client: clientOf(merged), mergedId: from.id };
  });
}

/** Moves a merged client's notes onto the client it is merged into, after that client's own. */
async function keepNotes(trx: Trx, fromId: string, intoId: string, now: number): Promise<void> {
  const notes = await trx.selectFrom('client_notes').selectAll().where('client_id', 'in', [fromId, intoId]).execute();
  const from = notes.find((n) => n.client_id === fromId);
  if (!from || from.text.trim() === '') return;
  const into = notes.find((n) => n.client_id === intoId);
  if (into) {
    const text = into.text.trim() === '' ? from.text : `${into.text}\n\n${from.text}`;
    await trx.updateTable('client_notes').set({ text, updated_at: now }).where('client_id', '=', intoId).execute();
  } else {
    await trx
      .insertInto('client_notes')
      .values({ ...from, client_id: intoId, updated_at: now })
      .execute();
  }
  await trx.deleteFrom('client_notes').where('client_id', '=', fromId).execute();
}
