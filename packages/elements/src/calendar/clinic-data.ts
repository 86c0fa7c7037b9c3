import type { Location, Practitioner, Settings, TidbokAdmin, TreatmentType } from '@tidbok/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbort } from '../shared/errors.js';

/** What the calendar needs from the clinic before it can draw a week. */
export interface ClinicData {
  settings: Settings;
  practitioners: Practitioner[];
  treatmentTypes: TreatmentType[];
  locations: Location[];
}

export interface ClinicDataOptions {
  /** The staff client to load with; read before every update, so a new client reloads. */
  admin: () => TidbokAdmin | undefined;
  /** Told about every failure that is not an abort. */
  onError?: (error: unknown) => void;
}

/**
 * Loads the clinic's settings (its time zone above all) and catalogue once per staff client, and
 * again on `reload()` (after the settings screens changed something). An in-flight load is
 * aborted when the host disconnects or a newer load starts, so a stale answer never lands.
 */
export class ClinicDataController implements ReactiveController {
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  data: ClinicData | undefined;
  error: unknown;

  private readonly host: ReactiveControllerHost;
  private readonly options: ClinicDataOptions;
  private admin: TidbokAdmin | undefined;
  private abort: AbortController | undefined;

  constructor(host: ReactiveControllerHost, options: ClinicDataOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostUpdate() {
    const admin = this.options.admin();
    if (admin !== this.admin) {
      // Another client may be another clinic or another person: nothing of the old one stays.
      this.admin = admin;
      this.data = undefined;
      void this.load();
    }
  }

  hostDisconnected() {
    this.abort?.abort();
    // Forget the client so reconnecting loads afresh.
    this.admin = undefined;
  }

  reload(): Promise<void> {
    return this.load();
  }

  private async load(): Promise<void> {
    this.abort?.abort();
    const admin = this.admin;
    if (!admin) {
      this.status = 'idle';
      this.data = undefined;
      return;
    }
    const abort = new AbortController();
    this.abort = abort;
    const signal = abort.signal;
    if (!this.data) this.status = 'loading';
    this.host.requestUpdate();
    try {
      const [settings, practitioners, treatmentTypes, locations] = await Promise.all([
        admin.settings.get({ signal }),
        admin.practitioners.list({ signal }),
        admin.treatmentTypes.list({ signal }),
        admin.locations.list({ signal }),
      ]);
      if (signal.aborted) return;
      this.data = { settings, practitioners, treatmentTypes, locations };
      this.status = 'ready';
      this.error = undefined;
    } catch (error) {
      if (signal.aborted || isAbort(error)) return;
      this.error = error;
      this.status = this.data ? 'ready' : 'error';
      this.options.onError?.(error);
    }
    this.host.requestUpdate();
  }
}
