import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createTidbokAdmin, type TidbokAdmin } from '@tidbok/sdk';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { isoWeekOf } from '../shared/dates.js';
import { alternateMondays, mondaysBetween, parityOf } from './week-math.js';
import type { TidbokTemplateAppliedEvent, TidbokWorkingTimeDeletedEvent } from './events.js';
import { defineTemplateWeeks } from './index.js';
import type { TidbokTemplateWeeks } from './template-weeks.js';

defineTemplateWeeks();

/*
 * Every test gets a fresh clinic on the real test server (Europe/Stockholm), with no working time
 * of its own (`days: 0`), and sets up weeks in 2031 with fixed instants, so nothing depends on
 * today's date or the machine's zone. Summer time starts on Sunday 30 March 2031: the week of
 * 17 March is on +01:00, the week of 31 March on +02:00, and 09:00 must stay 09:00.
 */

interface Seeded {
  apiUrl: string;
  slug: string;
  adminToken: string;
  timeZone: string;
  practitioners: { id: string; name: string }[];
}

const SOURCE_WEEK = '2031-03-17'; // ISO week 12, winter time
const SUMMER_WEEK = '2031-03-31'; // ISO week 14, summer time

let clinic: Seeded;
let admin: TidbokAdmin;
let anna: string;
let erik: string;

beforeEach(async () => {
  clinic = await executeServerCommand<Seeded, object>('tidbok-seed', { origin: location.origin, locale: 'en', days: 0 });
  admin = createTidbokAdmin({ baseUrl: clinic.apiUrl, clinic: clinic.slug, token: clinic.adminToken });
  [anna, erik] = clinic.practitioners.map((p) => p.id) as [string, string];
});

/** Anna 09–12 on Monday and Wednesday, Erik 13–17 on Friday, in the week of 17 March 2031 (+01:00). */
async function setUpSourceWeek(): Promise<void> {
  for (const [practitionerId, start, end] of [
    [anna, '2031-03-17T08:00:00Z', '2031-03-17T11:00:00Z'],
    [anna, '2031-03-19T08:00:00Z', '2031-03-19T11:00:00Z'],
    [erik, '2031-03-21T12:00:00Z', '2031-03-21T16:00:00Z'],
  ] as const) {
    await admin.workingTimes.create({ practitionerId, start, end });
  }
}

async function workingTimes(from: string, to: string) {
  const { entries } = await admin.calendar({ from, to });
  return entries
    .filter((e) => e.kind === 'workingTime')
    .map((e) => ({ practitionerId: e.practitionerId, start: new Date(e.start).toISOString(), end: new Date(e.end).toISOString() }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

async function render(props: { weekStart?: string; practitionerId?: string; locale?: 'sv' | 'en'; client?: TidbokAdmin } = {}) {
  const el = await fixture<TidbokTemplateWeeks>(
    html`<tidbok-template-weeks
      .admin=${props.client ?? admin}
      week-start=${props.weekStart ?? SOURCE_WEEK}
      practitioner-id=${props.practitionerId ?? ''}
      time-zone="Europe/Stockholm"
      locale=${props.locale ?? 'en'}
    ></tidbok-template-weeks>`,
  );
  await waitUntil(() => !el.shadowRoot!.querySelector('[part~="loading"]'), 'the list loads', { timeout: 8000 });
  return el;
}

const $ = <T extends Element = HTMLElement>(el: TidbokTemplateWeeks, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: TidbokTemplateWeeks, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const dialogOf = (el: TidbokTemplateWeeks) => $<HTMLDialogElement>(el, 'dialog')!;
const focused = (el: TidbokTemplateWeeks) => el.shadowRoot!.activeElement;
/** Waits until `target` has focus (compared by identity: chai's message for a failed element equality takes minutes). */
const focusOn = (el: TidbokTemplateWeeks, target: Element | null, what: string) =>
  waitUntil(() => target !== null && focused(el) === target, `focus on ${what}, not on ${focused(el)?.outerHTML.slice(0, 80)}`);

function button(el: TidbokTemplateWeeks, label: string | RegExp, scope = ''): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(el, `${scope} button`).find((b) => (typeof label === 'string' ? text(b) === label : label.test(text(b))));
  if (!found) throw new Error(`no button "${label}" in ${text(el.shadowRoot!.querySelector(scope || 'section'))}`);
  return found;
}

function type(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function item(el: TidbokTemplateWeeks, name: string): HTMLLIElement {
  const found = $$<HTMLLIElement>(el, '[part~="item"]').find((li) => text(li.querySelector('[part~="item-name"]')) === name);
  if (!found) throw new Error(`no template "${name}"`);
  return found;
}

async function openMore(el: TidbokTemplateWeeks, name: string, action: string): Promise<void> {
  const li = item(el, name);
  li.querySelector<HTMLButtonElement>('[part~="more-button"]')!.click();
  await el.updateComplete;
  button(el, action, `[data-template="${li.dataset.template}"] [part~="more-menu"]`).click();
  await waitUntil(() => dialogOf(el).open, 'the dialog opens');
}

async function waitForPreview(el: TidbokTemplateWeeks): Promise<string> {
  await waitUntil(() => $(el, '[part~="preview-summary"]') || $(el, 'dialog [part~="error"]'), 'the preview', { timeout: 8000 });
  return text($(el, '[part~="preview-summary"]'));
}

describe('<tidbok-template-weeks>', () => {
  it('saves the shown week as a template, which then appears in the list', async () => {
    await setUpSourceWeek();
    const el = await render();
    expect(text($(el, '[part~="empty"]'))).to.equal('No template weeks yet — set up working time in a week and save it.');
    expect(text($(el, '[part~="week"]'))).to.equal('Week 12, 17–23 Mar 2031');

    const save = $<HTMLButtonElement>(el, '[part~="save-button"]')!;
    save.click();
    await waitUntil(() => dialogOf(el).open, 'the save dialog opens');
    const name = $<HTMLInputElement>(el, 'dialog input[name="name"]')!;
    await focusOn(el, name, 'the name field');
    expect(text($(el, 'dialog .hint'))).to.equal('The working time of week 12, 17–23 Mar 2031.');

    // An empty name is refused in place, without asking the server.
    button(el, 'Save', 'dialog').click();
    await el.updateComplete;
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(text($(el, '#name-error'))).to.equal('Enter a name.');

    type(name, 'Ordinary week');
    button(el, 'Save', 'dialog').click();
    await waitUntil(() => !dialogOf(el).open, 'the dialog closes');
    await el.updateComplete;
    expect(text(item(el, 'Ordinary week').querySelector('[part~="item-meta"]'))).to.equal('3 blocks · All practitioners');
    expect(text($(el, '[part~="notice"] p'))).to.equal('Template week “Ordinary week” saved with 3 blocks.');
    await focusOn(el, save, 'the save button');

    const [saved] = await admin.templateWeeks.list();
    expect(saved!.name).to.equal('Ordinary week');
    expect(saved!.practitionerId).to.equal(null);
    expect(saved!.blocks.map((b) => `${b.weekday} ${b.start}–${b.end}`)).to.deep.equal(['1 09:00–12:00', '3 09:00–12:00', '5 13:00–17:00']);
  });

  it("saves one practitioner's week, suggested from the calendar's filter", async () => {
    await setUpSourceWeek();
    const el = await render({ practitionerId: anna });
    $<HTMLButtonElement>(el, '[part~="save-button"]')!.click();
    await waitUntil(() => dialogOf(el).open);
    expect($<HTMLSelectElement>(el, 'dialog select')!.value).to.equal(anna);
    type($<HTMLInputElement>(el, 'dialog input[name="name"]')!, 'Anna');
    $<HTMLInputElement>(el, 'dialog input[name="includeBookings"]')!.click();
    button(el, 'Save', 'dialog').click();
    await waitUntil(() => !dialogOf(el).open);
    await el.updateComplete;
    expect(text(item(el, 'Anna').querySelector('[part~="item-meta"]'))).to.equal('2 blocks · Anna Lindqvist');
    const [saved] = await admin.templateWeeks.list();
    expect([saved!.practitionerId, saved!.blocks.length, saved!.bookings]).to.deep.equal([anna, 2, []]);
  });

  it('pastes into this week after a preview, keeping 09:00 at 09:00 over the change to summer time; a second paste previews everything as already there', async () => {
    await setUpSourceWeek();
    const template = await admin.templateWeeks.create({ name: 'Ordinary week', weekStart: SOURCE_WEEK });
    const el = await render({ weekStart: SUMMER_WEEK });

    const paste = button(el, 'Paste into this week', `[data-template="${template.id}"]`);
    paste.click();
    expect(await waitForPreview(el)).to.equal('Will be created: 3 blocks of working time.');
    expect(text($(el, 'dialog .hint'))).to.equal('Into week 14, 31 Mar – 6 Apr 2031.');
    // A preview writes nothing.
    expect(await workingTimes('2031-03-31', '2031-04-06')).to.deep.equal([]);

    const applied = oneEvent(el, 'tidbok-template-applied') as Promise<TidbokTemplateAppliedEvent>;
    $<HTMLButtonElement>(el, '[part~="apply-button"]')!.click();
    const event = await applied;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.templateId).to.equal(template.id);
    expect(event.detail.weekStarts).to.deep.equal([SUMMER_WEEK]);
    expect(event.detail.created).to.have.length(3);
    expect(event.detail.skipped).to.deep.equal([]);
    await waitUntil(() => !dialogOf(el).open, 'the dialog closes');
    expect(text($(el, '[part~="notice"] p'))).to.equal('Pasted: 3 blocks of working time.');
    await focusOn(el, paste, 'the paste button');

    // 09:00 local on summer time is 07:00Z (it was 08:00Z in the source week).
    expect(await workingTimes('2031-03-31', '2031-04-06')).to.deep.equal([
      { practitionerId: anna, start: '2031-03-31T07:00:00.000Z', end: '2031-03-31T10:00:00.000Z' },
      { practitionerId: anna, start: '2031-04-02T07:00:00.000Z', end: '2031-04-02T10:00:00.000Z' },
      { practitionerId: erik, start: '2031-04-04T11:00:00.000Z', end: '2031-04-04T15:00:00.000Z' },
    ]);

    paste.click();
    expect(await waitForPreview(el)).to.equal('Nothing new to create. Skipped (3): Already there (3)');
    expect($(el, '[part~="apply-button"]') === null).to.equal(true);
    const skipped = $$(el, '[part~="skipped-list"] li').map(text);
    expect(skipped).to.deep.equal([
      'wk 14 Mon 09:00–12:00 Anna Lindqvist · Already there',
      'wk 14 Wed 09:00–12:00 Anna Lindqvist · Already there',
      'wk 14 Fri 13:00–17:00 Erik Johansson · Already there',
    ]);
    button(el, 'Close', 'dialog').click();
    await waitUntil(() => !dialogOf(el).open);
    expect(await workingTimes('2031-03-31', '2031-04-06')).to.have.length(3);
  });

  it('pastes every other week into the odd or even ISO weeks of a range', async () => {
    await setUpSourceWeek();
    await admin.templateWeeks.create({ name: 'Odd weeks', weekStart: SOURCE_WEEK, practitionerId: anna });
    const el = await render(); // week 12: even
    await openMore(el, 'Odd weeks', 'Every other week…');
    expect(text($(el, 'dialog h2'))).to.equal('Paste “Odd weeks”');
    const from = $<HTMLInputElement>(el, 'dialog input[name="from"]')!;
    const to = $<HTMLInputElement>(el, 'dialog input[name="to"]')!;
    // The defaults keep the shown week's rhythm: even weeks from next week on.
    expect(from.value).to.equal('2031-03-24');
    expect($<HTMLInputElement>(el, 'dialog input[value="even"]')!.checked).to.equal(true);

    // Any day of a week names the week: Wednesday of week 13 to Sunday of week 19.
    type(from, '2031-03-26');
    type(to, '2031-05-11');
    await el.updateComplete;
    expect(text($(el, '#from-week'))).to.equal('Week 13, 24–30 Mar 2031');
    expect(text($(el, '[part~="weeks-summary"]'))).to.equal('3 weeks: wk 14, 16, 18');
    $<HTMLInputElement>(el, 'dialog input[value="odd"]')!.click();
    await el.updateComplete;
    expect(text($(el, '[part~="weeks-summary"]'))).to.equal('4 weeks: wk 13, 15, 17, 19');
    $<HTMLInputElement>(el, 'dialog input[value="range"]')!.click();
    await el.updateComplete;
    expect(text($(el, '[part~="weeks-summary"]'))).to.equal('7 weeks: wk 13, 14, 15, 16, 17, 18, 19');
    $<HTMLInputElement>(el, 'dialog input[value="alternate"]')!.click();
    await el.updateComplete;

    button(el, 'Preview', 'dialog').click();
    expect(await waitForPreview(el)).to.equal('Will be created: 8 blocks of working time.');
    expect(text($(el, 'dialog .hint'))).to.equal('Into 4 weeks: wk 13, 15, 17, 19.');
    // Back keeps the choice.
    button(el, 'Back', 'dialog').click();
    await el.updateComplete;
    expect(text($(el, '[part~="weeks-summary"]'))).to.equal('4 weeks: wk 13, 15, 17, 19');
    button(el, 'Preview', 'dialog').click();
    await waitForPreview(el);

    const applied = oneEvent(el, 'tidbok-template-applied') as Promise<TidbokTemplateAppliedEvent>;
    $<HTMLButtonElement>(el, '[part~="apply-button"]')!.click();
    const { detail } = await applied;
    expect(detail.weekStarts).to.deep.equal(['2031-03-24', '2031-04-07', '2031-04-21', '2031-05-05']);
    expect(detail.created.map((c) => c.start)).to.deep.equal([
      '2031-03-24T08:00:00Z', // week 13, still winter time
      '2031-03-26T08:00:00Z',
      '2031-04-07T07:00:00Z', // summer time from 30 March
      '2031-04-09T07:00:00Z',
      '2031-04-21T07:00:00Z',
      '2031-04-23T07:00:00Z',
      '2031-05-05T07:00:00Z',
      '2031-05-07T07:00:00Z',
    ]);
    expect(await workingTimes('2031-03-31', '2031-04-06')).to.deep.equal([]);
  });

  it('refuses a week choice it cannot send', async () => {
    await admin.templateWeeks.create({ name: 'Empty', weekStart: SOURCE_WEEK });
    const el = await render();
    await openMore(el, 'Empty', 'Paste into a range of weeks…');
    type($<HTMLInputElement>(el, 'dialog input[name="to"]')!, '2031-03-10');
    await el.updateComplete;
    expect(text($(el, '[part~="weeks-summary"]'))).to.equal('The last week is before the first.');
    type($<HTMLInputElement>(el, 'dialog input[name="to"]')!, '2033-12-31');
    await el.updateComplete;
    expect(text($(el, '[part~="weeks-summary"]'))).to.equal('At most 104 weeks at a time.');
    expect(button(el, 'Preview', 'dialog').getAttribute('aria-disabled')).to.equal('true');
    // Crossing a year names the new year once, where it changes.
    type($<HTMLInputElement>(el, 'dialog input[name="from"]')!, '2031-12-17');
    type($<HTMLInputElement>(el, 'dialog input[name="to"]')!, '2032-01-11');
    await el.updateComplete;
    expect(text($(el, '[part~="weeks-summary"]'))).to.equal('4 weeks: wk 51, 52, 1 (2032), 2');
    type($<HTMLInputElement>(el, 'dialog input[name="to"]')!, '2033-12-31');
    await el.updateComplete;
    button(el, 'Preview', 'dialog').click();
    await el.updateComplete;
    expect($(el, '[part~="preview-summary"]') === null).to.equal(true);
  });

  it('renames and deletes a template, asking before it deletes; Escape closes a dialog and focus returns', async () => {
    await admin.templateWeeks.create({ name: 'Ordinary week', weekStart: SOURCE_WEEK });
    const el = await render();

    await openMore(el, 'Ordinary week', 'Rename…');
    const name = $<HTMLInputElement>(el, 'dialog input[name="name"]')!;
    expect(name.value).to.equal('Ordinary week');
    type(name, 'Even weeks');
    name.form!.requestSubmit(); // Enter in the field
    await waitUntil(() => !dialogOf(el).open, 'the rename dialog closes');
    await el.updateComplete;
    expect(text($(el, '[part~="item-name"]'))).to.equal('Even weeks');
    await focusOn(el, $(el, '[part~="more-button"]'), 'the More toggle');

    await openMore(el, 'Even weeks', 'Delete…');
    expect(text($(el, 'dialog h2'))).to.equal('Delete “Even weeks”?');
    // A destructive dialog opens on Cancel.
    expect(text(focused(el))).to.equal('Cancel');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialogOf(el).open);
    await el.updateComplete;
    await focusOn(el, $(el, '[part~="more-button"]'), 'the More toggle');
    expect(await admin.templateWeeks.list()).to.have.length(1);

    await openMore(el, 'Even weeks', 'Delete…');
    button(el, 'Delete', 'dialog').click();
    await waitUntil(() => !dialogOf(el).open, 'the delete dialog closes');
    await el.updateComplete;
    expect(await admin.templateWeeks.list()).to.deep.equal([]);
    expect($(el, '[part~="empty"]') !== null).to.equal(true);
    expect(text($(el, '[part~="notice"] p'))).to.equal('Template week “Even weeks” deleted.');
    await focusOn(el, $(el, '[part~="save-button"]'), 'the save button');
  });

  it('closes the More actions with Escape, back on their toggle', async () => {
    await admin.templateWeeks.create({ name: 'Ordinary week', weekStart: SOURCE_WEEK });
    const el = await render();
    const toggle = $<HTMLButtonElement>(el, '[part~="more-button"]')!;
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const first = $<HTMLButtonElement>(el, '[part~="menu-item"]')!;
    first.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, '[part~="more-menu"]')!.hidden).to.equal(true);
    await focusOn(el, toggle, 'the More toggle');
  });

  it("deletes all visible working time of the shown week: the filtered practitioner's, or everyone's", async () => {
    await setUpSourceWeek();
    await admin.workingTimes.create({ practitionerId: anna, start: '2031-03-24T08:00:00Z', end: '2031-03-24T11:00:00Z' }); // next week stays
    const el = await render({ practitionerId: anna });

    $<HTMLButtonElement>(el, '[part~="clear-button"]')!.click();
    await waitUntil(() => dialogOf(el).open);
    expect(text($(el, '#dialog-description'))).to.equal(
      'All working time of Anna Lindqvist in week 12, 17–23 Mar 2031, is deleted. Bookings and activities stay.',
    );
    const deleted = oneEvent(el, 'tidbok-working-time-deleted') as Promise<TidbokWorkingTimeDeletedEvent>;
    button(el, 'Delete', 'dialog').click();
    expect((await deleted).detail).to.deep.equal({ deleted: 2, from: '2031-03-17', to: '2031-03-23', practitionerId: anna });
    await waitUntil(() => !dialogOf(el).open);
    expect(text($(el, '[part~="notice"] p'))).to.equal('2 blocks of working time deleted.');
    expect((await workingTimes('2031-03-17', '2031-03-23')).map((w) => w.practitionerId)).to.deep.equal([erik]);

    el.practitionerId = '';
    await el.updateComplete;
    expect($(el, '[part~="notice"]') === null).to.equal(true); // a message about another view is dropped
    $<HTMLButtonElement>(el, '[part~="clear-button"]')!.click();
    await waitUntil(() => dialogOf(el).open);
    expect(text($(el, '#dialog-description'))).to.contain('All working time of all practitioners in week 12');
    const again = oneEvent(el, 'tidbok-working-time-deleted') as Promise<TidbokWorkingTimeDeletedEvent>;
    button(el, 'Delete', 'dialog').click();
    expect((await again).detail.deleted).to.equal(1);
    expect(await workingTimes('2031-03-17', '2031-03-23')).to.deep.equal([]);
    expect(await workingTimes('2031-03-24', '2031-03-30')).to.have.length(1);
  });

  it("shows the server's problem detail when the list cannot load, and fires tidbok-error", async () => {
    const wrongToken = createTidbokAdmin({ baseUrl: clinic.apiUrl, clinic: clinic.slug, token: 'not-a-token' });
    const errors: Event[] = [];
    const listener = (e: Event) => errors.push(e);
    document.addEventListener('tidbok-error', listener);
    try {
      const el = await render({ client: wrongToken });
      await waitUntil(() => $(el, '[part~="error"]'), 'the error shows');
      const shown = text($(el, '[part~="error"] p'));
      expect(shown.startsWith('The template weeks could not be loaded. ')).to.equal(true);
      // The rest is the server's own words, not a generic sentence.
      expect(shown.length).to.be.greaterThan('The template weeks could not be loaded. '.length + 5);
      expect(shown).to.not.contain('Something went wrong');
      expect($(el, '[part~="retry-button"]') !== null).to.equal(true);
      expect(errors).to.have.length(1);
      expect((errors[0] as CustomEvent).detail.action).to.equal('load');
      await expect(el).to.be.accessible();
    } finally {
      document.removeEventListener('tidbok-error', listener);
    }
  });

  it("says in the dialog, in the UI's language, that saving failed, without the server's field path", async () => {
    const el = await render();
    $<HTMLButtonElement>(el, '[part~="save-button"]')!.click();
    await waitUntil(() => dialogOf(el).open);
    // Longer than the server takes (a script can pass the field's maxlength; the server checks again).
    type($<HTMLInputElement>(el, 'dialog input[name="name"]')!, 'x'.repeat(201));
    button(el, 'Save', 'dialog').click();
    await waitUntil(() => $(el, 'dialog [part~="error"]'), 'the problem shows');
    const shown = text($(el, 'dialog [part~="error"]'));
    expect(shown).to.equal('The template week could not be saved. The server did not accept the details. Check the fields and try again.');
    expect(dialogOf(el).open).to.equal(true);
    expect(await admin.templateWeeks.list()).to.deep.equal([]);
  });

  it('speaks Swedish', async () => {
    await admin.templateWeeks.create({ name: 'Vanlig vecka', weekStart: SOURCE_WEEK });
    const el = await render({ locale: 'sv', weekStart: '2031-03-19' }); // any day of the week
    expect(text($(el, 'h2'))).to.equal('Mallveckor');
    expect(text($(el, '[part~="week"]'))).to.equal('Vecka 12, 17–23 mars 2031');
    expect(text($(el, '[part~="item-meta"]'))).to.equal('0 block · Alla behandlare');
    button(el, 'Klistra in i veckan').click();
    expect(await waitForPreview(el)).to.equal('Inget nytt att skapa.');
  });

  it('is accessible: the list, the save dialog, the week choice and the preview', async () => {
    await setUpSourceWeek();
    await admin.templateWeeks.create({ name: 'Ordinary week', weekStart: SOURCE_WEEK });
    const el = await render({ weekStart: SUMMER_WEEK });
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(el, '[part~="save-button"]')!.click();
    await waitUntil(() => dialogOf(el).open);
    await expect(el).to.be.accessible();
    button(el, 'Cancel', 'dialog').click();
    await waitUntil(() => !dialogOf(el).open);

    await openMore(el, 'Ordinary week', 'Every other week…');
    await expect(el).to.be.accessible();
    button(el, 'Cancel', 'dialog').click();
    await waitUntil(() => !dialogOf(el).open);

    button(el, 'Paste into this week').click();
    await waitForPreview(el);
    await expect(el).to.be.accessible();
  });

  it('shows the empty and not-connected states accessibly', async () => {
    const el = await render();
    await expect(el).to.be.accessible();
    const lone = await fixture<TidbokTemplateWeeks>(html`<tidbok-template-weeks locale="en" week-start=${SOURCE_WEEK}></tidbok-template-weeks>`);
    expect(text(lone.shadowRoot!.querySelector('.state'))).to.equal('Sign in as staff to use template weeks.');
    await expect(lone).to.be.accessible();
  });
});

describe('template week dates (in the browser, whatever its zone)', () => {
  it('numbers ISO weeks and finds Mondays on dates alone', () => {
    expect(isoWeekOf('2031-03-30')).to.deep.equal({ year: 2031, week: 13 }); // the Sunday summer time starts
    expect(isoWeekOf('2027-01-01')).to.deep.equal({ year: 2026, week: 53 });
    expect(parityOf('2031-03-17')).to.equal('even');
    expect(mondaysBetween('2031-03-26', '2031-04-01')).to.deep.equal(['2031-03-24', '2031-03-31']);
    expect(alternateMondays('2026-12-14', '2027-01-17', 'odd')).to.deep.equal(['2026-12-14', '2026-12-28', '2027-01-04']);
  });
});
