import { ContextConsumer } from '@lit/context';
import { isTidbokError } from '@tidbok/sdk';
import { LitElement, type PropertyDeclarations } from 'lit';
import { adminSettingsStyles } from '../admin-settings/admin-settings.styles.js';
import { controlStyles } from '../shared/controls.styles.js';
import { theme } from '../shared/styles.js';
import { describeError } from './describe-error.js';
import { type TidbokConnection, tidbokContext } from '../context.js';
import { type Locale, pickLocale } from '../i18n.js';
import { reportError } from './errors.js';

/**
 * Why: the staff settings boxes (webhooks, audit log, busy calendar, calendar subscription,
 * staff access) each declared the same connection and locale, the same "one change at a time,
 * busy meanwhile, its error or outcome shown in place" runner and the same failure reporting.
 * They share it from here; each box keeps its own texts, data and markup.
 */
export abstract class AdminBox extends LitElement {
  static override styles = [theme, controlStyles, adminSettingsStyles];

  static override properties: PropertyDeclarations = {
    connection: { attribute: false },
    locale: {},
    busy: { state: true },
    error: { state: true },
    message: { state: true },
  };

  connection: TidbokConnection | undefined;
  // `@consume` as a controller (no decorator code): keeps `connection` set to the provider's value.
  readonly #connectionConsumer = new ContextConsumer(this, { context: tidbokContext, subscribe: true, callback: (value) => (this.connection = value) });

  /** `sv` or `en`; defaults to the connection's language, then Swedish. */
  locale: Locale | undefined;

  /** The language the box shows (`pickLocale`, i18n.ts), so a box on its own follows its provider. */
  protected get language(): Locale {
    return pickLocale(this.locale, this.connection?.locale);
  }

  protected busy = false;
  protected error = '';
  protected message = '';

  /** Names the box in `tidbok-error` events. */
  protected abstract readonly area: string;

  /** The box's own sentence for a 403 (who may do this), if it has one. */
  protected forbiddenText(): string | undefined {
    return undefined;
  }

  protected isForbidden(error: unknown) {
    return isTidbokError(error) && error.code === 'forbidden';
  }

  /** Shows a failure in place and tells the page (`tidbok-error`). */
  protected fail(error: unknown) {
    this.error = (this.isForbidden(error) && this.forbiddenText()) || describeError(error, this.language).message;
    reportError(this, this.area, error);
  }

  /** One change at a time: busy while it runs, the last error and message cleared first. */
  protected async run(call: () => Promise<void>) {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    this.message = '';
    try {
      await call();
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }
}
