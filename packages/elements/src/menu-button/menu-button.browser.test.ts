import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../calendar/test-support.js';
import type { TidbokMenuButton } from './menu-button.js';

const items = [
  { id: 'first', label: 'Skicka bekräftelse', disabled: true, hint: 'Tillgängligt senare' },
  { id: 'second', label: 'Markera som återbud' },
  { id: 'third', label: 'Ta bort', danger: true, separatorBefore: true },
];

async function mount() {
  const el = await fixture<TidbokMenuButton>(html`<tidbok-menu-button label="Mer" .items=${items}></tidbok-menu-button>`);
  const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!;
  const active = () => el.shadowRoot!.activeElement as HTMLElement | null;
  return { el, button, active };
}

describe('<tidbok-menu-button>', () => {
  it('opens with the keyboard, moves through the items, skips nothing and chooses with Enter', async () => {
    const { el, button, active } = await mount();
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    // Disabled items stay focusable (APG) and say why.
    expect(active()!.dataset.id).to.equal('first');
    expect(active()!.getAttribute('aria-disabled')).to.equal('true');
    expect(active()!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Skicka bekräftelse. Tillgängligt senare');
    await sendKeys({ press: 'ArrowDown' });
    expect(active()!.dataset.id).to.equal('second');
    await sendKeys({ press: 'End' });
    expect(active()!.dataset.id).to.equal('third');
    await sendKeys({ press: 'ArrowDown' });
    expect(active()!.dataset.id).to.equal('first');
    await sendKeys({ press: 'ArrowUp' });
    expect(active()!.dataset.id).to.equal('third');
    const chosen = oneEvent(el, 'tidbok-menu-select');
    await sendKeys({ press: 'Enter' });
    expect((await chosen).detail.id).to.equal('third');
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(active()).to.equal(button);
  });

  it('does not choose a disabled item; Escape closes and gives focus back', async () => {
    const { el, button, active } = await mount();
    let chosen = 0;
    el.addEventListener('tidbok-menu-select', () => chosen++);
    button.click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-id="first"]')!.click();
    expect(chosen).to.equal(0);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(active()).to.equal(button);
  });

  it('closes when something else is pressed', async () => {
    const { el, button } = await mount();
    button.click();
    await el.updateComplete;
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="menu"]')!.hasAttribute('hidden')).to.equal(true);
  });

  it('is accessible, open and closed', async () => {
    const { el, button } = await mount();
    await expect(el).to.be.accessible();
    button.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
