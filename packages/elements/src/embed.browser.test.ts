import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { TidbokBooking } from './booking/booking.js';
import { admin, buttonWithText, deep, fill, seedClinic, type SeededClinic, textOf, waitFor, waitUntil } from './test-support.js';

// The built bundle, as a clinic's page loads it: web-test-runner.config.mjs builds it with Rollup
// before the run. What the other browser tests cannot see is checked here: the minified build
// with zod/mini inlined, what the lazy chunks share kept in tidbok.js, the lazily loaded "My bookings"
// chunk and the texts chunk of each language.
// Nothing else on this page defines the elements.
const BUNDLE = '/.tmp/browser-test-embed/tidbok.js';
await import(BUNDLE);

function mount(clinic: SeededClinic) {
  return fixture<TidbokBooking>(html`<tidbok-booking api=${clinic.apiUrl} clinic=${clinic.slug}></tidbok-booking>`);
}

/**
 * A clinic's page of its own, in a frame (its own modules and elements, so nothing this page
 * loaded counts): `<html lang>`, the bundle and a booking. `browser` stands in for the browser's
 * language. Returns the booking and the files of chunks/ the page fetched.
 */
async function clinicPage(clinic: SeededClinic, lang: string, browser?: string) {
  const frame = document.createElement('iframe');
  const language = browser ? `<script>Object.defineProperty(navigator, 'language', { value: '${browser}' });</script>` : '';
  frame.srcdoc = `<!doctype html><html lang="${lang}"><body>${language}
    <tidbok-booking api="${clinic.apiUrl}" clinic="${clinic.slug}"></tidbok-booking>
    <script type="module" src="${BUNDLE}"></script></body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const booking = frame.contentDocument!.querySelector('tidbok-booking')!;
  const chunks = () =>
    frame
      .contentWindow!.performance.getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.includes('/chunks/'))
      .map((path) => path.replace(/.*\/chunks\//, ''));
  /** The booking's own text (its shadow root, not the elements inside). */
  const text = () => booking.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
  return { frame, booking, chunks, text };
}

describe('the embed bundle (/embed/tidbok.js)', () => {
  it("books a time in the clinic's language, checking the details with core's schemas", async () => {
    const clinic = await seedClinic();
    const el = await mount(clinic);
    (await buttonWithText(el, 'Kort uppföljning')).click();
    (await buttonWithText(el, 'Första lediga tid')).click();
    (await waitFor<HTMLButtonElement>(el, 'button.slot')).click();
    await waitUntil(() => el.matches(':state(details)'), 'the details step');
    fill(el, 'name', 'Test Person');
    fill(el, 'email', 'inte-en-adress');
    await waitUntil(() => textOf(el).includes('Skriv e-postadressen som namn@exempel.se.'), 'the e-mail check');
    fill(el, 'email', 'test.person@example.com');
    fill(el, 'phone', '070-123 45 67');
    await waitUntil(() => !textOf(el).includes('Skriv e-postadressen'));
    const booked = oneEvent(el, 'tidbok-booked');
    deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    const { detail } = await booked;
    await waitUntil(() => el.matches(':state(done)'), 'the confirmation');
    expect(textOf(el)).to.include('Din tid är bokad');
    const stored = await admin<{ status: string; start: string }>(clinic, 'GET', `/bookings/${detail.booking.id}`);
    expect(stored).to.include({ status: 'booked', start: detail.booking.start });
  });

  it('loads "My bookings" from its chunk when the visitor opens it', async () => {
    const el = await mount(await seedClinic());
    expect(customElements.get('tidbok-my-bookings')).to.equal(undefined);
    (await buttonWithText(el, 'Mina bokningar')).click();
    const account = await waitFor(el, 'tidbok-my-bookings');
    await waitFor(account, 'tidbok-text-field[name="email"]', 'the login form of My bookings');
    expect(customElements.get('tidbok-my-bookings')).to.not.equal(undefined);
    fill(account, 'email', 'inte-en-adress');
    (await buttonWithText(account, 'Skicka inloggningslänk')).click();
    await waitUntil(() => textOf(account).includes('Skriv e-postadressen som namn@exempel.se.'), 'the e-mail check');
  });

  it('loads the English texts chunk, and no other, on an English page', async () => {
    const page = await clinicPage(await seedClinic({ locale: 'en' }), 'en');
    try {
      await waitUntil(() => page.text().includes('Choose a treatment'), 'the first step in English', { timeout: 8000 });
      expect(page.booking.shadowRoot!.querySelector('.base')!.getAttribute('lang')).to.equal('en');
      const texts = page.chunks().filter((file) => /^(sv|en)-/.test(file));
      expect(texts).to.have.length(1);
      expect(texts[0]).to.match(/^en-[a-z0-9]{8}\.js$/);
    } finally {
      page.frame.remove();
    }
  });

  it('is Swedish by default, with the Swedish texts chunk only', async () => {
    // A page without a language, in a browser that speaks neither: the guess is Swedish.
    const page = await clinicPage(await seedClinic(), '', 'de-DE');
    try {
      await waitUntil(() => page.text().includes('Välj behandling'), 'the first step in Swedish', { timeout: 8000 });
      const texts = page.chunks().filter((file) => /^(sv|en)-/.test(file));
      expect(texts).to.have.length(1);
      expect(texts[0]).to.match(/^sv-[a-z0-9]{8}\.js$/);
    } finally {
      page.frame.remove();
    }
  });

  it('refuses an answer that does not match the API, and says so', async () => {
    const clinic = await seedClinic();
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      return new Response(JSON.stringify({ ...(await response.json()), treatmentTypes: 'none' }), response);
    };
    try {
      const el = document.createElement('tidbok-booking');
      el.setAttribute('api', clinic.apiUrl);
      el.setAttribute('clinic', clinic.slug);
      const failed = oneEvent(el, 'tidbok-error');
      document.body.append(el);
      expect((await failed).detail.code).to.equal('invalid_response');
      await waitUntil(() => el.matches(':state(error)'));
      expect(textOf(el)).to.include('Något gick fel. Försök igen.');
      el.remove();
    } finally {
      window.fetch = realFetch;
    }
  });

  it('loads the staff calendar from its own chunk, and the Settings tab from another when opened', async () => {
    // The staff side is a build of its own (rollup.config.mjs), minified like the public side:
    // this is where that build's output runs in a browser.
    const clinic = await seedClinic();
    const frame = document.createElement('iframe');
    frame.style.width = '1200px';
    frame.srcdoc = `<!doctype html><html lang="sv"><body>
      <tidbok-admin api="${clinic.apiUrl}" clinic="${clinic.slug}" locale="sv"></tidbok-admin>
      <script type="module" src="${BUNDLE}"></script></body></html>`;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    try {
      await loaded;
      const chunks = () =>
        frame
          .contentWindow!.performance.getEntriesByType('resource')
          .map((entry) => new URL(entry.name).pathname)
          .filter((path) => path.includes('/chunks/'))
          .map((path) => path.replace(/.*\/chunks\//, ''));
      await waitUntil(() => frame.contentWindow!.customElements.get('tidbok-admin'), 'the staff chunk', { timeout: 8000 });
      expect(chunks().filter((file) => /^admin-[a-z0-9]{8}\.js$/.test(file))).to.have.length(1);
      const el = frame.contentDocument!.querySelector('tidbok-admin') as HTMLElement & { token: string };
      el.token = clinic.adminToken;
      await waitUntil(() => el.shadowRoot?.querySelector('h1')?.textContent?.includes(`Klinik ${clinic.slug}`), 'the clinic name', { timeout: 8000 });
      // Elements of the frame's own realm: `deep` from its shadow root (its `instanceof Element`
      // is this page's Element).
      await waitUntil(() => deep(el.shadowRoot!, 'tidbok-calendar'), 'the calendar', { timeout: 8000 });
      expect(frame.contentWindow!.customElements.get('tidbok-admin-settings')).to.equal(undefined);
      el.shadowRoot!.querySelector<HTMLElement>('[role="tab"][data-view="settings"]')!.click();
      await waitUntil(() => deep(el.shadowRoot!, 'tidbok-admin-settings')?.shadowRoot?.querySelector('[part~="nav"]'), 'the settings load', { timeout: 8000 });
      // Every file the staff page fetched is a staff file.
      expect(chunks().every((file) => file.startsWith('admin-'))).to.equal(true);
    } finally {
      frame.remove();
    }
  });
});
