import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TidbokProvider } from '../provider/provider.js';
import { type Clinic, seedClinic, staffOk } from '../calendar/test-support.js';
import type { TidbokBusyCalendar } from './busy-calendar.js';

async function mount(clinic: Clinic, practitioner: { id: string; name: string }, locale = 'sv') {
  const wrapper = await fixture<TidbokProvider>(html`
    <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${clinic.adminToken}>
      <tidbok-busy-calendar locale=${locale} practitioner-id=${practitioner.id} practitioner-name=${practitioner.name}></tidbok-busy-calendar>
    </tidbok-provider>
  `);
  const el = wrapper.querySelector<TidbokBusyCalendar>('tidbok-busy-calendar')!;
  await waitUntil(() => el.shadowRoot!.querySelector('[data-state]'), 'the status loads', { timeout: 8000 });
  return el;
}

const $ = <T extends Element = HTMLElement>(el: TidbokBusyCalendar, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const status = (clinic: Clinic, id: string) => staffOk<{ configured: boolean; showTitles: boolean }>(clinic, 'GET', `/practitioners/${id}/busy-calendar`);

async function submit(el: TidbokBusyCalendar, url: string, showTitles = false) {
  $<HTMLInputElement>(el, '#busy-url')!.value = url;
  $<HTMLInputElement>(el, 'input[name="showTitles"]')!.checked = showTitles;
  $<HTMLButtonElement>(el, '[data-action="save"]')!.click();
}

// The browser test server keeps the default outbound rules: private addresses are refused, and
// a name that does not resolve is saved and shown as failing.
describe('<tidbok-busy-calendar>', () => {
  let clinic: Clinic;
  before(async () => {
    clinic = await seedClinic();
  });

  it('sets an address, shows how the read went, and removes it after asking', async () => {
    const anna = clinic.practitioners[0]!;
    const el = await mount(clinic, anna);
    expect($(el, '[data-state]')!.textContent).to.equal('Ingen kalender är inlagd.');
    expect($(el, '.hint')!.textContent).to.contain(anna.name);

    await submit(el, 'https://127.0.0.1/private.ics');
    await waitUntil(() => $(el, '[role="alert"]'), 'the refusal is shown');
    expect((await status(clinic, anna.id)).configured).to.equal(false);

    await submit(el, 'webcal://calendar.invalid/basic.ics', true);
    await waitUntil(() => $(el, '[data-state="configured"]'), 'it is saved', { timeout: 20000 });
    expect($(el, '[data-state="configured"]')!.textContent).to.contain('Kalender på calendar.invalid.');
    expect($(el, '[data-state="configured"]')!.textContent).to.contain('Kalendern har inte kunnat läsas än.');
    expect($(el, '[data-state="failed"]')!.textContent).to.contain('Senaste läsningen misslyckades:');
    expect($(el, '#busy-url')).to.equal(null); // never shown again
    expect(await status(clinic, anna.id)).to.include({ configured: true, showTitles: true });

    $<HTMLButtonElement>(el, '[data-action="refresh"]')!.click();
    await waitUntil(() => $(el, '[role="alert"]'), 'the failed read is shown', { timeout: 20000 });

    $<HTMLButtonElement>(el, '[data-action="remove"]')!.click();
    await el.updateComplete;
    expect($(el, '#confirm-remove')!.textContent).to.contain('Ta bort kalendern?');
    $<HTMLButtonElement>(el, '[data-action="confirm-remove"]')!.click();
    await waitUntil(() => $(el, '[role="status"]')?.textContent === 'Kalendern är borttagen.', 'it says the calendar is gone');
    expect((await status(clinic, anna.id)).configured).to.equal(false);
    expect($(el, '#busy-url')).to.not.equal(null);
  });
});
