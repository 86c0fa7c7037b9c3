import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../http/env.js';

export interface StaticOptions {
  /** The built browser bundle of the web components. */
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
 * The embed script and the demo pages. The script is read once and kept in memory with an
 * ETag; any website may load it (it is public code), so it is served with CORS `*`.
 */
export function registerStaticRoutes(app: Hono<AppEnv>, options: StaticOptions) {
  let embed: Promise<{ body: string; etag: string }> | null = null;
  const loadEmbed = () =>
    (embed ??= readFile(options.embedFile, 'utf8').then((body) => ({
      body,
      etag: `"${body.length.toString(36)}-${hash(body)}"`,
    }))).catch((error: unknown) => {
      embed = null;
      throw error;
    });

  app.get('/embed/tidbok.js', async (c) => {
    let file: { body: string; etag: string };
    try {
      file = await loadEmbed();
    } catch {
      throw new ApiError('not_found', 'The embed bundle is not built: run `npm run build`');
    }
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300');
    c.header('ETag', file.etag);
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
    return c.body(file.body, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });

  for (const [path, page] of Object.entries(PAGES)) {
    app.get(path, async (c) => {
      try {
        const html = await readFile(join(options.examplesDir, page), 'utf8');
        return c.html(html);
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
    const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    return c.html(`<!doctype html><html lang="${esc(clinic.locale)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(clinic.name)}</title>
<script type="module" src="/embed/tidbok.js"></script>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1f2933}main{max-width:56rem;margin:0 auto;padding:1.5rem 1rem}h1{font-weight:600}</style>
</head><body><main><h1>${esc(clinic.name)}</h1><tidbok-booking clinic="${esc(clinic.slug)}"></tidbok-booking></main></body></html>`);
  });
  app.get('/c/:clinic', (c) => c.redirect(`/c/${encodeURIComponent(c.req.param('clinic'))}/`));
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}
