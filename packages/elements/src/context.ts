import { createContext } from '@lit/context';
import { createTidbok, type Tidbok, type TidbokAdmin, type TidbokAdminOptions, TidbokError } from '@tidbok/sdk';

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

/**
 * A registry symbol rather than a private one, so that two copies of the elements on one page
 * share it: the embed bundle's staff chunk (with its own Lit) under a `<tidbok-provider>` from
 * `tidbok.js`, or the embed script next to a bundled `@tidbok/elements`.
 */
export const tidbokContext = createContext<TidbokConnection | undefined>(Symbol.for('tidbok-connection'));

type CreateAdmin = (options: TidbokAdminOptions) => TidbokAdmin;

/** The staff client's factory, once its module has loaded. */
let createAdmin: CreateAdmin | undefined;
let loadingAdmin: Promise<CreateAdmin> | undefined;

/**
 * Loads the staff side of the SDK. It is imported dynamically, so a page that only books never
 * downloads it: `/embed/tidbok.js` fetches its staff chunk the first time a staff token is given.
 * A failed load is tried again next time.
 */
export function loadAdminClient(): Promise<CreateAdmin> {
  if (createAdmin) return Promise.resolve(createAdmin);
  return (loadingAdmin ??= import('./shared/admin-client.js').then(
    (module) => (createAdmin = module.createTidbokAdmin),
    (error: unknown) => {
      loadingAdmin = undefined;
      throw new TidbokError('network_error', `Could not load the staff client (${error instanceof Error ? error.message : String(error)})`, {
        cause: error,
      });
    },
  ));
}

/**
 * A `TidbokAdmin` at once, while its module may still be loading: every call (`admin.calendar(…)`,
 * `admin.settings.get()`, …) waits for the module, then goes to the real client, in call order;
 * once loaded, calls go straight through. (Every method of `TidbokAdmin` returns a promise but
 * `setToken`, which here returns one too; its effect still comes before any later call.)
 */
function lazyAdmin(options: TidbokAdminOptions): TidbokAdmin {
  let real: TidbokAdmin | undefined;
  const load = () => loadAdminClient().then((create) => (real ??= create(options)));
  load().catch(() => undefined); // starts loading now; a call that needs it reports a failure
  const at = (path: string[]): unknown =>
    new Proxy(() => undefined, {
      // No `then`: `await connection.admin` must not take it for a promise.
      get: (_, key) => (key === 'then' || typeof key === 'symbol' ? undefined : at([...path, key])),
      apply(_, __, args: unknown[]) {
        const call = (admin: TidbokAdmin): unknown => {
          // A walk along property names the Proxy recorded: no static type describes every step.
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          const owner = path.slice(0, -1).reduce((object: Record<string, any>, key) => object[key], admin);
          return owner[path.at(-1)!](...args);
        };
        if (real) return call(real);
        const result = load().then(call);
        if (path[0] === 'setToken') result.catch(() => undefined); // its caller does not wait for it
        return result;
      },
    });
  return at([]) as TidbokAdmin;
}

/**
 * Builds a connection from attributes; one client per (api, clinic, token) triple. With a token
 * the staff client comes too: the real one when its module is loaded, else a stand-in that loads
 * it (see `loadAdminClient`).
 */
export function connect(
  api: string,
  clinic: string,
  token?: string | null,
  locale?: 'sv' | 'en',
  /** For the staff client: a provider of fresh session tokens, and a `fetch` that watches answers. */
  staff: Pick<TidbokAdminOptions, 'tokenProvider' | 'fetch'> = {},
): TidbokConnection {
  const baseUrl = api.replace(/\/+$/, '');
  const { tokenProvider, fetch } = staff;
  return {
    api: baseUrl,
    clinic,
    ...(locale ? { locale } : {}),
    tidbok: createTidbok({ baseUrl, clinic }),
    ...(token || tokenProvider
      ? {
          admin: (createAdmin ?? lazyAdmin)({
            baseUrl,
            clinic,
            ...(token ? { token } : {}),
            ...(tokenProvider ? { tokenProvider } : {}),
            ...(fetch ? { fetch } : {}),
          }),
        }
      : {}),
  };
}
