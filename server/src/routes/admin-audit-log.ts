import { AuditLogQuerySchema, AuditLogResponseSchema } from '@tidbok/core';
import type { Api } from '../http/api.js';
import { auditLog } from '../services/audit.js';
import type { Deps } from '../services/deps.js';

export function registerAdminAuditLogRoutes(api: Api, deps: Deps) {
  api.route(
    {
      method: 'get',
      path: '/v1/clinics/:clinic/admin/audit-log',
      summary: 'What staff created, moved, cancelled, deleted, paid or changed, by whom, when and from which session (newest first)',
      tag: 'Staff',
      access: 'admin',
      permission: 'audit',
      query: AuditLogQuerySchema,
      responses: { 200: { description: 'A page of entries; `nextCursor` fetches older ones', schema: AuditLogResponseSchema } },
    },
    async (c, { query }) => c.json(await auditLog(deps, c.get('clinic'), query)),
  );
}
