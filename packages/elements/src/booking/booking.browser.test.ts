import { aTimeout, expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { type Tidbok, TidbokError } from '@tidbok/sdk';
import { executeServerCommand } from '@web/test-runner-commands';
import '../define.js';
import { connect } from '../context.js';
import { bookingTexts, forgetTexts } from '../shared/texts.js';
import type { TidbokBooking } from './booking.js';
import {
  admin,
  buttonWithText,
  deep,
  deepActive,
  deepAll,
  fill,
  holdsOf,
  inputOf,
  providing,
  type SeededClinic,
  seedClinic,
  textOf,
  waitFor,
  waitUntil,
} from '../test-support.js';

function mount(clinic: SeededClinic, locale: string | undefined = 'en') {
  return fixture<TidbokBooking>(html`<tidbok-booking api=${clinic.apiUrl} clinic=${clinic.slug} locale=${locale ?? ''}></tidbok-booking>`);
}

/** Treatment "Kort uppföljning", any practitioner, the first free time: the form is shown. */
async function toDetails(el: TidbokBooking, any = 'First available'): Promise<HTMLButtonElement> {
  (await buttonWithText(el, 'Kort uppföljning')).click();
  (await buttonWithText(el, any)).click();
  const slot = await waitFor<HTMLButtonElement>(el, 'button.slot');
  slot.click();
  await waitUntil(() => el.matches(':state(details)'), 'the details step');
  return slot;
}

function fillDetails(el: Element) {
  fill(el, 'name', 'Test Person');
  fill(el, 'email', 'test.person@example.com');
  fill(el, 'phone', '070-123 45 67');
}

/** `n` of the times shown, at least three hours from each other and from `taken` (holds of one treatment must not overlap). */
function apart(el: Element, n: number, taken: HTMLButtonElement[] = []): HTMLButtonElement[] {
  const chosen = [...taken];
  for (const slot of deepAll<HTMLButtonElement>(el, 'button.slot')) {
    if (chosen.length === taken.length + n) break;
    if (chosen.every((c) => Math.abs(Date.parse(c.dataset.start!) - Date.parse(slot.dataset.start!)) >= 3 * 3_600_000)) chosen.push(slot);
  }
  return chosen.slice(taken.length);
}

const submit = (el: Element) => deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();

/** A booking element whose SDK is the real one except for the methods given. */
async function withSdk(clinic: SeededClinic, overrides: Partial<Tidbok>) {
  const real = connect(clinic.apiUrl, clinic.slug).tidbok;
  const host = providing({ ...real, ...overrides });
  const el = document.createElement('tidbok-booking');
  el.locale = 'en';
  host.append(el);
  return el;
}

describe('<tidbok-booking>', () => {
  it('books a time from treatment to confirmation against a real server', async () => {
    const clinic = await seedClinic();
    const el = await mount(clinic);
    await expect(el).to.be.accessible();
    const slot = await toDetails(el);
    const start = slot.dataset.start!;
    await expect(el).to.be.accessible();
    fillDetails(el);
    const booked = oneEvent(el, 'tidbok-booked');
    submit(el);
    const event = await booked;
    const { detail } = event;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(detail.booking.status).to.equal('booked');
    expect(detail.booking.start).to.equal(start);
    await waitUntil(() => el.matches(':state(done)'));
    const text = textOf(el);
    expect(text).to.include('Your appointment is booked');
    expect(text).to.include('Mottagningen');
    expect(text).to.include('test.person@example.com');
    // The booking is on the server, as the staff see it.
    const stored = await admin<{ id: string; status: string; start: string }>(clinic, 'GET', `/bookings/${detail.booking.id}`);
    expect(stored.status).to.equal('booked');
    expect(stored.start).to.equal(start);
    await expect(el).to.be.accessible();
  });

  it('labels the fields Name, E-mail and Phone in English and the button starts with "Book"', async () => {
    const el = await mount(await seedClinic());
    await toDetails(el);
    const labels = deepAll(el, 'tidbok-text-field').map((f) => f.shadowRoot!.querySelector('label')!.textContent!.trim());
    expect(labels).to.include.members(['Name', 'E-mail', 'Phone']);
    expect(inputOf(el, 'email').labels![0]!.textContent!.trim()).to.equal('E-mail');
    expect(deep(el, 'button[type="submit"]')!.textContent!.trim()).to.match(/^Book/);
  });

  it("switches language with the locale attribute and defaults to the clinic's", async () => {
    // The Swedish texts arrive only when the test lets them, so the switch always passes through
    // the loading skeleton (no form, no button) instead of only when the dev server is slow.
    forgetTexts();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const swedish = bookingTexts.sv;
    bookingTexts.sv = () => held.then(swedish);
    try {
      const clinic = await seedClinic({ locale: 'en' });
      const el = await mount(clinic, undefined);
      await toDetails(el);
      expect(deep(el, 'button[type="submit"]')!.textContent!.trim()).to.match(/^Book/);
      // What the visitor typed survives the switch (it used to pass through the loading
      // skeleton, which took the form and its fields out of the page).
      fill(el, 'name', 'Test Person');
      fill(el, 'email', 'test.person@example.com');
      el.locale = 'sv';
      await el.updateComplete;
      // Until the Swedish texts are here, the English ones stay: the form is not taken away.
      expect(deep(el, 'button[type="submit"]')!.textContent!.trim()).to.match(/^Book/);
      release();
      // A button that is not rendered yet means "not yet" to test-support's waitUntil.
      await waitUntil(() => deep(el, 'button[type="submit"]')!.textContent!.trim().startsWith('Boka'), 'the submit button in Swedish');
      // The fields render after the form that labels them.
      const labels = () => deepAll(el, 'tidbok-text-field').map((f) => f.shadowRoot!.querySelector('label')!.textContent!.trim());
      await waitUntil(() => labels().includes('Namn'), 'the labels in Swedish');
      expect(labels()).to.include.members(['Namn', 'E-post', 'Telefon']);
      expect(textOf(el)).to.include('Dina uppgifter');
      expect(inputOf(el, 'name').value).to.equal('Test Person');
      expect(inputOf(el, 'email').value).to.equal('test.person@example.com');
      // And the booking is made in the language on screen.
      submit(el);
      const { booking } = (await oneEvent(el, 'tidbok-booked')).detail;
      // (The clinic speaks English: the answer's language is the one the widget sent.)
      expect(booking.locale).to.equal('sv');
    } finally {
      release();
      bookingTexts.sv = swedish;
    }
  });

  it('shows the hold countdown and releases the hold when the visitor goes back', async () => {
    const clinic = await seedClinic();
    const el = await mount(clinic);
    const slot = await toDetails(el);
    const countdown = await waitFor(el, '[part="countdown"]');
    expect(countdown.textContent).to.match(/held for you for (9|10):\d\d/);
    expect((await holdsOf(clinic)).map((h) => h.start)).to.deep.equal([slot.dataset.start]);
    (await buttonWithText(el, 'Choose another time')).click();
    await waitUntil(() => el.matches(':state(time)'));
    await waitUntil(async () => (await holdsOf(clinic)).length === 0, 'the hold is released');
    // Focus moved to the step's heading, for keyboard and screen reader users.
    expect(deepActive()?.textContent).to.equal('Choose a time');
  });

  it('explains an expired hold and sends the visitor back to the times', async () => {
    const clinic = await seedClinic();
    const el = await mount(clinic);
    await toDetails(el);
    // Ten minutes and a bit later on the element's clock.
    el.now = () => Date.now() + 10 * 60_000 + 1000;
    await waitUntil(() => el.matches(':state(time)'), 'back at the times', { timeout: 3000 });
    expect(deep(el, '[part="notice"]')!.textContent).to.include('The hold ran out after 10 minutes');
    await waitUntil(async () => (await holdsOf(clinic)).length === 0, 'the hold is released');
  });

  it('says so and refreshes the times when the chosen time was just taken', async () => {
    const clinic = await seedClinic();
    const el = await mount(clinic);
    (await buttonWithText(el, 'Kort uppföljning')).click();
    (await buttonWithText(el, 'Erik Johansson')).click();
    const slot = await waitFor<HTMLButtonElement>(el, 'button.slot');
    const start = slot.dataset.start!;
    // Someone else holds it first.
    const res = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ treatmentTypeId: clinic.treatmentTypes[1]!.id, practitionerId: clinic.practitioners[1]!.id, start }),
    });
    expect(res.status).to.equal(201);
    slot.click();
    await waitFor(el, '[part="notice"]');
    expect(deep(el, '[part="notice"]')!.textContent).to.include('someone else just booked that time');
    await waitUntil(() => !deep(el, `button.slot[data-start="${start}"]`), 'the taken time is gone');
    expect(el.matches(':state(time)')).to.equal(true);
  });

  it('returns to the times when the booking finds the time taken or the hold expired', async () => {
    const clinic = await seedClinic();
    const el = await withSdk(clinic, {
      book: () => Promise.reject(new TidbokError('hold_expired', 'The hold has expired', { status: 410 })),
    });
    const errors: string[] = [];
    el.addEventListener('tidbok-error', (e) => errors.push(e.detail.code));
    await toDetails(el);
    fillDetails(el);
    submit(el);
    await waitUntil(() => el.matches(':state(time)'), 'back at the times');
    expect(deep(el, '[part="notice"]')!.textContent).to.include('someone else just booked that time');
    expect(errors).to.deep.equal(['hold_expired']);
  });

  it('validates inline and keeps the request until the details are right', async () => {
    const el = await mount(await seedClinic());
    await toDetails(el);
    submit(el);
    await waitUntil(() => inputOf(el, 'name').getAttribute('aria-invalid') === 'true');
    expect(deepActive()).to.equal(inputOf(el, 'name'));
    expect(textOf(el)).to.include('Enter your name.');
    expect(textOf(el)).to.include('Enter your e-mail address.');
    fill(el, 'email', 'not-an-address');
    await waitUntil(() => textOf(el).includes('Enter an address like name@example.com.'));
    // SMS needs a phone number.
    const sms = deepAll<HTMLInputElement>(el, 'input[type="radio"]').find((r) => r.value === 'sms')!;
    sms.click();
    await aTimeout(0);
    fill(el, 'name', 'Test Person');
    fill(el, 'email', 'test@example.com');
    submit(el);
    await waitUntil(() => textOf(el).includes('Enter your mobile number to get a text message.'));
    expect(deepActive()).to.equal(inputOf(el, 'phone'));
    expect(el.matches(':state(details)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it("puts the server's validation errors on their fields", async () => {
    const clinic = await seedClinic();
    const problem = {
      type: 'about:blank',
      title: 'Validation failed',
      status: 400,
      code: 'validation_failed',
      errors: [
        { path: 'client.email', message: 'Invalid email address' },
        { path: 'client.personalNumber', message: 'This clinic needs your personal identity number' },
        { path: 'client.name', message: 'Control characters and text-direction overrides are not allowed' },
      ],
    };
    const el = await withSdk(clinic, {
      book: () => Promise.reject(new TidbokError('validation_failed', 'Invalid', { status: 400, problem })),
    });
    await toDetails(el);
    fillDetails(el);
    submit(el);
    // The personal number field the clinic had hidden appears, marked as needed.
    await waitUntil(() => deep(el, 'tidbok-text-field[name="personalNumber"]'), 'the personal number field');
    await waitUntil(() => inputOf(el, 'email').getAttribute('aria-invalid') === 'true');
    expect(textOf(el)).to.include('Enter an address like name@example.com.');
    expect(textOf(el)).to.include('The clinic needs your personal identity number.');
    // A name the server refuses although it is filled in: one line, no special characters.
    expect(textOf(el)).to.include('Write your name on one line, without special characters.');
    expect(deepActive()).to.equal(inputOf(el, 'email'));
  });

  it('asks for the personal identity number when the clinic requires it', async () => {
    const clinic = await seedClinic();
    await admin(clinic, 'PATCH', '/settings', { booking: { personalNumber: 'required', bookingInfoText: 'Vi sparar dina uppgifter i journalen.' } });
    const el = await mount(clinic);
    await toDetails(el);
    const field = await waitFor(el, 'tidbok-text-field[name="personalNumber"]');
    expect(field.hasAttribute('required')).to.equal(true);
    expect(textOf(el)).to.include('Vi sparar dina uppgifter i journalen.');
    fillDetails(el);
    fill(el, 'personalNumber', '19121212-1213');
    submit(el);
    await waitUntil(() => textOf(el).includes('Check the digits: YYYYMMDD-XXXX.'));
    fill(el, 'personalNumber', '19121212-1212');
    const booked = oneEvent(el, 'tidbok-booked');
    submit(el);
    await booked;
  });

  it('tells the visitor to confirm from the e-mail when the clinic asks for that, and books nothing yet', async () => {
    const clinic = await seedClinic();
    await admin(clinic, 'PATCH', '/settings', { booking: { confirmAnonymousBookingsByEmail: true } });
    const el = await mount(clinic);
    await toDetails(el);
    fillDetails(el);
    let bookedEvents = 0;
    el.addEventListener('tidbok-booked', () => (bookedEvents += 1));
    submit(el);
    await waitUntil(() => el.matches(':state(done)'), 'the done step');
    await waitUntil(() => textOf(el).includes('Confirm in your e-mail'), 'the e-mail notice');
    expect(textOf(el)).to.include('We have sent a link to test.person@example.com');
    expect(textOf(el)).to.not.include('Your appointment is booked');
    expect(bookedEvents).to.equal(0);
    // Nothing is booked until the link is opened; the time stays held meanwhile.
    const from = encodeURIComponent(new Date().toISOString());
    const to = encodeURIComponent(new Date(Date.now() + 40 * 86_400_000).toISOString());
    const { entries } = await admin<{ entries: { kind: string }[] }>(clinic, 'GET', `/calendar?from=${from}&to=${to}`);
    expect(entries.filter((e) => e.kind === 'booking')).to.deep.equal([]);
    expect(await holdsOf(clinic)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('offers the .ics file and cancelling from the confirmation', async () => {
    const clinic = await seedClinic();
    const el = await mount(clinic);
    await toDetails(el);
    fillDetails(el);
    const booked = oneEvent(el, 'tidbok-booked');
    submit(el);
    const { booking } = (await booked).detail;
    // "Add to calendar" posts the manage token to the server's calendar file (the manage page's),
    // so the token is never in a URL; the answer is that file, read here as the browser gets it.
    const form = await waitFor<HTMLFormElement>(el, 'form[part=calendar-form]');
    expect(form.getAttribute('method')).to.equal('post');
    expect(form.getAttribute('action')).to.equal(`${clinic.apiUrl}/b/${clinic.slug}/${booking.id}`);
    const fields = Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value)]));
    expect(fields.action).to.equal('ics');
    const file = await executeServerCommand<{ status: number; headers: Record<string, string>; body: string }, object>('tidbok-submit-form', {
      action: form.getAttribute('action'),
      fields,
    });
    expect(file.status).to.equal(200);
    expect(file.headers['content-type']).to.include('text/calendar');
    expect(file.headers['content-disposition']).to.include('attachment');
    const ics = file.body;
    const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(ics).to.include(`DTSTART:${stamp(booking.start)}\r\n`);
    // The visitor's calendar gets the time with the client (30 minutes for this treatment), the
    // end the server tells the patient, under the UID of the e-mailed file (core's bookingEventUid).
    expect(booking.clientEnd).to.equal(new Date(Date.parse(booking.start) + 30 * 60_000).toISOString().replace('.000', ''));
    expect(ics).to.include(`DTEND:${stamp(new Date(Date.parse(booking.start) + 30 * 60_000).toISOString())}\r\n`);
    expect(ics).to.include(`UID:${booking.id}@tidbok\r\n`);
    // The rule shown is the booking's practitioner's window, as the e-mail says.
    const practitioner = (await connect(clinic.apiUrl, clinic.slug).tidbok.clinic()).practitioners.find((p) => p.id === booking.practitionerId)!;
    expect(textOf(el)).to.include(`later than ${practitioner.cancellationWindowHours} hours before`);
    expect(ics).to.include('LOCATION:Mottagningen\\, Storgatan 1\\, Stockholm\r\n');
    expect(ics.split('\r\n').every((line) => !line.includes('\n'))).to.equal(true);

    (await buttonWithText(el, 'Cancel booking')).click();
    const yes = await buttonWithText(el, 'Yes, cancel it');
    await expect(el).to.be.accessible();
    const cancelled = oneEvent(el, 'tidbok-cancelled');
    yes.click();
    expect((await cancelled).detail.booking.status).to.equal('cancelled');
    await waitUntil(() => deepActive()?.textContent === 'Your appointment is cancelled', 'focus on the new heading');
    const stored = await admin<{ status: string }>(clinic, 'GET', `/bookings/${booking.id}`);
    expect(stored.status).to.equal('cancelled');
  });

  it('gives its held time back before holding another, so a visitor alone never reaches the cap', async () => {
    const clinic = await seedClinic();
    const tidbok = connect(clinic.apiUrl, clinic.slug).tidbok;
    const el = await mount(clinic);
    const first = await toDetails(el, 'Erik Johansson');
    // Two more held from this address (another tab): with the widget's, at the cap of three.
    const others = apart(el, 2, [first]);
    for (const other of others) {
      await tidbok.hold({ treatmentTypeId: clinic.treatmentTypes[1]!.id, practitionerId: clinic.practitioners[1]!.id, start: other.dataset.start! });
    }
    (await buttonWithText(el, 'Choose another time')).click();
    await waitUntil(() => el.matches(':state(time)'));
    const next = apart(el, 1, [first, ...others])[0]!;
    next.click();
    await waitUntil(() => el.matches(':state(details)') || !!deep(el, '[part="notice"]'), 'an answer to the hold');
    expect(deep(el, '[part="notice"]')).to.equal(null);
    expect((await holdsOf(clinic)).map((h) => h.start).sort()).to.deep.equal([next, ...others].map((b) => b.dataset.start).sort());
  });

  it('says what to do when times held elsewhere are at the cap', async () => {
    const clinic = await seedClinic();
    const tidbok = connect(clinic.apiUrl, clinic.slug).tidbok;
    const el = await mount(clinic, 'sv');
    (await buttonWithText(el, 'Kort uppföljning')).click();
    (await buttonWithText(el, 'Erik Johansson')).click();
    await waitFor(el, 'button.slot');
    const slots = apart(el, 4);
    for (const slot of slots.slice(1)) {
      await tidbok.hold({ treatmentTypeId: clinic.treatmentTypes[1]!.id, practitionerId: clinic.practitioners[1]!.id, start: slot.dataset.start! });
    }
    slots[0]!.click();
    const notice = await waitFor(el, '[part="notice"]');
    // The clinic's hold length (10 minutes), not "wait a minute".
    expect(notice.textContent).to.include('Du har redan reserverat tider');
    expect(notice.textContent).to.include('vänta högst 10 minuter');
    expect(el.matches(':state(time)')).to.equal(true);
  });

  it("tells the site's owner, not the visitor's connection, when the website is not allowed", async () => {
    const clinic = await seedClinic();
    await admin(clinic, 'PATCH', '/settings', { booking: { allowedOrigins: ['https://elsewhere.example'] } });
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const el = await mount(clinic);
      const message = await waitFor(el, '[part="message"]');
      expect(message.textContent).to.include('Booking is not available on this website.');
      expect(message.textContent).not.to.include('connection');
      // The test page is on localhost: the notice for its owner shows too, and the console says it.
      expect(message.textContent).to.include(`add ${location.origin} to the clinic's allowed websites`);
      expect(String(warnings.flat())).to.include(`add ${location.origin} to the clinic's allowed websites`);
    } finally {
      console.warn = warn;
    }
  });

  it('says online booking is closed when the clinic turned the module off', async () => {
    const clinic = await seedClinic();
    await admin(clinic, 'PATCH', '/settings', { modules: { booking: false } });
    const el = await mount(clinic);
    await waitUntil(() => textOf(el).includes('Online booking is closed'));
    await expect(el).to.be.accessible();
  });

  it('starts with a login step, not the treatments, when the clinic takes bookings from logged-in clients only', async () => {
    sessionStorage.clear();
    const clinic = await seedClinic();
    await admin(clinic, 'PATCH', '/settings', { booking: { publicBooking: 'clients-only' } });
    const el = await mount(clinic);
    // "My bookings" in its login-only form, loaded when first needed.
    const login = await waitFor(el, 'tidbok-my-bookings[login-only]');
    await waitUntil(() => textOf(el).includes('Log in to book'), 'the login step');
    expect(textOf(el)).to.include('The clinic takes online bookings from its clients.');
    expect(textOf(el)).to.not.include('Kort uppföljning');
    expect(deep(el, '[part~="steps"]')).to.equal(null);
    await waitFor(login, 'tidbok-text-field[name="email"]');
    await expect(el).to.be.accessible();
    fill(el, 'email', 'someone@example.com');
    (await buttonWithText(el, 'Send login link')).click();
    await waitUntil(() => textOf(el).includes('Check your inbox'), 'the same answer for any address');
  });

  it('shows a friendly error with a retry, and tells the page, when the clinic cannot be loaded', async () => {
    const clinic = await seedClinic();
    const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
    const failed = oneEvent(host, 'tidbok-error');
    const el = document.createElement('tidbok-booking');
    el.api = clinic.apiUrl;
    el.clinic = 'no-such-clinic';
    el.locale = 'en';
    host.append(el);
    // An unknown clinic has no CORS answer for this page, so the browser sees no response at all.
    expect((await failed).detail.code).to.equal('network_error');
    await waitUntil(() => textOf(el).includes('We cannot reach the booking service'));
    await buttonWithText(el, 'Try again');
    el.clinic = clinic.slug;
    await buttonWithText(el, 'Kort uppföljning');
  });

  it('works inside <tidbok-provider> and starts from the treatment and practitioner attributes', async () => {
    const clinic = await seedClinic();
    const [, short] = clinic.treatmentTypes;
    const [, erik] = clinic.practitioners;
    const provider = await fixture(
      html`<tidbok-provider api=${clinic.apiUrl} clinic=${clinic.slug} locale="en">
        <tidbok-booking treatment=${short!.id} practitioner=${erik!.id}></tidbok-booking>
      </tidbok-provider>`,
    );
    const el = provider.querySelector('tidbok-booking')!;
    await waitFor(el, 'button.slot');
    expect(el.matches(':state(time)')).to.equal(true);
    expect(deep(el, '[part="summary"]')!.textContent).to.include('Erik Johansson');
  });

  it('skips the practitioner step when only one practitioner offers the treatment', async () => {
    const el = await mount(await seedClinic());
    (await buttonWithText(el, 'Samtal')).click();
    await waitFor(el, 'button.slot');
    expect(deep(el, '[part="summary"]')!.textContent).to.include('Anna Lindqvist');
    await aTimeout(0);
  });
});
