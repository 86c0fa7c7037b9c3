import { ApiError } from '../errors.js';
import type { StaffRow } from './rows.js';

/** The staff member behind a request, and the token or session they came with. */
export interface Actor {
  staff: StaffRow;
  sessionId: string | null;
}

/**
 * Whose entries an actor may see in full and change: `undefined` for the whole clinic (admin,
 * reception), the practitioner's id for a linked practitioner, and `null` for a practitioner-role
 * member without a link, who owns nothing — every entry is someone else's to them.
 */
export function ownPractitioner(actor: Actor | undefined): string | null | undefined {
  if (!actor) return undefined; // the server itself: the CLI, jobs, fixtures
  return actor.staff.role === 'practitioner' ? actor.staff.practitioner_id : undefined;
}

/** True when the actor may see and change this practitioner's entries. */
export function mayActFor(actor: Actor | undefined, practitionerId: string): boolean {
  const own = ownPractitioner(actor);
  return own === undefined || own === practitionerId;
}

/** Refuses a practitioner-role actor another practitioner's entry (403, before anything changes). */
export function requireActFor(actor: Actor | undefined, practitionerId: string, what: string): void {
  if (!mayActFor(actor, practitionerId)) {
    throw new ApiError('forbidden', `A practitioner may only see and change their own ${what}`);
  }
}
