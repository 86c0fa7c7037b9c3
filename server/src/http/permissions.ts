import { type Permission, roleHas, StaffRoleSchema } from '@tidbok/core';
import { ApiError } from '../errors.js';

const WHAT: Record<Permission, string> = {
  me: 'your own account',
  catalogue: 'the catalogue',
  calendar: 'calendars and bookings',
  clients: 'clients',
  'client-records': 'merging and deleting clients',
  'client-notes': "writing clients' notes",
  desk: 'holds, template weeks and the message log',
  'practitioner-offer': "a practitioner's treatment types",
  settings: 'settings',
  staff: 'staff',
  keys: 'integration keys',
  audit: 'the audit log',
};

/**
 * Refuses a role that does not hold a route's permission. A role the server does not know
 * (a row written by a newer version, say) holds nothing.
 */
export function requirePermission(role: string, permission: Permission): void {
  const known = StaffRoleSchema.options.find((r) => r === role);
  if (!known || !roleHas(known, permission)) {
    throw new ApiError('forbidden', `The ${known ?? 'unknown'} role has no access to ${WHAT[permission]}`);
  }
}

/** An admin-only route refused to another role: says what it was about when the route says. */
export function adminOnly(role: string, permission: Permission | undefined): ApiError {
  return new ApiError(
    'forbidden',
    permission ? `The ${role} role has no access to ${WHAT[permission]}: this action needs the admin role` : 'This action needs the admin role',
  );
}
