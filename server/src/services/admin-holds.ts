import type { AdminHold } from '@tidbok/core';
import { notFound } from '../errors.js';
import { activeHoldsOfClinic, releaseActiveHold } from '../store/repositories/holds.js';
import { iso } from '../time.js';
import type { Deps } from './deps.js';
import type { ClinicRow } from './rows.js';

/** Most active holds listed at once; a clinic under attack has more, and the oldest show first. */
const LIST_MAX = 1000;

/**
 * The clinic's active holds, soonest start first, each with its address, network and how many
 * active holds that network has: a run of holds from one place is what blocking looks like.
 */
export async function listActiveHolds(deps: Deps, clinic: ClinicRow): Promise<AdminHold[]> {
  const now = deps.clock.now();
  const rows = await activeHoldsOfClinic(deps.store.db, { clinicId: clinic.id, now, limit: LIST_MAX });
  const perNetwork = new Map<string, number>();
  for (const row of rows) {
    const net = row.client_net ?? row.client_ip ?? '';
    perNetwork.set(net, (perNetwork.get(net) ?? 0) + 1);
  }
  return rows.map((row) => ({
    id: row.id,
    practitionerId: row.practitioner_id,
    treatmentTypeId: row.treatment_type_id,
    locationId: row.location_id,
    start: iso(row.start_ms),
    end: iso(row.end_ms),
    expiresAt: iso(row.expires_at),
    createdAt: iso(row.created_at),
    clientAddress: row.client_ip,
    network: row.client_net ?? row.client_ip,
    networkActiveHolds: perNetwork.get(row.client_net ?? row.client_ip ?? '') ?? 1,
    clientId: row.client_id,
  }));
}

/**
 * Staff release a hold they judge to be blocking: the time is free at once. Its holder can still
 * book with it while nobody else has taken the time, as with an expired hold.
 */
export async function releaseHoldAsStaff(deps: Deps, clinic: ClinicRow, id: string) {
  await deps.store.write(async (trx) => {
    if (!(await releaseActiveHold(trx, clinic.id, id))) throw notFound('Hold');
  });
}
