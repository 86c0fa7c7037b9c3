import type { Practitioner, TemplateWeek, TidbokAdmin } from '@tidbok/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type TemplateWeeksStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface TemplateWeeksControllerOptions {
  /** The staff client to load with; undefined until a connection arrives. */
  admin: () => TidbokAdmin | undefined;
  /** The clinic's zone when the host already knows it; otherwise the clinic's settings are asked. */
  timeZone: () => string | undefined;
  /** Called with every failure that was not an abort. */
  onError?: (error: unknown) => void;
}

/**
 * The template weeks of one clinic, with the practitioners (for names) and the clinic's zone (to
 * show skipped times on the clinic's clock). Loads when the staff client changes; a new load
 * aborts the one in flight, and disconnecting aborts too (loading again on reconnect), so a
 * panel taken out of the page leaves no request behind.
 *
 * The list is kept in step with the panel's own changes (`upsert`, `remove`) from the server's
 * answers rather than by loading again: one request per change.
 */
export class TemplateWeeksController implements ReactiveController {
  status: TemplateWeeksStatus = 'idle';
  error: unknown;
  templates: TemplateWeek[] = [];
  practitioners: Practitioner[] = [];
  /** The clinic's zone from its settings (only asked for when the host gave none). */
  clinicTimeZone: string | undefined;

  private loadedFor: TidbokAdmin | undefined;
  private inFlight: AbortController | undefined;
  private resume = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: TemplateWeeksControllerOptions,
  ) {
    host.addController(this);
  }

  /** Loads everything again; resolves when settled (never rejects). Keeps the old list meanwhile. */
  async reload(): Promise<void> {
    const admin = this.options.admin();
    this.inFlight?.abort();
    if (!admin) {
      this.inFlight = undefined;
      this.status = 'idle';
      this.templates = [];
      this.practitioners = [];
      this.host.requestUpdate();
      return;
    }
    const controller = (this.inFlight = new AbortController());
    const { signal } = controller;
    this.status = 'loading';
    this.error = undefined;
    this.host.requestUpdate();
    try {
      const needZone = !this.options.timeZone() && !this.clinicTimeZone;
      const [templates, practitioners, settings] = await Promise.all([
        admin.templateWeeks.list({ signal }),
        admin.practitioners.list({ signal }),
        needZone ? admin.settings.get({ signal }) : undefined,
      ]);
      if (controller !== this.inFlight) return;
      this.templates = templates;
      this.practitioners = practitioners;
      if (settings) this.clinicTimeZone = settings.timeZone;
      this.status = 'ready';
    } catch (error) {
      if (controller !== this.inFlight || signal.aborted) return;
      this.error = error;
      this.status = 'error';
      this.options.onError?.(error);
    }
    this.inFlight = undefined;
    this.host.requestUpdate();
  }

  /** Puts a created or renamed template into the list, kept in name order as the server lists it. */
  upsert(template: TemplateWeek, locale: string): void {
    const others = this.templates.filter((t) => t.id !== template.id);
    this.templates = [...others, template].sort((a, b) => a.name.localeCompare(b.name, locale));
    this.host.requestUpdate();
  }

  remove(id: string): void {
    this.templates = this.templates.filter((t) => t.id !== id);
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    const admin = this.options.admin();
    if (admin === this.loadedFor) return;
    this.loadedFor = admin;
    this.clinicTimeZone = undefined;
    void this.reload();
  }

  hostConnected(): void {
    if (this.resume) {
      this.resume = false;
      void this.reload();
    }
  }

  hostDisconnected(): void {
    if (this.inFlight) {
      this.resume = true;
      this.inFlight.abort();
      this.inFlight = undefined;
    }
  }
}
