import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { CountdownController, formatRemaining } from './countdown.js';

/** A throwaway host with a clock the test moves by hand. */
class CountdownHost extends LitElement {
  time = 1_000_000;
  expired = 0;
  countdown = new CountdownController(this, { now: () => this.time, onExpire: () => this.expired++ });
  override render() {
    return html`${formatRemaining(this.countdown.remaining)}`;
  }
}
customElements.define('countdown-host', CountdownHost);

describe('CountdownController', () => {
  it('counts down on its clock and expires once', async () => {
    const host = await fixture<CountdownHost>(html`<countdown-host></countdown-host>`);
    host.countdown.start(host.time + 10 * 60_000);
    expect(host.countdown.remaining).to.equal(600_000);
    host.time += 9 * 60_000 + 30_500;
    host.countdown.tick();
    await host.updateComplete;
    expect(host.shadowRoot!.textContent).to.equal('0:30');
    host.time += 30_000;
    host.countdown.tick();
    expect(host.expired).to.equal(1);
    expect(host.countdown.running).to.equal(false);
    host.countdown.tick();
    expect(host.expired).to.equal(1);
  });

  it('expires on reconnect when the deadline passed while disconnected', async () => {
    const host = await fixture<CountdownHost>(html`<countdown-host></countdown-host>`);
    host.countdown.start(host.time + 5000);
    const parent = host.parentNode!;
    host.remove();
    host.time += 6000;
    expect(host.expired).to.equal(0);
    parent.append(host);
    expect(host.expired).to.equal(1);
  });

  it('formats the time left rounded up, so 0:00 means time is up', () => {
    expect(formatRemaining(600_000)).to.equal('10:00');
    expect(formatRemaining(59_001)).to.equal('1:00');
    expect(formatRemaining(59_000)).to.equal('0:59');
    expect(formatRemaining(1)).to.equal('0:01');
    expect(formatRemaining(0)).to.equal('0:00');
  });
});
