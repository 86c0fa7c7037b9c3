import { buildIcs, type Booking, isLateCancellation, type Locale } from '@tidbok/core';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../http/env.js';
import { bookingEvent } from '../notifications/booking-event.js';
import { bookingLocale, clinicLocale } from '../notifications/booking-locale.js';
import { formatWhen } from '../notifications/texts.js';
import { type Html, patientPage } from '../pages/patient-page.js';
import { findClinicBySlug } from '../services/clinics.js';
import { bookingPageDetails } from '../store/repositories/patient-bookings.js';
import type { Deps } from '../services/deps.js';
import { eventSequence } from '../services/event-sequence.js';
import { cancelManagedBooking, getManagedBooking } from '../services/public-booking.js';
import { bookingSettingsOf, type ClinicRow } from '../services/rows.js';
import { MANAGE_SCRIPT } from './manage-page-script.js';
import { moveAction } from './move-page.js';
import { MANAGE_TEXTS as T } from './manage-page-texts.js';

type Texts = (typeof T)[Locale];

/** A form that posts back to the page with the token hidden in it, and what to do. */
const form = (token: string, action: string, button: string, style = ''): Html =>
  html`<form method="post">
    <input type="hidden" name="t" value="${token}" /><input type="hidden" name="action" value="${action}" />${
      style ? html`<button type="submit" class="${style}">${button}</button>` : html`<button type="submit">${button}</button>`
    }
  </form>`;

/** The names the page shows beside the booking's own fields. */
async function detailsOf(deps: Deps, booking: Booking) {
  return bookingPageDetails(deps.store.db, booking.id);
}

/**
 * The page behind the link in confirmations: the booking (treatment, when, with whom, where,
 * the cancellation rule), in the language it was booked in and the clinic's colour, with
 * Cancel, Add to calendar and Book again. Plain HTML built with `html``…`` (escaped by
 * default); a GET changes nothing (a mail scanner follows links), cancelling takes two POSTs
 * (the question, then the yes), which needs no script, so the page runs under a CSP that
 * forbids inline script.
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
export function managePage(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const load = async (clinic: ClinicRow, id: string, token: string | undefined) => {
    try {
      return await getManagedBooking(deps, clinic, id, token ?? null);
    } catch {
      return null;
    }
  };

  const frame = (clinic: ClinicRow, locale: Locale, body: Html) =>
    patientPage({ locale, title: T[locale].title, clinicName: clinic.name, color: bookingSettingsOf(clinic).brandColor, body });

  const notFound = (clinic: ClinicRow | null) => {
    const locale = clinic ? clinicLocale(clinic) : 'sv';
    const t = T[locale];
    const body = html`<h1>${t.title}</h1>
      <p>${t.missing}</p>`;
    return {
      status: 404 as const,
      html: clinic ? frame(clinic, locale, body) : patientPage({ locale, title: t.title, clinicName: 'Tidbok', body }),
    };
  };

  /** Cancel (or the question whether to), Add to calendar, Book again; and the reschedule spot. */
  const actionsOf = (clinic: ClinicRow, booking: Booking, token: string, t: Texts, ask: boolean): Html => {
    const now = deps.clock.now();
    const start = Date.parse(booking.start);
    const open = booking.status === 'booked' && start > now;
    // The clinic's own booking page when it has said where; else the server's hosted one.
    const again = bookingSettingsOf(clinic).bookingPageUrl ?? `${deps.config.publicUrl}/c/${encodeURIComponent(clinic.slug)}/`;
    const bookAgain = html`<a class="button" href="${again}">${t.again}</a>`;
    if (open && ask) {
      const late = isLateCancellation(start, now, booking.cancellationWindowHours ?? 0);
      return html`<section aria-labelledby="ask">
        <h2 id="ask">${t.confirm}</h2>
        ${late ? html`<p>${t.late}</p>` : ''}
        <div class="actions">${form(token, 'cancel', t.yes, 'danger strong')}${form(token, 'view', t.no)}</div>
      </section>`;
    }
    if (!open) return html`<div class="actions">${bookAgain}</div>`;
    // The reschedule action ("Move") goes first in this row when it is offered.
    const move = moveAction(clinic, booking, token, now);
    return html`<div class="actions">${move}${form(token, 'ics', t.calendar)}${form(token, 'ask', t.cancel, 'danger')}${bookAgain}</div>`;
  };

  /** The booking, or (`ask`) the question whether to cancel it. */
  const render = async (clinic: ClinicRow, id: string, token: string | undefined, { notice = '', ask = false } = {}) => {
    const booking = token ? await load(clinic, id, token) : null;
    if (!booking || !token) return notFound(clinic);
    const locale = bookingLocale(booking.locale, clinic);
    const t = T[locale];
    const details = await detailsOf(deps, booking);
    // The end the patient was told: the time with the client (clientEnd), not the calendar length.
    const when = formatWhen(Date.parse(booking.start), Date.parse(booking.clientEnd ?? booking.end), clinic.time_zone, locale);
    const hours = booking.cancellationWindowHours ?? bookingSettingsOf(clinic).cancellationWindowHours;
    const place = details.location_name ? [details.location_name, details.location_address].filter(Boolean).join(', ') : null;
    const body = html`<h1>${t.title}</h1>
      ${details.is_test === 1 ? html`<p class="test" role="note">${t.test(details.client_name)}</p>` : ''} ${notice ? html`<p role="status">${notice}</p>` : ''}
      <p class="status">${t[booking.status]}</p>
      <dl>
        <dt>${t.what}</dt>
        <dd>${details.treatment_name}</dd>
        <dt>${t.when}</dt>
        <dd>${when.date}, ${when.startTime}–${when.endTime}</dd>
        <dt>${t.with}</dt>
        <dd>${details.practitioner_name}${details.practitioner_title ? html`, ${details.practitioner_title}` : ''}</dd>
        ${
          place
            ? html`<dt>${t.where}</dt>
                <dd>${place}</dd>`
            : ''
        }
      </dl>
      ${booking.status === 'booked' ? html`<p class="note">${t.rule(hours)}</p>` : ''} ${actionsOf(clinic, booking, token, t, ask)}`;
    return { status: 200 as const, html: frame(clinic, locale, body) };
  };

  /** A `#t=` link's first page: the served script posts the token from the fragment. */
  const opener = (clinic: ClinicRow) => {
    const locale = clinicLocale(clinic);
    const t = T[locale];
    const body = html`<h1>${t.title}</h1>
      <p id="opening" role="status">${t.opening}</p>
      <p id="missing" hidden>${t.missing}</p>
      <noscript><p>${t.noscript}</p></noscript>
      <form method="post" id="open">
        <input type="hidden" name="t" value="" /><input type="hidden" name="action" value="view" /> <button type="submit" hidden>${t.show}</button>
      </form>
      <script src="/b/manage.js"></script>`;
    return { status: 200 as const, html: frame(clinic, locale, body) };
  };

  /** The booking's calendar event as a file, the same event the confirmation e-mail carried. */
  const calendarFile = async (clinic: ClinicRow, id: string, token: string | undefined) => {
    const booking = token ? await load(clinic, id, token) : null;
    if (!booking || booking.status !== 'booked') return null;
    const details = await detailsOf(deps, booking);
    const sequence = await eventSequence(deps.store.db, booking.id);
    return buildIcs({ ...bookingEvent(details, clinic.name), stamp: deps.clock.now(), sequence });
  };

  app.get('/manage.js', (c) => c.body(MANAGE_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));

  app.get('/:clinic/:id', async (c) => {
    const token = c.req.query('t');
    const clinic = await findClinicBySlug(deps, c.req.param('clinic'));
    const { status, html: page } = !clinic ? notFound(null) : token === undefined ? opener(clinic) : await render(clinic, c.req.param('id'), token);
    c.header('Cache-Control', 'no-store');
    return c.html(await page, status);
  });

  app.post('/:clinic/:id', async (c) => {
    // The body first: a client that hangs up while sending it is logged as gone (499) alike
    // for every address.
    const body = await c.req.parseBody();
    const clinic = await findClinicBySlug(deps, c.req.param('clinic'));
    c.header('Cache-Control', 'no-store');
    if (!clinic) return c.html(await notFound(null).html, 404);
    const id = c.req.param('id');
    const token = typeof body.t === 'string' ? body.t : undefined;
    if (body.action === 'ics') {
      const ics = await calendarFile(clinic, id, token);
      if (ics) {
        return c.body(ics, 200, {
          'Content-Type': 'text/calendar; charset=utf-8',
          'Content-Disposition': `attachment; filename="booking.ics"`,
        });
      }
    }
    // No `action` is a cancel: the form of pages served before the question was a page of its
    // own sent only the token, after the browser had asked.
    const action = body.action === 'view' || body.action === 'ask' || body.action === 'ics' ? body.action : 'cancel';
    let notice = '';
    if (action === 'cancel') {
      try {
        const booking = await cancelManagedBooking(deps, clinic, id, token ?? null);
        const t = T[bookingLocale(booking.locale, clinic)];
        notice = booking.lateCancellation ? `${t.done} ${t.late}` : t.done;
      } catch (error) {
        const t = T[clinicLocale(clinic)];
        notice = error instanceof ApiError && error.code === 'conflict' ? t.past : '';
      }
    }
    const { status, html: page } = await render(clinic, id, token, { notice, ask: action === 'ask' });
    return c.html(await page, status);
  });
  return app;
}
