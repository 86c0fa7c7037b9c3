import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { Config } from '../config.js';

export interface PagePolicyOptions {
  /** Inline scripts allowed by hash (`'sha256-…'`), beside the server's own script files. */
  scripts?: string[];
  /** Where the page's scripts may connect beside the server itself. */
  connect?: string[];
  /** Who may show the page in a frame; nobody when empty. */
  frameAncestors?: string[];
}

/**
 * The Content-Security-Policy of an HTML page the server sends (the hosted booking page, the
 * manage page, receipts, notices, the demo pages). Scripts only from this server's own files
 * (`/embed/…`) and never inline, so an injected `<script>` or `onclick` does nothing; no
 * plugins, no `<base>`, forms post only back here, and images, fonts and fetches only from here,
 * so an injected style or link cannot carry page content to another host.
 *
 * Styles may be inline: every page keeps its CSS in a `<style>` element, the demo pages and the
 * web components use `style` attributes, and what an injected style could do — change how the
 * page looks — is bounded by the rules above (nothing it loads may come from elsewhere).
 * Listing hashes instead would tie this file to every page's CSS, byte for byte.
 */
export function pagePolicy({ scripts = [], connect = [], frameAncestors = [] }: PagePolicyOptions = {}): string {
  return [
    "default-src 'none'",
    `script-src 'self'${scripts.map((hash) => ` ${hash}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${connect.map((source) => ` ${source}`).join('')}`,
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/**
 * The CSP hashes of a page's inline `<script>` elements, for a page the server ships as a file
 * (the demo pages), so exactly those scripts run and nothing else inline does.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const [, attributes, code] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(attributes ?? '')) continue;
    hashes.push(
      `'sha256-${createHash('sha256')
        .update(code ?? '', 'utf8')
        .digest('base64')}'`,
    );
  }
  return hashes;
}

/** Anything that is not a page (JSON, scripts): nothing may run from it, nothing may frame it. */
const NOT_A_PAGE = "default-src 'none'; frame-ancestors 'none'";

const YEAR = 365 * 24 * 3600;

/**
 * Sets headers on the finished response. Straight on its `Headers`, not through `c.header()`:
 * once a response exists, Hono's `c.header()` copies it into a new one, which reads the body and
 * so turns @hono/node-server's light response into a full WHATWG one (a tenth of a slots
 * request's time). A response with immutable headers (`Response.redirect`) goes the copying way.
 */
function setHeaders(c: Context, headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) {
    try {
      c.res.headers.set(name, value);
    } catch {
      c.header(name, value);
    }
  }
}

/**
 * The headers every answer gets: no type sniffing, no referrer, no caching of API answers, a
 * Content-Security-Policy (a page's own, set by its route, is kept), no framing except of the
 * hosted booking pages by `TIDBOK_FRAME_ANCESTORS`, and HSTS when the server is public on https.
 */
export function securityHeaders(config: Pick<Config, 'publicUrl' | 'frameAncestors'>): MiddlewareHandler {
  const page = pagePolicy();
  const hosted = pagePolicy({ frameAncestors: config.frameAncestors });
  // A browser keeps to https for a year once it has seen this over https (it ignores it over
  // http). No includeSubDomains: other hosts under the same domain are not this server's to say.
  const hsts: Record<string, string> = config.publicUrl.startsWith('https://') ? { 'Strict-Transport-Security': `max-age=${YEAR}` } : {};
  return async (c, next) => {
    await next();
    const path = c.req.path;
    let policy = c.res.headers.get('content-security-policy');
    if (policy === null) {
      const isPage = c.res.headers.get('content-type')?.startsWith('text/html') ?? false;
      policy = !isPage ? NOT_A_PAGE : path.startsWith('/c/') ? hosted : page;
    }
    setHeaders(c, {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      ...(path.startsWith('/v1/') ? { 'Cache-Control': 'no-store' } : {}),
      'Content-Security-Policy': policy,
      // The same for browsers that predate frame-ancestors; it cannot name origins, so it is
      // left out where some may frame the page.
      ...(policy.includes("frame-ancestors 'none'") ? { 'X-Frame-Options': 'DENY' } : {}),
      ...hsts,
    });
  };
}
