import { type AuditLogQuery, type AuditLogResponse, AuditLogResponseSchema, type MeResponse, MeResponseSchema } from '@tidbok/core';
import { json, type RequestOptions, type Send } from './transport.js';

/** Who the token belongs to, and what staff have done (the audit log). */
export interface StaffAuditMethods {
  /** The staff member behind the token, their role, practitioner link and permissions. */
  me(options?: RequestOptions): Promise<MeResponse>;
  /**
   * The audit log of staff actions, newest first (admins). Pass the answer's `nextCursor` as
   * `cursor` for older entries; it is null on the last page.
   */
  auditLog(query?: AuditLogQuery, options?: RequestOptions): Promise<AuditLogResponse>;
}

export function staffAuditMethods(send: Send, A: string): StaffAuditMethods {
  return {
    me: ({ signal } = {}) => send({ method: 'get', path: `${A}/me`, signal }, json(MeResponseSchema)),
    auditLog: (query = {}, { signal } = {}) => send({ method: 'get', path: `${A}/audit-log`, query: { ...query }, signal }, json(AuditLogResponseSchema)),
  };
}
