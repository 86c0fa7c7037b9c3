// Why: the SDK's tests of a practitioner's settings (busy calendar, calendar feed) each start the
// same way: a served clinic, its admin client and one practitioner. Tests only; not exported.
import { afterEach, beforeEach } from 'vitest';
import { createTidbokAdmin, type TidbokAdmin } from './admin-client.js';
import { type Served, serve } from './test-support.js';

export interface PractitionerClinic {
  s: Served;
  admin: TidbokAdmin;
  /** The id of the clinic's practitioner, Anna Ek. */
  anna: string;
}

/**
 * For each test of the calling file, a fresh served clinic ('lugna') with its admin client and a
 * practitioner; read the fields inside tests (they are set before each one and closed after).
 */
export function practitionerPerTest(): PractitionerClinic {
  const clinic = {} as PractitionerClinic;
  beforeEach(async () => {
    clinic.s = await serve('lugna');
    clinic.admin = createTidbokAdmin({ baseUrl: clinic.s.url, clinic: clinic.s.slug, token: clinic.s.token });
    clinic.anna = (await clinic.admin.practitioners.create({ name: 'Anna Ek' })).id;
  });
  afterEach(async () => {
    await clinic.s.close();
  });
  return clinic;
}
