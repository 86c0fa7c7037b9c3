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
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}
