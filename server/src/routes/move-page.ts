import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isLateCancellation, type Booking, type Locale } from '@tidbok/core';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../http/env.js';
import { bookingLocale, clinicLocale } from '../notifications/booking-locale.js';
import { type Html, patientPage } from '../pages/patient-page.js';
import { findClinicBySlug } from '../services/clinics.js';
import type { Deps } from '../services/deps.js';
import { getManagedBooking } from '../services/public-booking.js';
import { bookingSettingsOf, type ClinicRow } from '../services/rows.js';
import type { StaticOptions } from './static.js';
import { MOVE_SCRIPT } from './move-page-script.js';

const TEXTS = {
  sv: {
    move: 'Flytta tiden',
    title: 'Flytta din tid',
    // The move element below has its own heading ("Flytta din tid"); the page's says whose.
    heading: 'Din bokning',
    loading: 'Laddar lediga tider …',
    failed: 'Lediga tider kan inte visas här just nu. Gå tillbaka till bokningen och försök igen senare, eller kontakta mottagningen.',
    noscript: 'För att välja en ny tid behöver sidan JavaScript. Du kan också kontakta mottagningen.',
    back: 'Tillbaka till bokningen',
    missing: 'Bokningen hittades inte, eller så gäller länken inte längre.',
  },
  en: {
    move: 'Move the appointment',
    title: 'Move your appointment',
    heading: 'Your booking',
    loading: 'Loading free times …',
    failed: 'Free times cannot be shown here right now. Go back to the booking and try again later, or contact the clinic.',
    noscript: 'Choosing a new time needs JavaScript. You can also contact the clinic.',
    back: 'Back to the booking',
    missing: 'The booking was not found, or the link no longer works.',
  },
} satisfies Record<Locale, Record<string, string>>;

/**
 * "Move" on the manage page: a form that posts the token (hidden, as the page's other forms do)
 * to the move page. Offered while the patient may still move the booking: booked, and before
 * its cancellation window starts (the reschedule route has the last word). Not where only
 * logged-in clients may hold a time: there the move is in "My bookings", after logging in.
 */
export function moveAction(clinic: ClinicRow, booking: Booking, token: string, now: number): Html | '' {
  const settings = bookingSettingsOf(clinic);
  if (settings.publicBooking === 'clients-only') return '';
  const hours = booking.cancellationWindowHours ?? settings.cancellationWindowHours;
  if (booking.status !== 'booked' || isLateCancellation(Date.parse(booking.start), now, hours)) return '';
  const t = TEXTS[bookingLocale(booking.locale, clinic)];
  const path = `/b/${encodeURIComponent(clinic.slug)}/${encodeURIComponent(booking.id)}/move`;
  return html`<form method="post" action="${path}">
    <input type="hidden" name="t" value="${token}" /><button type="submit" class="primary">${t.move}</button>
  </form>`;
}

/**
 * The embed's lazily loaded "My bookings" chunk (it holds `<tidbok-move-booking>`), looked up
 * in the bundle folder: its name carries a content hash that changes with every build.
 */
async function moveChunk(files: StaticOptions | undefined): Promise<string> {
  if (!files) return '';
  const names = await readdir(join(dirname(files.embedFile), 'chunks')).catch(() => [] as string[]);
  const chunk = names.find((name) => /^my-bookings-[A-Za-z0-9]{8}\.js$/.test(name));
  return chunk ? `/embed/chunks/${chunk}` : '';
}

/**
 * The page "Move" opens: the embed's move element (slot picker, question, move) for the booking
 * of the posted manage token, and a way back to the booking. Like the manage page: the token
 * comes in a POST body and stays in a hidden field, the answer is `no-store`, and the one script
 * is a file.
 */
export function movePage(deps: Deps, files?: StaticOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/move.js', (c) => c.body(MOVE_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));

  app.post('/:clinic/:id/move', async (c) => {
    const body = await c.req.parseBody();
    const clinic = await findClinicBySlug(deps, c.req.param('clinic'));
    c.header('Cache-Control', 'no-store');
    const token = typeof body.t === 'string' ? body.t : '';
    const booking = clinic && token ? await getManagedBooking(deps, clinic, c.req.param('id'), token).catch(() => null) : null;
    if (!clinic || !booking) {
      const locale = clinic ? clinicLocale(clinic) : 'sv';
      const t = TEXTS[locale];
      const page = patientPage({
        locale,
        title: t.title,
        clinicName: clinic?.name ?? 'Tidbok',
        body: html`<h1>${t.title}</h1>
          <p>${t.missing}</p>`,
      });
      return c.html(await page, 404);
    }
    const locale = bookingLocale(booking.locale, clinic);
    const t = TEXTS[locale];
    const manage = `/b/${encodeURIComponent(clinic.slug)}/${encodeURIComponent(booking.id)}`;
    const page = patientPage({
      locale,
      title: t.title,
      clinicName: clinic.name,
      color: bookingSettingsOf(clinic).brandColor,
      style: 'tidbok-move-booking{--tidbok-primary:var(--brand)}',
      body: html`<h1>${t.heading}</h1>
        <div id="move" data-clinic="${clinic.slug}" data-booking="${booking.id}" data-locale="${locale}" data-chunk="${await moveChunk(files)}">
          <p id="move-loading" role="status">${t.loading}</p>
          <p id="move-failed" role="alert" hidden>${t.failed}</p>
          <noscript><p>${t.noscript}</p></noscript>
        </div>
        <form method="post" action="${manage}" id="back">
          <input type="hidden" name="t" value="${token}" /><input type="hidden" name="action" value="view" />
          <div class="actions"><button type="submit">${t.back}</button></div>
        </form>
        <script type="module" src="/b/move.js"></script>`,
    });
    return c.html(await page, 200);
  });
  return app;
}
