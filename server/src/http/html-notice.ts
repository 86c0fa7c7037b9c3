import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/**
 * A short page for a browser that sent a form the server refuses before any page code runs (too
 * large, too many): the same text in Swedish and English, since the clinic is not known yet.
 * Built with `html``…`` like the other pages, so even these constant texts are escaped.
 */
export function htmlNotice(status: number, sv: string, en: string, headers: Record<string, string> = {}): Response {
  // Synchronous: nothing in it is a promise.
  const page = html`<!doctype html>
    <html lang="sv">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${sv}</title>
      </head>
      <body>
        <main>
          <h1>${sv}</h1>
          <p lang="en">${en}</p>
        </main>
      </body>
    </html>` as HtmlEscapedString;
  return new Response(page.toString(), {
    status,
    headers: { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-store', ...headers },
  });
}
