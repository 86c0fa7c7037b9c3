import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { TidbokProvider } from '../provider/provider.js';
import { type Clinic, seedClinic, setValue, staffOk } from '../calendar/test-support.js';
import type { SettingsSection, TidbokAdminSettings } from './admin-settings.js';

async function mount(clinic: Clinic, section: SettingsSection) {
  const wrapper = await fixture<TidbokProvider>(html`
    <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${clinic.adminToken}>
      <tidbok-admin-settings locale="sv" section=${section}></tidbok-admin-settings>
    </tidbok-provider>
  `);
  const el = wrapper.querySelector<TidbokAdminSettings>('tidbok-admin-settings')!;
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="section"]'), 'the settings load', { timeout: 8000 });
  return el;
}

const $ = <T extends Element = HTMLElement>(el: TidbokAdminSettings, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const fieldByLabel = <T extends HTMLElement = HTMLInputElement>(el: TidbokAdminSettings, label: string): T => {
  const found = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.trim() === label);
  if (!found) throw new Error(`no field ${label}`);
  return (found.htmlFor ? el.shadowRoot!.getElementById(found.htmlFor) : found.querySelector('input')) as T;
};

describe('<tidbok-admin-settings>', () => {
  let clinic: Clinic;
  before(async () => {
    clinic = await seedClinic();
  });

  it('turns the booking module off and on', async () => {
    const el = await mount(clinic, 'modules');
    const box = $<HTMLInputElement>(el, '#module-booking');
    expect(box.checked).to.equal(true);
    const changed = oneEvent(el, 'tidbok-settings-change');
    box.click();
    expect((await changed).detail.section).to.equal('modules');
    expect((await staffOk<{ modules: { booking: boolean } }>(clinic, 'GET', '/settings')).modules.booking).to.equal(false);
    await el.updateComplete;
    const again = oneEvent(el, 'tidbok-settings-change');
    $<HTMLInputElement>(el, '#module-booking').click();
    await again;
    expect((await staffOk<{ modules: { booking: boolean } }>(clinic, 'GET', '/settings')).modules.booking).to.equal(true);
  });

  it('saves booking settings', async () => {
    const el = await mount(clinic, 'booking');
    const margin = fieldByLabel(el, 'Avbokningsmarginal (timmar)');
    expect(margin.value).to.equal('24');
    setValue(margin, '48');
    setValue(fieldByLabel<HTMLSelectElement>(el, 'Personnummer vid bokning'), 'optional');
    const saved = oneEvent(el, 'tidbok-settings-change');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await saved;
    const settings = await staffOk<{ booking: { cancellationWindowHours: number; personalNumber: string } }>(clinic, 'GET', '/settings');
    expect(settings.booking).to.include({ cancellationWindowHours: 48, personalNumber: 'optional' });
  });

  it('saves the SMS countries and limits, and shows how much of the budget is used', async () => {
    const el = await mount(clinic, 'booking');
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="sms-budget"]'), 'the budget is shown');
    expect($(el, '[part~="sms-budget"]').textContent).to.contain('0 av 20 senaste timmen').and.contain('Landsnummer: +46');
    const countries = fieldByLabel(el, 'SMS-länder (landsnummer)');
    expect(countries.value).to.equal('');
    setValue(countries, '46, +47');
    setValue(fieldByLabel(el, 'SMS till nya nummer per timme'), '5');
    setValue(fieldByLabel(el, 'SMS till nya nummer per dygn'), '20');
    const saved = oneEvent(el, 'tidbok-settings-change');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await saved;
    const settings = await staffOk<{ booking: { smsCountries: string[]; smsNewNumbersPerHour: number; smsNewNumbersPerDay: number } }>(
      clinic,
      'GET',
      '/settings',
    );
    expect(settings.booking.smsCountries).to.deep.equal(['+46', '+47']);
    expect(settings.booking).to.include({ smsNewNumbersPerHour: 5, smsNewNumbersPerDay: 20 });
    await waitUntil(() => $(el, '[part~="sms-budget"]').textContent!.includes('0 av 5'), 'the budget follows the setting');
    // Back to the clinic's own country.
    setValue(fieldByLabel(el, 'SMS-länder (landsnummer)'), '');
    const again = oneEvent(el, 'tidbok-settings-change');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await again;
    expect((await staffOk<{ booking: { smsCountries: string[] | null } }>(clinic, 'GET', '/settings')).booking.smsCountries).to.equal(null);
  });

  it('adds a treatment type with its calendar colour', async () => {
    const el = await mount(clinic, 'treatmentTypes');
    expect(el.shadowRoot!.querySelector('tbody')!.textContent).to.contain('Samtal');
    $<HTMLButtonElement>(el, '[data-action="add"]').click();
    await el.updateComplete;
    setValue(fieldByLabel(el, 'Namn'), 'Parsamtal');
    setValue(fieldByLabel(el, 'Längd i kalendern (minuter)'), '90');
    setValue(fieldByLabel(el, 'Tid med klienten (minuter)'), '80');
    setValue(fieldByLabel(el, 'Färg i kalendern'), '#aa3377');
    setValue(fieldByLabel(el, 'Pris (SEK)'), '1400');
    const saved = oneEvent(el, 'tidbok-settings-change');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await saved;
    const { treatmentTypes } = await staffOk<{
      treatmentTypes: { name: string; color: string; durationMinutes: number; clientMinutes: number; priceCents: number }[];
    }>(clinic, 'GET', '/treatment-types');
    expect(treatmentTypes.find((tt) => tt.name === 'Parsamtal')).to.include({ color: '#aa3377', durationMinutes: 90, clientMinutes: 80, priceCents: 140000 });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Sparat.');
  });

  it("changes a practitioner's own treatment types", async () => {
    const el = await mount(clinic, 'practitioners');
    const erik = clinic.practitioners[1]!;
    el.shadowRoot!.querySelector<HTMLButtonElement>(`button[aria-label="Ändra ${erik.name}"]`)!.click();
    await el.updateComplete;
    const samtal = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('fieldset input[type="checkbox"]')].find((b) =>
      b.closest('label')!.textContent!.includes('Samtal'),
    )!;
    expect(samtal.checked).to.equal(false);
    samtal.click();
    const saved = oneEvent(el, 'tidbok-settings-change');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await saved;
    const stored = await staffOk<{ treatmentTypeIds: string[] }>(clinic, 'GET', `/practitioners/${erik.id}`);
    expect(stored.treatmentTypeIds).to.include(clinic.treatmentTypes[0]!.id);
  });

  it('adds a location and deletes it after asking', async () => {
    const el = await mount(clinic, 'locations');
    $<HTMLButtonElement>(el, '[data-action="add"]').click();
    await el.updateComplete;
    setValue(fieldByLabel(el, 'Namn'), 'Filialen');
    let saved = oneEvent(el, 'tidbok-settings-change');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await saved;
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Ändra Filialen"]')!.click();
    await el.updateComplete;
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.danger')].find((b) => b.textContent!.trim() === 'Ta bort')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Ta bort Filialen?');
    saved = oneEvent(el, 'tidbok-settings-change');
    $<HTMLButtonElement>(el, '[data-action="confirm-delete"]').click();
    await saved;
    const { locations } = await staffOk<{ locations: { name: string }[] }>(clinic, 'GET', '/locations');
    expect(locations.map((l) => l.name)).not.to.include('Filialen');
  });

  it('creates a staff member and shows the token once', async () => {
    const el = await mount(clinic, 'staff');
    $<HTMLButtonElement>(el, '[data-action="add"]').click();
    await el.updateComplete;
    setValue(fieldByLabel(el, 'Namn'), 'Petra Personal');
    setValue(fieldByLabel<HTMLSelectElement>(el, 'Roll'), 'practitioner');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.token code'), 'the token is shown');
    const token = el.shadowRoot!.querySelector('.token code')!.textContent!;
    expect(el.shadowRoot!.querySelector('.token')!.textContent).to.contain('visas bara den här gången');
    // The new token works.
    const res = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/admin/calendar?from=2030-01-01&to=2030-01-02`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).to.equal(200);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('tbody')!.textContent).to.contain('Petra Personal');
  });

  it("changes a person's role, invites them by e-mail and removes them after asking", async () => {
    const created = await staffOk<{ staff: { id: string } }>(clinic, 'POST', '/staff', { name: 'Rita Reception', role: 'practitioner' });
    const el = await mount(clinic, 'staff');
    const button = (label: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;
    // No address yet: the invitation says what is missing rather than failing.
    button('Bjud in Rita Reception').click();
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Ange en e-postadress för Rita Reception först'), 'the missing address');

    button('Ändra Rita Reception').click();
    await el.updateComplete;
    setValue(fieldByLabel(el, 'E-post'), 'rita@example.com');
    setValue(fieldByLabel<HTMLSelectElement>(el, 'Roll'), 'reception');
    let saved = oneEvent(el, 'tidbok-settings-change');
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await saved;
    const stored = await staffOk<{ role: string; email: string }>(clinic, 'GET', `/staff/${created.staff.id}`);
    expect(stored).to.include({ role: 'reception', email: 'rita@example.com' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('tbody')!.textContent).to.contain('Reception');

    button('Bjud in Rita Reception').click();
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Inbjudan skickad till rita@example.com'), 'the invitation sent');

    button('Ändra Rita Reception').click();
    await el.updateComplete;
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.danger')].find((b) => b.textContent!.trim() === 'Ta bort')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Ta bort Rita Reception?');
    saved = oneEvent(el, 'tidbok-settings-change');
    $<HTMLButtonElement>(el, '[data-action="confirm-delete"]').click();
    await saved;
    expect(el.shadowRoot!.textContent).to.contain('Rita Reception är borttagen');
    const { staff } = await staffOk<{ staff: { id: string }[] }>(clinic, 'GET', '/staff');
    expect(staff.map((s) => s.id)).not.to.include(created.staff.id);
  });

  it('says in place when a required field is empty', async () => {
    const el = await mount(clinic, 'locations');
    $<HTMLButtonElement>(el, '[data-action="add"]').click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, 'button[type="submit"]').click();
    await el.updateComplete;
    const name = fieldByLabel(el, 'Namn');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.getElementById(name.getAttribute('aria-describedby')!.split(' ').pop()!)!.textContent).to.equal('Skriv ett namn.');
  });

  it('is accessible in every section', async () => {
    const el = await mount(clinic, 'modules');
    for (const section of ['modules', 'booking', 'treatmentTypes', 'practitioners', 'locations', 'staff']) {
      el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-section="${section}"]`)!.click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    }
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-section="treatmentTypes"]')!.click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label^="Ändra"]')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
