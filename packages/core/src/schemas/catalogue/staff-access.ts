import * as z from 'zod/mini';
import { StaffSchema, type StaffRole } from './admin-responses.js';

/**
 * What a staff route needs. Each route names one permission; a role holds a fixed set of them.
 * Practitioners hold `calendar` and `clients` only for their own practitioner (the server narrows
 * what they see and may change); the other roles hold them for the whole clinic.
 */
export const PermissionSchema = z.enum([
  /** Who am I: every staff member. */
  'me',
  /** Read the clinic's settings and catalogue (treatment types, practitioners, locations). */
  'catalogue',
  /** Calendars, working time, activities, bookings, payments and receipts (practitioners: their own). */
  'calendar',
  /** Client records (practitioners: clients they have or had a booking with). */
  'clients',
  /** Clinic-wide client work: duplicates, merging, deleting clients. */
  'client-records',
  /**
   * Write a client's notes (the client card): those who treat the client (practitioners: the
   * clients they treat) and admins. Everyone with `clients` reads them.
   */
  'client-notes',
  /** Holds, template weeks and the message log: clinic-wide desk work. */
  'desk',
  /** Which treatment types a practitioner offers (practitioners: their own). */
  'practitioner-offer',
  /** Change settings and the catalogue; void payments. */
  'settings',
  /** Staff members and their access. */
  'staff',
  /** Integration keys. */
  'keys',
  /** The audit log of staff actions. */
  'audit',
]);
export type Permission = z.infer<typeof PermissionSchema>;

const EVERYTHING = PermissionSchema.options;

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  admin: EVERYTHING,
  reception: ['me', 'catalogue', 'calendar', 'clients', 'client-records', 'desk'],
  practitioner: ['me', 'catalogue', 'calendar', 'clients', 'client-notes', 'practitioner-offer'],
};

export function roleHas(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** `GET …/admin/me`: the staff member behind the token and what their role lets them do. */
export const MeResponseSchema = z.object({
  staff: StaffSchema,
  permissions: z.array(PermissionSchema),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;
