/**
 * The staff side of the SDK, on its own so `connect()` can import it dynamically: the public
 * embed bundle keeps it out of `/embed/tidbok.js` (see `loadAdminClient` in ../context.ts).
 */
export { createTidbokAdmin } from '@tidbok/sdk';
