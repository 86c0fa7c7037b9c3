import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { TidbokProvider } from '../provider/provider.js';
import { type Clinic, seedClinic, setValue, staffOk } from '../calendar/test-support.js';
import type { TidbokAdminSettings } from './admin-settings.js';
import type { TidbokCalendarSubscription } from './calendar-subscription.js';

async function mount(clinic: Clinic, practitioner: { id: string; name: string }, locale = 'sv') {
  const wrapper = await fixture<TidbokProvider>(html`
    <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${clinic.adminToken}>
      <tidbok-calendar-subscription locale=${locale} practitioner-id=${practitioner.id} practitioner-name=${practitioner.name}></tidbok-calendar-subscription>
    </tidbok-provider>
  `);
  const el = wrapper.querySelector<TidbokCalendarSubscription>('tidbok-calendar-subscription')!;
  await waitUntil(() => el.shadowRoot!.querySelector('[data-action="create"]'), 'the status loads', { timeout: 8000 });
  return el;
}

const $ = <T extends Element = HTMLElement>(el: TidbokCalendarSubscription, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const status = (clinic: Clinic, id: string) => staffOk<{ active: boolean }>(clinic, 'GET', `/practitioners/${id}/calendar-feed`);

describe('<tidbok-calendar-subscription>', () => {
  let clinic: Clinic;
  before(async () => {
    clinic = await seedClinic();
  });

  it('makes an address, shows it once with a webcal link, replaces it, and removes it after asking', async () => {
    const anna = clinic.practitioners[0]!;
    const el = await mount(clinic, anna);
    expect($(el, '[data-state]')!.textContent).to.equal('Ingen adress är skapad.');
    expect($(el, '[data-action="revoke"]')).to.equal(null);

    $<HTMLButtonElement>(el, '[data-action="create"]')!.click();
    await waitUntil(() => $(el, '#feed-url'), 'the address is shown');
    const first = $<HTMLInputElement>(el, '#feed-url')!.value;
    expect(first).to.match(/\/feeds\/cal_[A-Za-z0-9_-]{43}\.ics$/);
    expect($<HTMLAnchorElement>(el, '[data-action="webcal"]')!.getAttribute('href')).to.equal(first.replace(/^https?:\/\//, 'webcal://'));
    expect($(el, '[data-state]')!.getAttribute('data-state')).to.equal('active');
    expect((await status(clinic, anna.id)).active).to.equal(true);

    $<HTMLButtonElement>(el, '[data-action="create"]')!.click();
    await waitUntil(() => $<HTMLInputElement>(el, '#feed-url')!.value !== first, 'a new address replaces it');

    // Shown once: a fresh element knows there is an address, not what it is.
    const again = await mount(clinic, anna, 'en');
    expect($(again, '[data-state]')!.textContent).to.contain('An address was made on');
    expect($(again, '#feed-url')).to.equal(null);

    $<HTMLButtonElement>(el, '[data-action="revoke"]')!.click();
    await el.updateComplete;
    expect($(el, '#confirm-revoke')!.textContent).to.contain('Ta bort adressen?');
    expect((await status(clinic, anna.id)).active).to.equal(true);
    $<HTMLButtonElement>(el, '[data-action="confirm-revoke"]')!.click();
    await waitUntil(() => $(el, '[role="status"]')?.textContent === 'Adressen är borttagen.', 'it says the address is gone');
    expect($(el, '#feed-url')).to.equal(null);
    expect((await status(clinic, anna.id)).active).to.equal(false);
  });

  it("sits under a practitioner's editor in the settings, and the clinic turns names in feeds on there", async () => {
    const wrapper = await fixture<TidbokProvider>(html`
      <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${clinic.adminToken}>
        <tidbok-admin-settings locale="sv" section="practitioners"></tidbok-admin-settings>
      </tidbok-provider>
    `);
    const settings = wrapper.querySelector<TidbokAdminSettings>('tidbok-admin-settings')!;
    await waitUntil(() => settings.shadowRoot!.querySelector('[part~="section"] table'), 'the practitioners load', { timeout: 8000 });
    const erik = clinic.practitioners[1]!;
    settings.shadowRoot!.querySelector<HTMLButtonElement>(`button[aria-label="Ändra ${erik.name}"]`)!.click();
    await settings.updateComplete;
    const feed = settings.shadowRoot!.querySelector<TidbokCalendarSubscription>('tidbok-calendar-subscription')!;
    expect(feed.practitionerId).to.equal(erik.id);
    await waitUntil(() => feed.shadowRoot!.querySelector('[data-action="create"]'), 'its status loads');
    expect(feed.shadowRoot!.querySelector('.hint')!.textContent).to.contain(erik.name);

    settings.shadowRoot!.querySelector<HTMLButtonElement>('nav [data-section="booking"]')!.click();
    await settings.updateComplete;
    const box = [...settings.shadowRoot!.querySelectorAll('label')]
      .find((l) => l.textContent!.includes('Visa klienters namn i kalenderprenumerationer'))!
      .querySelector('input')!;
    expect(box.checked).to.equal(false);
    box.click();
    // Another field changed after it, as staff would: the box keeps its value through that.
    const margin = [...settings.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.trim() === 'Avbokningsmarginal (timmar)')!;
    setValue(settings.shadowRoot!.getElementById(margin.htmlFor) as HTMLInputElement, '36');
    const saved = oneEvent(settings, 'tidbok-settings-change');
    settings.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await saved;
    const stored = await staffOk<{ booking: { calendarFeedClientNames: boolean; cancellationWindowHours: number } }>(clinic, 'GET', '/settings');
    expect(stored.booking).to.include({ calendarFeedClientNames: true, cancellationWindowHours: 36 });
  });
});
