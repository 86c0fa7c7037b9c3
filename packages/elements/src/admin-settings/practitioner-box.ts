import type { TidbokAdmin } from '@tidbok/sdk';
import type { PropertyDeclarations } from 'lit';
import { AdminBox } from '../shared/admin-box.js';
import { AdminLoad } from '../shared/admin-load.js';

/**
 * Why: the busy-calendar and calendar-subscription boxes each belong to one practitioner and
 * loaded the same way: again for another practitioner or connection, forgetting what was shown
 * for the last one, and not at all without a practitioner. Each box says what to forget and
 * what to load; this does the rest.
 */
export abstract class PractitionerBox extends AdminBox {
  static override properties: PropertyDeclarations = {
    practitionerId: { attribute: 'practitioner-id' },
    practitionerName: { attribute: 'practitioner-name' },
  };

  practitionerId = '';
  practitionerName = '';

  /** Forgets what was shown for the last practitioner (a shown secret above all). */
  protected abstract reset(): void;
  /** Loads the practitioner's state into the box. */
  protected abstract loadFor(admin: TidbokAdmin, practitionerId: string, signal: AbortSignal): Promise<void>;

  protected readonly loader = new AdminLoad(this, {
    key: () => this.practitionerId,
    reset: () => this.reset(),
    load: async (admin, signal) => {
      if (!this.practitionerId) return;
      await this.loadFor(admin, this.practitionerId, signal);
      this.error = '';
    },
    fail: (error) => this.fail(error),
  });
}
