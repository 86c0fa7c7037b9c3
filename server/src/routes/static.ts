import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import { ApiError } from '../errors.js';
import { chooseEncoding, compressStatic, type Encoding } from '../http/compress.js';
import type { AppEnv } from '../http/env.js';
import { inlineScriptHashes, pagePolicy } from '../http/security-headers.js';

export interface StaticOptions {
  /**
   * The built browser bundle of the web components: its entry, served as `/embed/tidbok.js`.
   * Every other bundle file in the same folder (the lazily loaded `chunks/…`) is served under
   * `/embed/` too, at its path in the folder.
   */
  embedFile: string;
  /** Folder of the example pages served under /demo/ (the demo clinic's website and intranet). */
  examplesDir: string;
  /** Looks a clinic up by slug, for its hosted booking page. */
  findClinic: (slug: string) => Promise<{ slug: string; name: string; locale: string } | undefined>;
}

const PAGES: Record<string, string> = {
  '/demo/': 'clinic-website/index.html',
  '/demo/index.html': 'clinic-website/index.html',
  '/demo/admin.html': 'intranet-admin/index.html',
};

/**
 * What may be served from the embed folder, by extension: nothing else there (say, a database
 * file a test keeps next to the bundle) is ever sent.
 */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
/** One path segment of a bundle file: no dot files, no `.`/`..`, nothing needing escapes. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;
/**
 * The bundle's `[name]-[hash]` file names (eight letters or digits; rollup.config.mjs writes them
 * in lower case): new content gets a new name, so they may be cached for good.
 */
const HASHED = /-[A-Za-z0-9]{8}\.js$/;

/** One form of a file as sent: its bytes and its strong ETag (each encoding has its own). */
interface Variant {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

interface EmbedFile {
  identity: Variant;
  /** The compressed forms that came out smaller than the file. */
  encoded: Partial<Record<Encoding, Variant>>;
}

const ENCODINGS: readonly Encoding[] = ['br', 'gzip'];
const SUFFIX: Record<Encoding, string> = { br: 'br', gzip: 'gz' };

/** Brotli at its best setting takes a moment per file, so it is done once, off the event loop. */
async function readEmbedFile(real: string): Promise<EmbedFile> {
  const body = new Uint8Array(await readFile(real));
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  const encoded: EmbedFile['encoded'] = {};
  await Promise.all(
    ENCODINGS.map(async (encoding) => {
      const packed = await compressStatic(body, encoding);
      if (packed.byteLength < body.byteLength) {
        encoded[encoding] = { body: new Uint8Array(packed), etag: `"${hash}.${SUFFIX[encoding]}"` };
      }
    }),
  );
  return { identity: { body, etag: `"${hash}"` }, encoded };
}

/**
 * Reads bundle files, keeping each in memory, compressed too, until it changes on disk (a
 * rebuild while the server runs); `undefined` for anything that is not a file inside the folder.
 * Requests that come while a file is being read and compressed wait for that one reading.
 */
function embedReader(folder: string) {
  const cache = new Map<string, { mtimeMs: number; size: number; file: Promise<EmbedFile> }>();
  return async (file: string): Promise<EmbedFile | undefined> => {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      cache.delete(file);
      return undefined;
    }
    const cached = cache.get(file);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.file;
    // Also through symbolic links: the real file must be inside the real folder.
    const [real, root] = await Promise.all([realpath(file), realpath(folder)]).catch(() => []);
    if (!real || !root || !real.startsWith(root + sep)) return undefined;
    const read = readEmbedFile(real);
    cache.set(file, { mtimeMs: info.mtimeMs, size: info.size, file: read });
    read.catch(() => cache.delete(file));
    return read;
  };
}

/**
 * The bundle file for the part of the path after `/embed/` (as Hono gives it, `%xx` decoded but
 * for `/`), or `undefined` if it may not be one: every segment must be a plain name (no `..`, no
 * dot files, no escapes or backslashes) and the extension one of TYPES.
 */
function embedPath(folder: string, rest: string): string | undefined {
  const segments = rest.split('/');
  if (!segments.every((segment) => SEGMENT.test(segment)) || !(extname(rest) in TYPES)) return undefined;
  const file = join(folder, ...segments);
  return relative(folder, file).startsWith('..') ? undefined : file;
}

/**
 * The embed bundle and the demo pages. Any website may load the bundle (it is public code), so
 * it is served with CORS `*`: `/embed/tidbok.js`, whose name stays the same from one release to
 * the next, with a short cache, and its hashed chunks (`/embed/chunks/<name>-<hash>.js`, which
 * `tidbok.js` imports) cached for good. Each file goes out brotli- or gzip-compressed when the
 * client accepts it (`Vary: Accept-Encoding`); each form has its own strong ETag and answers
 * `If-None-Match` with 304.
 */
export function staticRoutes(options: StaticOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const folder = dirname(options.embedFile);
  const read = embedReader(folder);
  const entryName = basename(options.embedFile);
  // Every bundle file is read and compressed now, off the event loop, so no visitor waits for
  // brotli at its best setting (about a second for the staff chunk). A missing bundle is reported
  // when it is asked for.
  readdir(folder, { recursive: true })
    .then((names) => Promise.all(names.map((name) => embedPath(folder, name.split(sep).join('/'))).map((file) => file && read(file))))
    .catch(() => undefined);

  const serve = async (c: Context<AppEnv>, file: string | undefined, entry: boolean) => {
    const found = file === undefined ? undefined : await read(file);
    if (!found) {
      throw new ApiError('not_found', entry ? 'The embed bundle is not built: run `npm run build`' : 'No such file in the embed bundle');
    }
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', !entry && HASHED.test(file!) ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    c.header('Vary', 'Accept-Encoding');
    const encoding = chooseEncoding(
      c.req.header('accept-encoding'),
      ENCODINGS.filter((e) => found.encoded[e]),
    );
    const variant = (encoding && found.encoded[encoding]) || found.identity;
    c.header('ETag', variant.etag);
    const known = c.req
      .header('if-none-match')
      ?.split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''));
    if (known?.includes(variant.etag) || known?.includes('*')) return c.body(null, 304);
    if (encoding) c.header('Content-Encoding', encoding);
    return c.body(variant.body, 200, { 'Content-Type': TYPES[extname(file!)] ?? 'text/javascript; charset=utf-8' });
  };

  app.get('/embed/tidbok.js', (c) => serve(c, options.embedFile, true));
  app.get('/embed/*', (c) => {
    const rest = c.req.path.slice('/embed/'.length);
    return rest === entryName ? serve(c, options.embedFile, true) : serve(c, embedPath(folder, rest), false);
  });

  for (const [path, page] of Object.entries(PAGES)) {
    app.get(path, async (c) => {
      try {
        const source = await readFile(join(options.examplesDir, page), 'utf8');
        // The page's own inline script by hash; `?api=` may point the intranet page at another
        // Tidbok server, so it may connect to any https origin.
        c.header('Content-Security-Policy', pagePolicy({ scripts: inlineScriptHashes(source), connect: ['https:'] }));
        return c.html(source);
      } catch {
        throw new ApiError('not_found', 'The demo pages are not available in this installation');
      }
    });
  }
  app.get('/demo', (c) => c.redirect('/demo/'));

  // Every clinic's own hosted booking page: where login links lead, and a page to link to for
  // clinics without a website of their own.
  app.get('/c/:clinic/', async (c) => {
    const clinic = await options.findClinic(c.req.param('clinic'));
    if (!clinic) throw new ApiError('not_found', 'No such clinic');
    // Built with `html` (hono/html): the clinic's name and slug are escaped like every value in it.
    return c.html(
      html`<!doctype html>
        <html lang="${clinic.locale}">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>${clinic.name}</title>
            <script type="module" src="/embed/tidbok.js"></script>
            <style>
              body {
                font-family: system-ui, sans-serif;
                margin: 0;
                background: #f6f7f9;
                color: #1f2933;
              }
              main {
                max-width: 56rem;
                margin: 0 auto;
                padding: 1.5rem 1rem;
              }
              h1 {
                font-weight: 600;
              }
            </style>
          </head>
          <body>
            <main>
              <h1>${clinic.name}</h1>
              <tidbok-booking clinic="${clinic.slug}"></tidbok-booking>
            </main>
          </body>
        </html>`,
    );
  });
  app.get('/c/:clinic', (c) => c.redirect(`/c/${encodeURIComponent(c.req.param('clinic'))}/`));
  return app;
}
