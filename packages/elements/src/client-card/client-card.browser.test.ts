import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { addLocalDays, localDateOf } from '@tidbok/core';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { TidbokAdminElement } from '../admin/admin.js';
import type { TidbokCalendar } from '../calendar/calendar.js';
import { at, type Clinic, click, deep, deepActive, firstWorkday, seedClinic, setValue, staff, staffOk, waitFor } from '../calendar/test-support.js';
import type { TidbokProvider } from '../provider/provider.js';
import type { TidbokClientCard } from './client-card.js';
import { staffKit } from './kit.js';
import { defineClientCard } from './define.js';

defineClientCard(staffKit);

interface Visit {
  id: string;
}

/** Klara: two visits a week and two weeks ago (one a no-show), a late cancellation, one coming booking; notes. */
async function seedKlara(clinic: Clinic) {
  const client = await staffOk<{ id: string }>(clinic, 'POST', '/clients', { name: 'Klara Kortsson', email: 'klara@example.se', phone: '070-123 45 67' });
  const today = localDateOf(Date.now(), clinic.timeZone);
  const book = (date: string, time: string) =>
    staffOk<Visit>(clinic, 'POST', '/bookings', {
      clientId: client.id,
      practitionerId: clinic.practitioners[0]!.id,
      treatmentTypeId: clinic.treatmentTypes[0]!.id,
      start: at(clinic, date, time),
      confirmation: 'none',
    });
  await book(addLocalDays(today, -14), '10:00');
  const missed = await book(addLocalDays(today, -7), '10:00');
  await staffOk(clinic, 'POST', `/bookings/${missed.id}/no-show`);
  const late = await book(addLocalDays(firstWorkday(clinic), 1), '09:00');
  await staffOk(clinic, 'POST', `/bookings/${late.id}/cancel`, { late: true });
  await book(firstWorkday(clinic), '10:00');
  await staffOk(clinic, 'PUT', `/clients/${client.id}/notes`, { text: 'Föredrar sms.\nKänslig axel.' });
  return client.id;
}

async function tokenFor(clinic: Clinic, role: 'reception' | 'practitioner') {
  const body = { name: `En ${role}`, role, ...(role === 'practitioner' ? { practitionerId: clinic.practitioners[0]!.id } : {}) };
  return (await staffOk<{ token: string }>(clinic, 'POST', '/staff', body)).token;
}

async function mountCard(clinic: Clinic, clientId: string, token = clinic.adminToken, locale: 'sv' | 'en' = 'sv') {
  const wrapper = await fixture<TidbokProvider>(html`
    <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${token}>
      <tidbok-client-card client-id=${clientId} locale=${locale} time-zone=${clinic.timeZone}></tidbok-client-card>
    </tidbok-provider>
  `);
  const card = wrapper.querySelector<TidbokClientCard>('tidbok-client-card')!;
  await waitUntil(() => card.shadowRoot!.querySelector('[data-list="past"]'), 'the card is loaded', { timeout: 8000 });
  return card;
}

const text = (root: Element | null | undefined) => (root?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<tidbok-client-card>', () => {
  let clinic: Clinic;
  let klara: string;
  before(async () => {
    await setViewport({ width: 1366, height: 900 });
    clinic = await seedClinic();
    klara = await seedKlara(clinic);
  });

  it('shows contact details, counts, notes, and upcoming and past bookings with their status (Swedish)', async () => {
    const card = await mountCard(clinic, klara);
    const root = card.shadowRoot!;
    expect(text(root.querySelector('h2'))).to.contain('Klara Kortsson');
    expect(text(root.querySelector('dl')))
      .to.contain('klara@example.se')
      .and.contain('070-123 45 67');
    const count = (name: string) => text(root.querySelector(`[data-count="${name}"] dd`));
    expect([count('upcoming'), count('visits'), count('no-shows'), count('late')]).to.deep.equal(['1', '1', '1', '1']);
    expect(root.querySelector('.notes')!.textContent).to.equal('Föredrar sms.\nKänslig axel.');
    const upcoming = [...root.querySelectorAll('[data-list="upcoming"] li')];
    expect(upcoming.map((li) => li.getAttribute('data-status'))).to.deep.equal(['booked']);
    expect(text(upcoming[0])).to.contain(`${clinic.treatmentTypes[0]!.name} hos ${clinic.practitioners[0]!.name}`).and.contain('10:00');
    const past = [...root.querySelectorAll('[data-list="past"] li')].map((li) => [li.getAttribute('data-status'), text(li.querySelector('.badge'))]);
    expect(past).to.deep.equal([
      ['late', 'Sent återbud'],
      ['no-show', 'Uteblev'],
      ['visited', 'Besök'],
    ]);
    await expect(card).to.be.accessible();
  });

  it('in English', async () => {
    const card = await mountCard(clinic, klara, clinic.adminToken, 'en');
    const root = card.shadowRoot!;
    expect(text(root.querySelector('[data-count="no-shows"] dt'))).to.equal('No-shows');
    expect(text(root.querySelector('[data-list="past"] li[data-status="late"] .badge'))).to.equal('Late cancellation');
    expect(text(root.querySelector('[data-action="edit-notes"]'))).to.equal('Edit notes');
  });

  it('an admin edits contact details and notes; the server stores them', async () => {
    const card = await mountCard(clinic, klara);
    const root = card.shadowRoot!;
    root.querySelector<HTMLButtonElement>('[data-action="edit-contact"]')!.click();
    await card.updateComplete;
    setValue(root.querySelector<HTMLInputElement>('input[name="phone"]')!, '070-999 88 77');
    root.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => text(root.querySelector('dl')).includes('070-999 88 77'), 'the new phone number is shown');
    expect(((await staffOk(clinic, 'GET', `/clients/${klara}`)) as { phone: string }).phone).to.equal('070-999 88 77');

    root.querySelector<HTMLButtonElement>('[data-action="edit-notes"]')!.click();
    await card.updateComplete;
    const area = root.querySelector<HTMLTextAreaElement>('textarea[name="notes"]')!;
    expect(deepActive()).to.equal(area);
    await expect(card).to.be.accessible();
    setValue(area, 'Föredrar sms.\nKänslig axel.\nAllergisk mot nötter.');
    root.querySelector<HTMLFormElement>('form')!.requestSubmit();
    await waitUntil(() => root.querySelector('.notes')?.textContent?.includes('nötter'), 'the new notes are shown');
    // Focus goes back to the button that opened the editor.
    expect(deepActive()).to.equal(root.querySelector('[data-action="edit-notes"]'));
    const history = await staffOk<{ notes: { text: string } }>(clinic, 'GET', `/clients/${klara}/history`);
    expect(history.notes.text).to.equal('Föredrar sms.\nKänslig axel.\nAllergisk mot nötter.');
  });

  it('Escape while editing leaves the form and keeps the card', async () => {
    const card = await mountCard(clinic, klara);
    const root = card.shadowRoot!;
    root.querySelector<HTMLButtonElement>('[data-action="edit-notes"]')!.click();
    await waitUntil(() => deepActive() === root.querySelector('textarea'), 'the notes are being edited');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !root.querySelector('textarea'), 'the form is gone');
    expect(deepActive()).to.equal(root.querySelector('[data-action="edit-notes"]'));
  });

  it('reception reads the notes but has no control to change them, and the server refuses them with 403', async () => {
    const token = await tokenFor(clinic, 'reception');
    const card = await mountCard(clinic, klara, token);
    const root = card.shadowRoot!;
    expect(root.querySelector('.notes')!.textContent).to.contain('Föredrar sms.');
    expect(root.querySelector('[data-action="edit-notes"]')).to.equal(null);
    expect(root.querySelector('textarea')).to.equal(null);
    expect(text(root.querySelector('[data-read-only]'))).to.equal('Anteckningarna skrivs av behandlarna och administratörer.');
    // Contact details are reception's work.
    expect(root.querySelector('[data-action="edit-contact"]')).to.not.equal(null);
    const res = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/admin/clients/${klara}/notes`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Från receptionen' }),
    });
    expect(res.status).to.equal(403);
    expect(((await res.json()) as { code: string }).code).to.equal('forbidden');
    await expect(card).to.be.accessible();
  });

  it('a practitioner who treats the client edits the notes; the card shows their own bookings only', async () => {
    const token = await tokenFor(clinic, 'practitioner');
    const card = await mountCard(clinic, klara, token);
    const root = card.shadowRoot!;
    expect(root.querySelector('[data-action="edit-notes"]')).to.not.equal(null);
    expect([...root.querySelectorAll('li')].every((li) => text(li).includes(clinic.practitioners[0]!.name))).to.equal(true);
  });

  it('says what went wrong when the client cannot be loaded', async () => {
    const wrapper = await fixture<TidbokProvider>(html`
      <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${clinic.adminToken}>
        <tidbok-client-card client-id="cli_nope"></tidbok-client-card>
      </tidbok-provider>
    `);
    const card = wrapper.querySelector<TidbokClientCard>('tidbok-client-card')!;
    await waitUntil(() => card.shadowRoot!.querySelector('[role="alert"]'), 'an error is shown', { timeout: 8000 });
    expect(text(card.shadowRoot!.querySelector('[role="alert"]'))).to.not.equal('');
    expect((await staff(clinic, 'GET', '/clients/cli_nope/history')).status).to.equal(404);
  });
});

describe('the client card in <tidbok-admin>', () => {
  let clinic: Clinic;
  let klara: string;
  before(async () => {
    clinic = await seedClinic();
    klara = await seedKlara(clinic);
  });
  afterEach(() => setViewport({ width: 1366, height: 900 }));

  async function mountAdmin() {
    const el = await fixture<TidbokAdminElement>(
      html`<tidbok-admin api=${clinic.apiUrl} clinic=${clinic.slug} locale="sv" date=${firstWorkday(clinic)}></tidbok-admin>`,
    );
    el.token = clinic.adminToken;
    const calendar = await waitFor<HTMLElement>(el, 'tidbok-calendar');
    const picker = await waitFor<HTMLElement>(el, 'tidbok-client-picker');
    const search = picker.shadowRoot!.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    search.focus();
    setValue(search, 'Klara');
    await waitUntil(() => picker.shadowRoot!.querySelector('[role="option"]'), 'a match', { timeout: 8000 });
    picker.shadowRoot!.querySelector<HTMLElement>('[role="option"]')!.click();
    const open = await waitFor<HTMLButtonElement>(picker, '[data-action="open-card"]');
    return { el, calendar, open };
  }

  it('opens from the client search beside the calendar, which narrows and stays uncovered; Escape closes it and focus returns', async () => {
    await setViewport({ width: 1400, height: 900 });
    const { el, calendar, open } = await mountAdmin();
    const before = calendar.getBoundingClientRect();
    open.focus();
    open.click();
    const card = await waitFor<TidbokClientCard>(el, 'tidbok-client-card');
    await waitUntil(() => card.shadowRoot!.querySelector('[data-list="past"]'), 'the card is loaded', { timeout: 8000 });
    expect(text(card.shadowRoot!.querySelector('h2'))).to.contain('Klara Kortsson');
    const panel = el.shadowRoot!.querySelector('tidbok-client-panel')!.getBoundingClientRect();
    const after = calendar.getBoundingClientRect();
    expect(after.width).to.be.lessThan(before.width);
    // Side by side: the panel starts where the calendar ends.
    expect(panel.left).to.be.at.least(after.right);
    expect(panel.width).to.be.greaterThan(200);
    // Focus moved into the card (its Close button); Escape closes it and gives focus back.
    expect(deepActive()?.getAttribute('data-action')).to.equal('close');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.shadowRoot!.querySelector('tidbok-client-panel')!.hasAttribute('open'), 'closed');
    expect(deepActive()).to.equal(open);
    await waitUntil(() => Math.abs(calendar.getBoundingClientRect().width - before.width) < 1, 'the calendar takes its width back');
  });

  it('at a narrow width it lies over the page with a Close button that closes it', async () => {
    await setViewport({ width: 700, height: 900 });
    const { el, open } = await mountAdmin();
    open.focus();
    open.click();
    const card = await waitFor<TidbokClientCard>(el, 'tidbok-client-card');
    await waitUntil(() => card.shadowRoot!.querySelector('[data-list="past"]'), 'the card is loaded', { timeout: 8000 });
    const panel = el.shadowRoot!.querySelector('tidbok-client-panel')!;
    expect(getComputedStyle(panel).position).to.equal('fixed');
    card.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="close"]')!.click();
    await waitUntil(() => !panel.hasAttribute('open'), 'closed');
    expect(deepActive()).to.equal(open);
  });

  it('opens from a booking through tidbok-open-client', async () => {
    const { el } = await mountAdmin();
    const calendar = el.shadowRoot!.querySelector('tidbok-calendar')!;
    const { TidbokOpenClientEvent } = await import('./events.js');
    calendar.dispatchEvent(new TidbokOpenClientEvent({ clientId: klara }));
    const card = await waitFor<TidbokClientCard>(el, 'tidbok-client-card');
    expect(card.clientId).to.equal(klara);
    expect(deep(el, 'tidbok-client-panel')!.hasAttribute('open')).to.equal(true);
  });

  it('opens from a booking: the popup’s client has a Client card button', async () => {
    await setViewport({ width: 1400, height: 900 });
    const { el } = await mountAdmin();
    const calendar = el.shadowRoot!.querySelector('tidbok-calendar')!;
    const history = await staffOk<{ upcoming: { id: string }[] }>(clinic, 'GET', `/clients/${klara}/history`);
    const entry = await waitFor<HTMLElement>(calendar, `[data-entry-id="${history.upcoming[0]!.id}"]`);
    await click(calendar as TidbokCalendar, entry);
    const popup = await waitFor<HTMLElement>(calendar, 'tidbok-entry-popup');
    const button = await waitFor<HTMLButtonElement>(popup, '[data-action="open-card"]');
    button.focus();
    button.click();
    const card = await waitFor<TidbokClientCard>(el, 'tidbok-client-card');
    expect(card.clientId).to.equal(klara);
    await waitUntil(() => text(card.shadowRoot!.querySelector('h2')).includes('Klara Kortsson'), 'the card shows the booking’s client', { timeout: 8000 });
  });

  it('shows a change made in the calendar while it is open', async () => {
    const sam = await staffOk<{ id: string }>(clinic, 'POST', '/clients', { name: 'Sam Samuelsson' });
    const coming = await staffOk<{ id: string }>(clinic, 'POST', '/bookings', {
      clientId: sam.id,
      practitionerId: clinic.practitioners[0]!.id,
      treatmentTypeId: clinic.treatmentTypes[0]!.id,
      start: at(clinic, addLocalDays(firstWorkday(clinic), 2), '11:00'),
      confirmation: 'none',
    });
    const { el } = await mountAdmin();
    const calendar = el.shadowRoot!.querySelector('tidbok-calendar')!;
    const { TidbokOpenClientEvent } = await import('./events.js');
    calendar.dispatchEvent(new TidbokOpenClientEvent({ clientId: sam.id }));
    const card = await waitFor<TidbokClientCard>(el, 'tidbok-client-card');
    const late = () => text(card.shadowRoot!.querySelector('[data-count="late"] dd'));
    await waitUntil(() => late() === '0', 'the card is loaded', { timeout: 8000 });
    await staffOk(clinic, 'POST', `/bookings/${coming.id}/cancel`, { late: true });
    calendar.dispatchEvent(
      new CustomEvent('tidbok-calendar-change', { detail: { action: 'cancelled', kind: 'booking', id: coming.id }, bubbles: true, composed: true }),
    );
    await waitUntil(() => late() === '1', 'the late cancellation is counted', { timeout: 8000 });
  });
});
