import type { Practitioner, TemplateWeek, TidbokAdmin } from '@tidbok/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LoadController, type LoadStatus } from '../shared/load.js';

export type TemplateWeeksStatus = LoadStatus;

export interface TemplateWeeksControllerOptions {
  /** The staff client to load with; undefined until a connection arrives. */
  admin: () => TidbokAdmin | undefined;
  /** The clinic's zone when the host already knows it; otherwise the clinic's settings are asked. */
  timeZone: () => string | undefined;
  /** Called with every failure that was not an abort. */
  onError?: (error: unknown) => void;
}

interface TemplateWeeksData {
  templates: TemplateWeek[];
  practitioners: Practitioner[];
  /** The clinic's zone from its settings (only asked for when the host gave none). */
  clinicTimeZone: string | undefined;
}

const NOTHING: TemplateWeeksData = { templates: [], practitioners: [], clinicTimeZone: undefined };

/**
 * The template weeks of one clinic, with the practitioners (for names) and the clinic's zone (to
 * show skipped times on the clinic's clock). Loads through a `LoadController` (shared/load.ts)
 * when the staff client changes, so a new load aborts the one in flight and a panel taken out of
 * the page leaves no request behind.
 *
 * The list is kept in step with the panel's own changes (`upsert`, `remove`) from the server's
 * answers rather than by loading again: one request per change.
 */
export class TemplateWeeksController implements ReactiveController {
  private loadedFor: TidbokAdmin | undefined;
  private readonly load: LoadController<TemplateWeeksData>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: TemplateWeeksControllerOptions,
  ) {
    this.load = new LoadController(host, { task: (signal) => this.fetch(signal), onError: options.onError });
    host.addController(this);
  }

  get status(): TemplateWeeksStatus {
    return this.load.status;
  }

  get error(): unknown {
    return this.load.error;
  }

  get templates(): TemplateWeek[] {
    return this.load.value?.templates ?? [];
  }

  get practitioners(): Practitioner[] {
    return this.load.value?.practitioners ?? [];
  }

  get clinicTimeZone(): string | undefined {
    return this.load.value?.clinicTimeZone;
  }

  /** Loads everything again; resolves when settled (never rejects). Keeps the old list meanwhile. */
  async reload(): Promise<void> {
    if (!this.options.admin()) {
      this.load.reset();
      this.host.requestUpdate();
      return;
    }
    await this.load.run();
  }

  /** Puts a created or renamed template into the list, kept in name order as the server lists it. */
  upsert(template: TemplateWeek, locale: string): void {
    const others = this.templates.filter((t) => t.id !== template.id);
    this.replaceTemplates([...others, template].sort((a, b) => a.name.localeCompare(b.name, locale)));
  }

  remove(id: string): void {
    this.replaceTemplates(this.templates.filter((t) => t.id !== id));
  }

  hostUpdate(): void {
    const admin = this.options.admin();
    if (admin === this.loadedFor) return;
    this.loadedFor = admin;
    // Another clinic's list, names and zone do not belong here.
    this.load.reset();
    void this.reload();
  }

  private async fetch(signal: AbortSignal): Promise<TemplateWeeksData> {
    // A load resumed on reconnect comes here without reload()'s check; hostUpdate resets next.
    const admin = this.options.admin();
    if (!admin) return NOTHING;
    const known = this.clinicTimeZone;
    const [templates, practitioners, settings] = await Promise.all([
      admin.templateWeeks.list({ signal }),
      admin.practitioners.list({ signal }),
      this.options.timeZone() || known ? undefined : admin.settings.get({ signal }),
    ]);
    return { templates, practitioners, clinicTimeZone: settings?.timeZone ?? known };
  }

  private replaceTemplates(templates: TemplateWeek[]): void {
    this.load.value = { ...(this.load.value ?? NOTHING), templates };
    this.host.requestUpdate();
  }
}
