import { ClinicSchema, CreateClinicBodySchema } from '@tidbok/core';
import * as z from 'zod/mini';
import type { Api } from '../http/api.js';
import { createClinic } from '../services/clinics.js';
import type { Deps } from '../services/deps.js';

export function registerSystemRoutes(api: Api, deps: Deps) {
  api.route(
    {
      method: 'get',
      path: '/v1/health',
      summary: 'Liveness check',
      tag: 'Server',
      access: 'public',
      responses: { 200: { description: 'The server is up', schema: z.object({ ok: z.literal(true) }) } },
    },
    (c) => c.json({ ok: true }),
  );

  api.route(
    {
      method: 'post',
      path: '/v1/clinics',
      summary: 'Create a clinic with its first admin',
      tag: 'Operator',
      access: 'operator',
      body: CreateClinicBodySchema,
      responses: {
        201: {
          description: "The clinic and its admin's token (shown once)",
          schema: z.object({ clinic: ClinicSchema, adminToken: z.string() }),
        },
      },
    },
    async (c, { body }) => {
      const { clinic, adminToken } = await createClinic(deps, body);
      return c.json({ clinic, adminToken }, 201);
    },
  );
}
