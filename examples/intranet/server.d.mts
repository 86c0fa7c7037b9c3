import type { Server } from 'node:http';

export interface IntranetUser {
  email: string;
  name: string;
  /** `scrypt$N$r$p$salt$hash` (base64url). */
  password: string;
}

/** The example intranet: its own login, the handshake on its server, the Tidbok staff calendar. */
export function createIntranet(options: {
  tidbokUrl: string;
  clinic: string;
  /** The clinic's integration key, or a function that reads it (from a secret store, say). */
  integrationKey: string | (() => string | Promise<string>);
  users?: IntranetUser[];
  now?: () => number;
}): Server;
