import type { Locale } from '@tidbok/core';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** A piece of page built with `html```: text put into it is escaped unless it is such a piece. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The colour when the clinic has not set one (BookingSettings.brandColor). */
export const NEUTRAL_COLOR = '#1f5f3a';

const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;color:#1f2933;background:#f5f7f8;margin:0}
header{background:var(--brand);color:#fff;padding:1rem}header p{margin:0;max-width:32rem;margin:0 auto;font-weight:600;font-size:1.1rem}
main{max-width:32rem;margin:1.5rem auto;padding:0 1rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;background:#fff;border:1px solid #d9dee5;border-radius:.5rem;padding:1rem}dt{font-weight:600}dd{margin:0}
button,.button{font:inherit;display:inline-block;text-decoration:none;min-height:44px;box-sizing:border-box;padding:.6rem 1rem;border-radius:.5rem;border:1px solid #52606d;background:#fff;color:#1f2933;cursor:pointer}
button.primary,.button.primary{background:var(--brand);border-color:var(--brand);color:#fff}
button.danger{border-color:#b42318;color:#b42318}button.danger.strong{background:#b42318;color:#fff}
button:focus-visible,a:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.status{font-weight:600}.note{color:#52606d}.test{background:#fff4ce;border:1px solid #e0b000;padding:.5rem .75rem;border-radius:.5rem}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}h1{font-size:1.4rem}h2{font-size:1.15rem}[hidden]{display:none}`;

export interface PatientPage {
  locale: Locale;
  title: string;
  /** The clinic's name, in the header in its colour. */
  clinicName: string;
  color?: string | null;
  body: Html;
  /** More CSS for this page only (a constant of the page, never request data). */
  style?: string;
}

/**
 * The frame of the pages a patient opens from a message (manage, confirm): the clinic's name
 * in its colour, one column that reads well on a phone. No script inline (the CSP forbids it);
 * pages that need one load it as a file. The colour is checked as `#rrggbb` where it is set.
 */
export function patientPage({ locale, title, clinicName, color, body, style = '' }: PatientPage): Html {
  const brand = color && /^#[0-9a-fA-F]{6}$/.test(color) ? color : NEUTRAL_COLOR;
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title} – ${clinicName}</title>
        <style>
          :root{--brand:${brand}}${raw(STYLE)}${raw(style)}
        </style>
      </head>
      <body>
        <header><p>${clinicName}</p></header>
        <main>${body}</main>
      </body>
    </html>`;
}
