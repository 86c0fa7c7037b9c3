import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TidbokProvider } from '../provider/provider.js';
import { type Clinic, seedClinic, setValue, staffOk } from '../calendar/test-support.js';
import type { TidbokClientPicker } from './client-picker.js';

async function mount(clinic: Clinic, allowNew = true) {
  const wrapper = await fixture<TidbokProvider>(html`
    <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${clinic.adminToken}>
      <tidbok-client-picker label="Klient" ?allow-new=${allowNew}></tidbok-client-picker>
    </tidbok-provider>
  `);
  const el = wrapper.querySelector<TidbokClientPicker>('tidbok-client-picker')!;
  await el.updateComplete;
  return el;
}

describe('<tidbok-client-picker>', () => {
  let clinic: Clinic;
  before(async () => {
    clinic = await seedClinic();
    for (const client of [
      { name: 'Maria Svensson', email: 'maria@example.se', phone: '070-123 45 67' },
      { name: 'Mats Holm', email: 'mats@example.se' },
      { name: 'Lena Berg', phone: '073-555 12 34' },
    ]) {
      await staffOk(clinic, 'POST', '/clients', client);
    }
  });

  it('searches as you type and chooses a client with the keyboard (combobox pattern)', async () => {
    const el = await mount(clinic);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    expect(el.shadowRoot!.querySelector(`label[for="${input.id}"]`)!.textContent).to.equal('Klient');
    input.focus();
    await sendKeys({ type: 'Ma' });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[role="option"]').length === 2, 'two matches');
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    const options = [...el.shadowRoot!.querySelectorAll('[role="option"]')].map((o) => o.textContent!.replace(/\s+/g, ' ').trim());
    expect(options.join(' | ')).to.contain('Maria Svensson').and.contain('Mats Holm');
    await sendKeys({ press: 'ArrowDown' });
    const activeId = input.getAttribute('aria-activedescendant')!;
    const active = el.shadowRoot!.getElementById(activeId)!;
    expect(active.getAttribute('aria-selected')).to.equal('true');
    const changed = oneEvent(el, 'tidbok-client-change');
    await sendKeys({ press: 'Enter' });
    const { detail } = await changed;
    expect(detail.newClient).to.equal(null);
    expect(active.textContent).to.contain(detail.client!.name);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="card"]')!.textContent).to.contain(detail.client!.name);
    expect(el.shadowRoot!.querySelector('[data-action="change"]')!.textContent!.trim()).to.equal('Byt klient');
  });

  it('says when nothing matches', async () => {
    const el = await mount(clinic);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    input.focus();
    setValue(input, 'Zzz');
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Ingen klient hittades.'), 'the empty answer is shown');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
  });

  it('"Change client" → "Add new client" checks the form and gives a new client', async () => {
    const el = await mount(clinic);
    el.client = { id: 'cl_x', name: 'Lena Berg', email: null, phone: '073-555 12 34', personalNumber: null, isTest: false, createdAt: '', updatedAt: '' };
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="change"]')!.click();
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    setValue(input, 'Nils Ny');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="new"]')!.click();
    await el.updateComplete;
    const name = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="name"]')!;
    expect(name.value).to.equal('Nils Ny');
    setValue(el.shadowRoot!.querySelector<HTMLInputElement>('input[name="email"]')!, 'inte-en-adress');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="use"]')!.click();
    await el.updateComplete;
    const email = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="email"]')!;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.getElementById(email.getAttribute('aria-describedby')!)!.textContent).to.equal('Skriv en giltig e-postadress.');
    setValue(email, 'nils@example.se');
    const changed = oneEvent(el, 'tidbok-client-change');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="use"]')!.click();
    expect((await changed).detail).to.deep.equal({ client: null, newClient: { name: 'Nils Ny', email: 'nils@example.se' } });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="card"]')!.textContent).to.contain('Ny klient');
  });

  it('is accessible while searching and while adding a client', async () => {
    const el = await mount(clinic);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    input.focus();
    setValue(input, 'M');
    await waitUntil(() => el.shadowRoot!.querySelector('[role="option"]'), 'matches');
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="new"]')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
