import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LoadController, type LoadOptions } from './load.js';

/** One call of the task, settled by the test when it chooses. */
interface Call {
  signal: AbortSignal;
  resolve: (value: string) => void;
  reject: (error: unknown) => void;
}

/** A throwaway host whose task waits for the test to answer each call. */
class LoadHost extends LitElement {
  calls: Call[] = [];
  errors: unknown[] = [];
  load!: LoadController<string>;
  renders = 0;
  setUp(options: Partial<LoadOptions<string>> = {}) {
    this.load = new LoadController<string>(this, {
      task: (signal) =>
        new Promise<string>((resolve, reject) => {
          this.calls.push({ signal, resolve, reject });
          signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
      onError: (error) => this.errors.push(error),
      ...options,
    });
  }
  override render() {
    this.renders++;
    return html`${this.load?.status}:${this.load?.value ?? ''}`;
  }
}
customElements.define('load-host', LoadHost);

async function host(options?: Partial<LoadOptions<string>>): Promise<LoadHost> {
  const element = await fixture<LoadHost>(html`<load-host></load-host>`);
  element.setUp(options);
  return element;
}

describe('LoadController', () => {
  it('applies only the newest answer and says which run was applied', async () => {
    const element = await host();
    const first = element.load.run();
    const second = element.load.run();
    expect(element.calls[0]!.signal.aborted).to.equal(true);
    element.calls[1]!.resolve('new');
    expect(await second).to.equal(true);
    expect(await first).to.equal(false);
    expect(element.load.value).to.equal('new');
    expect(element.errors).to.deep.equal([]);
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.equal('ready:new');
  });

  it('keeps the last value beside a failure, and a later success clears the error', async () => {
    const element = await host();
    const ok = element.load.run();
    element.calls[0]!.resolve('monday');
    await ok;
    const failed = element.load.run();
    element.calls[1]!.reject(new Error('offline'));
    expect(await failed).to.equal(true);
    expect(element.load.status).to.equal('error');
    expect(element.load.value).to.equal('monday');
    expect(element.errors).to.have.length(1);
    const again = element.load.run();
    element.calls[2]!.resolve('tuesday');
    await again;
    expect(element.load.status).to.equal('ready');
    expect(element.load.error).to.equal(undefined);
  });

  it('a quiet run leaves status and error on screen until it settles', async () => {
    const element = await host();
    const failed = element.load.run();
    element.calls[0]!.reject(new Error('offline'));
    await failed;
    await element.updateComplete;
    const renders = element.renders;
    const poll = element.load.run({ quiet: true });
    expect(element.load.status).to.equal('error');
    expect(element.load.error).to.be.instanceOf(Error);
    await element.updateComplete;
    expect(element.renders).to.equal(renders);
    element.calls[1]!.resolve('back');
    await poll;
    expect(element.load.status).to.equal('ready');
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).to.equal('ready:back');
  });

  it('abort and reset supersede the run in flight without reporting an error', async () => {
    const element = await host();
    const ok = element.load.run();
    element.calls[0]!.resolve('kept');
    await ok;
    const aborted = element.load.run({ quiet: true });
    element.load.abort();
    expect(await aborted).to.equal(false);
    expect(element.load.value).to.equal('kept');
    const reset = element.load.run();
    element.load.reset();
    expect(await reset).to.equal(false);
    expect(element.load.status).to.equal('idle');
    expect(element.load.value).to.equal(undefined);
    expect(element.errors).to.deep.equal([]);
  });

  it('leaving the page aborts the load, and it runs again on return', async () => {
    const element = await host();
    void element.load.run();
    const parent = element.parentNode!;
    element.remove();
    expect(element.calls[0]!.signal.aborted).to.equal(true);
    parent.append(element);
    expect(element.calls).to.have.length(2);
    element.calls[1]!.resolve('resumed');
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve));
    expect(element.load.value).to.equal('resumed');
    expect(element.errors).to.deep.equal([]);
  });

  it('with resume: false it leaves the reload on return to its owner', async () => {
    const element = await host({ resume: false });
    void element.load.run();
    const parent = element.parentNode!;
    element.remove();
    parent.append(element);
    expect(element.calls).to.have.length(1);
    expect(element.calls[0]!.signal.aborted).to.equal(true);
  });
});
