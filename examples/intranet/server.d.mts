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
  integrationKey: string;
  users?: IntranetUser[];
  now?: () => number;
}): Server;
