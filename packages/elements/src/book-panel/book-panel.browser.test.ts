import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TidbokCalendar } from '../calendar/calendar.js';
import { deepActive, mountCalendar, setValue, waitFor } from '../calendar/test-support.js';
import type { TidbokBookPanel } from './book-panel.js';

async function openPanel(el: TidbokCalendar) {
  const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="book-button"]')!;
  button.focus();
  button.click();
  const panel = await waitFor<TidbokBookPanel>(el, 'tidbok-book-panel');
  await panel.updateComplete;
  return { panel, button };
}

describe('<tidbok-book-panel>', () => {
  beforeEach(() => localStorage.clear());

  it('lists free times per day for a treatment type and practitioner, a few at a time', async () => {
    const { el, clinic } = await mountCalendar();
    const { panel } = await openPanel(el);
    expect(deepActive()).to.equal(panel.shadowRoot!.querySelector('select[name="treatmentType"]'));
    // Kort uppföljning: 30 min, Anna and Erik, 09–12 in 15-minute steps: 11 starts each a day.
    setValue(panel.shadowRoot!.querySelector<HTMLSelectElement>('select[name="treatmentType"]')!, clinic.treatmentTypes[1]!.id);
    await waitUntil(() => panel.shadowRoot!.querySelector('[part~="slot"]'), 'free times');
    const firstDay = panel.shadowRoot!.querySelector('ul')!;
    expect(firstDay.querySelectorAll('[part~="slot"]').length).to.equal(12);
    const showAll = firstDay.querySelector<HTMLButtonElement>('.btn.link')!;
    expect(showAll.textContent!.trim()).to.equal('Visa alla 22');
    showAll.click();
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('ul')!.querySelectorAll('[part~="slot"]').length).to.equal(22);

    setValue(panel.shadowRoot!.querySelector<HTMLSelectElement>('select[name="practitioner"]')!, clinic.practitioners[1]!.id);
    await waitUntil(() => panel.shadowRoot!.querySelector('ul')?.querySelectorAll('[part~="slot"]').length === 11, "Erik's times only");
    const labels = [...panel.shadowRoot!.querySelectorAll('[part~="slot"]')].map((s) => s.getAttribute('aria-label')!);
    expect(labels.every((label) => label.endsWith('hos Erik Johansson'))).to.equal(true);
    await expect(panel).to.be.accessible();
  });

  it('fires tidbok-slot-pick with the time, and Escape closes it with focus back on Book', async () => {
    const { el, clinic } = await mountCalendar();
    let { panel, button } = await openPanel(el);
    setValue(panel.shadowRoot!.querySelector<HTMLSelectElement>('select[name="treatmentType"]')!, clinic.treatmentTypes[0]!.id);
    await waitUntil(() => panel.shadowRoot!.querySelector('[part~="slot"]'), 'free times');
    const picked = oneEvent(panel, 'tidbok-slot-pick');
    panel.shadowRoot!.querySelector<HTMLButtonElement>('[part~="slot"]')!.click();
    const { detail } = await picked;
    expect(detail.treatmentTypeId).to.equal(clinic.treatmentTypes[0]!.id);
    expect(detail.slot.practitionerId).to.equal(clinic.practitioners[0]!.id);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;

    ({ panel, button } = await openPanel(el));
    panel.shadowRoot!.querySelector<HTMLSelectElement>('select')!.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('tidbok-book-panel')).to.equal(null);
    expect(deepActive()).to.equal(button);
  });
});
