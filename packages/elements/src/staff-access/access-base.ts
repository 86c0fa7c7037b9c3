import { AdminBox } from '../shared/admin-box.js';
import { staffAccessMessages } from './messages.js';
import { formatStamp } from '../shared/dates.js';
import { TextsController } from '../shared/texts.js';

/**
 * What the staff access boxes share beyond any settings box (AdminBox): their texts, loading
 * through the one-change-at-a-time runner (so the buttons wait for it), and dates.
 */
export abstract class StaffAccessBase extends AdminBox {
  private loadedFor: unknown;

  protected readonly texts = new TextsController(this, () => this.language, staffAccessMessages);

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
    this.message = this.texts.t('copied');
  };

  /** The name typed, trimmed; '' after saying that a name is needed. */
  protected nameTyped(value: string) {
    const name = value.trim();
    if (!name) this.error = this.texts.t('needName');
    return name;
  }

  protected date(iso: string | null) {
    if (!iso) return this.texts.t('never');
    return formatStamp(iso, this.language, 'medium');
  }
}
