import { createContext } from '@lit/context';
import { createTidbok, createTidbokAdmin, type Tidbok, type TidbokAdmin } from '@tidbok/sdk';

/**
 * What `<tidbok-provider>` hands to every Tidbok element below it: one configured SDK client
 * per page, so a page states `api`, `clinic` and `token` once.
 */
export interface TidbokConnection {
  api: string;
  clinic: string;
  locale?: 'sv' | 'en';
  /** The public and client side. */
  tidbok: Tidbok;
  /** The staff side; present when a staff token was given. */
  admin?: TidbokAdmin;
}

export const tidbokContext = createContext<TidbokConnection | undefined>(Symbol('tidbok-connection'));

/** Builds a connection from attributes; one client per (api, clinic, token) triple. */
export function connect(api: string, clinic: string, token?: string | null, locale?: 'sv' | 'en'): TidbokConnection {
  const baseUrl = api.replace(/\/+$/, '');
  return {
    api: baseUrl,
    clinic,
    ...(locale ? { locale } : {}),
    tidbok: createTidbok({ baseUrl, clinic }),
    ...(token ? { admin: createTidbokAdmin({ baseUrl, clinic, token }) } : {}),
  };
}
