import { RejectedOriginListSchema } from '@tidbok/core';
import { Api } from '../http/api.js';
import { rejectedOriginsOf } from '../http/rejected-origins.js';
import { bookingSettingsOf } from '../services/rows.js';
import type { Deps } from '../services/deps.js';

/** Settings routes beyond GET/PATCH /settings (admin-catalogue.ts): what helps staff fill them in. */
export function adminSettingsRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'get',
      path: '/settings/rejected-origins',
      summary: 'Websites recently refused because they are not among the allowed websites (latest first, at most five; kept in memory)',
      tag: 'Settings',
      access: 'admin',
      permission: 'settings',
      responses: { 200: { description: 'Refused origins', schema: RejectedOriginListSchema } },
    },
    (c) => {
      const clinic = c.get('clinic');
      return c.json({ origins: rejectedOriginsOf(deps.store).list(clinic.id, bookingSettingsOf(clinic).allowedOrigins) });
    },
  );
  return api;
}
