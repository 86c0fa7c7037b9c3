import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TidbokAdminSettings } from '../admin-settings/admin-settings.js';
import type { TidbokAdminElement } from '../admin/admin.js';
import { type Clinic, firstWorkday, seedClinic, setValue, staffOk } from '../calendar/test-support.js';
import type { TidbokProvider } from '../provider/provider.js';
import type { TidbokAuditLog } from './audit-log.js';

async function mount<T extends HTMLElement>(clinic: Clinic, token: string, tag: 'tidbok-audit-log' | 'tidbok-admin-settings', locale = 'sv') {
  const wrapper = await fixture<TidbokProvider>(html`
    <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${token}>
      ${
        tag === 'tidbok-audit-log'
          ? html`<tidbok-audit-log locale=${locale}></tidbok-audit-log>`
          : html`<tidbok-admin-settings locale=${locale}></tidbok-admin-settings>`
      }
    </tidbok-provider>
  `);
  return wrapper.querySelector<T>(tag)!;
}

const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) => el.shadowRoot!.querySelector<T>(selector);

async function receptionToken(clinic: Clinic) {
  return (await staffOk<{ token: string }>(clinic, 'POST', '/staff', { name: 'Rut Reception', role: 'reception' })).token;
}

describe('<tidbok-audit-log>', () => {
  let clinic: Clinic;
  beforeEach(async () => {
    clinic = await seedClinic();
  });

  it('lists what staff did, newest first, filters by kind and says when there is nothing', async () => {
    await staffOk(clinic, 'POST', '/locations', { name: 'Rum 7' });
    await staffOk(clinic, 'PATCH', '/settings', { name: 'Lugna Rummet' });
    const el = await mount<TidbokAuditLog>(clinic, clinic.adminToken, 'tidbok-audit-log');
    // A loading state first, then the rows.
    await waitUntil(() => el.shadowRoot!.querySelectorAll('tbody tr').length === 2, 'the rows load', { timeout: 8000 });
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')].map((row) => row.textContent!.replace(/\s+/g, ' '));
    expect(rows[0]).to.contain('Administrator').and.contain('ändrade inställningar').and.contain('name');
    expect(rows[1]).to.contain('skapade plats');

    // Every kind the log records can be picked, template weeks and integration keys too.
    const kinds = [...$<HTMLSelectElement>(el, '#entity')!.options].map((o) => o.value);
    expect(kinds).to.include.members(['booking', 'staff', 'templateWeek', 'integrationKey']);
    setValue($<HTMLSelectElement>(el, '#entity')!, 'booking');
    await waitUntil(() => $(el, '[data-empty]'), 'the empty state');
    expect($(el, '[data-empty]')!.textContent).to.equal('Inga händelser av det slaget.');
  });

  it('tells a non-admin in place that only administrators read it', async () => {
    const el = await mount<TidbokAuditLog>(clinic, await receptionToken(clinic), 'tidbok-audit-log', 'en');
    await waitUntil(() => $(el, '[role="alert"]'), 'the refusal');
    expect($(el, '[role="alert"]')!.textContent).to.equal('Only administrators can read the log.');
    expect($(el, 'table')).to.equal(null);
  });
});

describe('the language of a box on its own', () => {
  it("follows the provider's locale when the box has none, as the other elements do", async () => {
    const clinic = await seedClinic();
    const wrapper = await fixture<TidbokProvider>(html`
      <tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} locale="en" .token=${await receptionToken(clinic)}>
        <tidbok-audit-log></tidbok-audit-log>
      </tidbok-provider>
    `);
    const el = wrapper.querySelector<TidbokAuditLog>('tidbok-audit-log')!;
    await waitUntil(() => $(el, '[role="alert"]'), 'the refusal');
    expect($(el, '[role="alert"]')!.textContent).to.equal('Only administrators can read the log.');
  });
});

describe('what a role sees', () => {
  let clinic: Clinic;
  before(async () => {
    clinic = await seedClinic();
  });

  it('the settings show the log to admins, and no settings, staff, webhooks or log to reception', async () => {
    const sections = async (token: string) => {
      const el = await mount<TidbokAdminSettings>(clinic, token, 'tidbok-admin-settings');
      await waitUntil(() => $(el, '[part~="nav"]'), 'the settings load', { timeout: 8000 });
      return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-section]')].map((b) => b.dataset.section);
    };
    expect(await sections(clinic.adminToken)).to.include.members(['modules', 'booking', 'staff', 'webhooks', 'auditLog']);
    expect(await sections(await receptionToken(clinic))).to.deep.equal(['treatmentTypes', 'practitioners', 'locations']);
  });

  it('an admin makes a reception member in the staff section', async () => {
    const el = await mount<TidbokAdminSettings>(clinic, clinic.adminToken, 'tidbok-admin-settings');
    el.section = 'staff';
    await waitUntil(() => $(el, '[data-action="add"]'), 'the staff section', { timeout: 8000 });
    $<HTMLButtonElement>(el, '[data-action="add"]')!.click();
    await el.updateComplete;
    const field = (label: string) => {
      const found = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.trim() === label)!;
      return el.shadowRoot!.getElementById(found.htmlFor) as HTMLInputElement | HTMLSelectElement;
    };
    setValue(field('Namn'), 'Rakel Reception');
    setValue(field('Roll'), 'reception');
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await waitUntil(() => $(el, '.token code'), 'the token is shown');
    expect($(el, 'tbody')!.textContent).to.contain('Rakel Reception').and.contain('Reception');
    const me = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/admin/me`, {
      headers: { authorization: `Bearer ${$(el, '.token code')!.textContent}` },
    });
    expect((await me.json()).staff.role).to.equal('reception');
  });

  it('<tidbok-admin> has no Settings tab for reception', async () => {
    const el = await fixture<TidbokAdminElement>(html`
      <tidbok-admin api=${clinic.apiUrl} clinic=${clinic.slug} locale="sv" date=${firstWorkday(clinic)}></tidbok-admin>
    `);
    el.token = await receptionToken(clinic);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[role="tab"]').length === 1, 'the Settings tab goes', { timeout: 8000 });
    expect(el.shadowRoot!.querySelector('[role="tab"]')!.textContent!.trim()).to.equal('Kalender');
    // Reception does desk work: the template weeks stay on offer.
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="template-weeks-toggle"]'), 'the template weeks', { timeout: 8000 });
  });

  it('<tidbok-admin> shows a practitioner neither Settings nor the template weeks', async () => {
    const anna = clinic.practitioners[0]!.id;
    const { token } = await staffOk<{ token: string }>(clinic, 'POST', '/staff', { name: 'Anna', role: 'practitioner', practitionerId: anna });
    const el = await fixture<TidbokAdminElement>(html`
      <tidbok-admin api=${clinic.apiUrl} clinic=${clinic.slug} locale="sv" date=${firstWorkday(clinic)}></tidbok-admin>
    `);
    el.token = token;
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[role="tab"]').length === 1, 'the Settings tab goes', { timeout: 8000 });
    await waitUntil(() => el.shadowRoot!.querySelector('tidbok-calendar'), 'the calendar');
    expect(el.shadowRoot!.querySelector('[part~="template-weeks-toggle"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('tidbok-template-weeks')).to.equal(null);
  });
});
