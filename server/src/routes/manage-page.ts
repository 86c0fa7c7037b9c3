import type { Locale } from '@tidbok/core';
import type { Hono } from 'hono';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../http/env.js';
import { formatWhen } from '../notifications/texts.js';
import { findClinicBySlug } from '../services/clinics.js';
import type { Deps } from '../services/deps.js';
import { cancellationWindowHours } from '../services/bookings.js';
import { cancelManagedBooking, getManagedBooking } from '../services/public-booking.js';
import { MANAGE_SCRIPT } from './manage-page-script.js';

const T = {
  sv: {
    title: 'Din bokning',
    booked: 'Bokad',
    cancelled: 'Avbokad',
    no_show: 'Uteblivet besök',
    when: 'När',
    with: 'Hos',
    where: 'Var',
    cancel: 'Avboka tiden',
    confirm: 'Vill du avboka tiden?',
    yes: 'Ja, avboka',
    no: 'Nej, behåll tiden',
    opening: 'Öppnar din bokning …',
    show: 'Visa bokningen',
    noscript:
      'Länken bär sin kod efter tecknet #, och den delen läser bara webbläsaren. Slå på JavaScript för den här sidan, eller kontakta mottagningen.',
    late: 'Avbokningen görs inom avbokningsfristen och räknas som sen avbokning.',
    done: 'Tiden är avbokad.',
    missing: 'Bokningen hittades inte. Länken kan vara gammal; kontakta mottagningen.',
    past: 'Tiden har redan börjat och kan inte avbokas här.',
  },
  en: {
    title: 'Your booking',
    booked: 'Booked',
    cancelled: 'Cancelled',
    no_show: 'Missed appointment',
    when: 'When',
    with: 'With',
    where: 'Where',
    cancel: 'Cancel the appointment',
    confirm: 'Do you want to cancel the appointment?',
    yes: 'Yes, cancel it',
    no: 'No, keep it',
    opening: 'Opening your booking …',
    show: 'Show the booking',
    noscript:
      'The link carries its code after the # sign, a part only your browser reads. Turn on JavaScript for this page, or contact the clinic.',
    late: 'This is inside the cancellation window and counts as a late cancellation.',
    done: 'The appointment is cancelled.',
    missing: 'The booking was not found. The link may be old; please contact the clinic.',
    past: 'The appointment has already started and cannot be cancelled here.',
  },
} as const;

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(locale: Locale, title: string, body: string) {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;color:#1f2933;max-width:32rem;margin:2rem auto;padding:0 1rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:600}
button{font:inherit;min-height:44px;padding:.6rem 1rem;border-radius:.5rem;border:1px solid #52606d;background:#fff;color:#1f2933;cursor:pointer}
button.danger{border-color:#b42318;color:#b42318}button.danger.strong{background:#b42318;color:#fff}
button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}.status{font-weight:600}.note{color:#52606d}
.actions{display:flex;flex-wrap:wrap;gap:.75rem}h2{font-size:1.15rem}[hidden]{display:none}</style></head>
<body><main>${body}</main></body></html>`;
}

/** A form that posts back to the page with the token hidden in it, and what to do. */
const form = (token: string, action: 'view' | 'ask' | 'cancel', button: string, style = '') =>
  `<form method="post"><input type="hidden" name="t" value="${escape(token)}"><input type="hidden" name="action" value="${action}">` +
  `<button type="submit"${style ? ` class="${style}"` : ''}>${button}</button></form>`;

/**
 * The page behind the link in confirmations: see the booking, and cancel it. Plain HTML; a GET
 * changes nothing (a mail scanner follows links), cancelling takes two POSTs (the question, then
 * the yes), which needs no script, so the page runs under a CSP that forbids inline script.
 *
 * Where the token travels. Links are `/b/<clinic>/<booking>#t=<token>`: what follows `#` never
 * leaves the browser, so the token is in no request line that the server, a proxy or a TLS-
 * inspecting middlebox logs, and in no Referer. A page without script cannot read it, hence the
 * one served script (manage-page-script.ts) that moves it into a POST body; without JavaScript
 * the page says so. (A short-lived page token instead would still arrive in the first request's
 * address, logged like the token itself.) From then on the token is only in the forms' hidden
 * fields, and answers are `no-store` with `Referrer-Policy: no-referrer`. Links sent before, with
 * `?t=<token>`, still work and work without script: their token was in an address already.
 */
export function registerManagePage(app: Hono<AppEnv>, deps: Deps) {
  const load = async (slug: string, id: string, token: string | undefined) => {
    const clinic = await findClinicBySlug(deps, slug);
    if (!clinic) return null;
    const locale = (clinic.locale === 'en' ? 'en' : 'sv') as Locale;
    try {
      const booking = await getManagedBooking(deps, clinic, id, token ?? null);
      return { clinic, locale, booking };
    } catch {
      return { clinic, locale, booking: null };
    }
  };

  const notFound = (locale: Locale) => {
    const t = T[locale];
    return { status: 404 as const, html: page(locale, t.title, `<h1>${t.title}</h1><p>${t.missing}</p>`) };
  };

  /** The booking, or (`ask`) the question whether to cancel it. */
  const render = async (slug: string, id: string, token: string | undefined, { notice = '', ask = false } = {}) => {
    const found = await load(slug, id, token);
    if (!found?.booking || !token) return notFound(found?.locale ?? 'sv');
    const { clinic, booking, locale } = found;
    const t = T[locale];
    const start = Date.parse(booking.start);
    const when = formatWhen(start, Date.parse(booking.end), clinic.time_zone, locale);
    const names = await deps.store.db
      .selectFrom('practitioners as p')
      .leftJoin('locations as l', (join) => join.on('l.id', '=', booking.locationId ?? ''))
      .select(['p.name as practitioner', 'l.name as location', 'l.address as address'])
      .where('p.id', '=', booking.practitionerId)
      .executeTakeFirst();
    const now = deps.clock.now();
    const cancellable = booking.status === 'booked' && start > now;
    let actions = '';
    if (cancellable && ask) {
      const hours = await cancellationWindowHours(deps.store.db, clinic, booking.practitionerId);
      const late = hours > 0 && start - now < hours * 3_600_000;
      actions = `<section aria-labelledby="ask"><h2 id="ask">${t.confirm}</h2>${late ? `<p>${t.late}</p>` : ''}
<div class="actions">${form(token, 'cancel', t.yes, 'danger strong')}${form(token, 'view', t.no)}</div></section>`;
    } else if (cancellable) {
      actions = form(token, 'ask', t.cancel, 'danger');
    }
    const body = `<h1>${escape(clinic.name)}: ${t.title}</h1>${notice ? `<p role="status">${escape(notice)}</p>` : ''}
<p class="status">${t[booking.status]}</p>
<dl><dt>${t.when}</dt><dd>${escape(when.date)}, ${when.startTime}–${when.endTime}</dd>
<dt>${t.with}</dt><dd>${escape(names?.practitioner ?? '')}</dd>
${names?.location ? `<dt>${t.where}</dt><dd>${escape(names.location)}${names.address ? `, ${escape(names.address)}` : ''}</dd>` : ''}</dl>${actions}`;
    return { status: 200 as const, html: page(locale, t.title, body) };
  };

  /** A `#t=` link's first page: the served script posts the token from the fragment. */
  const opener = async (slug: string) => {
    const clinic = await findClinicBySlug(deps, slug);
    if (!clinic) return notFound('sv');
    const locale = (clinic.locale === 'en' ? 'en' : 'sv') as Locale;
    const t = T[locale];
    const body = `<h1>${escape(clinic.name)}: ${t.title}</h1>
<p id="opening" role="status">${t.opening}</p><p id="missing" hidden>${t.missing}</p>
<noscript><p>${t.noscript}</p></noscript>
<form method="post" id="open"><input type="hidden" name="t" value=""><input type="hidden" name="action" value="view">
<button type="submit" hidden>${t.show}</button></form>
<script src="/b/manage.js"></script>`;
    return { status: 200 as const, html: page(locale, t.title, body) };
  };

  app.get('/b/manage.js', (c) =>
    c.body(MANAGE_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }),
  );

  app.get('/b/:clinic/:id', async (c) => {
    const token = c.req.query('t');
    const { status, html } = token === undefined ? await opener(c.req.param('clinic')) : await render(c.req.param('clinic'), c.req.param('id'), token);
    c.header('Cache-Control', 'no-store');
    return c.html(html, status);
  });

  app.post('/b/:clinic/:id', async (c) => {
    const slug = c.req.param('clinic');
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const token = typeof body.t === 'string' ? body.t : undefined;
    // No `action` is a cancel: the form of pages served before the question was a page of its
    // own sent only the token, after the browser had asked.
    const action = body.action === 'view' || body.action === 'ask' ? body.action : 'cancel';
    let notice = '';
    if (action === 'cancel') {
      const clinic = await findClinicBySlug(deps, slug);
      if (clinic) {
        const t = T[clinic.locale === 'en' ? 'en' : 'sv'];
        try {
          const booking = await cancelManagedBooking(deps, clinic, id, token ?? null);
          notice = booking.lateCancellation ? `${t.done} ${t.late}` : t.done;
        } catch (error) {
          notice = error instanceof ApiError && error.code === 'conflict' ? t.past : '';
        }
      }
    }
    const { status, html } = await render(slug, id, token, { notice, ask: action === 'ask' });
    c.header('Cache-Control', 'no-store');
    return c.html(html, status);
  });
}
