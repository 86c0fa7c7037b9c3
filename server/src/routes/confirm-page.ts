import type { Locale } from '@tidbok/core';
import type { Hono } from 'hono';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../http/env.js';
import { escapeHtml, formatWhen } from '../notifications/texts.js';
import { findClinicBySlug } from '../services/clinics.js';
import type { Deps } from '../services/deps.js';
import { confirmEmailedBooking, pendingBookingOf } from '../services/email-confirmation.js';
import type { ClinicRow } from '../services/rows.js';

const T = {
  sv: {
    title: 'Bekräfta bokningen',
    opening: 'Öppnar din bokning …',
    show: 'Visa bokningen',
    noscript: 'Länken bär sin kod efter tecknet #, och den delen läser bara webbläsaren. Slå på JavaScript för den här sidan.',
    ask: 'Bekräfta att du vill boka den här tiden:',
    when: 'När',
    with: 'Hos',
    confirm: 'Ja, boka tiden',
    done: 'Tiden är bokad. En bekräftelse med länk för att se eller avboka kommer strax.',
    expired: 'Länken gäller inte längre: den ska användas inom 30 minuter, sedan släpps tiden. Boka gärna igen.',
    already: 'Bokningen är redan bekräftad.',
    taken: 'Tiden hann tyvärr bokas av någon annan. Boka gärna en annan tid.',
    invalid: 'Länken fungerar inte. Boka gärna igen.',
  },
  en: {
    title: 'Confirm the booking',
    opening: 'Opening your booking …',
    show: 'Show the booking',
    noscript: 'The link carries its code after the # sign, a part only your browser reads. Turn on JavaScript for this page.',
    ask: 'Confirm that you want to book this time:',
    when: 'When',
    with: 'With',
    confirm: 'Yes, book the time',
    done: 'The time is booked. A confirmation with a link to see or cancel it is on its way.',
    expired: 'The link no longer works: it is good for 30 minutes, then the time is let go. Please book again.',
    already: 'The booking is already confirmed.',
    taken: 'Someone else booked the time first. Please choose another time.',
    invalid: 'The link does not work. Please book again.',
  },
} as const;

function page(locale: Locale, clinic: string, body: string) {
  const t = T[locale];
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(t.title)}</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;color:#1f2933;max-width:32rem;margin:2rem auto;padding:0 1rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:600}
button{font:inherit;min-height:44px;padding:.6rem 1rem;border-radius:.5rem;border:1px solid #1f5f3a;background:#1f5f3a;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #2563eb;outline-offset:2px}[hidden]{display:none}</style></head>
<body><main><h1>${escapeHtml(clinic)}: ${escapeHtml(t.title)}</h1>${body}</main></body></html>`;
}

/** The text for why a link could not book, by the error the service gave. */
function failure(locale: Locale, error: unknown) {
  const t = T[locale];
  if (!(error instanceof ApiError)) throw error;
  if (error.code === 'conflict') return t.already;
  if (error.code === 'slot_unavailable') return t.taken;
  return t.expired;
}

/**
 * The page behind the link in "confirm your booking" e-mails (services/email-confirmation.ts).
 * As the manage page: the token travels after `#` (`/b/<clinic>/confirm#t=…`) and the served
 * script (`/b/manage.js`) moves it into a POST; a GET changes nothing. Booking takes a click on
 * the page that shows the time, so a mail scanner that opens links books nothing.
 */
export function registerConfirmPage(app: Hono<AppEnv>, deps: Deps) {
  const clinicOf = async (slug: string): Promise<{ clinic: ClinicRow; locale: Locale } | null> => {
    const clinic = await findClinicBySlug(deps, slug);
    return clinic ? { clinic, locale: clinic.locale === 'en' ? 'en' : 'sv' } : null;
  };

  app.get('/b/:clinic/confirm', async (c) => {
    c.header('Cache-Control', 'no-store');
    const found = await clinicOf(c.req.param('clinic'));
    if (!found) return c.notFound();
    const t = T[found.locale];
    const body = `<p id="opening" role="status">${t.opening}</p><p id="missing" hidden>${t.invalid}</p>
<noscript><p>${t.noscript}</p></noscript>
<form method="post" id="open"><input type="hidden" name="t" value=""><input type="hidden" name="action" value="view">
<button type="submit" hidden>${t.show}</button></form>
<script src="/b/manage.js"></script>`;
    return c.html(page(found.locale, found.clinic.name, body));
  });

  app.post('/b/:clinic/confirm', async (c) => {
    c.header('Cache-Control', 'no-store');
    const found = await clinicOf(c.req.param('clinic'));
    if (!found) return c.notFound();
    const { clinic, locale } = found;
    const t = T[locale];
    const form = await c.req.parseBody();
    const token = typeof form.t === 'string' ? form.t : '';
    if (form.action === 'confirm') {
      try {
        await confirmEmailedBooking(deps, clinic, token);
        return c.html(page(locale, clinic.name, `<p role="status">${t.done}</p>`));
      } catch (error) {
        return c.html(page(locale, clinic.name, `<p role="alert">${failure(locale, error)}</p>`), 409);
      }
    }
    let pending;
    try {
      pending = await pendingBookingOf(deps, clinic, token);
    } catch (error) {
      return c.html(page(locale, clinic.name, `<p role="alert">${failure(locale, error)}</p>`), 404);
    }
    const { hold } = pending;
    const when = formatWhen(hold.start_ms, hold.end_ms, clinic.time_zone, locale);
    const practitioner = await deps.store.db.selectFrom('practitioners').select('name').where('id', '=', hold.practitioner_id).executeTakeFirst();
    const body = `<p>${t.ask}</p>
<dl><dt>${t.when}</dt><dd>${escapeHtml(when.date)}, ${when.startTime}–${when.endTime}</dd>
<dt>${t.with}</dt><dd>${escapeHtml(practitioner?.name ?? '')}</dd></dl>
<form method="post"><input type="hidden" name="t" value="${escapeHtml(token)}"><input type="hidden" name="action" value="confirm">
<button type="submit">${t.confirm}</button></form>`;
    return c.html(page(locale, clinic.name, body));
  });
}
