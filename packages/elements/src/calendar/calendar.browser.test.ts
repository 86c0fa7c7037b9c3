import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { addLocalDays, mondayOf } from '@tidbok/core';
import { sendKeys } from '@web/test-runner-commands';
import type { TidbokEntryPopup } from '../entry-popup/entry-popup.js';
import type { TidbokMenuButton } from '../menu-button/menu-button.js';
import {
  at,
  book,
  click,
  deepActive,
  deepAll,
  doubleClick,
  drag,
  entriesOf,
  entryElement,
  mountCalendar,
  pointAt,
  press,
  setValue,
  staff,
  staffOk,
  waitFor,
  waitForEntry,
} from './test-support.js';
import { isoWeek } from '../shared/dates.js';

const rgb = (el: Element) => getComputedStyle(el).backgroundColor;
const popupOf = (el: Element) => el.shadowRoot!.querySelector<TidbokEntryPopup>('tidbok-entry-popup');
const inPopup = <T extends Element = HTMLElement>(el: Element, selector: string) => popupOf(el)?.shadowRoot?.querySelector<T>(selector) ?? null;

async function chooseMenuItem(el: Element, id: string) {
  const menu = inPopup<TidbokMenuButton>(el, 'tidbok-menu-button')!;
  menu.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!.click();
  await menu.updateComplete;
  menu.shadowRoot!.querySelector<HTMLButtonElement>(`[data-id="${id}"]`)!.click();
}

describe('<tidbok-calendar>', () => {
  beforeEach(() => localStorage.clear());

  it('draws bookings in their treatment colour, activities purple, working time as a band, holds pink without text, and cancellations and no-shows distinctly', async () => {
    const ids: Record<string, string> = {};
    const { el, clinic } = await mountCalendar({
      prepare: async (clinic, day) => {
        ids.booked = (await book(clinic, { date: day, start: '09:00', client: 'Anna Klient' })).id;
        ids.cancelled = (await book(clinic, { date: day, start: '10:00', client: 'Bo Återbud' })).id;
        ids.noShow = (await book(clinic, { date: day, start: '11:00', client: 'Cecilia Uteblev' })).id;
        await staffOk(clinic, 'POST', `/bookings/${ids.cancelled}/cancel`, { late: true });
        await staffOk(clinic, 'POST', `/bookings/${ids.noShow}/no-show`);
        const activity = await staffOk<{ id: string }>(clinic, 'POST', '/activities', {
          practitionerId: clinic.practitioners[1]!.id,
          title: 'Personalmöte',
          start: at(clinic, day, '13:00'),
          end: at(clinic, day, '14:00'),
        });
        ids.activity = activity.id;
        // A visitor holding a time on the public site.
        const hold = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/holds`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ treatmentTypeId: clinic.treatmentTypes[1]!.id, practitionerId: clinic.practitioners[1]!.id, start: at(clinic, day, '10:00') }),
        });
        ids.hold = ((await hold.json()) as { id: string }).id;
      },
    });

    const booked = await waitForEntry(el, ids.booked!);
    expect(booked.getAttribute('part')).to.equal('entry booking');
    // Samtal's #2e86ab: the edge is the colour itself, the fill the nearest shade that keeps the
    // text readable (WCAG AA), since neither dark nor white text reaches 4.5:1 on it.
    expect(getComputedStyle(booked).borderLeftColor).to.equal('rgb(46, 134, 171)');
    const [r, g, b] = rgb(booked).match(/\d+/g)!.map(Number) as [number, number, number];
    expect(b).to.be.greaterThan(r).and.greaterThan(g);
    expect(booked.textContent).to.contain('Anna Klient').and.contain('Samtal');
    expect(booked.getAttribute('aria-label')).to.match(/^Bokning 09:00–10:00, Anna Klient, Samtal/);

    const activity = entryElement(el, ids.activity!)!;
    expect(activity.getAttribute('part')).to.equal('entry activity');
    expect(rgb(activity)).to.equal('rgb(142, 68, 173)');
    expect(activity.textContent).to.contain('Personalmöte');

    const hold = entryElement(el, ids.hold!)!;
    expect(hold.getAttribute('part')).to.equal('entry hold');
    expect(rgb(hold)).to.equal('rgb(248, 200, 220)');
    expect(hold.textContent!.trim()).to.equal('');
    expect(hold.getAttribute('aria-label')).to.match(/^Reserverad 10:00–10:30/); // Kort uppföljning, 30 min

    const cancelled = entryElement(el, ids.cancelled!)!;
    expect(cancelled.getAttribute('part')).to.equal('entry booking cancelled');
    expect(rgb(cancelled)).not.to.equal(rgb(booked));
    expect(getComputedStyle(cancelled.querySelector('.who')!).textDecorationLine).to.equal('line-through');
    expect(cancelled.textContent).to.contain('Sent återbud');
    const noShow = entryElement(el, ids.noShow!)!;
    expect(noShow.getAttribute('part')).to.equal('entry booking no-show');
    expect(getComputedStyle(noShow).backgroundImage).to.contain('repeating-linear-gradient');
    expect(noShow.getAttribute('aria-label')).to.contain('uteblev');

    const bands = deepAll(el, '[part~="working-time"]');
    expect(bands.length).to.be.greaterThan(0);
    const band = bands[0]!;
    // Everyone shown: a shade per practitioner; its name says what is bookable in it.
    expect(band.getAttribute('aria-label')).to.match(/^Arbetstid 09:00–12:00, (Anna Lindqvist: Kort uppföljning, Samtal|Erik Johansson: Kort uppföljning)$/);
    expect(band.querySelector('[role="tooltip"]')!.textContent).to.contain('Bokningsbart här');
    band.focus();
    expect(getComputedStyle(band.querySelector('[role="tooltip"]')!).display).to.equal('block');
    expect(clinic.slug).to.be.a('string');
  });

  it('double-click creates a draft and its Booking tab books the client on the server', async () => {
    const { el, clinic, day, column } = await mountCalendar({
      practitioner: '',
      prepare: (clinic) => staffOk(clinic, 'POST', '/clients', { name: 'Dora Dubbelklick', email: 'dora@example.se' }),
    });
    await doubleClick(el, pointAt(el, column, '10:05'));
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    const selected = popup.shadowRoot!.querySelector('[role="tab"][aria-selected="true"]')!;
    expect(selected.textContent!.trim()).to.equal('Bokning');
    expect(popup.shadowRoot!.querySelector<HTMLInputElement>('input[name="start"]')!.value).to.equal('10:00');
    expect(el.shadowRoot!.querySelector('[part~="draft"]')!.getAttribute('aria-label')).to.equal('Ny bokning 10:00–11:00');

    // Search as you type, pick with the keyboard.
    const picker = popup.shadowRoot!.querySelector('tidbok-client-picker')!;
    const search = picker.shadowRoot!.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    search.focus();
    setValue(search, 'Dora');
    await waitUntil(() => picker.shadowRoot!.querySelector('[role="option"]'), 'a match is listed');
    press(search, 'Enter');
    await waitUntil(() => picker.shadowRoot!.textContent!.includes('dora@example.se'), 'the client is chosen');

    // Kort uppföljning (30 min): the double-clicked block takes the treatment's length.
    const placed = popup.shadowRoot!.querySelector('[part~="dialog"]')!.getBoundingClientRect();
    setValue(popup.shadowRoot!.querySelector<HTMLSelectElement>('select[name="treatmentType"]')!, clinic.treatmentTypes[1]!.id);
    await popup.updateComplete;
    // The popup takes the treatment's colour and stays where it was.
    const after = popup.shadowRoot!.querySelector('[part~="dialog"]')!.getBoundingClientRect();
    expect([after.left, after.top]).to.deep.equal([placed.left, placed.top]);
    expect(popup.shadowRoot!.querySelector<HTMLInputElement>('input[name="end"]')!.value).to.equal('10:30');
    const saved = oneEvent(el, 'tidbok-calendar-change');
    popup.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const { detail } = await saved;
    expect(detail).to.include({ action: 'created', kind: 'booking' });

    const created = await staffOk<{ start: string; end: string; treatmentTypeId: string; practitionerId: string; locationId: string }>(
      clinic,
      'GET',
      `/bookings/${detail.id}`,
    );
    expect(created.start).to.equal(at(clinic, day, '10:00').replace('.000Z', 'Z'));
    expect(created.end).to.equal(at(clinic, day, '10:30').replace('.000Z', 'Z'));
    expect(created.treatmentTypeId).to.equal(clinic.treatmentTypes[1]!.id);
    // The working time under the click suggested the practitioner and the location.
    expect(created.locationId).to.equal(clinic.locationId);
    const block = await waitForEntry(el, detail.id);
    expect(block.getAttribute('aria-label')).to.match(/^Bokning 10:00–10:30, Dora Dubbelklick, Kort uppföljning/);
    expect(popupOf(el)).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="notice"]')!.textContent).to.contain('Bokningen skapades');
  });

  it('a drag creates a draft that defaults to Activity, and dragging its edge changes the time', async () => {
    const { el, clinic, column } = await mountCalendar({ practitioner: '' });
    await drag(el, pointAt(el, column, '13:05'), pointAt(el, column, '13:50'));
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    expect(popup.shadowRoot!.querySelector('[role="tab"][aria-selected="true"]')!.textContent!.trim()).to.equal('Aktivitet');
    expect(popup.shadowRoot!.querySelector<HTMLInputElement>('input[name="start"]')!.value).to.equal('13:00');
    expect(popup.shadowRoot!.querySelector<HTMLInputElement>('input[name="end"]')!.value).to.equal('14:00');

    // Drag the draft's bottom edge to 15:30: the popup follows.
    const handle = el.shadowRoot!.querySelector<HTMLElement>('[part~="draft"] [data-handle="end"]')!;
    const rect = handle.getBoundingClientRect();
    await drag(el, { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }, pointAt(el, column, '15:31'), handle);
    await popup.updateComplete;
    expect(popup.shadowRoot!.querySelector<HTMLInputElement>('input[name="end"]')!.value).to.equal('15:30');

    setValue(popup.shadowRoot!.querySelector<HTMLInputElement>('input[name="title"]')!, 'Handledning');
    const saved = oneEvent(el, 'tidbok-calendar-change');
    popup.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const { detail } = await saved;
    expect(detail).to.include({ action: 'created', kind: 'activity' });
    const activity = await staffOk<{ title: string; start: string; end: string }>(clinic, 'GET', `/activities/${detail.id}`);
    expect(activity.title).to.equal('Handledning');
    const block = await waitForEntry(el, detail.id);
    expect(block.getAttribute('aria-label')).to.match(/^Aktivitet 13:00–15:30, Handledning/);
  });

  it('dragging a booking moves it and dragging its end resizes it; the server keeps both', async () => {
    let id = '';
    const { el, clinic, day, column } = await mountCalendar({
      practitioner: '',
      prepare: async (clinic, day) => (id = (await book(clinic, { date: day, start: '09:00' })).id),
    });
    const block = await waitForEntry(el, id);
    const rect = block.getBoundingClientRect();
    const from = { x: rect.left + rect.width / 2, y: rect.top + 20 };
    const moved = oneEvent(el, 'tidbok-calendar-change');
    // One hour down and, unless it is Friday, one day to the right.
    const columns = el.shadowRoot!.querySelectorAll('.day');
    const dx = column < 4 ? columns[column + 1]!.getBoundingClientRect().left - columns[column]!.getBoundingClientRect().left : 0;
    const hour = pointAt(el, column, '10:00').y - pointAt(el, column, '09:00').y;
    await drag(el, from, { x: from.x + dx, y: from.y + hour });
    expect((await moved).detail).to.include({ action: 'moved', id });
    const next = column < 4 ? addLocalDays(day, 1) : day;
    let stored = await staffOk<{ start: string; end: string }>(clinic, 'GET', `/bookings/${id}`);
    expect(stored.start).to.equal(at(clinic, next, '10:00').replace('.000Z', 'Z'));
    expect(stored.end).to.equal(at(clinic, next, '11:00').replace('.000Z', 'Z'));

    const again = await waitForEntry(el, id);
    await waitUntil(() => entryElement(el, id)?.getAttribute('aria-label')?.startsWith('Bokning 10:00–11:00'), 'drawn at its new time');
    const handle = again.querySelector<HTMLElement>('[data-handle="end"]')!;
    const h = handle.getBoundingClientRect();
    const resized = oneEvent(el, 'tidbok-calendar-change');
    await drag(el, { x: h.left + h.width / 2, y: h.top + h.height / 2 }, { x: h.left + h.width / 2, y: pointAt(el, 0, '11:30').y }, handle);
    await resized;
    stored = await staffOk(clinic, 'GET', `/bookings/${id}`);
    expect(stored.end).to.equal(at(clinic, next, '11:30').replace('.000Z', 'Z'));
    await waitUntil(() => entryElement(el, id)?.getAttribute('aria-label')?.startsWith('Bokning 10:00–11:30'), 'drawn with its new length');
  });

  it('a move onto another booking of the practitioner is refused: the block snaps back and the conflict is shown', async () => {
    let first = '';
    const { el, clinic, day, column } = await mountCalendar({
      practitioner: '',
      prepare: async (clinic, day) => {
        first = (await book(clinic, { date: day, start: '09:00', client: 'Första' })).id;
        await book(clinic, { date: day, start: '10:30', client: 'Andra' });
      },
    });
    const block = await waitForEntry(el, first);
    const rect = block.getBoundingClientRect();
    const from = { x: rect.left + rect.width / 2, y: rect.top + 20 };
    const failed = oneEvent(el, 'tidbok-error');
    await drag(el, from, { x: from.x, y: from.y + (pointAt(el, column, '10:00').y - pointAt(el, column, '09:00').y) });
    const { detail } = await failed;
    expect(detail).to.include({ code: 'conflict', action: 'move' });
    const alert = await waitFor(el, '[part~="notice"][role="alert"]');
    expect(alert.textContent).to.contain('krockar med en annan bokning');
    await waitUntil(() => entryElement(el, first)?.getAttribute('aria-label')?.startsWith('Bokning 09:00–10:00'), 'snapped back');
    const stored = await staffOk<{ start: string }>(clinic, 'GET', `/bookings/${first}`);
    expect(stored.start).to.equal(at(clinic, day, '09:00').replace('.000Z', 'Z'));
  });

  it('More on a booking: återbud, late återbud, no-show and delete act on the server', async () => {
    const ids: string[] = [];
    const { el, clinic, day } = await mountCalendar({
      practitioner: '',
      prepare: async (clinic, day) => {
        for (const start of ['09:00', '10:00', '11:00', '13:00']) ids.push((await book(clinic, { date: day, start, end: start.replace(':00', ':45') })).id);
      },
    });
    const act = async (id: string, item: string) => {
      await click(el, await waitForEntry(el, id));
      await waitFor(el, 'tidbok-entry-popup');
      // No-show is offered from the booking's start: the popup's clock stands after all four.
      popupOf(el)!.clock = { now: () => Date.parse(at(clinic, day, '14:00')) };
      await popupOf(el)!.updateComplete;
      const changed = oneEvent(el, 'tidbok-calendar-change');
      await chooseMenuItem(el, item);
      // Each asks first (entry-popup/guard-rails.browser.test.ts says what).
      await popupOf(el)!.updateComplete;
      inPopup<HTMLButtonElement>(el, item === 'delete' ? '[data-action="confirm-delete"]' : '[data-action="confirm-status"]')!.click();
      const detail = (await changed).detail;
      // After återbud or no-show the popup stays, offering Undo; Escape closes it.
      const open = popupOf(el);
      if (open) {
        await waitFor(open, '[data-action="undo"]');
        press(inPopup(el, '[part~="dialog"]')!, 'Escape');
        await waitUntil(() => !popupOf(el), 'the popup is closed');
      }
      return detail;
    };

    expect(await act(ids[0]!, 'cancel')).to.include({ action: 'cancelled', id: ids[0] });
    expect(await staffOk(clinic, 'GET', `/bookings/${ids[0]}`)).to.include({ status: 'cancelled', lateCancellation: false });
    expect(await act(ids[1]!, 'cancel-late')).to.include({ action: 'cancelled' });
    expect(await staffOk(clinic, 'GET', `/bookings/${ids[1]}`)).to.include({ status: 'cancelled', lateCancellation: true });
    expect(await act(ids[2]!, 'no-show')).to.include({ action: 'no-show' });
    expect(await staffOk(clinic, 'GET', `/bookings/${ids[2]}`)).to.include({ status: 'no_show' });
    expect(await act(ids[3]!, 'delete')).to.include({ action: 'deleted' });
    expect((await staff(clinic, 'GET', `/bookings/${ids[3]}`)).status).to.equal(404);

    await waitUntil(() => entryElement(el, ids[2]!)?.getAttribute('part') === 'entry booking no-show', 'the no-show is redrawn');
    expect(entryElement(el, ids[0]!)!.getAttribute('part')).to.equal('entry booking cancelled');
    await waitUntil(() => !entryElement(el, ids[3]!), 'the deleted booking is gone');
    // A cancelled booking cannot be cancelled again: the item says why it is off.
    await click(el, entryElement(el, ids[0]!)!);
    await waitFor(el, 'tidbok-entry-popup');
    await popupOf(el)!.updateComplete;
    const menu = inPopup<TidbokMenuButton>(el, 'tidbok-menu-button')!;
    const cancel = menu.shadowRoot!.querySelector('[data-id="cancel"]')!;
    expect(cancel.getAttribute('aria-disabled')).to.equal('true');
    expect(cancel.textContent).to.contain('redan avbokad');
  });

  it('More: mark paid, then receipts; a server without payments shows them disabled with a hint', async () => {
    let id = '';
    const { el, clinic } = await mountCalendar({
      practitioner: '',
      prepare: async (clinic, day) => (id = (await book(clinic, { date: day, start: '09:00' })).id),
    });
    el.features = { confirmations: false, payments: false, receipts: false };
    await click(el, await waitForEntry(el, id));
    await waitFor(el, 'tidbok-entry-popup');
    await popupOf(el)!.updateComplete;
    let menu = inPopup<TidbokMenuButton>(el, 'tidbok-menu-button')!;
    const pay = menu.shadowRoot!.querySelector('[data-id="pay"]')!;
    expect(pay.getAttribute('aria-disabled')).to.equal('true');
    expect(pay.textContent).to.contain('Tillgängligt när servern tar emot betalningar');
    expect(menu.shadowRoot!.querySelector('[data-id="confirm-email"]')!.getAttribute('aria-disabled')).to.equal('true');
    press(popupOf(el)!.shadowRoot!.querySelector('[part~="dialog"]')!, 'Escape');
    await el.updateComplete;

    el.features = { confirmations: true, payments: true, receipts: true };
    await click(el, entryElement(el, id)!);
    await waitFor(el, 'tidbok-entry-popup');
    await popupOf(el)!.updateComplete;
    await chooseMenuItem(el, 'pay');
    await popupOf(el)!.updateComplete;
    setValue(inPopup<HTMLSelectElement>(el, '.pay select')!, 'swish');
    const paid = oneEvent(el, 'tidbok-calendar-change');
    inPopup<HTMLButtonElement>(el, '.pay .btn.primary')!.click();
    expect((await paid).detail).to.include({ action: 'paid', id });
    const stored = await staffOk<{ paid: { method: string } | null }>(clinic, 'GET', `/bookings/${id}`);
    expect(stored.paid?.method).to.equal('swish');

    await waitUntil(() => entryElement(el, id)?.getAttribute('part')?.includes('paid'), 'drawn as paid');
    await click(el, entryElement(el, id)!);
    await waitFor(el, 'tidbok-entry-popup');
    await popupOf(el)!.updateComplete;
    menu = inPopup<TidbokMenuButton>(el, 'tidbok-menu-button')!;
    expect(menu.items.map((item) => item.id)).to.include.members(['print-receipt', 'send-receipt']);
    expect(menu.items.find((item) => item.id === 'pay')).to.equal(undefined);
  });

  it('loading a week never moves the grid, and says so in one status line and aria-busy', async () => {
    // The calendar's requests wait at a gate the test opens, so the loading state stays on screen.
    const realFetch = window.fetch;
    let open!: () => void;
    let gate: Promise<void> | null = null;
    window.fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (gate && url.includes('/admin/calendar')) await gate;
      return realFetch(input, init);
    };
    try {
      const { el } = await mountCalendar();
      const grid = el.shadowRoot!.querySelector<HTMLElement>('[part~="grid"]')!;
      const status = el.shadowRoot!.querySelector<HTMLElement>('[part~="status"]')!;
      const top = () => grid.getBoundingClientRect().top;
      const loadedTop = top();
      expect(grid.getAttribute('aria-busy')).to.equal('false');
      expect(status.getAttribute('role')).to.equal('status');

      gate = new Promise((resolve) => (open = resolve));
      el.shadowRoot!.querySelector<HTMLButtonElement>('#next-week')!.click();
      await waitUntil(() => grid.getAttribute('aria-busy') === 'true', 'the next week loading');
      expect(status.textContent).to.include('Laddar kalendern');
      expect(top()).to.equal(loadedTop);

      open();
      gate = null;
      await waitUntil(() => grid.getAttribute('aria-busy') === 'false', 'the next week drawn');
      expect(status.textContent!.trim()).to.not.include('Laddar');
      expect(top()).to.equal(loadedTop);
      // The same element all along: a live region that stays is one a screen reader follows.
      expect(el.shadowRoot!.querySelector('[part~="status"]')).to.equal(status);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('the practitioner filter shows one practitioner and is suggested for new entries', async () => {
    const ids: string[] = [];
    const { el, clinic, column } = await mountCalendar({
      practitioner: '',
      prepare: async (clinic, day) => {
        ids.push((await book(clinic, { date: day, start: '09:00', practitioner: 0 })).id);
        ids.push((await book(clinic, { date: day, start: '09:00', practitioner: 1, treatment: 1 })).id);
      },
    });
    await waitForEntry(el, ids[0]!);
    await waitForEntry(el, ids[1]!);
    const erik = clinic.practitioners[1]!;
    const changed = oneEvent(el, 'tidbok-week-change');
    setValue(el.shadowRoot!.querySelector<HTMLSelectElement>('#practitioner-filter')!, erik.id);
    expect((await changed).detail.practitionerId).to.equal(erik.id);
    await waitUntil(() => !entryElement(el, ids[0]!) && entryElement(el, ids[1]!), "only Erik's booking is shown");
    // One practitioner: working time is a full labelled band again, not the shade of everyone.
    expect(el.shadowRoot!.querySelector('[part~="shade"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="working-time"]')!.getAttribute('aria-label')).to.contain('Erik Johansson');

    await doubleClick(el, pointAt(el, column, '11:05'));
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    expect(popup.shadowRoot!.querySelector<HTMLSelectElement>('select[name="practitioner"]')!.value).to.equal(erik.id);
  });

  it('previous, next and Today change the week; `date` picks the week shown first', async () => {
    const { el, day } = await mountCalendar();
    const title = () => el.shadowRoot!.querySelector('[part~="title"]')!.textContent!;
    expect(el.shownWeek).to.equal(mondayOf(day));
    expect(title()).to.contain(`Vecka ${isoWeek(day)}`);
    const next = oneEvent(el, 'tidbok-week-change');
    el.shadowRoot!.querySelector<HTMLButtonElement>('#next-week')!.click();
    expect((await next).detail.weekStart).to.equal(addLocalDays(mondayOf(day), 7));
    await el.updateComplete;
    expect(title()).to.contain(`Vecka ${isoWeek(addLocalDays(day, 7))}`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#previous-week')!.click();
    el.shadowRoot!.querySelector<HTMLButtonElement>('#previous-week')!.click();
    await el.updateComplete;
    expect(el.shownWeek).to.equal(addLocalDays(mondayOf(day), -7));
    el.shadowRoot!.querySelector<HTMLButtonElement>('#today')!.click();
    await el.updateComplete;
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    expect(el.shownWeek).to.equal(mondayOf(today));
    expect(el.shadowRoot!.querySelectorAll('.day-head').length).to.equal(5);
    el.date = addLocalDays(day, 21);
    await el.updateComplete;
    expect(el.shownWeek).to.equal(mondayOf(addLocalDays(day, 21)));
  });

  it('a hold made on the public site appears within the poll interval', async () => {
    const { el, clinic, day } = await mountCalendar({ pollInterval: 5000 });
    const started = Date.now();
    const res = await fetch(`${clinic.apiUrl}/v1/clinics/${clinic.slug}/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ treatmentTypeId: clinic.treatmentTypes[0]!.id, practitionerId: clinic.practitioners[0]!.id, start: at(clinic, day, '11:00') }),
    });
    expect(res.status).to.equal(201);
    const { id } = (await res.json()) as { id: string };
    await waitForEntry(el, id, 7000);
    expect(Date.now() - started).to.be.below(6500);
    expect(entryElement(el, id)!.getAttribute('part')).to.equal('entry hold');
  });

  it('keyboard: entries have meaningful names, Enter opens, Escape closes and focus returns; Shift+arrows move', async () => {
    let id = '';
    const { el, clinic, day } = await mountCalendar({
      prepare: async (clinic, day) => (id = (await book(clinic, { date: day, start: '09:00', client: 'Anna Lindqvist' })).id),
    });
    el.practitioner = clinic.practitioners[0]!.id;
    await waitUntil(() => !el.shadowRoot!.querySelector('[part~="shade"]') && entryElement(el, id), 'filtered');
    const block = entryElement(el, id)!;
    expect(block.getAttribute('role')).to.equal('button');
    expect(block.getAttribute('aria-label')).to.equal('Bokning 09:00–10:00, Anna Lindqvist, Samtal');
    block.focus();
    await sendKeys({ press: 'Enter' });
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    const dialog = popup.shadowRoot!.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-labelledby')).to.be.a('string');
    expect(popup.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).to.contain('Anna Lindqvist');
    expect(deepActive()).to.equal(dialog);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await el.updateComplete;
    expect(popupOf(el)).to.equal(null);
    expect(deepActive()).to.equal(entryElement(el, id));

    const moved = oneEvent(el, 'tidbok-calendar-change');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ up: 'Shift' });
    await el.updateComplete;
    expect(entryElement(el, id)!.getAttribute('aria-label')).to.match(/^Bokning 09:30–10:30/);
    expect(deepActive()).to.equal(entryElement(el, id));
    expect((await moved).detail).to.include({ action: 'moved' });
    const stored = await staffOk<{ start: string }>(clinic, 'GET', `/bookings/${id}`);
    expect(stored.start).to.equal(at(clinic, day, '09:30').replace('.000Z', 'Z'));
  });

  it("keyboard: a day's time slider chooses a time and Enter opens a booking draft there", async () => {
    const { el, column } = await mountCalendar();
    const slider = el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="day"]')[column]!;
    expect(slider.getAttribute('role')).to.equal('slider');
    slider.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    // The cursor starts where the day's working time starts (09:00), then moves 15 minutes.
    expect(slider.getAttribute('aria-valuetext')).to.equal('09:15–10:15');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ up: 'Shift' });
    await el.updateComplete;
    expect(slider.getAttribute('aria-valuetext')).to.equal('09:15–09:45');
    await sendKeys({ press: 'Enter' });
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    expect(popup.shadowRoot!.querySelector<HTMLInputElement>('input[name="start"]')!.value).to.equal('09:15');
    expect(popup.shadowRoot!.querySelector<HTMLInputElement>('input[name="end"]')!.value).to.equal('09:45');
    expect(deepActive()!.getAttribute('role')).to.equal('tab');
    await sendKeys({ press: 'ArrowRight' });
    await popup.updateComplete;
    expect(popup.shadowRoot!.querySelector('[role="tab"][aria-selected="true"]')!.textContent!.trim()).to.equal('Arbetstid');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="draft"]')).to.equal(null);
    expect(deepActive()).to.equal(slider);
  });

  it('Book suggests free times inside working time; choosing one opens the booking popup prefilled', async () => {
    const { el, clinic, day } = await mountCalendar();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="book-button"]')!.click();
    const panel = await waitFor(el, 'tidbok-book-panel');
    await (panel as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const select = panel.shadowRoot!.querySelector<HTMLSelectElement>('select[name="treatmentType"]')!;
    expect(panel.shadowRoot!.textContent).to.contain('Välj behandlingsform för att se lediga tider');
    setValue(select, clinic.treatmentTypes[0]!.id);
    await waitUntil(() => panel.shadowRoot!.querySelector('[part~="slot"]'), 'free times are listed');
    const slots = [...panel.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="slot"]')];
    // Samtal is Anna's only, 60 min, in 09–12: the first is 09:00 on the first working day.
    expect(slots[0]!.getAttribute('aria-label')).to.match(/ 09:00 hos Anna Lindqvist$/);
    slots[0]!.click();
    const popup = await waitFor<TidbokEntryPopup>(el, 'tidbok-entry-popup');
    await popup.updateComplete;
    expect(el.shadowRoot!.querySelector('tidbok-book-panel')).to.equal(null);
    expect(popup.shadowRoot!.querySelector('[role="tab"][aria-selected="true"]')!.textContent!.trim()).to.equal('Bokning');
    expect(popup.shadowRoot!.querySelector<HTMLInputElement>('input[name="date"]')!.value).to.equal(day);
    expect(popup.shadowRoot!.querySelector<HTMLInputElement>('input[name="start"]')!.value).to.equal('09:00');
    expect(popup.shadowRoot!.querySelector<HTMLInputElement>('input[name="end"]')!.value).to.equal('10:00');
    expect(popup.shadowRoot!.querySelector<HTMLSelectElement>('select[name="treatmentType"]')!.value).to.equal(clinic.treatmentTypes[0]!.id);
    expect(popup.shadowRoot!.querySelector<HTMLSelectElement>('select[name="practitioner"]')!.value).to.equal(clinic.practitioners[0]!.id);
    expect(popup.shadowRoot!.querySelector<HTMLSelectElement>('select[name="location"]')!.value).to.equal(clinic.locationId);
  });

  it('Delete → All visible working time asks first, then deletes the shown working time', async () => {
    const { el, clinic, day } = await mountCalendar();
    const menu = el.shadowRoot!.querySelector<TidbokMenuButton>('#delete-menu')!;
    menu.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!.click();
    await menu.updateComplete;
    menu.shadowRoot!.querySelector<HTMLButtonElement>('[data-id="delete-range"]')!.click();
    await el.updateComplete;
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    await waitUntil(() => dialog.open, 'the confirmation opens');
    expect(dialog.textContent).to.contain('Ta bort all synlig arbetstid?');
    // Cancel first: nothing is deleted.
    dialog.querySelector<HTMLButtonElement>('[data-action="cancel"]')!.click();
    await el.updateComplete;
    expect(dialog.open).to.equal(false);
    expect((await entriesOf(clinic, day)).some((e) => e.kind === 'workingTime')).to.equal(true);

    menu.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!.click();
    await menu.updateComplete;
    menu.shadowRoot!.querySelector<HTMLButtonElement>('[data-id="delete-range"]')!.click();
    await waitUntil(() => dialog.open, 'the confirmation opens again');
    const changed = oneEvent(el, 'tidbok-calendar-change');
    dialog.querySelector<HTMLButtonElement>('[data-action="confirm"]')!.click();
    expect((await changed).detail.action).to.equal('deleted-range');
    const monday = mondayOf(day);
    const left = (await entriesOf(clinic, day)).filter(
      (e) => e.kind === 'workingTime' && e.start >= at(clinic, monday, '00:00') && e.start < at(clinic, addLocalDays(monday, 7), '00:00'),
    );
    expect(left).to.deep.equal([]);
    await waitUntil(() => !el.shadowRoot!.querySelector('[part~="working-time"]'), 'the bands are gone');
  });

  it('places entries on the clinic clock in the week with the 23-hour Sunday (2027-03-28, Stockholm)', async () => {
    const { el, clinic } = await mountCalendar();
    const saturday = await staffOk<{ id: string }>(clinic, 'POST', '/activities', {
      practitionerId: clinic.practitioners[0]!.id,
      title: 'Före',
      start: '2027-03-27T08:00:00Z',
      end: '2027-03-27T09:00:00Z',
    });
    const sunday = await staffOk<{ id: string }>(clinic, 'POST', '/activities', {
      practitionerId: clinic.practitioners[0]!.id,
      title: 'Efter',
      start: '2027-03-28T07:00:00Z',
      end: '2027-03-28T08:00:00Z',
    });
    el.hideWeekends = false;
    el.date = '2027-03-24';
    await waitForEntry(el, sunday.id);
    const before = entryElement(el, saturday.id)!;
    const after = entryElement(el, sunday.id)!;
    // 08:00Z is 09:00 before the change and 07:00Z is 09:00 after it: the same row.
    expect(before.getAttribute('aria-label')).to.match(/^Aktivitet 09:00–10:00, Före/);
    expect(after.getAttribute('aria-label')).to.match(/^Aktivitet 09:00–10:00, Efter/);
    expect(before.style.top).to.equal(after.style.top);
    expect(before.closest('.day')!.getAttribute('data-date')).to.equal('2027-03-27');
    expect(after.closest('.day')!.getAttribute('data-date')).to.equal('2027-03-28');
    expect(el.shadowRoot!.querySelectorAll('.day').length).to.equal(7);
  });

  it('remembers the hours and weekends a person chose, per clinic, in localStorage', async () => {
    const mounted = await mountCalendar();
    const { el } = mounted;
    el.shadowRoot!.querySelector<HTMLButtonElement>('#view-button')!.click();
    await el.updateComplete;
    setValue(el.shadowRoot!.querySelector<HTMLSelectElement>('#start-hour')!, '8');
    setValue(el.shadowRoot!.querySelector<HTMLSelectElement>('#end-hour')!, '17');
    const weekends = el.shadowRoot!.querySelector<HTMLInputElement>('#show-weekends')!;
    weekends.checked = true;
    weekends.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.startHour).to.equal(8);
    expect(el.shadowRoot!.querySelectorAll('.day').length).to.equal(7);
    expect(el.shadowRoot!.querySelector('.gutter span')!.textContent).to.equal('08:00');

    const again = await mountCalendar({ clinic: mounted.clinic });
    expect(again.el.startHour).to.equal(8);
    expect(again.el.endHour).to.equal(17);
    expect(again.el.hideWeekends).to.equal(false);
    expect(again.el.shadowRoot!.querySelectorAll('.day').length).to.equal(7);
  });

  it('shows a failure in place, fires tidbok-error and never throws', async () => {
    const { el } = await mountCalendar();
    const thrown: unknown[] = [];
    const onError = (e: ErrorEvent) => thrown.push(e.error);
    window.addEventListener('error', onError);
    const provider = el.parentElement as HTMLElement & { token: string | null };
    const failed = oneEvent(el, 'tidbok-error');
    provider.token = 'tbs_not-a-real-token';
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'an error is shown', { timeout: 8000 });
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Försök igen');
    expect((await failed).detail).to.include({ code: 'unauthorized' });
    window.removeEventListener('error', onError);
    expect(thrown).to.deep.equal([]);
  });

  it('speaks English', async () => {
    let id = '';
    const { el } = await mountCalendar({
      locale: 'en',
      prepare: async (clinic, day) => (id = (await book(clinic, { date: day, start: '09:00', client: 'Anna Lindqvist' })).id),
    });
    const block = await waitForEntry(el, id);
    expect(block.getAttribute('aria-label')).to.match(/^Booking 09:00–10:00, Anna Lindqvist, Samtal/);
    expect(el.shadowRoot!.querySelector('[part~="book-button"]')!.textContent!.trim()).to.equal('Book');
    expect(el.shadowRoot!.querySelector('[part~="title"]')!.textContent).to.contain('Week');
  });

  it('is accessible: the week, a booking popup and its More menu', async () => {
    let id = '';
    const { el } = await mountCalendar({
      prepare: async (clinic, day) => {
        id = (await book(clinic, { date: day, start: '09:00' })).id;
        const cancelled = await book(clinic, { date: day, start: '10:00', client: 'Återbud' });
        await staffOk(clinic, 'POST', `/bookings/${cancelled.id}/cancel`, {});
        await staffOk(clinic, 'POST', '/activities', {
          practitionerId: clinic.practitioners[1]!.id,
          title: 'Möte',
          start: at(clinic, day, '13:00'),
          end: at(clinic, day, '14:00'),
        });
      },
    });
    await waitForEntry(el, id);
    await expect(el).to.be.accessible();
    await click(el, entryElement(el, id)!);
    await waitFor(el, 'tidbok-entry-popup');
    await popupOf(el)!.updateComplete;
    await expect(el).to.be.accessible();
    const menu = inPopup<TidbokMenuButton>(el, 'tidbok-menu-button')!;
    menu.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!.click();
    await menu.updateComplete;
    await expect(el).to.be.accessible();
  });
});
