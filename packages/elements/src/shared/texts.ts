import { html, nothing, type ReactiveController, type ReactiveElement } from 'lit';
import { fill, type Locale } from '../i18n.js';
import { Msg } from '../messages/keys.js';
import { errorKey, reportError } from './errors.js';

/*
 * The public booking flow's texts (messages/sv.ts, messages/en.ts), one module per language
 * loaded with `import()`: a page gets only the language it shows (in the embed bundle a chunk
 * per language, rollup.config.mjs). Keys are `Msg` members (messages/keys.ts), numbers once built.
 * "My bookings" (a chunk of its own) and the staff side keep their two-language tables
 * (`translate`, i18n.ts); "My bookings" takes only its failure messages from here.
 */

/** One language's texts, by key. */
export type Texts = Readonly<Record<Msg, string>>;

/** Where each language's texts come from. Tests may put a slow or failing source in. */
export const textSources: Record<Locale, () => Promise<{ default: Texts }>> = {
  sv: () => import('../messages/sv.js'),
  en: () => import('../messages/en.js'),
};

const loaded: Partial<Record<Locale, Texts>> = {};
const loading: Partial<Record<Locale, Promise<Texts>>> = {};

/** Loads a language's texts, once for the page; after a failure the next call tries again. */
export function loadTexts(locale: Locale): Promise<Texts> {
  return (loading[locale] ??= textSources[locale]().then(
    (module) => (loaded[locale] = module.default),
    (error: unknown) => {
      delete loading[locale];
      throw error;
    },
  ));
}

/** A language's texts if they have loaded. */
export const textsOf = (locale: Locale): Texts | undefined => loaded[locale];

/** Forgets the loaded texts, so the next element loads them again (for tests). */
export function forgetTexts(): void {
  for (const locale of ['sv', 'en'] as const) {
    delete loaded[locale];
    delete loading[locale];
  }
}

/**
 * A sentence for a visitor, in their language, for any failure; `''` until that language's texts
 * have loaded (`loadTexts`).
 */
export const errorMessage = (error: unknown, locale: Locale): string => textsOf(locale)?.[errorKey(error)] ?? '';

/**
 * The texts of an element, in the language `locale()` names at each update: loads them when they
 * are missing and updates the element when they arrive. Until then `t()` gives `''` and the
 * element shows its loading skeleton (`ready` is false). A failed load is fired as `tidbok-error`
 * (action `texts`); the element shows `failure()`, whose button tries again.
 *
 * @example
 * texts = new TextsController(this, () => this.language);
 * render() { return this.texts.failed ? this.texts.failure('message') : html`<h2>${this.texts.t(Msg.chooseTime)}</h2>`; }
 */
export class TextsController implements ReactiveController {
  /** The languages whose texts this element could not load (until the visitor retries). */
  readonly #failed = new Set<Locale>();
  readonly #pending = new Set<Locale>();

  constructor(
    private readonly host: ReactiveElement,
    private readonly locale: () => Locale,
  ) {
    host.addController(this);
  }

  /** The texts are here. */
  get ready(): boolean {
    return !!loaded[this.locale()];
  }

  /** Loading them failed, and the visitor has not asked to try again yet. */
  get failed(): boolean {
    return this.#failed.has(this.locale());
  }

  /** A text with its `{placeholders}` filled in; `''` while the texts are loading. */
  t = (key: Msg, values?: Record<string, string | number>): string => fill(loaded[this.locale()]?.[key] ?? '', values);

  hostUpdate(): void {
    const locale = this.locale();
    if (loaded[locale] || this.#pending.has(locale) || this.#failed.has(locale)) return;
    this.#pending.add(locale);
    loadTexts(locale)
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
   * The failure, for an element to show instead of its content: a message and a button that
   * tries again, in the other language when its texts are here, else only the button, as a
   * symbol (↻) named in both languages.
   */
  failure(className: string) {
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
