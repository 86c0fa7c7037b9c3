import { translate } from '../i18n.js';
import { AdminBox } from '../shared/admin-box.js';
import { type StaffAccessMessageKey, staffAccessMessages } from './messages.js';
import { formatStamp } from '../shared/dates.js';

/**
 * What the staff access boxes share beyond any settings box (AdminBox): their texts, loading
 * through the one-change-at-a-time runner (so the buttons wait for it), and dates.
 */
export abstract class StaffAccessBase extends AdminBox {
  private loadedFor: unknown;

  protected t(key: StaffAccessMessageKey, values?: Record<string, string>) {
    return translate(staffAccessMessages, this.language, key, values);
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

  /** Says "Copied" once a shown secret is on the clipboard. */
  protected copied = () => {
    this.message = this.t('copied');
  };

  /** The name typed, trimmed; '' after saying that a name is needed. */
  protected nameTyped(value: string) {
    const name = value.trim();
    if (!name) this.error = this.t('needName');
    return name;
  }

  protected date(iso: string | null) {
    if (!iso) return this.t('never');
    return formatStamp(iso, this.language, 'medium');
  }
}
