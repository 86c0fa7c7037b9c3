import { consume } from '@lit/context';
import { isTidbokError } from '@tidbok/sdk';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { controlStyles } from '../calendar/controls.styles.js';
import { describeError } from '../calendar/describe-error.js';
import { type TidbokConnection, tidbokContext } from '../context.js';
import { type Locale, translate } from '../i18n.js';
import { adminSettingsStyles } from '../admin-settings/admin-settings.styles.js';
import { reportError } from '../shared/errors.js';
import { type StaffAccessMessageKey, staffAccessMessages } from './messages.js';

/**
 * What the staff access boxes share: the connection, texts, one action at a time with its error
 * shown in place, and a secret shown once with a copy button.
 */
export abstract class StaffAccessBase extends LitElement {
  static override styles = [controlStyles, adminSettingsStyles];

  @consume({ context: tidbokContext, subscribe: true })
  @state()
  connection: TidbokConnection | undefined;

  @property() locale: Locale = 'sv';

  @state() protected busy = false;
  @state() protected error = '';
  @state() protected message = '';

  protected abstract readonly area: string;
  private loadedFor: unknown;

  protected t(key: StaffAccessMessageKey, values?: Record<string, string>) {
    return translate(staffAccessMessages, this.locale, key, values);
  }

  protected get admin() {
    return this.connection?.admin;
  }

  protected abstract load(): Promise<void>;

  override willUpdate() {
    if (this.admin !== this.loadedFor) {
      this.loadedFor = this.admin;
      if (this.admin) void this.run(() => this.load());
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.loadedFor = undefined;
  }

  protected fail(error: unknown) {
    this.error = describeError(error, this.locale).message;
    reportError(this, this.area, error);
  }

  protected isForbidden(error: unknown) {
    return isTidbokError(error) && error.code === 'forbidden';
  }

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

  protected copy(secret: string) {
    void navigator.clipboard?.writeText(secret).then(() => (this.message = this.t('copied')));
  }

  protected date(iso: string | null) {
    if (!iso) return this.t('never');
    return new Date(iso).toLocaleString(this.locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  }
}
