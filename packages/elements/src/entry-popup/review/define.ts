/*
 * The entry popup's review parts: `<tidbok-hold-review>`, a visitor's hold (where it came from;
 * release it, issue 17 item 6), and `<tidbok-duplicate-notice>`, a booking's client that a public
 * booking split off a stored one (merge it, item 2). Few staff open either, so the popup loads
 * this module with `import()` the first time one is shown.
 *
 * Why Lit is handed in rather than imported: a module that this chunk and the calendar's first
 * load both import makes the bundler split the staff chunk's shared code (Lit, and what the
 * Settings chunk shares with the calendar) into more, separately compressed files, which costs
 * the first load more than this chunk saves (its 80 KB budget: the row "staff calendar, first
 * load" of scripts/bundle-size.mjs). So this module imports nothing at run time but its texts;
 * the popup passes Lit and the texts controller (shared/texts.ts), and a `describe` function for
 * failures. For the same reason there are no
 * decorators (their helper is shared code too).
 *
 * Both render into the popup's shadow root (no shadow root of their own): the popup's styles
 * (buttons, `.confirm`, `.hint`, `.error`) apply as to the rest of it.
 */
import type { AdminHold, CalendarEntry, Client, TidbokAdmin } from '@tidbok/sdk';
import type { html as Html, LitElement as LitElementClass, nothing as Nothing, PropertyValues, TemplateResult } from 'lit';
import type { Locale } from '../../i18n.js';
import type { TextsController as TextsControllerClass } from '../../shared/texts.js';
import { reviewMessages } from './messages.js';

/** What the popup hands in: Lit's element class and templates, and the texts controller. */
export interface ReviewLit {
  LitElement: typeof LitElementClass;
  html: typeof Html;
  nothing: typeof Nothing;
  TextsController: typeof TextsControllerClass;
}

/** `detail` of `tidbok-review-done` (not composed: the popup's own business; it tells the calendar). */
export interface ReviewDoneDetail {
  /** What the server answered: nothing for a release, the stored client for a merge. */
  result: unknown;
}

type HoldEntry = Extract<CalendarEntry, { kind: 'hold' }>;

/** Registers both elements (safe to call more than once). */
export function defineReviewElements({ LitElement, html, nothing, TextsController }: ReviewLit): void {
  if (customElements.get('tidbok-hold-review')) return;

  /** The staff API, the language, and an action that asks first, in place, before it calls. */
  abstract class ReviewPart extends LitElement {
    static override properties = {
      admin: { attribute: false },
      locale: {},
      mayAct: { type: Boolean, attribute: 'may-act' },
      describe: { attribute: false },
      asking: { state: true },
      busy: { state: true },
      error: { state: true },
    };

    admin: TidbokAdmin | undefined;
    locale: Locale = 'sv';
    /** Whether this staff member may act (their role's permission); otherwise only shown. */
    mayAct = false;
    /** Reports a failed call and returns the sentence to show (the popup's `describeError`). */
    describe: (action: string, error: unknown) => string = () => '';
    asking = false;
    busy = false;
    error = '';

    protected override createRenderRoot() {
      return this;
    }

    readonly texts = new TextsController(this, () => this.locale, reviewMessages);

    /** The button that starts the action, or the question with Yes / Cancel once pressed. */
    renderAction(action: string, label: string, question: string, yes: string, call: () => Promise<unknown>): TemplateResult | typeof nothing {
      if (!this.mayAct || !this.admin) return nothing;
      const error = this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
      if (!this.asking) {
        return html`<p><button class="btn" type="button" data-action=${action} @click=${() => this.ask()}>${label}</button></p>
          ${error}`;
      }
      return html`<div class="confirm" role="group" aria-label=${label}>
          <p>${question}</p>
          <div class="actions">
            <button class="btn danger" type="button" data-action="confirm-${action}" ?disabled=${this.busy} @click=${() => this.run(action, call)}>
              ${yes}
            </button>
            <button class="btn" type="button" data-action="keep" @click=${() => this.keep(action)}>${this.texts.t('cancel')}</button>
          </div>
        </div>
        ${error}`;
    }

    async ask() {
      this.asking = true;
      this.error = '';
      await this.updateComplete;
      this.querySelector<HTMLElement>('[data-action="keep"]')?.focus();
    }

    /** Cancel: the question goes, focus back on the button that asked it (not lost to the page). */
    async keep(action: string) {
      this.asking = false;
      await this.updateComplete;
      this.querySelector<HTMLElement>(`[data-action="${action}"]`)?.focus();
    }

    async run(action: string, call: () => Promise<unknown>) {
      if (this.busy) return;
      this.busy = true;
      this.error = '';
      try {
        const result = await call();
        this.asking = false;
        this.dispatchEvent(new CustomEvent<ReviewDoneDetail>('tidbok-review-done', { detail: { result } }));
      } catch (error) {
        this.error = this.describe(action, error);
      } finally {
        this.busy = false;
      }
    }
  }

  /**
   * A visitor's hold: until when it is held, the network it came from and how many holds that
   * network has right now (a burst from one place stands out), and "Release the time".
   */
  class TidbokHoldReview extends ReviewPart {
    static override properties = { ...ReviewPart.properties, entry: { attribute: false }, until: { attribute: false }, hold: { state: true } };

    entry: HoldEntry | null = null;
    /** The clinic's clock time the hold ends (`HH:mm`), as the popup shows times. */
    until = '';
    /** The hold as `GET …/admin/holds` lists it; null when not listed, undefined while loading. */
    hold: AdminHold | null | undefined;
    loadedFor: unknown;

    override willUpdate(changed: PropertyValues<this>) {
      super.willUpdate(changed);
      const id = this.entry?.id;
      if (this.admin && id && (this.loadedFor !== id || changed.has('admin'))) {
        this.loadedFor = id;
        void this.load(this.admin, id);
      }
    }

    async load(admin: TidbokAdmin, id: string) {
      this.hold = undefined;
      try {
        const holds = await admin.holds.list();
        if (this.entry?.id === id) this.hold = holds.find((h) => h.id === id) ?? null;
      } catch {
        // Without the list (a role without desk work, an older server) the calendar's facts stay.
        if (this.entry?.id === id) this.hold = null;
      }
    }

    override render() {
      const hold = this.hold;
      if (!this.entry) return nothing;
      const count = hold?.networkActiveHolds ?? 0;
      return html`
        <p part="held-by">${this.texts.t(hold?.clientId ? 'heldByClient' : 'heldBy', { time: this.until })}</p>
        ${
          hold
            ? html`<p part="network">
                  ${this.texts.t('network')}: <strong>${hold.network ?? this.texts.t('networkUnknown')}</strong>
                  ${hold.network ? html`<br /><span data-count=${count}>${this.texts.t(count > 1 ? 'networkHolds' : 'networkHold', { count })}</span>` : nothing}
                </p>
                ${this.renderAction('release', this.texts.t('release'), this.texts.t('confirmRelease'), this.texts.t('releaseYes'), () => this.admin!.holds.release(hold.id))}`
            : hold === null && this.mayAct
              ? html`<p class="hint">${this.texts.t('holdGone')}</p>`
              : nothing
        }
      `;
    }
  }

  /** A booking's client split off a stored client: who that is, and "Merge into <name>". */
  class TidbokDuplicateNotice extends ReviewPart {
    static override properties = { ...ReviewPart.properties, client: { attribute: false }, stored: { state: true } };

    /** The booking's client, with `duplicateOf` set. */
    client: Client | null = null;
    /** The stored client it may duplicate, once loaded. */
    stored: Client | null = null;
    loadedFor: string | null | undefined;

    override willUpdate(changed: PropertyValues<this>) {
      super.willUpdate(changed);
      const id = this.client?.duplicateOf ?? null;
      if (this.admin && id !== this.loadedFor) {
        this.loadedFor = id;
        this.stored = null;
        if (id) void this.load(this.admin, id);
      }
    }

    async load(admin: TidbokAdmin, id: string) {
      try {
        const stored = await admin.clients.get(id);
        if (this.client?.duplicateOf === id) this.stored = stored;
      } catch {
        // Gone (merged or deleted meanwhile): no notice then.
      }
    }

    override render() {
      const { client, stored } = this;
      if (!client || !stored) return nothing;
      const name = stored.name;
      return html`
        <div class="notice" part="duplicate-notice" role="note">
          <p>${this.texts.t('duplicateOf', { who: [name, stored.email].filter(Boolean).join(', ') })}</p>
          ${this.renderAction('merge', this.texts.t('mergeInto', { name }), this.texts.t('confirmMerge', { name }), this.texts.t('mergeYes'), () =>
            this.admin!.clients.merge(client.id, stored.id),
          )}
        </div>
      `;
    }
  }

  customElements.define('tidbok-hold-review', TidbokHoldReview);
  if (!customElements.get('tidbok-duplicate-notice')) customElements.define('tidbok-duplicate-notice', TidbokDuplicateNotice);
}
