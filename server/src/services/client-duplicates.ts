import { invalid } from '../errors.js';
import type { Actor } from './actor.js';
import { audit } from './audit.js';
import type { Deps } from './deps.js';
import {
  addNotes,
  clearDuplicateOf,
  deleteMergedClient,
  deleteNotes,
  moveClientActivity,
  notesOfClients,
  possibleDuplicatesOf,
  repointDuplicates,
  setNotesText,
} from '../store/repositories/client-duplicates.js';
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
  const rows = await possibleDuplicatesOf(db, clinic.id, client);
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
    await moveClientActivity(trx, { from: from.id, into: target.id, now });
    await repointDuplicates(trx, { clinicId: clinic.id, from: from.id, into: target.id });
    // The target was split off the merged client: it is the record now, no one's duplicate.
    if (target.duplicate_of === from.id) {
      await clearDuplicateOf(trx, target.id, now);
    }
    // Notes are what staff wrote down about the person: the merged client's go on the kept one's
    // card, after its own, never lost with the row (client_notes goes with its client).
    await keepNotes(trx, from.id, target.id, now);
    await deleteMergedClient(trx, from.id);
    const merged = await findClient(trx, clinic.id, target.id);
    await emitClientMerged(trx, deps, clinic.id, target.id, from.id, iso(now));
    await audit(trx, now, clinic.id, who, { action: 'merged', entity: 'client', id: from.id, summary: `into ${target.id}` });
    return { client: clientOf(merged), mergedId: from.id };
  });
}

/** Moves a merged client's notes onto the client it is merged into, after that client's own. */
async function keepNotes(trx: Trx, fromId: string, intoId: string, now: number): Promise<void> {
  const notes = await notesOfClients(trx, [fromId, intoId]);
  const from = notes.find((n) => n.client_id === fromId);
  if (!from || from.text.trim() === '') return;
  const into = notes.find((n) => n.client_id === intoId);
  if (into) {
    const text = into.text.trim() === '' ? from.text : `${into.text}\n\n${from.text}`;
    await setNotesText(trx, intoId, text, now);
  } else {
    await addNotes(trx, { ...from, client_id: intoId, updated_at: now });
  }
  await deleteNotes(trx, fromId);
}
