import { AuditLogQuerySchema, AuditLogResponseSchema } from '@tidbok/core';
import { Api } from '../http/api.js';
import { auditLog } from '../services/audit.js';
import type { Deps } from '../services/deps.js';

export function adminAuditLogRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'get',
      path: '/audit-log',
      summary: 'What staff created, moved, cancelled, deleted, paid or changed, by whom, when and from which session (newest first)',
      tag: 'Staff',
      access: 'admin',
      permission: 'audit',
      query: AuditLogQuerySchema,
      responses: { 200: { description: 'A page of entries; `nextCursor` fetches older ones', schema: AuditLogResponseSchema } },
    },
    async (c, { query }) => c.json(await auditLog(deps, c.get('clinic'), query)),
  );
  return api;
}
