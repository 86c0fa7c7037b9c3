import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { TidbokCalendar } from '../calendar/calendar.js';
import { at, book, click, deepActive, doubleClick, mountCalendar, pointAt, press, setValue, staffOk, waitFor, waitForEntry } from '../calendar/test-support.js';
import type { MenuItem } from '../menu-button/menu-button.js';
import type { TidbokEntryPopup } from './entry-popup.js';

const q = <T extends Element = HTMLElement>(popup: TidbokEntryPopup, selector: string) => popup.shadowRoot!.querySelector<T>(selector)!;
const text = (el: Element) => el.textContent!.replace(/\s+/g, ' ').trim();
const menuIds = (popup: TidbokEntryPopup) => (q(popup, 'tidbok-menu-button') as unknown as { items: MenuItem[] }).items.map((i) => i.id);
const statusOf = async (clinic: Parameters<typeof staffOk>[0], id: string) => (await staffOk<{ status: string }>(clinic, 'GET', `/bookings/${id}`)).status;

async function openBooking(el: TidbokCalendar, id: string) {
  await click(el, await waitForEntry(el, id));
  const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
  await popup.updateComplete;
  return popup;
}

/** Chooses a More item as the menu would (its `tidbok-menu-select`). */
async function choose(popup: TidbokEntryPopup, id: string) {
  q(popup, 'tidbok-menu-button').dispatchEvent(new CustomEvent('tidbok-menu-select', { detail: { id }, bubbles: true, composed: true }));
  await popup.updateComplete;
}

describe('<tidbok-entry-popup>: återbud and no-show ask first and can be undone', () => {
  beforeEach(() => localStorage.clear());

  it('återbud asks first, saying the time reopens and the client is not told (no confirmation chosen); Cancel changes nothing', async () => {
    let id = '';
    const { el, clinic } = await mountCalendar({
      practitioner: '',
      prepare: async (c, day) => (id = (await book(c, { date: day, start: '09:00', client: 'Åsa Återbud' })).id),
    });
    const popup = await openBooking(el, id);
    await choose(popup, 'cancel');
    const question = q(popup, '.confirm');
    expect(text(question)).to.match(/^Registrera återbud för Åsa Återbud, .* 09:00–10:00\?/);
    expect(text(question)).to.contain('Tiden blir ledig att boka igen.');
    expect(text(question)).to.contain('Klienten får inget meddelande: ingen bekräftelse valdes för bokningen.');
    expect(text(question)).to.contain('Du kan ångra direkt efteråt.');
    expect(q(popup, '[data-action="confirm-status"]').textContent!.trim()).to.equal('Registrera återbud');
    expect(deepActive()).to.equal(q(popup, '[data-action="keep"]'));
    await expect(popup).to.be.accessible();
    q<HTMLButtonElement>(popup, '[data-action="keep"]').click();
    await popup.updateComplete;
    expect(popup.shadowRoot!.querySelector('.confirm')).to.equal(null);
    expect(await statusOf(clinic, id)).to.equal('booked');
  });

  it('says the client is told by e-mail when the booking was confirmed by e-mail', async () => {
    let id = '';
    const { el } = await mountCalendar({
      practitioner: '',
      prepare: async (c, day) => {
        id = (
          await staffOk<{ id: string }>(c, 'POST', '/bookings', {
            client: { name: 'Edit Epost', email: 'edit@example.se' },
            practitionerId: c.practitioners[0]!.id,
            treatmentTypeId: c.treatmentTypes[0]!.id,
            start: at(c, day, '10:00'),
            confirmation: 'email',
          })
        ).id;
      },
    });
    const popup = await openBooking(el, id);
    // The booking itself (its confirmation channel) is read when the popup opens.
    await waitUntil(() => (popup as unknown as { booking: unknown }).booking, 'the booking is read');
    await choose(popup, 'cancel-late');
    const question = text(q(popup, '.confirm'));
    expect(question).to.match(/^Registrera sent återbud för Edit Epost, .*\? Det räknas som sent återbud\./);
    expect(question).to.contain('Klienten får ett meddelande om återbudet via e-post.');
  });

  it('återbud → Undo books it again; the notice offers Undo and Escape leaves the question without acting', async () => {
    let id = '';
    const { el, clinic } = await mountCalendar({
      practitioner: '',
      prepare: async (c, day) => (id = (await book(c, { date: day, start: '09:00', client: 'Ulla Ångra' })).id),
    });
    const popup = await openBooking(el, id);
    await choose(popup, 'cancel');
    press(q(popup, '[part~="dialog"]'), 'Escape');
    await popup.updateComplete;
    expect(popup.shadowRoot!.querySelector('.confirm')).to.equal(null);
    expect(el.shadowRoot!.querySelector('tidbok-entry-popup')).to.equal(popup);

    await choose(popup, 'cancel');
    const changed = oneEvent(el, 'tidbok-calendar-change');
    q<HTMLButtonElement>(popup, '[data-action="confirm-status"]').click();
    expect((await changed).detail).to.include({ action: 'cancelled', id });
    const undo = await waitFor<HTMLButtonElement>(popup, '[data-action="undo"]');
    expect(text(q(popup, '[part="undo"]'))).to.equal('Återbud registrerat. Ångra');
    expect(deepActive()).to.equal(undo);
    expect(await statusOf(clinic, id)).to.equal('cancelled');
    await expect(popup).to.be.accessible();

    const restored = oneEvent(el, 'tidbok-calendar-change');
    undo.click();
    expect((await restored).detail).to.include({ action: 'updated', id });
    await waitUntil(() => popup.shadowRoot!.querySelector('[part="undone"]'), 'the undo is reported');
    expect(text(q(popup, '[part="undone"]'))).to.equal('Ångrat: bokningen gäller igen.');
    expect(popup.shadowRoot!.querySelector('[data-action="undo"]')).to.equal(null);
    expect(await statusOf(clinic, id)).to.equal('booked');
  });

  it('Undo says what the time now conflicts with when it was booked meanwhile, and the booking stays cancelled', async () => {
    let id = '';
    const { el, clinic, day } = await mountCalendar({
      practitioner: '',
      prepare: async (c, day) => (id = (await book(c, { date: day, start: '09:00', client: 'Kalle Krock' })).id),
    });
    const popup = await openBooking(el, id);
    await choose(popup, 'cancel');
    q<HTMLButtonElement>(popup, '[data-action="confirm-status"]').click();
    const undo = await waitFor<HTMLButtonElement>(popup, '[data-action="undo"]');
    await book(clinic, { date: day, start: '09:30', end: '10:00', client: 'Nya Nisse' });
    const failed = oneEvent(el, 'tidbok-error');
    undo.click();
    expect((await failed).detail).to.include({ code: 'conflict' });
    await popup.updateComplete;
    expect(text(q(popup, '.error'))).to.match(/^Tiden krockar med en annan bokning för Anna Lindqvist, .* 09:30–10:00\.$/);
    expect(await statusOf(clinic, id)).to.equal('cancelled');
  });

  it('no-show is not offered before the booking starts; from the start it asks first, telling no one', async () => {
    let id = '';
    const { el, clinic, day } = await mountCalendar({
      practitioner: '',
      prepare: async (c, day) => (id = (await book(c, { date: day, start: '09:00', client: 'Nils Nej' })).id),
    });
    const popup = await openBooking(el, id);
    popup.clock = { now: () => Date.parse(at(clinic, day, '08:59')) };
    await popup.updateComplete;
    expect(menuIds(popup)).to.include('cancel').and.not.include('no-show');
    popup.clock = { now: () => Date.parse(at(clinic, day, '09:00')) };
    await popup.updateComplete;
    expect(menuIds(popup)).to.include('no-show');
    await choose(popup, 'no-show');
    const question = text(q(popup, '.confirm'));
    expect(question).to.match(/^Markera att Nils Nej inte kom, .*\?/);
    expect(question).to.contain('Klienten får inget meddelande.');
    q<HTMLButtonElement>(popup, '[data-action="confirm-status"]').click();
    await waitFor(popup, '[data-action="undo"]');
    expect(text(q(popup, '[part="undo"]'))).to.equal('Markerad som uteblivet besök. Ångra');
    expect(await statusOf(clinic, id)).to.equal('no_show');
  });

  it('Undo goes away after its time, focus staying in the popup; the status stays', async () => {
    let id = '';
    const { el, clinic } = await mountCalendar({
      practitioner: '',
      prepare: async (c, day) => (id = (await book(c, { date: day, start: '10:00', client: 'Tora Tid' })).id),
    });
    const popup = await openBooking(el, id);
    popup.undoFor = 50;
    await choose(popup, 'cancel');
    q<HTMLButtonElement>(popup, '[data-action="confirm-status"]').click();
    await waitFor(popup, '[data-action="undo"]');
    await waitUntil(() => !popup.shadowRoot!.querySelector('[data-action="undo"]'), 'Undo is no longer offered');
    await waitUntil(() => deepActive() === q(popup, '[part~="dialog"]'), 'focus is on the popup');
    expect(await statusOf(clinic, id)).to.equal('cancelled');
  });

  it('one verb for delete: "Ta bort" in the menu, the question and its button', async () => {
    let id = '';
    const { el } = await mountCalendar({ practitioner: '', prepare: async (c, day) => (id = (await book(c, { date: day, start: '11:00' })).id) });
    const popup = await openBooking(el, id);
    const item = (q(popup, 'tidbok-menu-button') as unknown as { items: MenuItem[] }).items.find((i) => i.id === 'delete')!;
    expect(item.label).to.equal('Ta bort bokningen');
    await choose(popup, 'delete');
    expect(text(q(popup, '.confirm p'))).to.match(/^Ta bort bokning /);
    expect(q(popup, '[data-action="confirm-delete"]').textContent!.trim()).to.equal('Ta bort');
    await expect(popup).to.be.accessible();
    // "Avbryt" goes back to the booking, deleting nothing; its other views use the same words.
    q<HTMLButtonElement>(popup, '[data-action="keep"]').click();
    await popup.updateComplete;
    await choose(popup, 'pay');
    await expect(popup).to.be.accessible();
  });
});

describe('<tidbok-entry-popup>: honest results', () => {
  beforeEach(() => localStorage.clear());

  it('a new booking whose SMS confirmation cannot be sent (no number) says so before closing', async () => {
    const { el, clinic, column } = await mountCalendar({ practitioner: '' });
    await doubleClick(el, pointAt(el, column, '09:05'));
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    const picker = q(popup, 'tidbok-client-picker');
    picker.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="new"]')!.click();
    await (picker as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    setValue(picker.shadowRoot!.querySelector<HTMLInputElement>('input[name="name"]')!, 'Sara Utan Nummer');
    picker.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="use"]')!.click();
    await popup.updateComplete;
    setValue(q<HTMLSelectElement>(popup, 'select[name="practitioner"]'), clinic.practitioners[0]!.id);
    await popup.updateComplete;
    setValue(q<HTMLSelectElement>(popup, 'select[name="treatmentType"]'), clinic.treatmentTypes[0]!.id);
    [...popup.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((r) => r.value === 'sms')!.click();
    const created = oneEvent(el, 'tidbok-calendar-change');
    q<HTMLButtonElement>(popup, 'button[type="submit"]').click();
    expect((await created).detail).to.include({ action: 'created', kind: 'booking' });
    const notice = await waitFor(popup, '[part="not-sent"]');
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(text(notice)).to.equal('Bokningen är skapad, men bekräftelsen via SMS kunde inte skickas: klienten har inget mobilnummer.');
    await expect(popup).to.be.accessible();
    const closed = oneEvent(popup, 'tidbok-popup-close');
    q<HTMLButtonElement>(popup, '[data-action="close"]').click();
    expect((await closed).detail).to.deep.equal({ reason: 'done' });
  });

  it('time fields are text in the clinic format (24-hour, ISO date) whatever the browser, and read what staff type', async () => {
    const { el, column, day } = await mountCalendar({ locale: 'en', practitioner: '' });
    await doubleClick(el, pointAt(el, column, '09:05'));
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    [...popup.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]')].find((t) => t.textContent!.trim() === 'Activity')!.click();
    await popup.updateComplete;
    const date = q<HTMLInputElement>(popup, 'input[name="date"]');
    const start = q<HTMLInputElement>(popup, 'input[name="start"]');
    expect([date.type, start.type]).to.deep.equal(['text', 'text']);
    expect(date.value).to.equal(day);
    setValue(start, '1430');
    await popup.updateComplete;
    await popup.updateComplete;
    expect(start.value).to.equal('14:30');
    expect(q<HTMLInputElement>(popup, 'input[name="end"]').value).to.equal('15:30');
    setValue(start, '2:30 pm');
    await popup.updateComplete;
    expect(start.getAttribute('aria-invalid')).to.equal('true');
    expect(text(popup.shadowRoot!.getElementById(start.getAttribute('aria-describedby')!)!)).to.equal('Write the times as hh:mm, e.g. 09:30.');
  });

  it("the booking's treatment types are the practitioner's, staff-only ones marked", async () => {
    const { el, clinic, column } = await mountCalendar({
      practitioner: '',
      prepare: (c) => staffOk(c, 'PATCH', `/treatment-types/${c.treatmentTypes[1]!.id}`, { onlineBookable: false }),
    });
    await doubleClick(el, pointAt(el, column, '09:05'));
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    const names = () => [...q<HTMLSelectElement>(popup, 'select[name="treatmentType"]').options].slice(1).map((o) => text(o));
    setValue(q<HTMLSelectElement>(popup, 'select[name="practitioner"]'), clinic.practitioners[1]!.id);
    await popup.updateComplete;
    // Erik offers only Kort uppföljning, which is not bookable online.
    expect(names()).to.deep.equal(['Kort uppföljning (30 min) – bara personal']);
    setValue(q<HTMLSelectElement>(popup, 'select[name="practitioner"]'), clinic.practitioners[0]!.id);
    await popup.updateComplete;
    expect(names()).to.deep.equal(['Samtal (60 min)', 'Kort uppföljning (30 min) – bara personal']);
    await expect(popup).to.be.accessible();
  });
});
