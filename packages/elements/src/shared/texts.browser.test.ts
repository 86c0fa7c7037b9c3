import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { Tidbok } from '@tidbok/sdk';
import '../define.js';
import { connect } from '../context.js';
import type { Locale, Messages } from '../i18n.js';
import type { TidbokBooking } from '../booking/booking.js';
import type { TidbokSlotPicker } from '../slot-picker/slot-picker.js';
import { buttonWithText, deep, deepAll, providing, seedClinic, type SeededClinic, textOf } from '../test-support.js';
import { bookingTexts, forgetTexts, loadTexts, TextsController } from './texts.js';

// The public flow's texts come one language at a time (messages/sv.ts, en.ts, loaded by
// shared/texts.ts). Every test starts with no texts loaded and notes which languages the
// elements asked for.

const real = { ...bookingTexts };
let requested: Locale[] = [];
const pageLang = document.documentElement.lang;

beforeEach(() => {
  forgetTexts();
  requested = [];
  for (const locale of ['sv', 'en'] as const) {
    bookingTexts[locale] = () => {
      requested.push(locale);
      return real[locale]();
    };
  }
});

afterEach(() => {
  Object.assign(bookingTexts, real);
  forgetTexts();
  document.documentElement.lang = pageLang;
  delete (navigator as { language?: string }).language; // back to Navigator.prototype's
});

/** A language's texts that arrive (or fail) only when the test says so. */
function held(locale: Locale) {
  let release!: () => void;
  let fail!: (error: unknown) => void;
  const gate = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  bookingTexts[locale] = () => {
    requested.push(locale);
    return gate.then(() => real[locale]());
  };
  return { release, fail };
}

/** Texts whose first load fails, as a chunk that did not come (offline, a deploy in between). */
function failingOnce(locale: Locale) {
  let failed = false;
  bookingTexts[locale] = () => {
    requested.push(locale);
    if (failed) return real[locale]();
    failed = true;
    return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
  };
}

function mount(clinic: SeededClinic, locale?: Locale) {
  return fixture<TidbokBooking>(html`<tidbok-booking api=${clinic.apiUrl} clinic=${clinic.slug} locale=${locale ?? ''}></tidbok-booking>`);
}

/** A booking element whose clinic request reports when it has answered. */
function withClinicWatched(clinic: SeededClinic) {
  const tidbok = connect(clinic.apiUrl, clinic.slug).tidbok;
  const answered = { value: false };
  const host = providing({
    ...tidbok,
    clinic: (...args: Parameters<Tidbok['clinic']>) => tidbok.clinic(...args).finally(() => (answered.value = true)),
  });
  const el = document.createElement('tidbok-booking');
  el.locale = 'en';
  host.append(el);
  return { el, answered };
}

describe('texts one language at a time', () => {
  it('shows an English page in English and loads only the English texts', async () => {
    document.documentElement.lang = 'en';
    const el = await mount(await seedClinic({ locale: 'en' }));
    await buttonWithText(el, 'Kort uppföljning');
    expect(textOf(el)).to.include('Choose a treatment');
    expect(deep(el, '.base')!.lang).to.equal('en');
    expect(requested).to.deep.equal(['en']);
  });

  it('is Swedish, loading only the Swedish texts, when neither the page nor the browser says English', async () => {
    document.documentElement.lang = '';
    Object.defineProperty(navigator, 'language', { value: 'de-DE', configurable: true });
    const el = await mount(await seedClinic());
    await buttonWithText(el, 'Kort uppföljning');
    expect(textOf(el)).to.include('Välj behandling');
    expect(requested).to.deep.equal(['sv']);
  });

  it("loads the clinic's language too when the page guessed another", async () => {
    document.documentElement.lang = 'en';
    const el = await mount(await seedClinic({ locale: 'sv' }));
    await buttonWithText(el, 'Kort uppföljning');
    expect(textOf(el)).to.include('Välj behandling');
    expect(deep(el, '.base')!.lang).to.equal('sv');
    // The guess first (while the clinic was answering), then the clinic's.
    expect(requested).to.deep.equal(['en', 'sv']);
  });

  it('shows its loading skeleton, and no text, until its texts arrive', async () => {
    const english = held('en');
    const { el, answered } = withClinicWatched(await seedClinic());
    await waitUntil(() => answered.value, 'the clinic answered');
    await el.updateComplete;
    expect(el.matches(':state(loading)')).to.equal(true);
    // The skeleton of the first step: the four steps, a heading line and the cards.
    expect(deepAll(el, '[aria-busy="true"] .steps li')).to.have.length(4);
    expect(deepAll(el, '[aria-busy="true"] .sk.card')).to.have.length(4);
    expect(deepAll(el, 'button')).to.have.length(0);
    expect(textOf(el)).to.equal('');
    english.release();
    await buttonWithText(el, 'Kort uppföljning');
    expect(textOf(el)).to.include('Choose a treatment');
    expect(el.matches(':state(treatment)')).to.equal(true);
  });

  it('shows a retry when its texts do not load, and loads them when the visitor asks', async () => {
    failingOnce('en');
    const clinic = await seedClinic();
    const el = document.createElement('tidbok-booking');
    el.setAttribute('api', clinic.apiUrl);
    el.setAttribute('clinic', clinic.slug);
    el.setAttribute('locale', 'en');
    const failed = oneEvent(el, 'tidbok-error');
    document.body.append(el);
    try {
      expect((await failed).detail.action).to.equal('texts');
      await waitUntil(() => el.matches(':state(error)'), 'the failure shown');
      // No language has loaded: a retry symbol, named in both.
      const retry = deep<HTMLButtonElement>(el, '[role="alert"] button')!;
      expect(retry.textContent!.trim()).to.equal('↻');
      expect(retry.getAttribute('aria-label')).to.equal('Försök igen / Try again');
      await expect(el).to.be.accessible();
      retry.click();
      await buttonWithText(el, 'Kort uppföljning');
      expect(textOf(el)).to.include('Choose a treatment');
      expect(requested).to.deep.equal(['en', 'en']);
    } finally {
      el.remove();
    }
  });

  it('says so in the other language when only that one is at hand', async () => {
    await loadTexts(bookingTexts, 'sv');
    failingOnce('en');
    const el = await mount(await seedClinic(), 'en');
    await waitUntil(() => el.matches(':state(error)'), 'the failure shown');
    const alert = deep(el, '[role="alert"]')!;
    expect(alert.lang).to.equal('sv');
    expect(textOf(alert)).to.equal('Något gick fel. Försök igen. Försök igen');
    (await buttonWithText(el, 'Försök igen')).click();
    await buttonWithText(el, 'Kort uppföljning');
    expect(textOf(el)).to.include('Choose a treatment');
  });

  it("keeps <tidbok-slot-picker>'s week a skeleton until its texts arrive", async () => {
    const swedish = held('sv');
    const clinic = await seedClinic();
    const el = await fixture<TidbokSlotPicker>(
      html`<tidbok-slot-picker api=${clinic.apiUrl} clinic=${clinic.slug} treatment=${clinic.treatmentTypes[0]!.id} locale="sv"></tidbok-slot-picker>`,
    );
    await waitUntil(() => el.slots.status === 'ready', 'the times loaded');
    await el.updateComplete;
    expect(deepAll(el, '.sk.slot').length).to.be.greaterThan(0);
    expect(deepAll(el, 'button.slot')).to.have.length(0);
    expect(textOf(el)).to.not.match(/Vecka|Inga/);
    swedish.release();
    await waitUntil(() => deepAll(el, 'button.slot').length > 0, 'the times shown');
    expect(textOf(el)).to.include('Vecka');
  });

  it('lets every language have the same texts', async () => {
    const [sv, en] = await Promise.all([loadTexts(bookingTexts, 'sv'), loadTexts(bookingTexts, 'en')]);
    expect(Object.keys(en)).to.deep.equal(Object.keys(sv));
    for (const texts of [sv, en]) expect(Object.values(texts).every((text) => typeof text === 'string' && text.length > 0)).to.equal(true);
  });
});

// The staff side and "My bookings" give the same controller a two-language table instead.
const table = {
  greeting: { sv: 'Hej {name}!', en: 'Hello {name}!' },
  bye: { sv: 'Hej då', en: 'Goodbye' },
} satisfies Messages<string>;

class TableTextsTest extends LitElement {
  static override properties = { locale: {} };
  locale: Locale = 'sv';
  readonly texts = new TextsController(this, () => this.locale, table);
  override render() {
    return html`<p>${this.texts.t('greeting', { name: 'Alva' })} ${this.texts.t('bye')}</p>`;
  }
}
customElements.define('texts-table-test', TableTextsTest);

describe('texts from a two-language table', () => {
  it('are there at once, in the language of each update, with no loading', async () => {
    const el = await fixture<TableTextsTest>(html`<texts-table-test></texts-table-test>`);
    expect(el.texts.ready).to.equal(true);
    expect(el.texts.failed).to.equal(false);
    expect(textOf(el)).to.equal('Hej Alva! Hej då');
    el.locale = 'en';
    await el.updateComplete;
    expect(textOf(el)).to.equal('Hello Alva! Goodbye');
    // An unknown placeholder stays visible (fill, i18n.ts).
    expect(el.texts.t('greeting')).to.equal('Hello {name}!');
    expect(requested).to.deep.equal([]);
  });
});
