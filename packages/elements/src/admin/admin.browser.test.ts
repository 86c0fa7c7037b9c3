import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { TidbokCalendar } from '../calendar/calendar.js';
import { type Clinic, deep, deepActive, doubleClick, firstWorkday, pointAt, seedClinic, setValue, staffOk, waitFor } from '../calendar/test-support.js';
import type { TidbokEntryPopup } from '../entry-popup/entry-popup.js';
import type { TidbokAdminElement } from './admin.js';

async function mount(clinic: Clinic, locale: 'sv' | 'en' = 'sv') {
  const el = await fixture<TidbokAdminElement>(html`
    <tidbok-admin api=${clinic.apiUrl} clinic=${clinic.slug} locale=${locale} date=${firstWorkday(clinic)}></tidbok-admin>
  `);
  // The token as a property, as docs/design.md recommends: it never shows in the DOM.
  el.token = clinic.adminToken;
  const calendar = await waitFor<TidbokCalendar>(el, 'tidbok-calendar');
  await waitUntil(() => calendar.shadowRoot?.querySelector('[part~="working-time"]'), 'the week is drawn', { timeout: 8000 });
  return { el, calendar };
}

describe('<tidbok-admin>', () => {
  let clinic: Clinic;
  before(async () => {
    await setViewport({ width: 1366, height: 900 });
    clinic = await seedClinic();
    await staffOk(clinic, 'POST', '/clients', { name: 'Siv Sidopanel', email: 'siv@example.se', phone: '070-111 22 33' });
  });
  beforeEach(() => {
    localStorage.clear();
    // The calendar keeps its view and date in the address (shared/url-state.ts): each test starts from none.
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  });

  it('connects with api, clinic and a token property, and shows the clinic and its week', async () => {
    const { el, calendar } = await mount(clinic);
    expect(el.hasAttribute('token')).to.equal(false);
    await waitUntil(() => el.shadowRoot!.querySelector('h1')!.textContent!.includes(`Klinik ${clinic.slug}`), 'the clinic name');
    expect(calendar.shownWeek).to.be.a('string').and.not.equal('');
    const tabs = [...el.shadowRoot!.querySelectorAll('[role="tab"]')].map((t) => t.textContent!.trim());
    expect(tabs).to.deep.equal(['Kalender', 'Inställningar']);
    // Template weeks start closed (planning work, a chunk of its own); opened, the panel follows
    // the week the calendar shows, and stays open on this device.
    const toggle = await waitFor<HTMLButtonElement>(el, '[part~="template-weeks-toggle"]');
    expect(toggle.textContent!.trim()).to.equal('Mallveckor');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.querySelector('tidbok-template-weeks')).to.equal(null);
    toggle.click();
    const templates = await waitFor<HTMLElement & { weekStart: string }>(el, 'tidbok-template-weeks');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(templates.weekStart).to.equal(calendar.shownWeek);
    await expect(el).to.be.accessible();
    el.remove();
    const again = await mount(clinic);
    await waitFor(again.el, 'tidbok-template-weeks');
  });

  it('the client selected in the side panel is suggested for a new booking', async () => {
    const { el, calendar } = await mount(clinic);
    const picker = el.shadowRoot!.querySelector('tidbok-client-picker')!;
    const search = picker.shadowRoot!.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    search.focus();
    setValue(search, 'Siv');
    await waitUntil(() => picker.shadowRoot!.querySelector('[role="option"]'), 'a match');
    picker.shadowRoot!.querySelector<HTMLElement>('[role="option"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('dl')?.textContent?.includes('siv@example.se'), 'the side panel shows the client');

    const column = [...calendar.shadowRoot!.querySelectorAll('.day')].findIndex((d) => d.getAttribute('data-date') === firstWorkday(clinic));
    await doubleClick(calendar, pointAt(calendar, column, '10:05'));
    const popup = await waitFor<TidbokEntryPopup>(calendar, 'tidbok-entry-popup');
    await popup.updateComplete;
    const card = deep(popup, 'tidbok-client-picker')!.shadowRoot!.querySelector('[part="card"]')!;
    expect(card.textContent).to.contain('Siv Sidopanel').and.contain('Vald i sidopanelen');
  });

  it('opens the booking page as a test client with a working session, only for test clients', async () => {
    const test = (await staffOk(clinic, 'POST', '/clients', { name: 'Tea Testklient', email: 'tea@example.se', isTest: true })) as { id: string; name: string };
    const { el } = await mount(clinic);
    const opened: { location: { href: string }; opener: unknown; close(): void }[] = [];
    const realOpen = window.open;
    window.open = (() => {
      const tab = { location: { href: '' }, opener: window as unknown, close() {} };
      opened.push(tab);
      return tab;
    }) as unknown as typeof window.open;
    try {
      const admin = el as unknown as { selectedClient: unknown };
      admin.selectedClient = { ...test, email: 'tea@example.se', phone: null, personalNumber: null, isTest: true };
      await el.updateComplete;
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="test-client-button"]')!;
      expect(button.textContent!.trim()).to.equal('Öppna bokningssidan som testklient');
      button.click();
      await waitUntil(() => opened[0]?.location.href, 'the booking page is opened');
      // The booking page gets no way back into the staff page.
      expect(opened[0]!.opener).to.equal(null);
      const url = new URL(opened[0]!.location.href);
      expect(url.pathname).to.equal(`/c/${clinic.slug}/`);
      const session = decodeURIComponent(url.hash.replace('#tidbok-session=', ''));
      const mine = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/me/bookings`, { headers: { authorization: `Bearer ${session}` } });
      expect(mine.status).to.equal(200);
      // A real client gets no such button.
      admin.selectedClient = { id: 'cli_real', name: 'Siv', email: null, phone: null, personalNumber: null, isTest: false };
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="test-client-button"]')).to.equal(null);
    } finally {
      window.open = realOpen;
    }
  });

  it('switches to the settings with the tabs (arrow keys too) and back without reloading', async () => {
    const { el, calendar } = await mount(clinic);
    const settingsTab = el.shadowRoot!.querySelector<HTMLElement>('[role="tab"][data-view="settings"]')!;
    el.shadowRoot!.querySelector<HTMLElement>('[role="tab"][data-view="calendar"]')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(settingsTab.getAttribute('aria-selected')).to.equal('true');
    expect(deepActive()).to.equal(settingsTab);
    const settings = await waitFor(el, 'tidbok-admin-settings');
    await waitUntil(() => settings.shadowRoot!.querySelector('[part~="nav"]'), 'the settings load');
    expect((calendar.closest('[role="tabpanel"]') as HTMLElement).hidden).to.equal(true);
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect((calendar.closest('[role="tabpanel"]') as HTMLElement).hidden).to.equal(false);
    expect(el.shadowRoot!.querySelector('tidbok-calendar')).to.equal(calendar);
  });

  it('uses a <tidbok-provider> around it when it has no api and clinic of its own', async () => {
    const wrapper = await fixture(html`
      <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${clinic.adminToken}>
        <tidbok-admin date=${firstWorkday(clinic)} locale="en"></tidbok-admin>
      </tidbok-provider>
    `);
    const el = wrapper.querySelector<TidbokAdminElement>('tidbok-admin')!;
    const calendar = await waitFor<TidbokCalendar>(el, 'tidbok-calendar');
    await waitUntil(() => calendar.shadowRoot?.querySelector('[part~="working-time"]'), 'the week is drawn', { timeout: 8000 });
    expect(el.shadowRoot!.querySelector('[role="tab"]')!.textContent!.trim()).to.equal('Calendar');
  });

  it('asks the person to sign in when it has no connection, and hides with the hidden attribute', async () => {
    const el = await fixture<TidbokAdminElement>(html`<tidbok-admin locale="sv"></tidbok-admin>`);
    expect(el.shadowRoot!.textContent).to.contain('Logga in');
    el.hidden = true;
    expect(getComputedStyle(el).display).to.equal('none');
  });

  it('is accessible', async () => {
    const { el } = await mount(clinic);
    await expect(el).to.be.accessible();
    const changed = oneEvent(el, 'tidbok-week-change');
    deep(el, 'tidbok-calendar')!.shadowRoot!.querySelector<HTMLButtonElement>('#next-week')!.click();
    await changed;
  });
});
