#!/usr/bin/env node
// Prepares the demo clinic for this example, as a clinic's admin would once in Settings: Anna on
// the staff with her intranet e-mail and her practitioner, an integration key for the intranet,
// and the intranet's origin among the allowed origins. Prints the command that starts it.
//
//   TIDBOK_TOKEN=tbs_… node examples/intranet/setup.mjs     # an admin's token (npm start prints one)
import { pathToFileURL } from 'node:url';
import { createTidbokAdmin } from '@tidbok/sdk';

/**
 * @param {{ baseUrl: string; clinic: string; token: string; intranetOrigin: string }} options
 * @returns {Promise<{ integrationKey: string; staffId: string }>}
 */
export async function setUpIntranet({ baseUrl, clinic, token, intranetOrigin }) {
  const admin = createTidbokAdmin({ baseUrl, clinic, token });
  const anna = (await admin.practitioners.list()).find((p) => p.name === 'Anna Lindqvist');
  const email = 'anna@lugnarummet.example';
  const existing = (await admin.staff.list()).find((s) => s.email === email);
  const staff = existing ?? (await admin.staff.create({ name: 'Anna Lindqvist', role: 'practitioner', email, practitionerId: anna?.id ?? null })).staff;
  const { key } = await admin.access.integrationKeys.create('Intranätet (exempel)');
  const { booking } = await admin.settings.get();
  if (!booking.allowedOrigins.includes(intranetOrigin)) {
    await admin.settings.update({ booking: { allowedOrigins: [...booking.allowedOrigins, intranetOrigin] } });
  }
  return { integrationKey: key, staffId: staff.id };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { TIDBOK_URL = 'http://localhost:8787', TIDBOK_CLINIC = 'demo', TIDBOK_TOKEN, PORT = '8788' } = process.env;
  if (!TIDBOK_TOKEN) {
    console.error('Set TIDBOK_TOKEN to an admin token of the clinic (npm start prints one for the demo).');
    process.exit(1);
  }
  const { integrationKey } = await setUpIntranet({
    baseUrl: TIDBOK_URL,
    clinic: TIDBOK_CLINIC,
    token: TIDBOK_TOKEN,
    intranetOrigin: `http://localhost:${PORT}`,
  });
  // The key is printed once, here, for the next command; keep it out of shared logs.
  console.log(`Ready. Start the intranet with:\n\n  TIDBOK_INTEGRATION_KEY=${integrationKey} node examples/intranet/server.mjs\n`);
}
