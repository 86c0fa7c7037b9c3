import { clientEndMs, type Locale } from '@tidbok/core';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../http/env.js';
import { bookingLocale, clinicLocale } from '../notifications/booking-locale.js';
import { formatWhen } from '../notifications/texts.js';
import { type Html, patientPage } from '../pages/patient-page.js';
import { findClinicBySlug } from '../services/clinics.js';
import type { Deps } from '../services/deps.js';
import { confirmEmailedBooking, pendingBookingOf } from '../services/email-confirmation.js';
import { bookingSettingsOf, type ClinicRow } from '../services/rows.js';
import { practitionerName, treatmentNameAndClientMinutes } from '../store/repositories/patient-bookings.js';

const T = {
  sv: {
    title: 'Bekräfta bokningen',
    opening: 'Öppnar din bokning …',
    show: 'Visa bokningen',
    noscript: 'Länken bär sin kod efter tecknet #, och den delen läser bara webbläsaren. Slå på JavaScript för den här sidan.',
    ask: 'Bekräfta att du vill boka den här tiden:',
    what: 'Vad',
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
    what: 'What',
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

const page = (clinic: ClinicRow, locale: Locale, body: Html) =>
  patientPage({
    locale,
    title: T[locale].title,
    clinicName: clinic.name,
    color: bookingSettingsOf(clinic).brandColor,
    body: html`<h1>${T[locale].title}</h1>
      ${body}`,
  });

/** The text for why a link could not book, by the error the service gave. */
function failure(locale: Locale, error: unknown) {
  const t = T[locale];
  if (!(error instanceof ApiError)) throw error;
  if (error.code === 'conflict') return t.already;
  if (error.code === 'slot_unavailable') return t.taken;
  return t.expired;
}

/**
 * The page behind the link in "confirm your booking" e-mails (services/email-confirmation.ts),
 * in the language the visitor booked in once the token is read (the first page, before it,
 * is in the clinic's). As the manage page: the token travels after `#` (`/b/<clinic>/confirm#t=…`)
 * and the served script (`/b/manage.js`) moves it into a POST; a GET changes nothing. Booking
 * takes a click on the page that shows the time, so a mail scanner that opens links books nothing.
 */
export function confirmPage(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/:clinic/confirm', async (c) => {
    c.header('Cache-Control', 'no-store');
    const clinic = await findClinicBySlug(deps, c.req.param('clinic'));
    if (!clinic) return c.notFound();
    const locale = clinicLocale(clinic);
    const t = T[locale];
    const body = html`<p id="opening" role="status">${t.opening}</p>
      <p id="missing" hidden>${t.invalid}</p>
      <noscript><p>${t.noscript}</p></noscript>
      <form method="post" id="open">
        <input type="hidden" name="t" value="" /><input type="hidden" name="action" value="view" /> <button type="submit" hidden>${t.show}</button>
      </form>
      <script src="/b/manage.js"></script>`;
    return c.html(await page(clinic, locale, body));
  });

  app.post('/:clinic/confirm', async (c) => {
    c.header('Cache-Control', 'no-store');
    const clinic = await findClinicBySlug(deps, c.req.param('clinic'));
    if (!clinic) return c.notFound();
    const form = await c.req.parseBody();
    const token = typeof form.t === 'string' ? form.t : '';
    // The request, and so the language the visitor booked in (a used or old link has neither).
    const pending = await pendingBookingOf(deps, clinic, token).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    const locale = pending instanceof Error ? clinicLocale(clinic) : bookingLocale(pending.body.locale, clinic);
    const t = T[locale];
    if (form.action === 'confirm') {
      try {
        await confirmEmailedBooking(deps, clinic, token);
        return c.html(await page(clinic, locale, html`<p role="status">${t.done}</p>`));
      } catch (error) {
        return c.html(await page(clinic, locale, html`<p role="alert">${failure(locale, error)}</p>`), 409);
      }
    }
    if (pending instanceof Error) return c.html(await page(clinic, locale, html`<p role="alert">${failure(locale, pending)}</p>`), 404);
    const { hold } = pending;
    const [practitioner, treatment] = await Promise.all([
      practitionerName(deps.store.db, hold.practitioner_id),
      treatmentNameAndClientMinutes(deps.store.db, hold.treatment_type_id),
    ]);
    const names = { practitioner: practitioner?.name, treatment: treatment?.name, client_minutes: treatment?.client_minutes };
    // The end the visitor was shown when booking: the time with the client.
    const when = formatWhen(hold.start_ms, clientEndMs(hold.start_ms, hold.end_ms, names?.client_minutes), clinic.time_zone, locale);
    const body = html`<p>${t.ask}</p>
      <dl>
        <dt>${t.what}</dt>
        <dd>${names?.treatment ?? ''}</dd>
        <dt>${t.when}</dt>
        <dd>${when.date}, ${when.startTime}–${when.endTime}</dd>
        <dt>${t.with}</dt>
        <dd>${names?.practitioner ?? ''}</dd>
      </dl>
      <form method="post">
        <input type="hidden" name="t" value="${token}" /><input type="hidden" name="action" value="confirm" />
        <button type="submit" class="primary">${t.confirm}</button>
      </form>`;
    return c.html(await page(clinic, locale, body));
  });
  return app;
}
