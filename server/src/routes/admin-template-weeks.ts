import {
  ApplyTemplateWeekBodySchema,
  ApplyTemplateWeekResponseSchema,
  CreateTemplateWeekBodySchema,
  TemplateWeekListSchema,
  TemplateWeekSchema,
  UpdateTemplateWeekBodySchema,
} from '@tidbok/core';
import { actorOf } from '../http/actor.js';
import { Api, idParam } from '../http/api.js';
import type { Deps } from '../services/deps.js';
import { applyTemplateWeek, createTemplateWeek, deleteTemplateWeek, listTemplateWeeks, renameTemplateWeek } from '../services/template-weeks.js';

export function adminTemplateWeekRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'get',
      path: '/template-weeks',
      summary: 'List template weeks',
      tag: 'Template weeks',
      access: 'staff',
      permission: 'desk',
      responses: { 200: { description: 'Template weeks', schema: TemplateWeekListSchema } },
    },
    async (c) => c.json({ templateWeeks: await listTemplateWeeks(deps, c.get('clinic')) }),
  );
  api.route(
    {
      method: 'post',
      path: '/template-weeks',
      summary: "Save a week's working time (one practitioner or all) as a template",
      tag: 'Template weeks',
      access: 'staff',
      permission: 'desk',
      body: CreateTemplateWeekBodySchema,
      responses: { 201: { description: 'The template', schema: TemplateWeekSchema } },
    },
    async (c, { body }) => c.json(await createTemplateWeek(deps, c.get('clinic'), body, actorOf(c)), 201),
  );
  api.route(
    {
      method: 'patch',
      path: '/template-weeks/:id',
      summary: 'Rename a template week',
      tag: 'Template weeks',
      access: 'staff',
      permission: 'desk',
      body: UpdateTemplateWeekBodySchema,
      responses: { 200: { description: 'The template', schema: TemplateWeekSchema } },
    },
    async (c, { body }) => c.json(await renameTemplateWeek(deps, c.get('clinic'), idParam(c), body.name, actorOf(c))),
  );
  api.route(
    {
      method: 'delete',
      path: '/template-weeks/:id',
      summary: 'Delete a template week (working time already pasted stays)',
      tag: 'Template weeks',
      access: 'staff',
      permission: 'desk',
      responses: { 204: { description: 'Deleted' } },
    },
    async (c) => {
      await deleteTemplateWeek(deps, c.get('clinic'), idParam(c), actorOf(c));
      return c.body(null, 204);
    },
  );
  api.route(
    {
      method: 'post',
      path: '/template-weeks/:id/apply',
      summary: 'Paste the template into weeks (local Mondays); `dryRun` previews without writing',
      tag: 'Template weeks',
      access: 'staff',
      permission: 'desk',
      body: ApplyTemplateWeekBodySchema,
      responses: { 200: { description: 'What was created and what was skipped, with reasons', schema: ApplyTemplateWeekResponseSchema } },
    },
    async (c, { body }) => c.json(await applyTemplateWeek(deps, c.get('clinic'), idParam(c), body, actorOf(c))),
  );
  return api;
}
