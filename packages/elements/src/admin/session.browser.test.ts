import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import type { TidbokCalendar } from '../calendar/calendar.js';
import { type Clinic, firstWorkday, seedClinic, staffOk, waitFor } from '../calendar/test-support.js';
import type { TidbokAdminElement } from './admin.js';
import type { TidbokSessionExpiredEvent } from './session-watch.js';

/**
 * Sessions in `<tidbok-admin>`: a session token from the intranet handshake, a `tokenProvider`
 * that gives a fresh one without a reload, and `tidbok-session-expired` when nothing can.
 * The handshake is done here from the page for brevity; an intranet does it on its server.
 */
let clinic: Clinic;
let key: string;

async function handshake(): Promise<string> {
  const res = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/staff-sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'rita@example.se' }),
  });
  if (res.status !== 201) throw new Error(`handshake: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

const expireSessions = () => executeServerCommand<number, { slug: string }>('tidbok-expire-sessions', { slug: clinic.slug });

async function mount(setup: (el: TidbokAdminElement) => void) {
  const el = await fixture<TidbokAdminElement>(html`
    <tidbok-admin api=${clinic.apiUrl} clinic=${clinic.slug} locale="sv" date=${firstWorkday(clinic)}></tidbok-admin>
  `);
  setup(el);
  const calendar = await waitFor<TidbokCalendar>(el, 'tidbok-calendar');
  await waitUntil(() => calendar.shadowRoot?.querySelector('[part~="working-time"]'), 'the week is drawn', { timeout: 8000 });
  return { el, calendar };
}

describe('<tidbok-admin> sessions', () => {
  before(async () => {
    await setViewport({ width: 1366, height: 900 });
    clinic = await seedClinic();
    await staffOk(clinic, 'POST', '/staff', { name: 'Rita Reception', role: 'reception', email: 'rita@example.se' });
    key = (await staffOk<{ key: string }>(clinic, 'POST', '/integration-keys', { name: 'Intranät' })).key;
  });

  it('gets its token from the tokenProvider, and a fresh one when the session runs out, without a reload', async () => {
    let calls = 0;
    const expired: Event[] = [];
    const { el, calendar } = await mount((el) => {
      el.addEventListener('tidbok-session-expired', (e) => expired.push(e));
      el.tokenProvider = async () => {
        calls++;
        return handshake();
      };
    });
    expect(calls).to.equal(1);
    expect(el.hasAttribute('token')).to.equal(false);
    expect(await expireSessions()).to.be.greaterThan(0);
    await calendar.refresh();
    expect(calls).to.equal(2);
    expect(expired).to.have.length(0);
    // The same element and calendar, still drawing the week with the new session.
    expect(el.shadowRoot!.querySelector('tidbok-calendar')).to.equal(calendar);
    expect(calendar.shadowRoot!.querySelector('[part~="working-time"]')).to.not.equal(null);
  });

  it('fires tidbok-session-expired when the token runs out and there is no provider; a new token carries on', async () => {
    const { el, calendar } = await mount((el) => void handshake().then((token) => (el.token = token)));
    await expireSessions();
    const fired = oneEvent(el, 'tidbok-session-expired') as Promise<TidbokSessionExpiredEvent>;
    void calendar.refresh();
    const event = await fired;
    expect(event.detail).to.deep.equal({ reason: 'token_expired' });
    expect(event.composed).to.equal(true);

    el.token = await handshake();
    await el.updateComplete;
    const next = await waitFor<TidbokCalendar>(el, 'tidbok-calendar');
    await next.refresh();
    await waitUntil(() => next.shadowRoot?.querySelector('[part~="working-time"]'), 'the week is drawn again', { timeout: 8000 });
  });

  it('fires tidbok-session-expired when the provider cannot give a new token', async () => {
    let fail = false;
    const { el, calendar } = await mount((el) => {
      el.tokenProvider = async () => {
        if (fail) throw new Error('signed out of the intranet');
        return handshake();
      };
    });
    fail = true;
    await expireSessions();
    const fired = oneEvent(el, 'tidbok-session-expired') as Promise<TidbokSessionExpiredEvent>;
    void calendar.refresh();
    expect((await fired).detail).to.deep.equal({ reason: 'provider_failed' });
  });

  it('never asks anyone to paste a key', async () => {
    const el = await fixture<TidbokAdminElement>(html`<tidbok-admin locale="en"></tidbok-admin>`);
    const text = el.shadowRoot!.textContent!;
    expect(text).to.contain('Sign in');
    expect(text.toLowerCase()).to.not.contain('token');
    expect(el.shadowRoot!.querySelector('input')).to.equal(null);
  });
});
