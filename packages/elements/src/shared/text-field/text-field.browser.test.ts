import { expect, fixtureSync, html } from '@open-wc/testing';
import '../../define.js';
import type { TidbokRadioGroup } from '../radio-group/radio-group.js';
import type { TidbokTextField } from './text-field.js';

describe('<tidbok-text-field> and <tidbok-radio-group> in a form', () => {
  async function form() {
    // fixtureSync and the fields' own updates: `fixture` of a plain <form> waits for an animation
    // frame, which a background tab of the test runner never gets.
    const f = fixtureSync<HTMLFormElement>(
      html`<form>
        <tidbok-text-field name="name" label="Name" required missing="Enter your name."></tidbok-text-field>
        <tidbok-text-field name="email" type="email" label="E-mail" .check=${(v: string) => (v.includes('@') ? '' : 'Not an address.')}></tidbok-text-field>
        <tidbok-radio-group
          name="channel"
          label="Send by"
          value="email"
          .options=${[
            { value: 'email', label: 'Mail' },
            { value: 'sms', label: 'SMS' },
          ]}
        ></tidbok-radio-group>
      </form>`,
    );
    await Promise.all([...f.children].map((child) => (child as TidbokTextField).updateComplete));
    return f;
  }
  const field = (f: HTMLFormElement, name: string) => f.querySelector<TidbokTextField>(`[name="${name}"]`)!;
  const input = (f: HTMLFormElement, name: string) => field(f, name).shadowRoot!.querySelector('input')!;
  const type = (f: HTMLFormElement, name: string, value: string) => {
    input(f, name).value = value;
    input(f, name).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  };

  it('takes part in the form: value in FormData, validity stops submission', async () => {
    const f = await form();
    expect(f.checkValidity()).to.equal(false);
    type(f, 'name', 'Karin Ek');
    type(f, 'email', 'karin@example.com');
    // At once, without waiting for a render.
    expect(f.checkValidity()).to.equal(true);
    const data = new FormData(f);
    expect(data.get('name')).to.equal('Karin Ek');
    expect(data.get('email')).to.equal('karin@example.com');
    expect(data.get('channel')).to.equal('email');
    f.querySelector<TidbokRadioGroup>('tidbok-radio-group')!.shadowRoot!.querySelectorAll('input')[1]!.click();
    await field(f, 'name').updateComplete;
    expect(new FormData(f).get('channel')).to.equal('sms');
  });

  it('shows its message inline once the form is checked, not while the visitor types', async () => {
    const f = await form();
    const name = field(f, 'name');
    expect(name.shadowRoot!.querySelector('[part="error"]')!.textContent).to.equal('');
    f.checkValidity();
    await name.updateComplete;
    expect(name.shadowRoot!.querySelector('[part="error"]')!.textContent).to.equal('Enter your name.');
    expect(input(f, 'name').getAttribute('aria-invalid')).to.equal('true');
    expect(input(f, 'name').getAttribute('aria-describedby')).to.equal('error');
    expect(name.matches(':state(invalid):state(touched)')).to.equal(true);
    type(f, 'email', 'nope');
    input(f, 'email').dispatchEvent(new Event('blur'));
    await field(f, 'email').updateComplete;
    expect(field(f, 'email').shadowRoot!.textContent).to.include('Not an address.');
    await expect(f).to.be.accessible();
  });

  it('shows an error set from outside until the value changes, and resets with the form', async () => {
    const f = await form();
    const email = field(f, 'email');
    type(f, 'email', 'karin@example.com');
    email.setCustomError('The server says no.');
    await email.updateComplete;
    expect(email.checkValidity()).to.equal(false);
    expect(email.shadowRoot!.textContent).to.include('The server says no.');
    type(f, 'email', 'karin@example.se');
    expect(email.checkValidity()).to.equal(true);
    f.reset();
    await email.updateComplete;
    expect(email.value).to.equal('');
    expect(input(f, 'email').value).to.equal('');
  });
});
