import * as z from 'zod/mini';
import { IdSchema } from '../common/fields.js';
import { InstantOrDateSchema } from '../common/instants.js';

export const AuditActionSchema = z.enum(['created', 'changed', 'moved', 'cancelled', 'deleted', 'paid', 'voided', 'merged']);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntitySchema = z.enum([
  'booking',
  'activity',
  'workingTime',
  'client',
  'payment',
  'treatmentType',
  'practitioner',
  'location',
  'settings',
  'staff',
  'templateWeek',
  'integrationKey',
]);
export type AuditEntity = z.infer<typeof AuditEntitySchema>;

/**
 * One staff action. `summary` names what changed (field names, times, statuses), never what a
 * patient or colleague wrote: notes and names stay in their records.
 */
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  /** The token or session the action came from. */
  sessionId: z.nullable(z.string()),
  action: AuditActionSchema,
  entity: AuditEntitySchema,
  entityId: z.string(),
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditLogQuerySchema = z.strictObject({
  from: z.optional(InstantOrDateSchema),
  to: z.optional(InstantOrDateSchema),
  staffId: z.optional(IdSchema),
  entity: z.optional(AuditEntitySchema),
  /** The `nextCursor` of the previous page. */
  cursor: z.optional(z.string().check(z.maxLength(200))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
});
export type AuditLogQuery = z.infer<typeof AuditLogQuerySchema>;

export const AuditLogResponseSchema = z.object({
  entries: z.array(AuditEntrySchema),
  /** Pass as `cursor` for older entries; null on the last page. */
  nextCursor: z.nullable(z.string()),
});
export type AuditLogResponse = z.infer<typeof AuditLogResponseSchema>;
