import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TidbokAdminSettings } from '../admin-settings/admin-settings.js';
import { book, type Clinic, firstWorkday, seedClinic, setValue, staffOk } from '../calendar/test-support.js';
import type { TidbokProvider } from '../provider/provider.js';
import type { TidbokWebhooksSettings } from './webhooks-settings.js';

async function mount(clinic: Clinic, locale = 'sv') {
  const wrapper = await fixture<TidbokProvider>(html`
    <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${clinic.adminToken}>
      <tidbok-webhooks-settings locale=${locale}></tidbok-webhooks-settings>
    </tidbok-provider>
  `);
  const el = wrapper.querySelector<TidbokWebhooksSettings>('tidbok-webhooks-settings')!;
  await waitUntil(() => el.shadowRoot!.querySelector('[data-action="add"]'), 'the list loads', { timeout: 8000 });
  return el;
}

const $ = <T extends Element = HTMLElement>(el: TidbokWebhooksSettings, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const click = (el: TidbokWebhooksSettings, selector: string) => $<HTMLButtonElement>(el, selector)!.click();
type Listed = { webhooks: { id: string; url: string; enabled: boolean; events: string[]; includeClientData: boolean }[] };

describe('<tidbok-webhooks-settings>', () => {
  let clinic: Clinic;
  beforeEach(async () => {
    clinic = await seedClinic();
  });

  it('registers an endpoint, shows its secret once, switches it off and on, and deletes it after asking', async () => {
    const el = await mount(clinic);
    expect($(el, '[data-empty]')!.textContent).to.equal('Inga webhooks är registrerade.');

    click(el, '[data-action="add"]');
    await el.updateComplete;
    setValue($<HTMLInputElement>(el, '#webhook-url')!, 'https://hooks.example.com/tidbok');
    // Every event is chosen at first; leave out client.updated and ask for client data.
    $<HTMLInputElement>(el, 'input[value="client.updated"]')!.click();
    $<HTMLInputElement>(el, 'input[name="includeClientData"]')!.click();
    click(el, '[data-form="new"] button[type="submit"]');
    await waitUntil(() => $(el, '[data-secret]'), 'the secret is shown');
    expect($(el, '[data-secret]')!.textContent).to.match(/^whsec_[A-Za-z0-9+/]+=*$/);

    const { webhooks } = await staffOk<Listed>(clinic, 'GET', '/webhooks');
    expect(webhooks).to.have.length(1);
    expect(webhooks[0]!.url).to.equal('https://hooks.example.com/tidbok');
    expect(webhooks[0]!.events).to.not.include('client.updated');
    expect(webhooks[0]!.events).to.include('booking.created');
    expect(webhooks[0]!.includeClientData).to.equal(true);
    const id = webhooks[0]!.id;
    // The list is read again after the endpoint is made: wait for it, not for a time.
    await waitUntil(() => $(el, `[data-endpoint="${id}"]`), 'the endpoint is listed');
    expect($(el, `[data-endpoint="${id}"]`)!.getAttribute('data-state')).to.equal('ok');
    expect($(el, `[data-endpoint="${id}"] .badge`)!.textContent).to.equal('Fungerar');

    // Shown once: a fresh element lists the endpoint, never its secret.
    const again = await mount(clinic, 'en');
    await waitUntil(() => $(again, `[data-endpoint="${id}"]`), 'the endpoint is listed');
    expect($(again, '[data-secret]')).to.equal(null);
    expect($(again, `[data-endpoint="${id}"] .badge`)!.textContent).to.equal('Working');

    click(el, '[data-action="dismiss"]');
    click(el, '[data-action="disable"]');
    await waitUntil(() => $<HTMLButtonElement>(el, '[data-action="enable"]')?.disabled === false, 'it is switched off');
    expect($(el, `[data-endpoint="${id}"]`)!.getAttribute('data-state')).to.equal('disabled');
    expect((await staffOk<Listed>(clinic, 'GET', '/webhooks')).webhooks[0]!.enabled).to.equal(false);
    click(el, '[data-action="enable"]');
    await waitUntil(() => $<HTMLButtonElement>(el, '[data-action="disable"]')?.disabled === false, 'it is on again');
    expect($(el, `[data-endpoint="${id}"]`)!.getAttribute('data-state')).to.equal('ok');

    click(el, '[data-action="remove"]');
    await el.updateComplete;
    expect($(el, `#confirm-${id}`)!.textContent).to.contain('Ta bort webhooken till https://hooks.example.com/tidbok?');
    expect((await staffOk<Listed>(clinic, 'GET', '/webhooks')).webhooks).to.have.length(1);
    click(el, '[data-action="confirm-remove"]');
    await waitUntil(() => $(el, '[data-empty]'), 'the list is empty');
    expect((await staffOk<Listed>(clinic, 'GET', '/webhooks')).webhooks).to.have.length(0);
  });

  it('says in place why an address is refused', async () => {
    const el = await mount(clinic, 'en');
    click(el, '[data-action="add"]');
    await el.updateComplete;
    setValue($<HTMLInputElement>(el, '#webhook-url')!, 'https://127.0.0.1/hook');
    click(el, '[data-form="new"] button[type="submit"]');
    await waitUntil(() => $(el, '[role="alert"]'), 'the error is shown');
    expect($(el, '[role="alert"]')!.textContent).to.contain('private or local network');
    expect($(el, '[data-secret]')).to.equal(null);
  });

  it('shows deliveries waiting and sends one again', async () => {
    const made = await staffOk<{ id: string }>(clinic, 'POST', '/webhooks', { url: 'https://hooks.example.com/x', events: ['booking.created'] });
    await book(clinic, { date: firstWorkday(clinic), start: '09:00' });
    const el = await mount(clinic);
    await waitUntil(() => $(el, `[data-endpoint="${made.id}"]`), 'the endpoint is listed');
    click(el, '[data-action="details"]');
    await waitUntil(() => $(el, '[data-table="deliveries"] [data-delivery]'), 'the deliveries load');
    const row = $(el, '[data-table="deliveries"] [data-delivery]')!;
    expect(row.getAttribute('data-status')).to.equal('pending');
    expect(row.textContent).to.contain('Bokning skapad');
    // The button is usable once the details have finished loading.
    await waitUntil(() => !$<HTMLButtonElement>(el, '[data-action="resend"]')!.disabled, 'the details have loaded');
    click(el, '[data-action="resend"]');
    await waitUntil(() => $(el, '[role="status"]')?.textContent === 'Skickas igen inom några sekunder.', 'it says it is queued', { timeout: 4000 });
  });

  it('is a section of the settings screen', async () => {
    const wrapper = await fixture<TidbokProvider>(html`
      <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${clinic.adminToken}>
        <tidbok-admin-settings locale="sv"></tidbok-admin-settings>
      </tidbok-provider>
    `);
    const settings = wrapper.querySelector<TidbokAdminSettings>('tidbok-admin-settings')!;
    await waitUntil(() => settings.shadowRoot!.querySelector('[data-section="webhooks"]'), 'the settings load', { timeout: 8000 });
    settings.shadowRoot!.querySelector<HTMLButtonElement>('[data-section="webhooks"]')!.click();
    await settings.updateComplete;
    expect(settings.shadowRoot!.querySelector('#section-title')!.textContent).to.equal('Webhooks');
    const inner = settings.shadowRoot!.querySelector<TidbokWebhooksSettings>('tidbok-webhooks-settings')!;
    await waitUntil(() => inner.shadowRoot!.querySelector('[data-action="add"]'), 'the webhooks load');
  });
});
