// Over 400 lines: the popup's behaviours in the calendar (new entries, edits, messages, receipts, holds, duplicates) share one set of helpers; the guard rails have their own file (guard-rails.browser.test.ts).
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { AdminHold, Client } from '@tidbok/sdk';
import type { TidbokCalendar } from '../calendar/calendar.js';
import {
  at,
  book,
  type Clinic,
  click,
  deepActive,
  doubleClick,
  entryElement,
  mountCalendar,
  pointAt,
  press,
  seedClinic,
  setValue,
  staff,
  staffOk,
  waitFor,
  waitForEntry,
} from '../calendar/test-support.js';
import { clockTime } from '../shared/dates.js';
import { deep } from '../test-support.js';
import type { TidbokEntryPopup } from './entry-popup.js';

const popupOf = (el: TidbokCalendar) => el.shadowRoot!.querySelector<TidbokEntryPopup>('tidbok-entry-popup')!;
const q = <T extends Element = HTMLElement>(popup: TidbokEntryPopup, selector: string) => popup.shadowRoot!.querySelector<T>(selector)!;

async function openNew(el: TidbokCalendar, column: number, time: string, tab?: 'Bokning' | 'Arbetstid' | 'Aktivitet') {
  await doubleClick(el, pointAt(el, column, time));
  const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
  await popup.updateComplete;
  if (tab) {
    [...popup.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((t) => t.textContent!.trim() === tab)!.click();
    await popup.updateComplete;
  }
  return popup;
}

async function submit(el: TidbokCalendar, popup: TidbokEntryPopup) {
  const saved = oneEvent(el, 'tidbok-calendar-change');
  q<HTMLButtonElement>(popup, 'button[type="submit"]').click();
  return (await saved).detail;
}

describe('<tidbok-entry-popup>', () => {
  beforeEach(() => localStorage.clear());

  it("Working time: the practitioner's treatment types narrow the block; none ticked means all", async () => {
    const { el, clinic, column } = await mountCalendar({ practitioner: '' });
    el.practitioner = clinic.practitioners[0]!.id;
    await el.updateComplete;
    let popup = await openNew(el, column, '14:05', 'Arbetstid');
    const boxes = [...popup.shadowRoot!.querySelectorAll<HTMLInputElement>('.types input[type="checkbox"]')];
    // Anna offers Samtal and Kort uppföljning.
    expect(boxes.map((b) => b.closest('label')!.textContent!.trim())).to.have.members(['Samtal', 'Kort uppföljning']);
    expect(q(popup, '.hint').textContent).to.contain('Inga ikryssade = alla');
    const samtal = boxes.find((b) => b.value === clinic.treatmentTypes[0]!.id)!;
    samtal.checked = true;
    samtal.dispatchEvent(new Event('change'));
    const narrow = await submit(el, popup);
    expect(narrow).to.include({ action: 'created', kind: 'workingTime' });
    const stored = await staffOk<{ treatmentTypeIds: string[] | null }>(clinic, 'GET', `/working-times/${narrow.id}`);
    expect(stored.treatmentTypeIds).to.deep.equal([clinic.treatmentTypes[0]!.id]);
    const band = await waitForEntry(el, narrow.id);
    expect(band.getAttribute('aria-label')).to.equal('Arbetstid 14:00–15:00, Anna Lindqvist: Samtal');

    popup = await openNew(el, column, '16:05', 'Arbetstid');
    const all = await submit(el, popup);
    expect((await staffOk<{ treatmentTypeIds: string[] | null }>(clinic, 'GET', `/working-times/${all.id}`)).treatmentTypeIds).to.equal(null);
  });

  it('"Change client" → "Add new client" books with a client made with the booking', async () => {
    const { el, clinic, column } = await mountCalendar({ practitioner: '' });
    const popup = await openNew(el, column, '09:05');
    const picker = q(popup, 'tidbok-client-picker');
    picker.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="new"]')!.click();
    await (picker as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    setValue(picker.shadowRoot!.querySelector<HTMLInputElement>('input[name="name"]')!, 'Nora Nykund');
    setValue(picker.shadowRoot!.querySelector<HTMLInputElement>('input[name="email"]')!, 'nora@example.se');
    picker.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="use"]')!.click();
    await popup.updateComplete;
    // Anna offers Samtal (the list shows only the chosen practitioner's treatment types).
    setValue(q<HTMLSelectElement>(popup, 'select[name="practitioner"]'), clinic.practitioners[0]!.id);
    await popup.updateComplete;
    setValue(q<HTMLSelectElement>(popup, 'select[name="treatmentType"]'), clinic.treatmentTypes[0]!.id);
    const sms = [...popup.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.value === 'sms')!;
    sms.click();
    const created = await submit(el, popup);
    const booking = await staffOk<{ clientId: string; confirmation?: string }>(clinic, 'GET', `/bookings/${created.id}`);
    const client = await staffOk<{ name: string; email: string }>(clinic, 'GET', `/clients/${booking.clientId}`);
    expect(client).to.include({ name: 'Nora Nykund', email: 'nora@example.se' });
    if (booking.confirmation !== undefined) expect(booking.confirmation).to.equal('sms');
  });

  it('says what is missing, in place, and keeps the popup open', async () => {
    const { el, column } = await mountCalendar({ practitioner: '' });
    const popup = await openNew(el, column, '09:05');
    q<HTMLButtonElement>(popup, 'button[type="submit"]').click();
    await popup.updateComplete;
    expect(popup.shadowRoot!.textContent).to.contain('Välj eller lägg till en klient.');
    const treatment = q<HTMLSelectElement>(popup, 'select[name="treatmentType"]');
    expect(treatment.getAttribute('aria-invalid')).to.equal('true');
    expect(popup.shadowRoot!.getElementById(treatment.getAttribute('aria-describedby')!)!.textContent).to.equal('Välj en behandlingsform.');
    setValue(q<HTMLInputElement>(popup, 'input[name="end"]'), '08:00');
    await popup.updateComplete;
    expect(q(popup, 'input[name="end"]').getAttribute('aria-invalid')).to.equal('true');
    expect(popup.shadowRoot!.textContent).to.contain('Sluttiden måste vara efter starttiden.');
    expect(popupOf(el)).to.equal(popup);
  });

  it('the time fields move the draft block, keeping its length', async () => {
    const { el, column } = await mountCalendar({ practitioner: '' });
    const popup = await openNew(el, column, '09:05', 'Aktivitet');
    setValue(q<HTMLInputElement>(popup, 'input[name="start"]'), '10:30');
    await el.updateComplete;
    expect(q<HTMLInputElement>(popup, 'input[name="end"]').value).to.equal('11:30');
    expect(el.shadowRoot!.querySelector('[part~="draft"]')!.getAttribute('aria-label')).to.equal('Ny aktivitet 10:30–11:30');
  });

  it('edits an existing booking: another treatment and a new time are saved (PATCH)', async () => {
    let id = '';
    const { el, clinic, day } = await mountCalendar({
      practitioner: '',
      prepare: async (clinic, day) => (id = (await book(clinic, { date: day, start: '09:00', client: 'Eva Ändrad' })).id),
    });
    await click(el, await waitForEntry(el, id));
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    expect(q(popup, 'h2').textContent).to.equal('Bokning: Eva Ändrad');
    await waitUntil(() => q(popup, 'tidbok-client-picker').shadowRoot?.textContent?.includes('Eva Ändrad'), 'the client is shown');
    setValue(q<HTMLSelectElement>(popup, 'select[name="treatmentType"]'), clinic.treatmentTypes[1]!.id);
    setValue(q<HTMLInputElement>(popup, 'input[name="start"]'), '11:00');
    setValue(q<HTMLInputElement>(popup, 'input[name="end"]'), '11:30');
    setValue(q<HTMLTextAreaElement>(popup, 'textarea[name="note"]'), 'Flyttad på begäran');
    expect(await submit(el, popup)).to.include({ action: 'updated', id });
    const stored = await staffOk<{ start: string; end: string; treatmentTypeId: string; note: string }>(clinic, 'GET', `/bookings/${id}`);
    expect(stored).to.include({
      start: at(clinic, day, '11:00').replace('.000Z', 'Z'),
      end: at(clinic, day, '11:30').replace('.000Z', 'Z'),
      treatmentTypeId: clinic.treatmentTypes[1]!.id,
      note: 'Flyttad på begäran',
    });
  });

  it("lists the booking's messages from the outbox, with their state", async () => {
    let id = '';
    const { el, clinic } = await mountCalendar({
      practitioner: '',
      prepare: async (clinic, day) => (id = (await book(clinic, { date: day, start: '10:00', client: 'Maja Meddelande' })).id),
    });
    await staffOk(clinic, 'POST', `/bookings/${id}/confirmation`, { channel: 'sms' });
    await click(el, await waitForEntry(el, id));
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await waitUntil(() => popup.shadowRoot!.querySelector('[part="messages"]'), 'the messages are listed');
    const list = q(popup, '[part="messages"]');
    expect(list.querySelector('summary')!.textContent).to.equal('Meddelanden (1)');
    const item = list.querySelector('li')!;
    // The client has no phone: the SMS is recorded as failed, and staff see why.
    expect(item.getAttribute('part')).to.equal('message failed');
    expect(item.textContent).to.contain('Bokningsbekräftelse').and.contain('SMS').and.contain('misslyckades');
    expect(item.querySelector('[part="failure"]')!.textContent).to.equal('Klienten har inget mobilnummer.');
    expect(item.textContent).not.to.contain('The client has no phone number');
  });

  it("names a message's channel in the popup's language", async () => {
    let id = '';
    const { el, clinic } = await mountCalendar({
      locale: 'en',
      practitioner: '',
      prepare: async (clinic, day) => (id = (await book(clinic, { date: day, start: '10:00', client: 'Ella English' })).id),
    });
    await staffOk(clinic, 'POST', `/bookings/${id}/confirmation`, { channel: 'email' });
    await click(el, await waitForEntry(el, id));
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await waitUntil(() => popup.shadowRoot!.querySelector('[part="messages"] li'), 'the message is listed');
    const text = q(popup, '[part="messages"] li').textContent!;
    expect(text).to.contain('E-mail');
    expect(text).not.to.contain('E-post');
  });

  it('prints a receipt in a window that has no way back to the staff page', async () => {
    let id = '';
    const { el } = await mountCalendar({
      practitioner: '',
      prepare: async (clinic, day) => (id = (await book(clinic, { date: day, start: '11:00', client: 'Rut Kvitto' })).id),
    });
    await click(el, await waitForEntry(el, id));
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    const realOpen = window.open;
    const tab = {
      opener: window as unknown,
      closed: false,
      document: { open() {}, write() {}, close() {} },
      focus() {},
      print() {},
      close() {
        this.closed = true;
      },
    };
    window.open = (() => tab) as unknown as typeof window.open;
    try {
      const printing = (popup as unknown as { printReceipt(id: string): Promise<void> }).printReceipt(id);
      expect(tab.opener).to.equal(null);
      await printing;
    } finally {
      window.open = realOpen;
    }
  });

  it('an activity and a working time block open with Enter and can be deleted', async () => {
    let activity = '';
    const { el, clinic } = await mountCalendar({
      practitioner: '',
      prepare: async (clinic, day) => {
        activity = (
          await staffOk<{ id: string }>(clinic, 'POST', '/activities', {
            practitionerId: clinic.practitioners[0]!.id,
            title: 'Möte',
            start: at(clinic, day, '14:00'),
            end: at(clinic, day, '15:00'),
          })
        ).id;
      },
    });
    const block = await waitForEntry(el, activity);
    block.focus();
    press(block, 'Enter');
    let popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    expect(q<HTMLInputElement>(popup, 'input[name="title"]').value).to.equal('Möte');
    q<HTMLButtonElement>(popup, '[data-action="delete"]').click();
    await popup.updateComplete;
    expect(q(popup, '.confirm p').textContent).to.contain('Ta bort aktivitet');
    const deleted = oneEvent(el, 'tidbok-calendar-change');
    q<HTMLButtonElement>(popup, '[data-action="confirm-delete"]').click();
    expect((await deleted).detail).to.include({ action: 'deleted', kind: 'activity' });
    await waitUntil(() => !entryElement(el, activity), 'the activity is gone');

    const band = el.shadowRoot!.querySelector<HTMLElement>('[part~="working-time"]')!;
    const bandId = band.dataset.entryId!;
    band.focus();
    press(band, 'Enter');
    popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    expect(q(popup, 'h2').textContent).to.match(/^Arbetstid: /);
    q<HTMLButtonElement>(popup, '[data-action="delete"]').click();
    await popup.updateComplete;
    const gone = oneEvent(el, 'tidbok-calendar-change');
    q<HTMLButtonElement>(popup, '[data-action="confirm-delete"]').click();
    expect((await gone).detail).to.include({ action: 'deleted', kind: 'workingTime', id: bandId });
    expect(
      (await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/admin/working-times/${bandId}`, { headers: { authorization: `Bearer ${clinic.adminToken}` } }))
        .status,
    ).to.equal(404);
  });

  it('is accessible on each tab', async () => {
    const { el, column } = await mountCalendar({ practitioner: '' });
    const popup = await openNew(el, column, '09:05');
    await expect(popup).to.be.accessible();
    for (const tab of ['Arbetstid', 'Aktivitet']) {
      [...popup.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((t) => t.textContent!.trim() === tab)!.click();
      await popup.updateComplete;
      await expect(popup).to.be.accessible();
    }
  });
});

/** A visitor's hold on the public API (no login), for 30 minutes of Anna's time. */
async function holdPublic(clinic: Clinic, day: string, time: string): Promise<{ id: string; secret: string }> {
  const res = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/holds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ treatmentTypeId: clinic.treatmentTypes[1]!.id, practitionerId: clinic.practitioners[0]!.id, start: at(clinic, day, time) }),
  });
  expect(res.status).to.equal(201);
  return (await res.json()) as { id: string; secret: string };
}

/** The popup's text, flattened, the review parts included (they render into its shadow root). */
const textOf = (popup: TidbokEntryPopup) => popup.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('<tidbok-entry-popup>: holds and possible duplicates (issue 17, items 6 and 2)', () => {
  beforeEach(() => localStorage.clear());

  it("a visitor's hold opens with its practitioner, until when, its network and how many holds that network has; Release asks, then frees the time", async () => {
    const holds: { id: string }[] = [];
    const { el, clinic } = await mountCalendar({
      practitioner: '',
      prepare: async (c, day) => holds.push(await holdPublic(c, day, '10:00'), await holdPublic(c, day, '11:00')),
    });
    const [first, second] = holds as [{ id: string }, { id: string }];
    const listed = (await staffOk<{ holds: AdminHold[] }>(clinic, 'GET', '/holds')).holds;
    const held = listed.find((h) => h.id === first.id)!;
    expect(held.networkActiveHolds).to.equal(2);

    const block = await waitForEntry(el, first.id);
    expect(block.getAttribute('role')).to.equal('button');
    block.click();
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    expect(q(popup, 'h2').textContent).to.equal('Reserverad tid');
    expect(q(popup, '.subtitle').textContent).to.match(/10:00–10:30$/);
    expect(textOf(popup)).to.contain('Behandlare: Anna Lindqvist');
    // Loaded with the review chunk; `GET …/admin/holds` says where it came from.
    const network = await waitFor(popup, '[part="network"]');
    expect(network.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Nätverk: ${held.network} 2 aktiva reservationer från det här nätverket`);
    expect(deep(popup, '[part="held-by"]')!.textContent).to.equal(`Reserverad av en besökare till ${clockTime(Date.parse(held.expiresAt), clinic.timeZone)}.`);
    // Nothing to save or delete: only Close, and Release (asks first).
    expect(popup.shadowRoot!.querySelector('button[type="submit"]')).to.equal(null);
    deep<HTMLButtonElement>(popup, '[data-action="release"]')!.click();
    await waitFor(popup, '[data-action="confirm-release"]');
    expect(textOf(popup)).to.contain('Tiden blir ledig att boka igen; besökarens bokning kommer att misslyckas.');
    // Cancel keeps the hold.
    deep<HTMLButtonElement>(popup, '[data-action="keep"]')!.click();
    await waitUntil(() => deep(popup, '[data-action="release"]'), 'asked no more');
    // Focus goes back to the button that asked, not to the page (Escape still closes the popup).
    await waitUntil(() => (deepActive() as HTMLElement | null)?.dataset.action === 'release', 'focus is on Release again');
    expect((await staffOk<{ holds: AdminHold[] }>(clinic, 'GET', '/holds')).holds).to.have.length(2);

    deep<HTMLButtonElement>(popup, '[data-action="release"]')!.click();
    const confirm = await waitFor<HTMLButtonElement>(popup, '[data-action="confirm-release"]');
    const released = oneEvent(el, 'tidbok-calendar-change');
    confirm.click();
    expect((await released).detail).to.deep.equal({ action: 'released', kind: 'hold', id: first.id });
    await waitUntil(() => !entryElement(el, first.id), 'the hold is gone from the calendar');
    expect(el.shadowRoot!.querySelector('tidbok-entry-popup')).to.equal(null);
    expect((await staffOk<{ holds: AdminHold[] }>(clinic, 'GET', '/holds')).holds.map((h) => h.id)).to.deep.equal([second.id]);

    // The other one opens with Enter, and now is the only hold of its network.
    const other = entryElement(el, second.id)!;
    other.focus();
    press(other, 'Enter');
    const again = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await waitUntil(() => deep(again, '[part="network"]')?.textContent?.includes('den enda aktiva reservationen'), 'the count is one');
    await expect(again).to.be.accessible();
  });

  it('a practitioner sees the hold but not Release (desk work is for admins and reception)', async () => {
    const seeded = await seedClinicWithStaff('practitioner');
    let holdId = '';
    const { el } = await mountCalendar({ practitioner: '', clinic: seeded, prepare: async (c, day) => (holdId = (await holdPublic(c, day, '10:00')).id) });
    (await waitForEntry(el, holdId)).click();
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await waitFor(popup, '[part="held-by"]');
    expect(q(popup, 'h2').textContent).to.equal('Reserverad tid');
    expect(deep(popup, '[data-action="release"]')).to.equal(null);
    expect(deep(popup, '[part="network"]')).to.equal(null);
  });

  it('a receptionist releases a hold too (desk work), here in English', async () => {
    const seeded = await seedClinicWithStaff('reception');
    let holdId = '';
    const { el } = await mountCalendar({
      locale: 'en',
      practitioner: '',
      clinic: seeded,
      prepare: async (c, day) => (holdId = (await holdPublic(c, day, '10:00')).id),
    });
    (await waitForEntry(el, holdId)).click();
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    const network = await waitFor(popup, '[part="network"]');
    expect(q(popup, 'h2').textContent).to.equal('Held time');
    expect(network.textContent).to.contain('the only active hold from this network');
    const release = deep<HTMLButtonElement>(popup, '[data-action="release"]')!;
    expect(release.textContent!.trim()).to.equal('Release the time');
    release.click();
    const confirm = await waitFor<HTMLButtonElement>(popup, '[data-action="confirm-release"]');
    expect(textOf(popup)).to.contain("The time becomes free for booking again; the visitor's booking will fail.");
    const released = oneEvent(el, 'tidbok-calendar-change');
    confirm.click();
    expect((await released).detail).to.include({ action: 'released', id: holdId });
    expect((await staffOk<{ holds: AdminHold[] }>(seeded.admin, 'GET', '/holds')).holds).to.deep.equal([]);
  });

  it('a booking made without login with differing details shows the possible duplicate; Merge asks, then moves it to the stored client', async () => {
    let stored: Client | undefined;
    let booking: { id: string; clientId: string } | undefined;
    const { el, clinic } = await mountCalendar({
      practitioner: '',
      prepare: async (c, day) => {
        stored = await staffOk<Client>(c, 'POST', '/clients', { name: 'Klara Klient', email: 'klara@example.com' });
        const hold = await holdPublic(c, day, '10:00');
        const res = await fetch(`${c.apiUrl}/v1/clinics/${c.slug}/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            holdId: hold.id,
            holdSecret: hold.secret,
            client: { name: 'K. Klient', email: 'klara@example.com', phone: '+46709999999' },
            confirmation: 'none',
          }),
        });
        expect(res.status).to.equal(201);
        booking = ((await res.json()) as { booking: { id: string; clientId: string } }).booking;
      },
    });
    expect(booking!.clientId).not.to.equal(stored!.id);
    expect((await staffOk<Client>(clinic, 'GET', `/clients/${booking!.clientId}`)).duplicateOf).to.equal(stored!.id);

    await click(el, await waitForEntry(el, booking!.id));
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    const notice = await waitFor(popup, '[part="duplicate-notice"]');
    expect(notice.querySelector('p')!.textContent).to.equal(
      'Möjligen samma person som Klara Klient, klara@example.com – bokningen gjordes utan inloggning med uppgifter som skiljer sig från de sparade.',
    );
    const merge = deep<HTMLButtonElement>(popup, '[data-action="merge"]')!;
    expect(merge.textContent!.trim()).to.equal('Slå ihop med Klara Klient');
    merge.click();
    const confirm = await waitFor<HTMLButtonElement>(popup, '[data-action="confirm-merge"]');
    expect(textOf(popup)).to.contain('Bokningarna flyttas till Klara Klient; de sparade uppgifterna för Klara Klient ändras inte; det går inte att ångra.');
    await expect(popup).to.be.accessible();
    const merged = oneEvent(el, 'tidbok-calendar-change');
    confirm.click();
    expect((await merged).detail).to.deep.equal({ action: 'merged', kind: 'booking', id: booking!.id });
    await waitUntil(() => !deep(popup, '[part="duplicate-notice"]'), 'the notice is gone');

    // The server has the booking under the stored client, whose details stay; the split-off record is gone.
    expect((await staffOk<{ clientId: string }>(clinic, 'GET', `/bookings/${booking!.id}`)).clientId).to.equal(stored!.id);
    expect(await staffOk<Client>(clinic, 'GET', `/clients/${stored!.id}`)).to.include({ name: 'Klara Klient', email: 'klara@example.com', phone: null });
    expect((await staff(clinic, 'GET', `/clients/${booking!.clientId}`)).status).to.equal(404);
    await waitUntil(() => entryElement(el, booking!.id)?.getAttribute('aria-label')?.includes('Klara Klient'), 'the calendar shows the stored client');
  });
});

/**
 * A fresh clinic whose calendar is shown to a staff member of `role` (linked to Anna when a
 * practitioner); `admin` is the clinic as its admin sees it, to set up with.
 */
async function seedClinicWithStaff(role: 'practitioner' | 'reception'): Promise<Clinic & { admin: Clinic }> {
  const admin = await seedClinic({ locale: 'sv' });
  const created = await staffOk<{ token: string }>(admin, 'POST', '/staff', {
    name: role === 'practitioner' ? 'Anna Lindqvist' : 'Rita Reception',
    role,
    ...(role === 'practitioner' ? { practitionerId: admin.practitioners[0]!.id } : {}),
  });
  return { ...admin, adminToken: created.token, admin };
}
