import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { TidbokAdminElement } from '../admin/admin.js';
import type { TidbokCalendar } from './calendar.js';
import { at, book, type Clinic, deepActive, drag, entryElement, mountCalendar, press, seedClinic, staffOk, waitFor, waitForEntry } from './test-support.js';

// Issue 22: the front desk's day view (a column per practitioner), moving a booking to another
// practitioner, the question whether to tell the patient, and the view and date kept in the address.

type Booking = { id: string; practitionerId?: string; start: string; end: string };

const clearHash = () => history.replaceState(null, '', `${location.pathname}${location.search}`);

async function showDay(el: TidbokCalendar) {
  el.shadowRoot!.querySelector<HTMLButtonElement>('#view-day')!.click();
  await waitUntil(() => el.shadowRoot!.querySelector('.day-head.practitioner'), 'the day view is drawn');
  await el.updateComplete;
}

/** The column index a block is drawn in. */
const columnOf = (el: TidbokCalendar, block: Element) => [...el.shadowRoot!.querySelectorAll('.day')].indexOf(block.closest('.day')!);

/** A point inside a column at `time` (the default hours 07–19). */
function pointIn(el: TidbokCalendar, column: number, time: string) {
  const rect = el.shadowRoot!.querySelectorAll<HTMLElement>('.day')[column]!.getBoundingClientRect();
  const [h = 0, m = 0] = time.split(':').map(Number);
  return { x: rect.left + rect.width * 0.5, y: rect.top + ((h * 60 + m - 7 * 60) / (12 * 60)) * rect.height };
}

describe('the day view: a column per practitioner', () => {
  beforeEach(() => {
    localStorage.clear();
    clearHash();
  });
  afterEach(clearHash);

  it('names each column, shades its working time, puts each booking in its column and passes axe', async () => {
    const ids: string[] = [];
    const { el, clinic } = await mountCalendar({
      prepare: async (clinic, day) => {
        ids.push((await book(clinic, { date: day, start: '09:00', client: 'Ada Anna', practitioner: 0 })).id);
        ids.push((await book(clinic, { date: day, start: '10:00', client: 'Eva Erik', practitioner: 1, treatment: 1 })).id);
      },
    });
    await showDay(el);
    expect(el.getAttribute('view')).to.equal('day');
    const heads = [...el.shadowRoot!.querySelectorAll('.day-head')].map((h) => h.textContent!.trim());
    expect(heads).to.deep.equal(clinic.practitioners.map((p) => p.name));
    const columns = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.day')];
    expect(columns.length).to.equal(2);
    // Working time: a labelled band in each practitioner's own column, not a shade.
    for (const [i, practitioner] of clinic.practitioners.entries()) {
      const band = columns[i]!.querySelector('[part~="working-time"]')!;
      expect(band.getAttribute('part')).to.equal('working-time');
      expect(band.getAttribute('aria-label')).to.contain(practitioner.name);
      expect(getComputedStyle(band).backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
    }
    const anna = await waitForEntry(el, ids[0]!);
    const erik = await waitForEntry(el, ids[1]!);
    expect(columnOf(el, anna)).to.equal(0);
    expect(columnOf(el, erik)).to.equal(1);
    expect(el.shadowRoot!.querySelector('.day-body')!.getAttribute('aria-label')).to.contain('Anna Lindqvist');
    await expect(el).to.be.accessible();
  });

  it("drag into another practitioner's column gives the booking to them, on the server", async () => {
    let booking: Booking | undefined;
    const { el, clinic, day } = await mountCalendar({
      prepare: async (clinic, day) => (booking = await book(clinic, { date: day, start: '09:00', client: 'Dag Drag', practitioner: 0, treatment: 1 })),
    });
    await showDay(el);
    const block = await waitForEntry(el, booking!.id);
    const from = block.getBoundingClientRect();
    const start = { x: from.left + from.width / 2, y: from.top + from.height / 2 };
    const target = pointIn(el, 1, '09:15');
    await drag(el, start, { x: target.x, y: start.y });
    const erik = clinic.practitioners[1]!.id;
    await waitUntil(
      async () => (await staffOk<Booking>(clinic, 'GET', `/bookings/${booking!.id}`)).practitionerId === erik,
      'the server has the new practitioner',
    );
    const stored = await staffOk<Booking>(clinic, 'GET', `/bookings/${booking!.id}`);
    expect(stored.start).to.equal(at(clinic, day, '09:00').replace('.000', ''));
    await waitUntil(() => entryElement(el, booking!.id) && columnOf(el, entryElement(el, booking!.id)!) === 1, "drawn in Erik's column");
  });

  it('keyboard: arrows go from column to column; Shift+Right gives a booking to the next practitioner', async () => {
    let booking: Booking | undefined;
    const { el, clinic } = await mountCalendar({
      prepare: async (clinic, day) => (booking = await book(clinic, { date: day, start: '11:00', client: 'Kim Tangent', practitioner: 0, treatment: 1 })),
    });
    await showDay(el);
    const bodies = el.shadowRoot!.querySelectorAll<HTMLElement>('.day-body');
    bodies[0]!.focus();
    press(bodies[0]!, 'ArrowRight');
    await el.updateComplete;
    expect(deepActive()).to.equal(bodies[1]);
    press(bodies[1]!, 'ArrowLeft');
    expect(deepActive()).to.equal(bodies[0]);

    const block = await waitForEntry(el, booking!.id);
    block.focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ up: 'Shift' });
    const erik = clinic.practitioners[1]!.id;
    await waitUntil(async () => (await staffOk<Booking>(clinic, 'GET', `/bookings/${booking!.id}`)).practitionerId === erik, 'moved to Erik', {
      timeout: 5000,
    });
    await waitUntil(
      () => columnOf(el, entryElement(el, booking!.id)!) === 1 && deepActive() === entryElement(el, booking!.id),
      'drawn and focused in Erik’s column',
    );
  });

  it('the week of every practitioner shades working time (no rails), links each day to its day view, and passes axe', async () => {
    const { el, day, column } = await mountCalendar({ practitioner: '' });
    expect(el.shadowRoot!.querySelector('[part~="rail"]')).to.equal(null);
    const shade = el.shadowRoot!.querySelector<HTMLElement>('[part~="shade"]')!;
    expect(shade).not.to.equal(null);
    // Full width of its column, behind the blocks.
    expect(shade.getBoundingClientRect().width).to.be.greaterThan(shade.closest('.day')!.getBoundingClientRect().width * 0.9);
    // Weekday and month names as Swedish writes them: lower case, not capitalised by the styles.
    expect(getComputedStyle(el.shadowRoot!.querySelector('.day-head')!).textTransform).to.equal('none');
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.day-link')[column]!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.day-head.practitioner'), 'the day view');
    expect(el.shownDate).to.equal(day);
  });

  it('the month overview (a lazy chunk) jumps to a date and gives focus back', async () => {
    const { el, day } = await mountCalendar();
    el.shadowRoot!.querySelector<HTMLButtonElement>('#month-button')!.click();
    const month = await waitFor(el, 'tidbok-month-overview');
    await (month as unknown as TidbokCalendar).updateComplete;
    const title = month.shadowRoot!.querySelector('#month-title')!.textContent!;
    // Swedish month names are written in lower case.
    expect(title).to.equal(title.toLowerCase());
    await expect(month).to.be.accessible();
    // PageDown: the same day next month; Enter picks it.
    await sendKeys({ press: 'PageDown' });
    const focused = deepActive() as HTMLElement;
    expect(focused.dataset.date!.slice(5, 7)).not.to.equal(day.slice(5, 7));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !el.shadowRoot!.querySelector('tidbok-month-overview'), 'closed');
    expect(el.shownDate).to.equal(focused.dataset.date);
    await waitUntil(() => deepActive()?.id === 'month-button', 'focus back on the Month button');
  });
});

describe('a working time tooltip', () => {
  it('shows while the pointer is over the band and leaves with it, also after a click', async () => {
    const { el, clinic, column } = await mountCalendar();
    el.practitioner = clinic.practitioners[0]!.id;
    await waitUntil(() => !el.shadowRoot!.querySelector('[part~="shade"]') && el.shadowRoot!.querySelector('[part~="working-time"]'), 'filtered');
    await el.updateComplete;
    const band = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="working-time"]')].find((b) => columnOf(el, b) === column)!;
    const tooltip = band.querySelector('[role="tooltip"]')!;
    const rect = band.getBoundingClientRect();
    const over: [number, number] = [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)];
    await sendMouse({ type: 'move', position: over });
    expect(getComputedStyle(tooltip).display).to.equal('block');
    await sendMouse({ type: 'click', position: over });
    await sendMouse({ type: 'move', position: [5, 5] });
    expect(getComputedStyle(tooltip).display).to.equal('none');
    await resetMouse();
  });
});

describe('moving a booking asks whether to tell the patient', () => {
  let clinic: Clinic;
  async function emailBooking(day: string, start: string): Promise<Booking> {
    return staffOk<Booking>(clinic, 'POST', '/bookings', {
      client: { name: 'Maja Mejl', email: 'maja@example.se' },
      practitionerId: clinic.practitioners[0]!.id,
      treatmentTypeId: clinic.treatmentTypes[0]!.id,
      start: at(clinic, day, start),
      confirmation: 'email',
    });
  }
  const movedMessages = async (id: string) => {
    const { messages } = await staffOk<{ messages: { kind: string; bookingId: string | null }[] }>(clinic, 'GET', '/messages');
    return messages.filter((m) => m.bookingId === id && m.kind === 'moved');
  };

  beforeEach(async () => {
    localStorage.clear();
    clinic = await seedClinic();
  });

  it('says what is sent and to whom; "Move and tell" saves and queues the message', async () => {
    let booking: Booking | undefined;
    const { el, day } = await mountCalendar({ clinic, prepare: async (_c, day) => (booking = await emailBooking(day, '09:00')) });
    const block = await waitForEntry(el, booking!.id);
    const rect = block.getBoundingClientRect();
    const start = { x: rect.left + rect.width / 2, y: rect.top + 10 };
    const hour = el.shadowRoot!.querySelector('.day')!.getBoundingClientRect().height / 12;
    const gridTop = el.shadowRoot!.querySelector('[part~="grid"]')!.getBoundingClientRect().top;
    await drag(el, start, { x: start.x, y: start.y + hour });
    const dialog = await waitFor<HTMLDialogElement>(el, 'dialog.notify');
    await waitUntil(() => dialog.open, 'the dialog is open');
    expect(dialog.querySelector('h2')!.textContent).to.equal('Meddela patienten?');
    expect(dialog.textContent).to.contain('maja@example.se');
    expect(dialog.textContent).to.contain('Maja Mejl');
    expect(deepActive()).to.equal(dialog.querySelector('[data-action="tell"]'));
    await expect(el).to.be.accessible();
    dialog.querySelector<HTMLButtonElement>('[data-action="tell"]')!.click();
    await waitUntil(
      async () => (await staffOk<Booking>(clinic, 'GET', `/bookings/${booking!.id}`)).start === at(clinic, day, '10:00').replace('.000', ''),
      'moved',
    );
    expect(await movedMessages(booking!.id)).to.have.length(1);
    await waitUntil(() => deepActive() === entryElement(el, booking!.id), 'focus back on the booking');
    // The notice saying so lies over the grid: the grid has not moved.
    const notice = await waitFor(el, '[part~="notice"]');
    expect(notice.textContent).to.contain('patienten meddelas');
    expect(el.shadowRoot!.querySelector('[part~="grid"]')!.getBoundingClientRect().top).to.equal(gridTop);
  });

  it('"Undo the move" (or Escape) puts the booking back and saves nothing', async () => {
    let booking: Booking | undefined;
    const { el, day } = await mountCalendar({ clinic, prepare: async (_c, day) => (booking = await emailBooking(day, '10:00')) });
    const block = await waitForEntry(el, booking!.id);
    block.focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ up: 'Shift' });
    const dialog = await waitFor<HTMLDialogElement>(el, 'dialog.notify');
    await waitUntil(() => dialog.open, 'the dialog is open');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.shadowRoot!.querySelector('dialog.notify'), 'closed');
    await waitUntil(() => entryElement(el, booking!.id)!.getAttribute('aria-label')!.startsWith('Bokning 10:00–11:00'), 'back at 10:00');
    expect((await staffOk<Booking>(clinic, 'GET', `/bookings/${booking!.id}`)).start).to.equal(at(clinic, day, '10:00').replace('.000', ''));
    expect(await movedMessages(booking!.id)).to.have.length(0);
  });
});

describe('<tidbok-admin> keeps the view and date in the address', () => {
  beforeEach(() => {
    localStorage.clear();
    clearHash();
  });
  afterEach(clearHash);

  it('a reload opens the same day in the day view', async () => {
    const clinic = await seedClinic();
    const mount = (date?: string) =>
      fixture<TidbokAdminElement>(
        html`<tidbok-admin api=${clinic.apiUrl} clinic=${clinic.slug} .token=${clinic.adminToken} locale="sv" date=${date ?? ''}></tidbok-admin>`,
      );
    const first = await mount('2027-02-10');
    const calendar = await waitFor<TidbokCalendar>(first, 'tidbok-calendar');
    await waitUntil(() => calendar.shadowRoot?.querySelector('#view-day'), 'drawn');
    await showDay(calendar);
    calendar.shadowRoot!.querySelector<HTMLButtonElement>('#next-week')!.click();
    await waitUntil(() => location.hash.includes('tidbok-date=2027-02-11'), 'the address has the day');
    expect(location.hash).to.contain('tidbok-view=day');
    expect(first.getAttribute('calendar-view')).to.equal('day');
    first.remove();

    // "Reload": a new element on the same address, without a date of its own.
    const second = await mount();
    const again = await waitFor<TidbokCalendar>(second, 'tidbok-calendar');
    await waitUntil(() => again.shadowRoot?.querySelector('.day-head.practitioner'), 'the day view again');
    expect(again.shownDate).to.equal('2027-02-11');
    expect(again.shadowRoot!.querySelector('[part~="title"]')!.textContent).to.contain('torsdag 11 februari');
  });
});

describe('on a phone', () => {
  afterEach(async () => {
    await setViewport({ width: 1366, height: 900 });
  });

  it('shows the day as a list instead of the grid; a row opens the booking and focus comes back to it', async () => {
    let id = '';
    const { el } = await mountCalendar({
      prepare: async (clinic, day) => (id = (await book(clinic, { date: day, start: '10:00', client: 'Lisa Lista' })).id),
    });
    await setViewport({ width: 390, height: 800 });
    const row = await waitFor(el, `.day-list [data-entry-id="${id}"]`);
    expect(el.shadowRoot!.querySelector('[part~="grid"]')!.hasAttribute('hidden')).to.equal(true);
    expect(row.textContent).to.contain('Lisa Lista');
    expect(row.textContent).to.contain('10:00–11:00');
    expect(row.getBoundingClientRect().right).to.be.at.most(390);
    await expect(el).to.be.accessible();
    row.focus();
    await sendKeys({ press: 'Enter' });
    const popup = await waitFor(el, 'tidbok-entry-popup');
    await waitUntil(() => popup.shadowRoot?.activeElement, 'the popup has focus');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.shadowRoot!.querySelector('tidbok-entry-popup') && deepActive() === row, 'closed, focus back on the row');
  });
});
