import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { type Clinic, seedClinic, setValue, staff, staffOk } from '../calendar/test-support.js';
import type { TidbokProvider } from '../provider/provider.js';
import type { TidbokIntegrationKeys } from './integration-keys.js';
import type { TidbokStaffAccess } from './staff-access.js';

async function mount<T extends HTMLElement>(clinic: Clinic, tag: 'tidbok-integration-keys' | 'tidbok-staff-access', token = clinic.adminToken) {
  const wrapper = await fixture<TidbokProvider>(
    tag === 'tidbok-integration-keys'
      ? html`<tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${token}
          ><tidbok-integration-keys locale="sv"></tidbok-integration-keys
        ></tidbok-provider>`
      : html`<tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} .token=${token}
          ><tidbok-staff-access locale="en"></tidbok-staff-access
        ></tidbok-provider>`,
  );
  return wrapper.querySelector<T>(tag)!;
}

const $ = <T extends Element = HTMLElement>(el: HTMLElement, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const click = (el: HTMLElement, selector: string) => $<HTMLButtonElement>(el, selector)!.click();

async function handshake(clinic: Clinic, key: string, email: string) {
  const res = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/staff-sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  return { status: res.status, token: ((await res.json()) as { token?: string }).token ?? '' };
}

describe('<tidbok-integration-keys>', () => {
  let clinic: Clinic;
  before(async () => {
    clinic = await seedClinic();
    await staffOk(clinic, 'POST', '/staff', { name: 'Rita', role: 'reception', email: 'rita@example.se' });
  });

  it('creates a key shown once with a copy button, lists it with its last use, and revokes it after asking', async () => {
    const el = await mount<TidbokIntegrationKeys>(clinic, 'tidbok-integration-keys');
    await waitUntil(() => $(el, `[data-action="create"]:not([disabled])`), 'the box loads', { timeout: 8000 });
    setValue($<HTMLInputElement>(el, '#key-name')!, 'Intranätet');
    click(el, '[data-action="create"]');
    await waitUntil(() => $(el, '#new-key'), 'the key is shown');
    const key = $<HTMLInputElement>(el, '#new-key')!.value;
    expect(key).to.match(/^tik_/);
    expect($(el, '[data-action="copy"]')).to.not.equal(null);
    // The list is read again after the key is made: wait for it, not for a time.
    await waitUntil(() => $(el, 'tbody')?.textContent?.includes('Intranätet'), 'the key is listed');
    expect($(el, 'tbody')!.textContent).to.contain('Aldrig');
    expect((await handshake(clinic, key, 'rita@example.se')).status).to.equal(201);

    click(el, '[data-action="done"]');
    await el.updateComplete;
    expect($(el, '#new-key')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.not.contain(key);

    click(el, '[data-action="revoke"]');
    await el.updateComplete;
    expect($(el, '#confirm-revoke-key')!.textContent).to.contain('Intranätet');
    click(el, '[data-action="confirm-revoke"]');
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Inga integrationsnycklar.'), 'the list is empty');
    expect((await handshake(clinic, key, 'rita@example.se')).status).to.equal(401);
  });

  it('shows nothing to staff who are not admins', async () => {
    const rita = (await staffOk<{ token: string }>(clinic, 'POST', '/staff', { name: 'Rita 2', role: 'reception' })).token;
    const el = await mount<TidbokIntegrationKeys>(clinic, 'tidbok-integration-keys', rita);
    await waitUntil(() => !(el as unknown as { busy: boolean }).busy && el.shadowRoot!.childElementCount === 0, 'nothing shown', { timeout: 8000 });
    expect($(el, 'section')).to.equal(null);
  });
});

describe('<tidbok-staff-access>', () => {
  let clinic: Clinic;
  let key: string;
  before(async () => {
    clinic = await seedClinic();
    await staffOk(clinic, 'POST', '/staff', { name: 'Pia Reception', role: 'reception', email: 'pia@example.se' });
    key = (await staffOk<{ key: string }>(clinic, 'POST', '/integration-keys', { name: 'Intranät' })).key;
  });

  it("lists the person's sessions, ends one, and logs out everywhere", async () => {
    const a = await handshake(clinic, key, 'pia@example.se');
    const b = await handshake(clinic, key, 'pia@example.se');
    const el = await mount<TidbokStaffAccess>(clinic, 'tidbok-staff-access', a.token);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[data-session-id]').length === 2, 'two sessions', { timeout: 8000 });
    // Not an admin: no choice of person.
    expect($(el, '#person')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain('(this one)');
    const other = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-session-id]')].find((row) => !row.textContent!.includes('(this one)'))!;
    other.querySelector<HTMLButtonElement>('[data-action="end-session"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[data-session-id]').length === 1, 'one session left');
    expect((await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/admin/me/sessions`, { headers: { authorization: `Bearer ${b.token}` } })).status).to.equal(
      401,
    );

    click(el, '[data-action="end-all"]');
    await el.updateComplete;
    const loggedOut = new Promise((resolve) => el.addEventListener('tidbok-logged-out', resolve, { once: true }));
    click(el, '[data-action="confirm"]');
    await loggedOut;
    expect((await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/admin/me/sessions`, { headers: { authorization: `Bearer ${a.token}` } })).status).to.equal(
      401,
    );
  });

  it('creates a personal token shown once, and revokes it after asking', async () => {
    const el = await mount<TidbokStaffAccess>(clinic, 'tidbok-staff-access');
    await waitUntil(() => $(el, `[data-action="create-token"]:not([disabled])`), 'the box loads', { timeout: 8000 });
    setValue($<HTMLInputElement>(el, '#token-name')!, 'Backup script');
    setValue($<HTMLInputElement>(el, '#token-days')!, '30');
    click(el, '[data-action="create-token"]');
    await waitUntil(() => $(el, '#new-token'), 'the token is shown');
    const token = $<HTMLInputElement>(el, '#new-token')!.value;
    expect(token).to.match(/^tbs_/);
    expect((await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/admin/me/tokens`, { headers: { authorization: `Bearer ${token}` } })).status).to.equal(200);
    const listed = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-token-id]')].find((r) => r.textContent!.includes('Backup script'));
    // The list is read again after the token is made: wait for the row, not for a time.
    await waitUntil(listed, 'the token is listed');
    const row = listed()!;
    row.querySelector<HTMLButtonElement>('[data-action="revoke-token"]')!.click();
    await el.updateComplete;
    expect($(el, '#confirm-access')!.textContent).to.contain('Backup script');
    click(el, '[data-action="confirm"]');
    await waitUntil(() => ![...el.shadowRoot!.querySelectorAll('[data-token-id]')].some((r) => r.textContent!.includes('Backup script')), 'revoked');
    expect((await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/admin/me/tokens`, { headers: { authorization: `Bearer ${token}` } })).status).to.equal(401);
  });

  it("lets an admin pick a person and end that person's sessions", async () => {
    const c = await handshake(clinic, key, 'pia@example.se');
    const el = await mount<TidbokStaffAccess>(clinic, 'tidbok-staff-access');
    await waitUntil(() => $(el, '#person'), 'admins pick a person', { timeout: 8000 });
    const people = (await staff<{ staff: { id: string; name: string }[] }>(clinic, 'GET', '/staff')).body.staff;
    const pia = people.find((p) => p.name === 'Pia Reception')!;
    const select = $<HTMLSelectElement>(el, '#person')!;
    select.value = pia.id;
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[data-session-id]').length === 1, "Pia's session");
    expect($(el, '[data-action="create-token"]')).to.equal(null);
    click(el, '[data-action="end-all"]');
    await el.updateComplete;
    click(el, '[data-action="confirm"]');
    await waitUntil(() => el.shadowRoot!.textContent!.includes('No open sessions.'), 'ended');
    expect((await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/admin/me/sessions`, { headers: { authorization: `Bearer ${c.token}` } })).status).to.equal(
      401,
    );
  });
});
