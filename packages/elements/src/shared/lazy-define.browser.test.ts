import { expect, waitUntil } from '@open-wc/testing';
import { defineLazily } from './lazy-define.js';

let n = 0;
/** Fresh tag names per test: a custom element can be defined only once per page. */
const tags = () => {
  n++;
  return [`x-lazy-${n}-a`, `x-lazy-${n}-b`] as const;
};

class Upgraded extends HTMLElement {
  upgraded = true;
}

describe('defineLazily', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('[data-lazy-test]')) el.remove();
  });

  it('loads nothing until one of the tags is in the document, then upgrades it in place', async () => {
    const [a, b] = tags();
    let loads = 0;
    defineLazily([a, b], async () => {
      loads++;
      customElements.define(a, class extends Upgraded {});
      customElements.define(b, class extends Upgraded {});
    });
    const other = document.createElement('div');
    other.dataset.lazyTest = '';
    document.body.append(other);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(loads).to.equal(0);

    // Deep inside something the page adds later; a property set before the upgrade stays.
    const wrapper = document.createElement('section');
    wrapper.dataset.lazyTest = '';
    wrapper.innerHTML = `<div><${b} id="late"></${b}></div>`;
    const late = wrapper.querySelector(`#late`) as HTMLElement & { upgraded?: boolean; token?: string };
    late.token = 'set before';
    document.body.append(wrapper);
    await waitUntil(() => late.upgraded === true, 'the element was not upgraded');
    expect(loads).to.equal(1);
    expect(late.token).to.equal('set before');
  });

  it('loads at once when a tag is already in the page, and only once', async () => {
    const [a, b] = tags();
    const present = document.createElement(a);
    present.dataset.lazyTest = '';
    document.body.append(present);
    let loads = 0;
    const load = defineLazily([a, b], async () => {
      loads++;
      customElements.define(a, class extends Upgraded {});
    });
    await load();
    await load();
    expect(loads).to.equal(1);
    expect((present as HTMLElement & { upgraded?: boolean }).upgraded).to.equal(true);
  });

  it('reports a failed load without throwing to the page, and tries again when asked', async () => {
    const [a, b] = tags();
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      let attempt = 0;
      const load = defineLazily([a, b], async () => {
        attempt++;
        if (attempt === 1) throw new TypeError('Failed to fetch dynamically imported module');
        customElements.define(a, class extends Upgraded {});
      });
      const el = document.createElement(a);
      el.dataset.lazyTest = '';
      document.body.append(el);
      await waitUntil(() => errors.length === 1, 'the failure was not reported');
      await load();
      expect(attempt).to.equal(2);
      expect((el as HTMLElement & { upgraded?: boolean }).upgraded).to.equal(true);
    } finally {
      console.error = original;
    }
  });
});
