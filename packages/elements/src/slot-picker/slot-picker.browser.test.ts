import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Tidbok } from '@tidbok/sdk';
import '../define.js';
import { connect } from '../context.js';
import { deep, deepActive, deepAll, providing, seedClinic, type SeededClinic, textOf } from '../test-support.js';
import type { TidbokSlotPicker } from './slot-picker.js';

function mount(clinic: SeededClinic, width = 900, extra: Partial<TidbokSlotPicker> = {}) {
  return fixture<TidbokSlotPicker>(
    html`<tidbok-slot-picker
      style="width:${width}px"
      api=${clinic.apiUrl}
      clinic=${clinic.slug}
      treatment=${clinic.treatmentTypes[0]!.id}
      time-zone=${clinic.timeZone}
      locale="sv"
      .visitorTimeZone=${extra.visitorTimeZone ?? clinic.timeZone}
    ></tidbok-slot-picker>`,
  );
}

const slotsOf = (el: Element) => deepAll<HTMLButtonElement>(el, 'button.slot');
const ready = (el: TidbokSlotPicker) => waitUntil(() => slotsOf(el).length > 0, 'free times shown', { timeout: 8000 });

/** Shows a week with times on at least two days (the first week may hold only one). */
async function fullWeek(el: TidbokSlotPicker) {
  await ready(el);
  while (el.slots.days.filter((d) => d.times.length > 0).length < 2) await el.slots.goTo(el.slots.week + 1);
  await el.updateComplete;
}

/** The Swedish accessible name a time should have, computed independently of the element. */
function swedishName(start: string, timeZone: string): string {
  const date = new Intl.DateTimeFormat('sv-SE', { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(start));
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(start));
  return `${date} ${time}`;
}

describe('<tidbok-slot-picker>', () => {
  it('opens on the first week with free times and shows days without times as such', async () => {
    // Working time only from 20 days ahead: the picker must search forward.
    const clinic = await seedClinic({ firstDay: 20, days: 10 });
    const el = await mount(clinic);
    await ready(el);
    expect(el.slots.week).to.be.greaterThan(1);
    const first = slotsOf(el)[0]!;
    expect(Date.parse(first.dataset.start!) - Date.now()).to.be.greaterThan(19 * 86_400_000);
    // Weekends have no working time.
    expect(deepAll(el, '[part~="day-empty"]').length).to.be.at.least(2);
    expect(textOf(el)).to.include('Inga tider');
    await expect(el).to.be.accessible();
    // Back to the empty weeks and forward again.
    const [previous, next] = deepAll<HTMLButtonElement>(el, '[part="nav-button"]');
    const week = el.slots.week;
    previous!.click();
    await waitUntil(() => el.slots.week === week - 1 && el.slots.status === 'ready');
    expect(slotsOf(el).length).to.equal(0);
    expect(textOf(el)).to.include('Inga lediga tider den här veckan.');
    next!.click();
    await waitUntil(() => slotsOf(el).length > 0);
  });

  it("names each time with its full date in the clinic's zone", async () => {
    const clinic = await seedClinic();
    const el = await mount(clinic);
    await ready(el);
    for (const slot of slotsOf(el).slice(0, 5)) {
      expect(slot.getAttribute('aria-label')).to.equal(swedishName(slot.dataset.start!, clinic.timeZone));
      expect(slot.getAttribute('aria-label')).to.match(/^(måndag|tisdag|onsdag|torsdag|fredag) \d{1,2} \p{L}+ \d\d:\d\d$/u);
    }
    expect(slotsOf(el)[0]!.textContent!.trim()).to.equal('09:00');
  });

  it('moves between times with the arrow keys, one tab stop at a time (days side by side)', async () => {
    const el = await mount(await seedClinic(), 900);
    await fullWeek(el);
    const slots = slotsOf(el);
    expect(slots.filter((s) => s.tabIndex === 0)).to.have.length(1);
    slots[0]!.focus();
    const day = (b: Element | null) => b?.closest('[part~="day"]');
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActive()).to.equal(slots[1]);
    expect(slots[1]!.tabIndex).to.equal(0);
    expect(slots[0]!.tabIndex).to.equal(-1);
    await sendKeys({ press: 'ArrowUp' });
    expect(deepActive()).to.equal(slots[0]);
    await sendKeys({ press: 'ArrowRight' });
    const right = deepActive() as HTMLButtonElement;
    expect(day(right)).to.not.equal(day(slots[0]!));
    expect(right.textContent!.trim()).to.equal(slots[0]!.textContent!.trim());
    await sendKeys({ press: 'ArrowLeft' });
    expect(deepActive()).to.equal(slots[0]);
    await sendKeys({ press: 'End' });
    const last = deepActive() as HTMLButtonElement;
    expect(day(last)).to.equal(day(slots[0]!));
    expect(last.textContent!.trim()).to.equal('11:00');
    await sendKeys({ press: 'Home' });
    expect(deepActive()).to.equal(slots[0]);
  });

  it('shows one day at a time on a phone (375 px), with a strip of days and the week buttons below', async () => {
    const el = await mount(await seedClinic(), 375);
    await fullWeek(el);
    const visible = (e: Element) => (e as HTMLElement).offsetHeight > 0;
    const strip = deep(el, '[part="day-strip"]')!;
    expect(visible(strip)).to.equal(true);
    const tabs = deepAll<HTMLButtonElement>(strip, 'button');
    expect(tabs).to.have.length(7);
    // Only the shown day's times are on screen, and the whole picker fits a phone's screen.
    const days = deepAll(el, '[part~="day"]').filter(visible);
    expect(days).to.have.length(1);
    const shown = slotsOf(el).filter(visible);
    expect(shown.length).to.be.greaterThan(0);
    expect(shown.every((s) => days[0]!.contains(s))).to.equal(true);
    expect(el.getBoundingClientRect().height).to.be.lessThan(700);
    // Previous/next week come after the times, where a thumb reaches.
    const nav = deep(el, '[part="nav"]')!;
    expect(nav.getBoundingClientRect().top).to.be.greaterThan(days[0]!.getBoundingClientRect().bottom);
    // Another day from the strip shows that day's times instead.
    const pressed = tabs.find((t) => t.getAttribute('aria-pressed') === 'true')!;
    const other = tabs.find((t, i) => t !== pressed && el.slots.days[i]!.times.length > 0)!;
    other.click();
    await el.updateComplete;
    expect(other.getAttribute('aria-pressed')).to.equal('true');
    expect(pressed.getAttribute('aria-pressed')).to.equal('false');
    const now = deepAll(el, '[part~="day"]').filter(visible);
    expect(now).to.have.length(1);
    expect(now[0]).to.not.equal(days[0]);
    await expect(el).to.be.accessible();
  });

  it('shows the seven days side by side with the week buttons above when wide', async () => {
    const el = await mount(await seedClinic(), 900);
    await fullWeek(el);
    expect((deep(el, '[part="day-strip"]') as HTMLElement).offsetHeight).to.equal(0);
    const days = deepAll<HTMLElement>(el, '[part~="day"]');
    expect(days.filter((d) => d.offsetHeight > 0)).to.have.length(7);
    expect(new Set(days.map((d) => d.offsetTop)).size).to.equal(1);
    expect(deep(el, '[part="nav"]')!.getBoundingClientRect().bottom).to.be.lessThan(days[0]!.getBoundingClientRect().top);
  });

  it('follows the rows when days are stacked on a narrow screen', async () => {
    const el = await mount(await seedClinic(), 320);
    await fullWeek(el);
    const slots = slotsOf(el);
    slots[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(deepActive()).to.equal(slots[1]);
    await sendKeys({ press: 'ArrowDown' });
    const below = deepActive() as HTMLButtonElement;
    expect(below.closest('[part~="day"]')).to.not.equal(slots[0]!.closest('[part~="day"]'));
    expect(below.textContent!.trim()).to.equal(slots[1]!.textContent!.trim());
  });

  it("says the times are the clinic's when the visitor is in another zone", async () => {
    const clinic = await seedClinic();
    const away = await mount(clinic, 900, { visitorTimeZone: 'America/New_York' });
    await ready(away);
    expect(deep(away, '[part="zone-note"]')!.textContent).to.include('mottagningens lokala tid (Stockholm)');
    // Same clock as the clinic (Berlin and Stockholm): nothing to say.
    const near = await mount(clinic, 900, { visitorTimeZone: 'Europe/Berlin' });
    await ready(near);
    expect(deep(near, '[part="zone-note"]')).to.equal(null);
  });

  it('fires tidbok-slot-select with the chosen time', async () => {
    const el = await mount(await seedClinic());
    await ready(el);
    const slot = slotsOf(el)[0]!;
    setTimeout(() => slot.click());
    const event = await new Promise<CustomEvent>((resolve) => el.addEventListener('tidbok-slot-select', resolve as never, { once: true }));
    expect(event.detail.slot.start).to.equal(slot.dataset.start);
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('aborts its request when taken out of the page', async () => {
    const clinic = await seedClinic();
    const real = connect(clinic.apiUrl, clinic.slug).tidbok;
    const signals: AbortSignal[] = [];
    const tidbok: Tidbok = {
      ...real,
      slots: (query, options) => {
        signals.push(options!.signal!);
        return new Promise((_, reject) => options!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      },
    };
    const host = providing(tidbok);
    const el = document.createElement('tidbok-slot-picker');
    el.treatment = clinic.treatmentTypes[0]!.id;
    el.timeZone = clinic.timeZone;
    host.append(el);
    await waitUntil(() => signals.length === 1);
    el.remove();
    expect(signals[0]!.aborted).to.equal(true);
  });
});
