import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { type Client, createTidbok, createTidbokAdmin, type Tidbok, type TidbokAdmin } from '@tidbok/sdk';
import '../define.js';
import type { TidbokBooking } from '../booking/booking.js';
import { connect } from '../context.js';
import { getSession, setSession } from '../shared/client-session.js';
import { buttonWithText, deep, deepActive, deepAll, fill, holdsOf, providing, type SeededClinic, seedClinic, textOf, waitFor } from '../test-support.js';
import './my-bookings.js';
import type { TidbokMyBookings } from './my-bookings.js';

const HOUR = 3_600_000;

/** A whole hour `hours` from now, so staff bookings never overlap each other by a few minutes. */
const hoursFromNow = (hours: number) => new Date(Math.ceil((Date.now() + hours * HOUR) / HOUR) * HOUR).toISOString();

interface Setup {
  clinic: SeededClinic;
  admin: TidbokAdmin;
  client: Client;
  /** The connection key the elements use for this clinic (api without a trailing slash). */
  api: string;
}

async function setup(): Promise<Setup> {
  const clinic = await seedClinic({ locale: 'en' });
  const admin = createTidbokAdmin({ baseUrl: clinic.apiUrl, clinic: clinic.slug, token: clinic.adminToken });
  const client = await admin.clients.create({ name: 'Tess Testsson', email: `tess.${clinic.slug}@example.com`, isTest: true });
  return { clinic, admin, client, api: connect(clinic.apiUrl, clinic.slug).api };
}

/** A booking for the client made by staff: treatment "Samtal" with Anna. */
function bookFor({ clinic, admin, client }: Setup, hours: number) {
  const [samtal] = clinic.treatmentTypes;
  const [anna] = clinic.practitioners;
  return admin.bookings.create({ clientId: client.id, practitionerId: anna!.id, treatmentTypeId: samtal!.id, start: hoursFromNow(hours) });
}

function mount({ clinic }: Setup, locale = 'en') {
  return fixture<TidbokMyBookings>(html`<tidbok-my-bookings api=${clinic.apiUrl} clinic=${clinic.slug} locale=${locale}></tidbok-my-bookings>`);
}

const setHash = (hash: string) => history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);

/** The `li` of the booking starting at `start`. */
const itemAt = (el: Element, start: string, zone: string) => {
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: zone }).format(new Date(start));
  return deepAll(el, 'li[part~="booking"]').find((li) => li.textContent!.includes(day))!;
};

describe('<tidbok-my-bookings>', () => {
  beforeEach(() => {
    sessionStorage.clear();
    setHash('');
  });
  after(() => setHash(''));

  it("asks whose staff's #tidbok-session= link is before taking it, then lists upcoming and past bookings in the clinic's zone", async () => {
    const s = await setup();
    const past = await bookFor(s, -72);
    const later = await bookFor(s, 24 * 9);
    const sooner = await bookFor(s, 24 * 4);
    const { sessionToken, bookingPageUrl } = await s.admin.clients.testSession(s.client.id);
    setHash(new URL(bookingPageUrl).hash);
    const el = document.createElement('tidbok-my-bookings');
    el.setAttribute('api', s.clinic.apiUrl);
    el.setAttribute('clinic', s.clinic.slug);
    el.locale = 'en';
    const logins: unknown[] = [];
    el.addEventListener('tidbok-login', (e) => logins.push(e.detail.client));
    fixtureSync<HTMLDivElement>(html`<div></div>`).append(el);
    // Whose the session is, and a question: nothing is stored before the yes.
    const yes = await buttonWithText(el, 'Yes, log in');
    expect(el.matches(':state(verify)')).to.equal(true);
    expect(deep(el, '[part="heading"]')!.textContent).to.equal('Log in as Tess Testsson?');
    expect(deep(el, '[part="owner"]')!.textContent).to.include(s.client.email!);
    // A test client's page says it is a test session, and whose.
    expect(deep(el, '[part="test-session"]')!.textContent).to.equal('Test session: Tess Testsson is a test client');
    expect(location.hash).to.equal('');
    expect(getSession(s.api, s.clinic.slug)).to.equal(undefined);
    expect(logins).to.deep.equal([]);
    await expect(el).to.be.accessible();
    yes.click();
    await waitUntil(() => el.matches(':state(list)'), 'the list');
    expect(getSession(s.api, s.clinic.slug)?.token).to.equal(sessionToken);
    expect(logins).to.deep.equal([{ id: s.client.id, name: 'Tess Testsson', email: s.client.email, phone: null, isTest: true }]);
    expect(deep(el, '[part="account"]')!.textContent)
      .to.match(/Logged in as\s+Tess Testsson/)
      .and.include('Not you?');
    expect(deep(el, '[part="test-session"]')!.textContent).to.equal('Test session: Tess Testsson is a test client');

    const upcoming = deepAll(el, '[part~="list"][part~="upcoming"] > li');
    const pastItems = deepAll(el, '[part~="list"][part~="past"] > li');
    expect(upcoming).to.have.length(2);
    expect(pastItems).to.have.length(1);
    const zone = s.clinic.timeZone;
    const time = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(new Date(iso));
    // Soonest first, and each time as the clinic's clock shows it.
    expect(upcoming[0]!.textContent).to.include(time(sooner.start));
    expect(upcoming[0]).to.equal(itemAt(el, sooner.start, zone));
    expect(upcoming[1]).to.equal(itemAt(el, later.start, zone));
    expect(pastItems[0]).to.equal(itemAt(el, past.start, zone));
    const text = textOf(el);
    expect(text).to.include('Upcoming');
    expect(text).to.include('Past');
    expect(upcoming[0]!.textContent).to.include('Samtal');
    expect(upcoming[0]!.textContent).to.include('Anna Lindqvist');
    // Only upcoming bookings can be moved or cancelled here.
    expect([...upcoming[0]!.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['Move', 'Cancel booking']);
    expect(pastItems[0]!.querySelector('button')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says so when there are no bookings yet, in Swedish too', async () => {
    const s = await setup();
    const { sessionToken, client } = await s.admin.clients.testSession(s.client.id);
    setSession(s.api, s.clinic.slug, { token: sessionToken, client });
    const el = await mount(s, 'sv');
    await waitUntil(() => textOf(el).includes('Du har inga bokningar ännu.'), 'the empty list');
    expect(textOf(el)).to.include('Mina bokningar');
    expect(textOf(el)).to.include('Inloggad som Tess Testsson').and.include('Inte du?');
    await expect(el).to.be.accessible();
  });

  it('cancels an upcoming booking only after a confirm step, and says when it was a late cancellation', async () => {
    const s = await setup();
    const soon = await bookFor(s, 3);
    const { sessionToken, client } = await s.admin.clients.testSession(s.client.id);
    setSession(s.api, s.clinic.slug, { token: sessionToken, client });
    const el = await mount(s);
    const cancel = await buttonWithText(el, 'Cancel booking');
    // Its accessible description says which booking.
    expect(deep(el, `#${cancel.getAttribute('aria-describedby')}`)).to.not.equal(null);

    cancel.click();
    const keep = await buttonWithText(el, 'No, keep it');
    await waitUntil(() => deepActive()?.textContent?.includes('Do you want to cancel your appointment on'), 'focus on the question');
    // Inside the cancellation window (24 hours): it says so before.
    expect(textOf(el)).to.include('less than 24 hours away');
    await expect(el).to.be.accessible();
    keep.click();
    await waitUntil(() => deepActive()?.textContent?.trim() === 'Cancel booking', 'focus back on the button');
    expect((await s.admin.bookings.get(soon.id)).status).to.equal('booked');

    (await buttonWithText(el, 'Cancel booking')).click();
    const cancelled = oneEvent(el, 'tidbok-cancelled');
    (await buttonWithText(el, 'Yes, cancel it')).click();
    const { detail } = await cancelled;
    expect(detail.booking.id).to.equal(soon.id);
    expect(detail.booking.lateCancellation).to.equal(true);
    await waitUntil(() => deepActive()?.textContent?.includes('late cancellation'), 'focus on the new status');
    expect(deep(el, '[part~="status"]')!.textContent).to.include('Cancelled, counts as a late cancellation');
    expect(deep(el, '[role="status"]:not([part])')!.textContent).to.include('It counts as a late cancellation.');
    expect(deepAll(el, 'button').some((b) => b.textContent!.includes('Cancel booking'))).to.equal(false);
    const stored = await s.admin.bookings.get(soon.id);
    expect(stored.status).to.equal('cancelled');
    expect(stored.lateCancellation).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('moves an upcoming booking with the slot picker and a confirm step, by keyboard, and the old time is free again', async () => {
    const s = await setup();
    const later = await bookFor(s, 24 * 9);
    const { sessionToken, client } = await s.admin.clients.testSession(s.client.id);
    setSession(s.api, s.clinic.slug, { token: sessionToken, client });
    const el = await mount(s);
    const move = await buttonWithText(el, 'Move');
    expect(deep(el, `#${move.getAttribute('aria-describedby')}`)).to.not.equal(null);
    move.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActive()?.textContent?.includes('Move your appointment'), 'focus on the move heading');
    expect(textOf(el)).to.include('Your appointment now:');

    // The first free time, chosen from the keyboard: the roving tab stop, then Enter.
    const slot = await waitFor<HTMLButtonElement>(el, '[part~="slot"][tabindex="0"]', 'a free time');
    const start = slot.dataset.start!;
    slot.focus();
    await sendKeys({ press: 'Enter' });
    const keep = await buttonWithText(el, 'Choose another time');
    await waitUntil(() => deepActive()?.textContent?.includes('Move the appointment to'), 'focus on the question');
    // The time is held while the visitor decides; another time releases it.
    await waitUntil(async () => (await holdsOf(s.clinic)).some((h) => h.start === start), 'the hold');
    keep.click();
    await waitUntil(async () => !(await holdsOf(s.clinic)).some((h) => h.start === start), 'the hold released');
    (await waitFor<HTMLButtonElement>(el, `[part~="slot"][data-start="${start}"]`)).click();
    await expect(el).to.be.accessible();

    const moved = oneEvent(el, 'tidbok-rescheduled');
    (await buttonWithText(el, 'Yes, move it')).focus();
    await sendKeys({ press: 'Enter' });
    const { detail } = await moved;
    expect(detail.booking.id).to.equal(later.id);
    expect(Date.parse(detail.booking.start)).to.equal(Date.parse(start));
    await waitUntil(() => deepActive()?.textContent?.includes('Moved to'), 'focus on the moved line');
    expect(deep(el, '[part~="status"]')!.textContent).to.include('Moved to');
    const stored = await s.admin.bookings.get(later.id);
    expect(stored.status).to.equal('booked');
    expect(Date.parse(stored.start)).to.equal(Date.parse(start));
    await expect(el).to.be.accessible();
  });

  it('says a booking inside its cancellation window cannot be moved here, in Swedish', async () => {
    const s = await setup();
    const soon = await bookFor(s, 3);
    const { sessionToken, client } = await s.admin.clients.testSession(s.client.id);
    setSession(s.api, s.clinic.slug, { token: sessionToken, client });
    const el = await mount(s, 'sv');
    (await buttonWithText(el, 'Flytta')).click();
    await waitUntil(() => textOf(el).includes('Tiden kan inte flyttas här längre: det är mindre än 24 timmar kvar.'), 'the refusal');
    expect(deep(el, '[part~="slot"]')).to.equal(null);
    (await buttonWithText(el, 'Behåll min tid')).click();
    await waitUntil(() => deepActive()?.textContent?.trim() === 'Flytta', 'focus back on Move');
    expect(Date.parse((await s.admin.bookings.get(soon.id)).start)).to.equal(Date.parse(soon.start));
  });

  it('logs out: the session ends on the server and here, and the login form is back', async () => {
    const s = await setup();
    const { sessionToken, client } = await s.admin.clients.testSession(s.client.id);
    setSession(s.api, s.clinic.slug, { token: sessionToken, client });
    const el = await mount(s);
    await waitUntil(() => textOf(el).includes('Logged in as Tess Testsson'), 'who is logged in');
    const loggedOut = oneEvent(el, 'tidbok-logout');
    (await buttonWithText(el, 'Log out')).click();
    await loggedOut;
    await waitUntil(() => el.matches(':state(login)'), 'the login form');
    expect(textOf(el)).to.include('You are logged out.');
    expect(getSession(s.api, s.clinic.slug)).to.equal(undefined);
    const tidbok = createTidbok({ baseUrl: s.clinic.apiUrl, clinic: s.clinic.slug });
    const error = await tidbok.myBookings(sessionToken).catch((e: unknown) => e);
    expect((error as { code?: string }).code).to.equal('unauthorized');
    await expect(el).to.be.accessible();
  });

  it('asks for a login link and always answers the same, known address or not', async () => {
    const s = await setup();
    const el = await mount(s);
    await waitFor(el, 'tidbok-text-field[name="email"]');
    await expect(el).to.be.accessible();
    // An address that is not one is stopped in the form.
    fill(el, 'email', 'not-an-address');
    (await buttonWithText(el, 'Send login link')).click();
    await waitUntil(() => textOf(el).includes('Enter an address like name@example.com.'), 'the inline error');

    fill(el, 'email', s.client.email!);
    (await buttonWithText(el, 'Send login link')).click();
    await waitUntil(() => el.matches(':state(sent)'), 'check your inbox');
    const known = textOf(el);
    expect(known).to.include('Check your inbox');
    expect(known).to.include(s.client.email!);
    expect(deepActive()?.textContent).to.equal('Check your inbox');
    // The link went into the clinic's outbox, to the client's address (written just after the
    // answer, so that the answer's timing tells nothing).
    const loginLinks = async () => (await s.admin.messages()).filter((m) => m.kind === 'login_link');
    let links = await loginLinks();
    await waitUntil(async () => (links = await loginLinks()).length > 0, 'the link in the outbox');
    expect(links.map((m) => m.to)).to.deep.equal([s.client.email]);
    await expect(el).to.be.accessible();

    (await buttonWithText(el, 'Use another e-mail address')).click();
    await waitUntil(() => el.matches(':state(login)'));
    fill(el, 'email', 'nobody@example.com');
    (await buttonWithText(el, 'Send login link')).click();
    await waitUntil(() => el.matches(':state(sent)'));
    expect(textOf(el)).to.equal(known.replace(s.client.email!, 'nobody@example.com'));
    expect((await s.admin.messages()).filter((m) => m.kind === 'login_link')).to.have.length(1);
  });

  it('keeps nothing from a session link the visitor says is not theirs, and the session already held stays', async () => {
    const s = await setup();
    const mine = await s.admin.clients.testSession(s.client.id);
    setSession(s.api, s.clinic.slug, { token: mine.sessionToken, client: mine.client });
    const other = await s.admin.clients.create({ name: 'Otto Annan', email: `otto.${s.clinic.slug}@example.com`, isTest: true });
    const { bookingPageUrl } = await s.admin.clients.testSession(other.id);
    setHash(new URL(bookingPageUrl).hash);
    const el = await mount(s, 'sv');
    const logins: unknown[] = [];
    el.addEventListener('tidbok-login', (e) => logins.push(e));
    const no = await buttonWithText(el, 'Nej, det är inte jag');
    expect(deep(el, '[part="heading"]')!.textContent).to.equal('Logga in som Otto Annan?');
    expect(deep(el, '[part="owner"]')!.textContent).to.include(other.email!);
    expect(location.hash).to.equal('');
    no.click();
    await waitUntil(() => el.matches(':state(list)'), 'back to the own list');
    expect(textOf(el)).to.include('Du loggades inte in.').and.include('Inloggad som Tess Testsson');
    expect(getSession(s.api, s.clinic.slug)?.token).to.equal(mine.sessionToken);
    expect(logins).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('never uses a stored session that does not say whose it is', async () => {
    const s = await setup();
    const { sessionToken } = await s.admin.clients.testSession(s.client.id);
    sessionStorage.setItem(`tidbok-session ${s.api} ${s.clinic.slug}`, JSON.stringify({ token: sessionToken }));
    expect(getSession(s.api, s.clinic.slug)).to.equal(undefined);
    const el = await mount(s);
    await waitUntil(() => el.matches(':state(login)'), 'the login form');
  });

  it('asks "Log in as …?" for a #tidbok-login= link without using it up, and exchanges it only on yes', async () => {
    const s = await setup();
    const real = connect(s.clinic.apiUrl, s.clinic.slug).tidbok;
    const session = await s.admin.clients.testSession(s.client.id);
    const calls: string[] = [];
    const host = providing({
      ...real,
      loginLinkOwner: async (token) => {
        calls.push(`owner ${token}`);
        return { client: { id: s.client.id, name: 'Tess Testsson', email: s.client.email, phone: null } };
      },
      verifyLogin: async (token) => {
        calls.push(`verify ${token}`);
        return { sessionToken: session.sessionToken, client: session.client };
      },
    } satisfies Tidbok);
    setHash('#tidbok-login=tbl_link');
    const el = document.createElement('tidbok-my-bookings');
    el.locale = 'en';
    host.append(el);
    const yes = await buttonWithText(el, 'Yes, log in');
    // Opening the page (as a mail scanner does) only asked whose the link is.
    expect(calls).to.deep.equal(['owner tbl_link']);
    expect(deep(el, '[part="heading"]')!.textContent).to.equal('Log in as Tess Testsson?');
    expect(location.hash).to.equal('#tidbok-login=tbl_link');
    await expect(el).to.be.accessible();
    const login = oneEvent(el, 'tidbok-login');
    yes.click();
    expect((await login).detail.client.name).to.equal('Tess Testsson');
    expect(calls).to.deep.equal(['owner tbl_link', 'verify tbl_link']);
    expect(location.hash).to.equal('');
    expect(getSession('http://tidbok.invalid', 'test')?.token).to.equal(session.sessionToken);
  });

  it('explains a login link that no longer works as soon as the page opens, and never tries to use it', async () => {
    const s = await setup();
    const real = connect(s.clinic.apiUrl, s.clinic.slug).tidbok;
    const verified: string[] = [];
    const host = providing({
      ...real,
      verifyLogin: (token, options) => {
        verified.push(token);
        return real.verifyLogin(token, options);
      },
    } satisfies Tidbok);
    setHash('#tidbok-login=tbl_not-a-real-token');
    const el = document.createElement('tidbok-my-bookings');
    el.locale = 'en';
    const failed = oneEvent(el, 'tidbok-error');
    host.append(el);
    expect((await failed).detail.code).to.equal('unauthorized');
    // With every browser test file running at once, the explanation once took longer than
    // waitUntil's default second to appear (a fresh-clone CI run); the wait is for it, not a time.
    await waitUntil(() => textOf(el).includes('This login link is no longer valid'), 'the explanation', { timeout: 10_000 });
    expect(deep(el, '[part="notice"]')!.getAttribute('role')).to.equal('alert');
    expect(verified).to.deep.equal([]);
    // The dead token is gone from the address; a new link can be asked for right here.
    expect(location.hash).to.equal('');
    expect(el.matches(':state(login)')).to.equal(true);
    await waitFor(el, 'tidbok-text-field[name="email"]');
    await expect(el).to.be.accessible();
  });

  it('takes a login link opened in the tab that already shows the page (only the hash changes)', async () => {
    const s = await setup();
    const el = await mount(s);
    fill(el, 'email', 'someone@example.com');
    (await buttonWithText(el, 'Send login link')).click();
    await waitUntil(() => el.matches(':state(sent)'), 'check your inbox');
    location.hash = '#tidbok-login=tbl_not-a-real-token';
    // With every browser test file running at once, the explanation once took longer than
    // waitUntil's default second to appear (a fresh-clone CI run); the wait is for it, not a time.
    await waitUntil(() => textOf(el).includes('This login link is no longer valid'), 'the explanation', { timeout: 10_000 });
    expect(el.matches(':state(login)')).to.equal(true);
    expect(location.hash).to.equal('');
  });
});

describe('<tidbok-booking> with client accounts', () => {
  beforeEach(() => {
    sessionStorage.clear();
    setHash('');
  });
  after(() => setHash(''));

  it('books a clients-only clinic end to end as the logged-in client, then shows it under My bookings', async () => {
    const s = await setup();
    await s.admin.settings.update({ booking: { publicBooking: 'clients-only' } });
    const { sessionToken, client } = await s.admin.clients.testSession(s.client.id);
    setSession(s.api, s.clinic.slug, { token: sessionToken, client });
    const el = await fixture<TidbokBooking>(html`<tidbok-booking api=${s.clinic.apiUrl} clinic=${s.clinic.slug} locale="en"></tidbok-booking>`);
    (await buttonWithText(el, 'Kort uppföljning')).click();
    (await buttonWithText(el, 'First available')).click();
    (await waitFor<HTMLButtonElement>(el, 'button.slot')).click();
    await waitUntil(() => el.matches(':state(details)'), 'the details step');
    // Name and e-mail come from the login, not the form.
    const account = await waitFor(el, '[part~="account"]');
    expect(account.textContent).to.include('Booking as');
    expect(account.textContent).to.include('Tess Testsson');
    expect(account.textContent).to.include(s.client.email!);
    expect(deep(el, 'tidbok-text-field[name="name"]')).to.equal(null);
    expect(deep(el, 'tidbok-text-field[name="email"]')).to.equal(null);
    await expect(el).to.be.accessible();

    const booked = oneEvent(el, 'tidbok-booked');
    deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    const { booking } = (await booked).detail;
    expect(booking.clientId).to.equal(s.client.id);
    await waitUntil(() => el.matches(':state(done)'));
    expect(textOf(el)).to.include(`A confirmation is on its way to ${s.client.email}`);

    (await buttonWithText(el, 'My bookings')).click();
    const mine = await waitFor<TidbokMyBookings>(el, 'tidbok-my-bookings');
    await waitUntil(() => mine.matches(':state(list)') && deepAll(mine, 'li[part~="booking"]').length === 1, 'the new booking in the list');
    await waitUntil(() => deepActive()?.textContent === 'My bookings', 'focus on the heading');
    await expect(el).to.be.accessible();
    (await buttonWithText(el, 'Book an appointment')).click();
    await waitUntil(() => el.matches(':state(treatment)') && !deep(el, 'tidbok-my-bookings'), 'back at the booking');
  });

  it("opens staff's test-client link on the hosted page: asks first, then every step says who is logged in, with a way out", async () => {
    const s = await setup();
    const { bookingPageUrl, sessionToken } = await s.admin.clients.testSession(s.client.id);
    setHash(new URL(bookingPageUrl).hash);
    const el = await fixture<TidbokBooking>(html`<tidbok-booking api=${s.clinic.apiUrl} clinic=${s.clinic.slug} locale="en"></tidbok-booking>`);
    const mine = await waitFor<TidbokMyBookings>(el, 'tidbok-my-bookings');
    (await buttonWithText(mine, 'Yes, log in')).click();
    await waitUntil(() => textOf(mine).includes('You have no bookings yet.'), 'the empty list');
    expect(location.hash).to.equal('');
    // The widget now books as that client, and says so on every step.
    (await buttonWithText(el, 'Book an appointment')).click();
    const who = await waitFor(el, '[part="session"]');
    expect(who.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Logged in as Tess Testsson (${s.client.email}). Not you? Log out`);
    (await buttonWithText(el, 'Kort uppföljning')).click();
    (await buttonWithText(el, 'First available')).click();
    (await waitFor<HTMLButtonElement>(el, 'button.slot')).click();
    await waitUntil(() => el.matches(':state(details)'), 'the details step');
    const account = await waitFor(el, '[part~="account"]');
    expect(account.textContent).to.include('Booking as').and.include('Tess Testsson');
    expect(deep(el, '[part="session"]')!.textContent).to.include('Logged in as');
    await expect(el).to.be.accessible();

    // Not them: logging out here ends the session on the server too, and the form asks who books.
    (await buttonWithText(el, 'Log out')).click();
    await waitFor(el, 'tidbok-text-field[name="name"]');
    expect(deep(el, '[part="session"]')).to.equal(null);
    expect(getSession(s.api, s.clinic.slug)).to.equal(undefined);
    const tidbok = createTidbok({ baseUrl: s.clinic.apiUrl, clinic: s.clinic.slug });
    await waitUntil(async () => (await tidbok.sessionOwner(sessionToken).catch((e: { code?: string }) => e.code)) === 'unauthorized', 'the session ended');
  });
});
