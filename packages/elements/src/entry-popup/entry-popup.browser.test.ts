import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { TidbokCalendar } from '../calendar/calendar.js';
import {
  at,
  book,
  click,
  doubleClick,
  entryElement,
  mountCalendar,
  pointAt,
  press,
  setValue,
  staffOk,
  waitFor,
  waitForEntry,
} from '../calendar/test-support.js';
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
    expect(item.textContent).to.contain('The client has no phone number');
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
    expect((await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/admin/working-times/${bandId}`, { headers: { authorization: `Bearer ${clinic.adminToken}` } })).status).to.equal(404);
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
