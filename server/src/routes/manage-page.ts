import type { Locale } from '@tidbok/core';
import type { Hono } from 'hono';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../http/env.js';
import { formatWhen } from '../notifications/texts.js';
import { findClinicBySlug } from '../services/clinics.js';
import type { Deps } from '../services/deps.js';
import { cancelManagedBooking, getManagedBooking } from '../services/public-booking.js';

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
button{font:inherit;padding:.6rem 1rem;border-radius:.5rem;border:1px solid #b42318;background:#fff;color:#b42318;cursor:pointer}
button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}.status{font-weight:600}.note{color:#52606d}</style></head>
<body><main>${body}</main></body></html>`;
}

/**
 * The page behind the link in confirmations: see the booking, and cancel it with a POST (a mail
 * scanner that follows the link with GET changes nothing). Plain HTML, no script needed.
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

  const render = async (slug: string, id: string, token: string | undefined, notice = '') => {
    const found = await load(slug, id, token);
    const locale = found?.locale ?? 'sv';
    const t = T[locale];
    if (!found?.booking) return { status: 404 as const, html: page(locale, t.title, `<h1>${t.title}</h1><p>${t.missing}</p>`) };
    const { clinic, booking } = found;
    const start = Date.parse(booking.start);
    const when = formatWhen(start, Date.parse(booking.end), clinic.time_zone, locale);
    const names = await deps.store.db
      .selectFrom('practitioners as p')
      .leftJoin('locations as l', (join) => join.on('l.id', '=', booking.locationId ?? ''))
      .select(['p.name as practitioner', 'l.name as location', 'l.address as address'])
      .where('p.id', '=', booking.practitionerId)
      .executeTakeFirst();
    const form =
      booking.status === 'booked' && start > deps.clock.now()
        ? `<form method="post" onsubmit="return confirm(${escape(JSON.stringify(t.confirm))})">
<input type="hidden" name="t" value="${escape(token ?? '')}"><button type="submit">${t.cancel}</button></form>`
        : '';
    const body = `<h1>${escape(clinic.name)}: ${t.title}</h1>${notice ? `<p role="status">${escape(notice)}</p>` : ''}
<p class="status">${t[booking.status]}</p>
<dl><dt>${t.when}</dt><dd>${escape(when.date)}, ${when.startTime}–${when.endTime}</dd>
<dt>${t.with}</dt><dd>${escape(names?.practitioner ?? '')}</dd>
${names?.location ? `<dt>${t.where}</dt><dd>${escape(names.location)}${names.address ? `, ${escape(names.address)}` : ''}</dd>` : ''}</dl>${form}`;
    return { status: 200 as const, html: page(locale, t.title, body) };
  };

  app.get('/b/:clinic/:id', async (c) => {
    const { status, html } = await render(c.req.param('clinic'), c.req.param('id'), c.req.query('t'));
    c.header('Cache-Control', 'no-store');
    return c.html(html, status);
  });

  app.post('/b/:clinic/:id', async (c) => {
    const slug = c.req.param('clinic');
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const token = typeof form.t === 'string' ? form.t : undefined;
    const clinic = await findClinicBySlug(deps, slug);
    let notice = '';
    if (clinic) {
      const t = T[clinic.locale === 'en' ? 'en' : 'sv'];
      try {
        const booking = await cancelManagedBooking(deps, clinic, id, token ?? null);
        notice = booking.lateCancellation ? `${t.done} ${t.late}` : t.done;
      } catch (error) {
        notice = error instanceof ApiError && error.code === 'conflict' ? t.past : '';
      }
    }
    const { status, html } = await render(slug, id, token, notice);
    c.header('Cache-Control', 'no-store');
    return c.html(html, status);
  });
}
