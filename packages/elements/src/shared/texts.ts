import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { fill, type Locale, type Messages } from '../i18n.js';
import { Msg } from '../messages/keys.js';
import { reportError } from './errors.js';

/*
 * Every element's words, through one controller: `texts = new TextsController(this, () => locale,
 * source)`, then `this.texts.t(key, values)`. The source is one of two kinds, chosen by the bundle
 * the element ends up in (packages/elements/README.md, Texts and the language):
 *
 * - a two-language table (`{ key: { sv, en } } satisfies Messages<…>`, beside the element): ready
 *   at once. The staff side and "My bookings" use these; staff switch languages while working, so
 *   both languages are loaded anyway.
 * - one loader per language (`bookingTexts`: messages/sv.ts, messages/en.ts, loaded with
 *   `import()`): a page gets only the language it shows (in the embed bundle a chunk per language,
 *   rollup.config.mjs), which keeps the public booking flow inside its budget. Keys are `Msg`
 *   members (messages/keys.ts), numbers once built. Until a language is here `t()` gives `''`.
 */

/** One language's texts, by key. */
export type Texts<K extends PropertyKey = Msg> = Readonly<Record<K, string>>;

/** One loader per language, each giving a module whose default export is that language's texts. */
export type TextLoaders<K extends PropertyKey = Msg> = Record<Locale, () => Promise<{ default: Texts<K> }>>;

declare const booking: unique symbol;
/**
 * `bookingTexts`' type. Branded: it is the only set of loaders, since what they load is kept for
 * the page by language alone.
 */
export type BookingTexts<K extends PropertyKey = Msg> = TextLoaders<K> & { readonly [booking]: true };

/** Where an element's words come from: its two-language table, or the booking flow's loaders. */
export type TextSource<K extends PropertyKey> = Messages<K & string> | BookingTexts<K>;

/**
 * The public booking flow's texts, one module per language, loaded once for the page. Tests may
 * put a slow or failing loader in.
 */
export const bookingTexts = {
  sv: () => import('../messages/sv.js'),
  en: () => import('../messages/en.js'),
} as BookingTexts;

const loaded: Partial<Record<Locale, Texts>> = {};
const loading: Partial<Record<Locale, Promise<Texts>>> = {};

/**
 * Loads a language of the booking flow's texts (`bookingTexts`, passed in so that a bundle without
 * the booking flow does not carry its loaders), once for the page; after a failure the next call
 * tries again.
 */
export function loadTexts(loaders: BookingTexts, locale: Locale): Promise<Texts> {
  return (loading[locale] ??= loaders[locale]().then(
    (module) => (loaded[locale] = module.default),
    (error: unknown) => {
      delete loading[locale];
      throw error;
    },
  ));
}

/** A language of the booking flow's texts if it has loaded. */
export const textsOf = (locale: Locale): Texts | undefined => loaded[locale];

/** Forgets the loaded texts, so the next element loads them again (for tests). */
export function forgetTexts(): void {
  for (const locale of ['sv', 'en'] as const) {
    delete loaded[locale];
    delete loading[locale];
  }
}

/**
 * The words of an element, in the language `locale()` names at each update, from `source` (see
 * above). A table's texts are there at once. Loaders are asked for a language when the element
 * updates without it, and the element updates again when it arrives; until then `t()` gives `''`
 * and `ready` is false (show a loading skeleton). A failed load is fired as `tidbok-error`
 * (action `texts`) and `failed` is true: show `failure()`, whose button tries again.
 *
 * @example
 * readonly texts = new TextsController(this, () => this.language, openingHoursMessages);
 * render() { return html`<h2>${this.texts.t('title')}</h2>`; }
 */
export class TextsController<K extends PropertyKey> implements ReactiveController {
  /** The languages whose texts this element could not load (until the visitor retries). */
  readonly #failed = new Set<Locale>();
  readonly #pending = new Set<Locale>();
  /** The loaders, when the source is not a table. */
  readonly #loaders: BookingTexts | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly locale: () => Locale,
    private readonly source: TextSource<K>,
  ) {
    host.addController(this);
    // A table's entries are `{ sv, en }` objects, never functions, whatever their keys.
    if (typeof (source as BookingTexts).sv === 'function') this.#loaders = source as BookingTexts;
  }

  /** The texts are here (always, for a table). */
  get ready(): boolean {
    return !this.#loaders || !!loaded[this.locale()];
  }

  /** Loading them failed, and the visitor has not asked to try again yet. */
  get failed(): boolean {
    return this.#failed.has(this.locale());
  }

  /** A text with its `{placeholders}` filled in (`fill`, i18n.ts); `''` while the texts are loading. */
  t = (key: K, values?: Record<string, string | number>): string =>
    fill((this.#loaders ? loaded[this.locale()]?.[key as Msg] : (this.source as Messages<K & string>)[key as K & string][this.locale()]) ?? '', values);

  hostUpdate(): void {
    const locale = this.locale();
    if (!this.#loaders || loaded[locale] || this.#pending.has(locale) || this.#failed.has(locale)) return;
    this.#pending.add(locale);
    loadTexts(this.#loaders, locale)
      .catch((error: unknown) => {
        this.#failed.add(locale);
        reportError(this.host, 'texts', error);
      })
      .finally(() => {
        this.#pending.delete(locale);
        this.host.requestUpdate();
      });
  }

  /**
   * The failure of the booking flow's texts, for an element to show instead of its content: a
   * message and a button that tries again, in the other language when its texts are here, else
   * only the button, as a symbol (↻) named in both languages.
   */
  failure(this: TextsController<Msg>, className: string) {
    const other = this.locale() === 'sv' ? 'en' : 'sv';
    const texts = loaded[other];
    return html`<div class=${className} part=${className} role="alert" lang=${texts ? other : nothing}>
      ${texts ? html`<p>${texts[Msg.other]}</p>` : nothing}
      <button class="btn" part="button" aria-label=${texts ? nothing : 'Försök igen / Try again'} @click=${this.#retry}>${texts?.[Msg.retry] ?? '↻'}</button>
    </div>`;
  }

  readonly #retry = (): void => {
    this.#failed.clear();
    this.host.requestUpdate();
  };
}
