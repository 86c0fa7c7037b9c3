// Why: the SDK's tests of a practitioner's settings (busy calendar, calendar feed) each start the
// same way: a served clinic, its admin client and one practitioner. Tests only; not exported.
import { createTidbokAdmin, type TidbokAdmin } from './admin-client.js';
import { type Served, serve } from './test-support.js';

/** A served clinic ('lugna'), its admin client and the id of its practitioner Anna Ek. */
export async function serveWithPractitioner(): Promise<{ s: Served; admin: TidbokAdmin; anna: string }> {
  const s = await serve('lugna');
  const admin = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: s.token });
  const anna = (await admin.practitioners.create({ name: 'Anna Ek' })).id;
  return { s, admin, anna };
}
