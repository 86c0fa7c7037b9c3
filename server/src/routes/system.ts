import { ClinicSchema, CreateClinicBodySchema } from '@tidbok/core';
import * as z from 'zod/mini';
import { Api } from '../http/api.js';
import { createClinic } from '../services/clinics.js';
import type { Deps } from '../services/deps.js';

const ReadySchema = z.object({
  ok: z.boolean(),
  database: z.object({
    engine: z.enum(['sqlite', 'postgres']),
    readable: z.boolean(),
    writable: z.boolean(),
    problem: z.optional(z.string()),
  }),
});

export function systemRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'get',
      path: '/health',
      summary: 'Liveness check',
      tag: 'Server',
      access: 'public',
      responses: {
        200: { description: 'The process is up and answering (liveness; the database is not consulted)', schema: z.object({ ok: z.literal(true) }) },
      },
    },
    (c) => c.json({ ok: true }),
  );

  // Readiness: a load balancer or orchestrator sends traffic here only while this says 200.
  // Liveness (above) stays independent of the database, so a database outage does not get a
  // healthy process restarted in a loop; it takes it out of rotation instead.
  api.route(
    {
      method: 'get',
      path: '/health/ready',
      summary: 'Readiness check: can the database be read and written',
      tag: 'Server',
      access: 'public',
      responses: {
        200: { description: 'The database can be read and written', schema: ReadySchema },
        503: {
          description: 'The database cannot be read, or cannot be written (`problem` says why); try again after `Retry-After` seconds',
          schema: ReadySchema,
        },
      },
    },
    async (c) => {
      const health = await deps.store.health();
      const ok = health.readable && health.writable;
      const body = { ok, database: { engine: deps.store.dialect, ...health } };
      if (ok) return c.json(body);
      c.header('Retry-After', '5');
      return c.json(body, 503);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/clinics',
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
  return api;
}
