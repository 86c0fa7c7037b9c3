import {
  ClientListSchema,
  ClientSchema,
  CreateClientBodySchema,
  CreateLocationBodySchema,
  CreatePractitionerBodySchema,
  CreateStaffBodySchema,
  CreateStaffResponseSchema,
  CreateTreatmentTypeBodySchema,
  ListClientsQuerySchema,
  LocationListSchema,
  LocationSchema,
  PractitionerListSchema,
  PractitionerSchema,
  SetTreatmentTypesBodySchema,
  SettingsSchema,
  StaffListSchema,
  StaffSchema,
  UpdateStaffBodySchema,
  TreatmentTypeListSchema,
  TreatmentTypeSchema,
  UpdateClientBodySchema,
  UpdateLocationBodySchema,
  UpdatePractitionerBodySchema,
  UpdateSettingsBodySchema,
  UpdateTreatmentTypeBodySchema,
} from '@tidbok/core';
import { actorOf } from '../http/actor.js';
import { requireTreats } from '../services/client-scope.js';
import { Api, idParam } from '../http/api.js';
import {
  createLocation,
  createPractitioner,
  createTreatmentType,
  deleteLocation,
  deletePractitioner,
  deleteTreatmentType,
  findLocation,
  findTreatmentType,
  getPractitioner,
  listLocations,
  listPractitioners,
  listTreatmentTypes,
  setPractitionerTreatmentTypes,
  updateLocation,
  updatePractitioner,
  updateTreatmentType,
} from '../services/catalogue.js';
import { logAccess } from '../services/client-auth.js';
import { createClient, deleteClient, findClient, listClients, updateClient } from '../services/clients.js';
import { createStaff, deleteStaff, getStaff, listStaff, updateSettings, updateStaff } from '../services/clinics.js';
import type { Deps } from '../services/deps.js';
import { clientOf, locationOf, settingsOf, treatmentTypeOf } from '../services/rows.js';

const noContent = { 204: { description: 'Deleted' } };

export function adminCatalogueRoutes(deps: Deps): Api {
  const api = new Api(deps);
  const { db } = deps.store;

  // ---- Settings ----
  api.route(
    {
      method: 'get',
      path: '/settings',
      summary: "The clinic's settings",
      tag: 'Settings',
      access: 'staff',
      permission: 'catalogue',
      responses: { 200: { description: 'Settings', schema: SettingsSchema } },
    },
    (c) => c.json(settingsOf(c.get('clinic'))),
  );
  api.route(
    {
      method: 'patch',
      path: '/settings',
      summary: 'Change settings (any subset)',
      tag: 'Settings',
      access: 'admin',
      permission: 'settings',
      body: UpdateSettingsBodySchema,
      responses: { 200: { description: 'The settings after the change', schema: SettingsSchema } },
    },
    async (c, { body }) => c.json(await updateSettings(deps, c.get('clinic'), body, actorOf(c))),
  );

  // ---- Staff ----
  api.route(
    {
      method: 'get',
      path: '/staff',
      summary: 'List staff users',
      tag: 'Staff',
      access: 'admin',
      permission: 'staff',
      responses: { 200: { description: 'Staff', schema: StaffListSchema } },
    },
    async (c) => c.json({ staff: await listStaff(deps, c.get('clinic')) }),
  );
  api.route(
    {
      method: 'post',
      path: '/staff',
      summary: 'Create a staff user and their first token (shown once)',
      tag: 'Staff',
      access: 'admin',
      permission: 'staff',
      body: CreateStaffBodySchema,
      responses: { 201: { description: 'The user and token', schema: CreateStaffResponseSchema } },
    },
    async (c, { body }) => c.json(await createStaff(deps, c.get('clinic'), body, actorOf(c)), 201),
  );

  api.route(
    {
      method: 'get',
      path: '/staff/:id',
      summary: 'Get a staff user',
      tag: 'Staff',
      access: 'admin',
      permission: 'staff',
      responses: { 200: { description: 'The staff user', schema: StaffSchema } },
    },
    async (c) => c.json(await getStaff(deps, c.get('clinic'), idParam(c))),
  );
  api.route(
    {
      method: 'patch',
      path: '/staff/:id',
      summary: 'Change a staff user (the clinic keeps at least one admin)',
      tag: 'Staff',
      access: 'admin',
      permission: 'staff',
      body: UpdateStaffBodySchema,
      responses: { 200: { description: 'Changed', schema: StaffSchema } },
    },
    async (c, { body }) => c.json(await updateStaff(deps, c.get('clinic'), idParam(c), body, actorOf(c))),
  );
  api.route(
    {
      method: 'delete',
      path: '/staff/:id',
      summary: 'Remove a staff user; their tokens stop working',
      tag: 'Staff',
      access: 'admin',
      permission: 'staff',
      responses: noContent,
    },
    async (c) => {
      await deleteStaff(deps, c.get('clinic'), idParam(c), actorOf(c));
      return c.body(null, 204);
    },
  );

  // ---- Treatment types ----
  const TT = '/treatment-types';
  api.route(
    {
      method: 'get',
      path: TT,
      summary: 'List treatment types',
      tag: 'Treatment types',
      access: 'staff',
      permission: 'catalogue',
      responses: { 200: { description: 'Treatment types', schema: TreatmentTypeListSchema } },
    },
    async (c) => c.json({ treatmentTypes: await listTreatmentTypes(db, c.get('clinic').id) }),
  );
  api.route(
    {
      method: 'post',
      path: TT,
      summary: 'Create a treatment type',
      tag: 'Treatment types',
      access: 'admin',
      permission: 'settings',
      body: CreateTreatmentTypeBodySchema,
      responses: { 201: { description: 'Created', schema: TreatmentTypeSchema } },
    },
    async (c, { body }) => c.json(await createTreatmentType(deps, c.get('clinic'), body, actorOf(c)), 201),
  );
  api.route(
    {
      method: 'get',
      path: `${TT}/:id`,
      summary: 'Get a treatment type',
      tag: 'Treatment types',
      access: 'staff',
      permission: 'catalogue',
      responses: { 200: { description: 'The treatment type', schema: TreatmentTypeSchema } },
    },
    async (c) => c.json(treatmentTypeOf(await findTreatmentType(db, c.get('clinic').id, idParam(c)))),
  );
  api.route(
    {
      method: 'patch',
      path: `${TT}/:id`,
      summary: 'Change a treatment type',
      tag: 'Treatment types',
      access: 'admin',
      permission: 'settings',
      body: UpdateTreatmentTypeBodySchema,
      responses: { 200: { description: 'Changed', schema: TreatmentTypeSchema } },
    },
    async (c, { body }) => c.json(await updateTreatmentType(deps, c.get('clinic'), idParam(c), body, actorOf(c))),
  );
  api.route(
    {
      method: 'delete',
      path: `${TT}/:id`,
      summary: 'Archive a treatment type (past bookings keep it)',
      tag: 'Treatment types',
      access: 'admin',
      permission: 'settings',
      responses: noContent,
    },
    async (c) => {
      await deleteTreatmentType(deps, c.get('clinic'), idParam(c), actorOf(c));
      return c.body(null, 204);
    },
  );

  // ---- Practitioners ----
  const PR = '/practitioners';
  api.route(
    {
      method: 'get',
      path: PR,
      summary: 'List practitioners',
      tag: 'Practitioners',
      access: 'staff',
      permission: 'catalogue',
      responses: { 200: { description: 'Practitioners', schema: PractitionerListSchema } },
    },
    async (c) => c.json({ practitioners: await listPractitioners(db, c.get('clinic').id) }),
  );
  api.route(
    {
      method: 'post',
      path: PR,
      summary: 'Create a practitioner',
      tag: 'Practitioners',
      access: 'admin',
      permission: 'settings',
      body: CreatePractitionerBodySchema,
      responses: { 201: { description: 'Created', schema: PractitionerSchema } },
    },
    async (c, { body }) => c.json(await createPractitioner(deps, c.get('clinic'), body, actorOf(c)), 201),
  );
  api.route(
    {
      method: 'get',
      path: `${PR}/:id`,
      summary: 'Get a practitioner',
      tag: 'Practitioners',
      access: 'staff',
      permission: 'catalogue',
      responses: { 200: { description: 'The practitioner', schema: PractitionerSchema } },
    },
    async (c) => c.json(await getPractitioner(db, c.get('clinic').id, idParam(c))),
  );
  api.route(
    {
      method: 'patch',
      path: `${PR}/:id`,
      summary: 'Change a practitioner',
      tag: 'Practitioners',
      access: 'admin',
      permission: 'settings',
      body: UpdatePractitionerBodySchema,
      responses: { 200: { description: 'Changed', schema: PractitionerSchema } },
    },
    async (c, { body }) => c.json(await updatePractitioner(deps, c.get('clinic'), idParam(c), body, actorOf(c))),
  );
  api.route(
    {
      method: 'put',
      path: `${PR}/:id/treatment-types`,
      summary: "Replace the practitioner's own list of treatment types",
      tag: 'Practitioners',
      access: 'staff',
      permission: 'practitioner-offer',
      body: SetTreatmentTypesBodySchema,
      responses: { 200: { description: 'The practitioner', schema: PractitionerSchema } },
    },
    async (c, { body }) => c.json(await setPractitionerTreatmentTypes(deps, c.get('clinic'), idParam(c), body.treatmentTypeIds, actorOf(c))),
  );
  api.route(
    {
      method: 'delete',
      path: `${PR}/:id`,
      summary: 'Archive a practitioner (past bookings keep them)',
      tag: 'Practitioners',
      access: 'admin',
      permission: 'settings',
      responses: noContent,
    },
    async (c) => {
      await deletePractitioner(deps, c.get('clinic'), idParam(c), actorOf(c));
      return c.body(null, 204);
    },
  );

  // ---- Locations ----
  const LO = '/locations';
  api.route(
    {
      method: 'get',
      path: LO,
      summary: 'List locations',
      tag: 'Locations',
      access: 'staff',
      permission: 'catalogue',
      responses: { 200: { description: 'Locations', schema: LocationListSchema } },
    },
    async (c) => c.json({ locations: await listLocations(db, c.get('clinic').id) }),
  );
  api.route(
    {
      method: 'post',
      path: LO,
      summary: 'Create a location',
      tag: 'Locations',
      access: 'admin',
      permission: 'settings',
      body: CreateLocationBodySchema,
      responses: { 201: { description: 'Created', schema: LocationSchema } },
    },
    async (c, { body }) => c.json(await createLocation(deps, c.get('clinic'), body, actorOf(c)), 201),
  );
  api.route(
    {
      method: 'get',
      path: `${LO}/:id`,
      summary: 'Get a location',
      tag: 'Locations',
      access: 'staff',
      permission: 'catalogue',
      responses: { 200: { description: 'The location', schema: LocationSchema } },
    },
    async (c) => c.json(locationOf(await findLocation(db, c.get('clinic').id, idParam(c)))),
  );
  api.route(
    {
      method: 'patch',
      path: `${LO}/:id`,
      summary: 'Change a location',
      tag: 'Locations',
      access: 'admin',
      permission: 'settings',
      body: UpdateLocationBodySchema,
      responses: { 200: { description: 'Changed', schema: LocationSchema } },
    },
    async (c, { body }) => c.json(await updateLocation(deps, c.get('clinic'), idParam(c), body, actorOf(c))),
  );
  api.route(
    {
      method: 'delete',
      path: `${LO}/:id`,
      summary: 'Archive a location',
      tag: 'Locations',
      access: 'admin',
      permission: 'settings',
      responses: noContent,
    },
    async (c) => {
      await deleteLocation(deps, c.get('clinic'), idParam(c), actorOf(c));
      return c.body(null, 204);
    },
  );

  // ---- Clients ----
  const CL = '/clients';
  api.route(
    {
      method: 'get',
      path: CL,
      summary: 'List or search clients (name, e-mail, phone)',
      tag: 'Clients',
      access: 'staff',
      permission: 'clients',
      query: ListClientsQuerySchema,
      responses: { 200: { description: 'Clients', schema: ClientListSchema } },
    },
    async (c, { query }) => {
      const clients = await listClients(deps, c.get('clinic'), query, actorOf(c));
      await logAccess(
        deps,
        c.get('clinic'),
        c.get('staff'),
        clients.map((client) => client.id),
        query.q ? 'search' : 'read',
      );
      return c.json({ clients });
    },
  );
  api.route(
    {
      method: 'post',
      path: CL,
      summary: 'Create a client',
      tag: 'Clients',
      access: 'staff',
      permission: 'clients',
      body: CreateClientBodySchema,
      responses: { 201: { description: 'Created', schema: ClientSchema } },
    },
    async (c, { body }) => {
      const client = await createClient(deps, c.get('clinic'), body, c.get('staff'), actorOf(c));
      await logAccess(deps, c.get('clinic'), c.get('staff'), [client.id], 'create');
      return c.json(client, 201);
    },
  );
  api.route(
    {
      method: 'get',
      path: `${CL}/:id`,
      summary: 'Get a client',
      tag: 'Clients',
      access: 'staff',
      permission: 'clients',
      responses: { 200: { description: 'The client', schema: ClientSchema } },
    },
    async (c) => {
      const row = await findClient(db, c.get('clinic').id, idParam(c));
      await requireTreats(db, c.get('clinic').id, row.id, actorOf(c));
      const client = clientOf(row);
      await logAccess(deps, c.get('clinic'), c.get('staff'), [client.id], 'read');
      return c.json(client);
    },
  );
  api.route(
    {
      method: 'patch',
      path: `${CL}/:id`,
      summary: 'Change a client',
      tag: 'Clients',
      access: 'staff',
      permission: 'clients',
      body: UpdateClientBodySchema,
      responses: { 200: { description: 'Changed', schema: ClientSchema } },
    },
    async (c, { body }) => {
      const client = await updateClient(deps, c.get('clinic'), idParam(c), body, c.get('staff'), actorOf(c));
      await logAccess(deps, c.get('clinic'), c.get('staff'), [client.id], 'update', Object.keys(body).sort().join(','));
      return c.json(client);
    },
  );
  api.route(
    {
      method: 'delete',
      path: `${CL}/:id`,
      summary: 'Delete a client without bookings',
      tag: 'Clients',
      access: 'staff',
      permission: 'client-records',
      responses: noContent,
    },
    async (c) => {
      await deleteClient(deps, c.get('clinic'), idParam(c), actorOf(c));
      await logAccess(deps, c.get('clinic'), c.get('staff'), [idParam(c)], 'delete');
      return c.body(null, 204);
    },
  );
  return api;
}
