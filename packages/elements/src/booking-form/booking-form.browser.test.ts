import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../define.js';
import { deep, fill, inputOf, textOf, waitFor } from '../test-support.js';
import type { TidbokBookingForm } from './booking-form.js';

/** The form, once its texts have loaded (it renders nothing before). */
async function mount(template: TemplateResult): Promise<TidbokBookingForm> {
  const el = await fixture<TidbokBookingForm>(template);
  await waitFor(el, 'form', 'the form, once its texts are here');
  return el;
}

describe('<tidbok-booking-form>', () => {
  it('sends what was typed, trimmed, with optional fields left out', async () => {
    const el = await mount(html`<tidbok-booking-form locale="en" personal-number="optional"></tidbok-booking-form>`);
    fill(el, 'name', '  Karin Ek ');
    fill(el, 'email', 'karin@example.com');
    fill(el, 'note', 'Rullstol');
    const submitted = oneEvent(el, 'tidbok-form-submit');
    deep<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    expect((await submitted).detail).to.deep.equal({
      client: { name: 'Karin Ek', email: 'karin@example.com' },
      confirmation: 'email',
      note: 'Rullstol',
    });
  });

  it('shows the personal number field only when the clinic asks for it', async () => {
    const el = await mount(html`<tidbok-booking-form locale="sv"></tidbok-booking-form>`);
    expect(deep(el, '[name="personalNumber"]')).to.equal(null);
    el.personalNumber = 'optional';
    await el.updateComplete;
    expect(deep(el, '[name="personalNumber"]')!.hasAttribute('required')).to.equal(false);
    expect(textOf(el)).to.include('Frivilligt, ÅÅÅÅMMDD-XXXX');
    el.personalNumber = 'required';
    await el.updateComplete;
    expect(deep(el, '[name="personalNumber"]')!.hasAttribute('required')).to.equal(true);
    expect(inputOf(el, 'personalNumber').labels![0]!.textContent).to.equal('Personnummer');
    await expect(el).to.be.accessible();
  });

  it('does not submit twice while busy', async () => {
    const el = await mount(html`<tidbok-booking-form locale="en" busy></tidbok-booking-form>`);
    fill(el, 'name', 'Karin Ek');
    fill(el, 'email', 'karin@example.com');
    let count = 0;
    el.addEventListener('tidbok-form-submit', () => count++);
    const button = deep<HTMLButtonElement>(el, 'button[type="submit"]')!;
    expect(button.textContent!.trim()).to.equal('Booking …');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    button.click();
    expect(count).to.equal(0);
  });
});
