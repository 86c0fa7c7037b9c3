import type { AuditEntry, AuditLogQuery, TidbokAdmin } from '@tidbok/sdk';
import { AuditEntitySchema } from '@tidbok/core';
import { html, nothing } from 'lit';
import { AdminBox } from '../shared/admin-box.js';
import { AdminLoad } from '../shared/admin-load.js';
import { auditLogStyles } from './audit-log.styles.js';
import { auditLogMessages } from './messages.js';
import { formatStamp } from '../shared/dates.js';
import { TextsController } from '../shared/texts.js';

// Every kind the server records, in core's order.
type Entity = NonNullable<AuditLogQuery['entity']>;
const ENTITIES = AuditEntitySchema.options;

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-audit-log': TidbokAuditLog;
  }
}

/**
 * @summary The audit log of staff actions, for admins: who created, moved, cancelled, deleted,
 * took payment for or changed what, when and from which sign-in, newest first, with a filter by
 * kind and "show older" a page at a time.
 *
 * Needs an admin connection from `<tidbok-provider>` or `<tidbok-admin>`; anyone else is told in
 * place that only administrators read the log.
 *
 * @event tidbok-error - Loading failed (also shown in place).
 *
 * @csspart section - The box.
 */
export class TidbokAuditLog extends AdminBox {
  static override styles = [...AdminBox.styles, auditLogStyles];

  static override properties = {
    entries: { state: true },
    nextCursor: { state: true },
    entity: { state: true },
  };
  protected readonly area = 'audit-log';

  /** Null while the first page loads. */
  private entries: AuditEntry[] | null = null;
  private nextCursor: string | null = null;
  private entity: Entity | '' = '';

  private readonly loader = new AdminLoad(this, {
    load: (admin, signal) => this.loadPage(admin, signal, false),
    fail: (error) => this.fail(error),
  });

  private readonly texts = new TextsController(this, () => this.language, auditLogMessages);

  private when(iso: string) {
    return formatStamp(iso, this.language);
  }

  protected override forbiddenText() {
    return this.texts.t('notAllowed');
  }

  protected override fail(error: unknown) {
    this.entries ??= [];
    super.fail(error);
  }

  /** The first page (again), or with `older` the page after the last one shown. */
  private load(older: boolean) {
    return this.loader.run((admin, signal) => this.loadPage(admin, signal, older));
  }

  private async loadPage(admin: TidbokAdmin, signal: AbortSignal, older: boolean) {
    if (!older) this.entries = null;
    const query: AuditLogQuery = {
      ...(this.entity ? { entity: this.entity } : {}),
      ...(older && this.nextCursor ? { cursor: this.nextCursor } : {}),
    };
    const page = await admin.auditLog(query, { signal });
    this.entries = older ? [...(this.entries ?? []), ...page.entries] : page.entries;
    this.nextCursor = page.nextCursor;
    this.error = '';
  }

  private renderRow(entry: AuditEntry) {
    return html`<tr data-entry-id=${entry.id}>
      <td class="when">${this.when(entry.at)}</td>
      <td>${entry.staffName}${entry.sessionId ? html`<span class="session">${this.texts.t('session', { id: entry.sessionId })}</span>` : nothing}</td>
      <td>${this.texts.t(entry.action)} ${this.texts.t(entry.entity)}</td>
      <td>${entry.summary}</td>
    </tr>`;
  }

  override render() {
    const entries = this.entries;
    return html`<section part="section" aria-busy=${this.loader.loading ? 'true' : 'false'}>
      <p class="hint">${this.texts.t('intro')}</p>
      <div class="filters">
        <label for="entity">${this.texts.t('filter')}</label>
        <select
          id="entity"
          .value=${this.entity}
          @change=${(e: Event) => {
            this.entity = (e.target as HTMLSelectElement).value as Entity | '';
            void this.load(false);
          }}
        >
          <option value="">${this.texts.t('allEntities')}</option>
          ${ENTITIES.map((entity) => html`<option value=${entity} ?selected=${this.entity === entity}>${this.texts.t(entity)}</option>`)}
        </select>
      </div>
      ${this.error ? html`<p role="alert" class="hint">${this.error}</p>` : nothing}
      ${
        entries === null
          ? html`<p role="status" class="hint">${this.texts.t('loading')}</p>`
          : entries.length === 0
            ? this.error
              ? nothing
              : html`<p role="status" class="hint" data-empty>${this.texts.t(this.entity ? 'emptyFiltered' : 'empty')}</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th>${this.texts.t('when')}</th>
                    <th>${this.texts.t('who')}</th>
                    <th>${this.texts.t('what')}</th>
                    <th>${this.texts.t('details')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${entries.map((entry) => this.renderRow(entry))}
                </tbody>
              </table>`
      }
      ${
        this.nextCursor && entries
          ? html`<div class="buttons">
              <button class="btn" type="button" ?disabled=${this.loader.loading} @click=${() => void this.load(true)}>${this.texts.t('more')}</button>
            </div>`
          : nothing
      }
    </section>`;
  }
}
