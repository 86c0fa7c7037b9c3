import {
  ClientHistoryQuerySchema,
  ClientHistorySchema,
  ClientListSchema,
  ClientNotesSchema,
  ClientSchema,
  MergeClientBodySchema,
  UpdateClientNotesBodySchema,
} from '@tidbok/core';
import { actorOf } from '../http/actor.js';
import { Api, idParam } from '../http/api.js';
import { logAccess } from '../services/client-auth.js';
import { clientDuplicates, mergeClient } from '../services/client-duplicates.js';
import { clientHistory, updateClientNotes } from '../services/clients.js';
import type { Deps } from '../services/deps.js';

/**
 * Possible duplicates of a client (from public bookings whose details did not agree) and merging;
 * the client card's history and notes.
 */
export function adminClientRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'get',
      path: '/clients/:id/duplicates',
      summary: 'Clients that may be the same person: split off by a public booking, or the same e-mail, phone or personal number',
      tag: 'Clients',
      access: 'staff',
      permission: 'client-records',
      responses: { 200: { description: 'Possible duplicates, oldest first', schema: ClientListSchema } },
    },
    async (c) => {
      const clients = await clientDuplicates(deps, c.get('clinic'), idParam(c));
      await logAccess(deps, c.get('clinic'), c.get('staff'), [idParam(c), ...clients.map((client) => client.id)], 'read');
      return c.json({ clients });
    },
  );
  api.route(
    {
      method: 'post',
      path: '/clients/:id/merge',
      summary: "Merge this client into another: bookings and messages move, this client is deleted, the other's details stay",
      tag: 'Clients',
      access: 'staff',
      permission: 'client-records',
      body: MergeClientBodySchema,
      responses: { 200: { description: 'The client merged into', schema: ClientSchema } },
    },
    async (c, { body }) => {
      const { client, mergedId } = await mergeClient(deps, c.get('clinic'), idParam(c), body.into, actorOf(c));
      await logAccess(deps, c.get('clinic'), c.get('staff'), [client.id], 'update', `merged ${mergedId}`);
      await logAccess(deps, c.get('clinic'), c.get('staff'), [mergedId], 'delete', `merged into ${client.id}`);
      return c.json(client);
    },
  );
  api.route(
    {
      method: 'get',
      path: '/clients/:id/history',
      summary:
        'The client card: upcoming and past bookings with their status, counts of visits, no-shows and late cancellations, and the notes (practitioners: their own bookings of clients they treat)',
      tag: 'Clients',
      access: 'staff',
      permission: 'clients',
      query: ClientHistoryQuerySchema,
      responses: { 200: { description: 'The history', schema: ClientHistorySchema } },
    },
    async (c, { query }) => {
      const history = await clientHistory(deps, c.get('clinic'), idParam(c), query, actorOf(c));
      await logAccess(deps, c.get('clinic'), c.get('staff'), [history.clientId], 'read', 'history');
      return c.json(history);
    },
  );
  api.route(
    {
      method: 'put',
      path: '/clients/:id/notes',
      summary: "Replace the client's notes (admins, and practitioners for clients they treat; reception reads them)",
      tag: 'Clients',
      access: 'staff',
      permission: 'client-notes',
      body: UpdateClientNotesBodySchema,
      responses: { 200: { description: 'The notes as stored', schema: ClientNotesSchema } },
    },
    async (c, { body }) => {
      const notes = await updateClientNotes(deps, c.get('clinic'), idParam(c), body, c.get('staff'), actorOf(c));
      await logAccess(deps, c.get('clinic'), c.get('staff'), [idParam(c)], 'update', 'notes');
      return c.json(notes);
    },
  );
  return api;
}
