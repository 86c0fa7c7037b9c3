import { isTidbokError, type WebhookEndpoint, type WebhookEndpointDetail, type WebhookEventType } from '@tidbok/sdk';
import { WEBHOOK_EVENT_TYPES as EVENT_TYPES } from '@tidbok/core';
import { html, nothing } from 'lit';
import { AdminBox } from '../shared/admin-box.js';
import { AdminLoad } from '../shared/admin-load.js';
import { renderConfirmGroup } from '../shared/confirm-group.js';
import { renderListTable } from '../shared/list-table.js';
import { copyText } from '../shared/secret-once.js';
import { webhookMessages } from './messages.js';
import { webhooksSettingsStyles } from './webhooks-settings.styles.js';
import { formatStamp } from '../shared/dates.js';
import { TextsController } from '../shared/texts.js';

interface Draft {
  url: string;
  events: WebhookEventType[];
  includeClientData: boolean;
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-webhooks-settings': TidbokWebhooksSettings;
  }
}

/**
 * @summary The clinic's webhook endpoints, for admins: register one (its signing secret is shown
 * once, with a copy button), see each as working, failing or switched off, open its latest
 * deliveries and attempts, send a delivery again, switch it off and on, and delete it after asking.
 *
 * Needs an admin connection from `<tidbok-provider>` or `<tidbok-admin>`; anyone else is told in
 * place that only administrators manage webhooks.
 *
 * @event tidbok-error - Loading or a change failed (also shown in place).
 *
 * @csspart section - The box.
 * @csspart secret - The new secret, while it is shown.
 */
export class TidbokWebhooksSettings extends AdminBox {
  static override styles = [...AdminBox.styles, webhooksSettingsStyles];

  static override properties = {
    endpoints: { state: true },
    draft: { state: true },
    secret: { state: true },
    shown: { state: true },
    confirming: { state: true },
  };
  protected readonly area = 'webhooks-settings';

  private endpoints: WebhookEndpoint[] | null = null;
  private draft: Draft | null = null;
  /** The secret of the endpoint just made: shown until dismissed, never fetched again. */
  private secret: string | null = null;
  private shown: WebhookEndpointDetail | null = null;
  private confirming: string | null = null;

  private readonly loader = new AdminLoad(this, {
    reset: () => {
      this.secret = null;
      this.shown = null;
    },
    load: async (admin, signal) => {
      this.endpoints = await admin.webhooks.list({ signal });
      if (this.shown) this.shown = await admin.webhooks.get(this.shown.webhook.id, { signal });
      this.error = '';
    },
    fail: (error) => this.fail(error),
  });

  private readonly texts = new TextsController(this, () => this.language, webhookMessages);

  private when(iso: string) {
    return formatStamp(iso, this.language);
  }

  protected override forbiddenText() {
    return this.texts.t('notAllowed');
  }

  /** A refused address gets the box's own sentence (describeError gives a general one for any 400). */
  protected override fail(error: unknown) {
    super.fail(error);
    if (isTidbokError(error) && error.code === 'validation_failed' && error.problem?.errors?.some((e) => e.path === 'url'))
      this.error = this.texts.t('urlRefused');
  }

  /** One change at a time (see AdminBox), the list reloaded after it worked. */
  protected override run(call: () => Promise<void>) {
    return super.run(async () => {
      await call();
      await this.loader.run();
    });
  }

  private create(draft: Draft) {
    if (draft.events.length === 0) {
      this.error = this.texts.t('eventsRequired');
      return;
    }
    void this.run(async () => {
      const made = await this.connection!.admin!.webhooks.create({
        url: draft.url.trim(),
        events: draft.events,
        includeClientData: draft.includeClientData,
      });
      this.draft = null;
      this.secret = made.secret;
    });
  }

  private setEnabled(endpoint: WebhookEndpoint, enabled: boolean) {
    void this.run(async () => {
      await this.connection!.admin!.webhooks.update(endpoint.id, { enabled });
      this.message = this.texts.t('saved');
    });
  }

  private removeEndpoint(endpoint: WebhookEndpoint) {
    void this.run(async () => {
      await this.connection!.admin!.webhooks.remove(endpoint.id);
      this.confirming = null;
      if (this.shown?.webhook.id === endpoint.id) this.shown = null;
      this.message = this.texts.t('removed');
    });
  }

  private toggleDetails(endpoint: WebhookEndpoint) {
    if (this.shown?.webhook.id === endpoint.id) {
      this.shown = null;
      return;
    }
    void this.run(async () => {
      this.shown = await this.connection!.admin!.webhooks.get(endpoint.id);
    });
  }

  private resend(endpointId: string, deliveryId: string) {
    void this.run(async () => {
      await this.connection!.admin!.webhooks.resend(endpointId, deliveryId);
      this.message = this.texts.t('resent');
    });
  }

  private stateText(endpoint: WebhookEndpoint) {
    if (endpoint.state === 'disabled') return this.texts.t('stateDisabled');
    if (endpoint.state === 'failing') return this.texts.t('stateFailing', { date: this.when(endpoint.failingSince!) });
    return this.texts.t('stateOk');
  }

  private renderForm(draft: Draft) {
    // From the current draft, not the one rendered: several changes can come before a render.
    const set = (patch: (d: Draft) => Partial<Draft>) => (this.draft = { ...this.draft!, ...patch(this.draft!) });
    return html`<form
      class="card"
      data-form="new"
      @submit=${(e: Event) => {
        e.preventDefault();
        this.create(this.draft!);
      }}
    >
      <div class="field">
        <label for="webhook-url">${this.texts.t('url')}</label>
        <input
          id="webhook-url"
          type="url"
          required
          maxlength="2000"
          placeholder="https://"
          aria-describedby="webhook-url-hint"
          .value=${draft.url}
          @input=${(e: Event) => set(() => ({ url: (e.target as HTMLInputElement).value }))}
        />
        <p class="hint" id="webhook-url-hint">${this.texts.t('urlHint')}</p>
      </div>
      <fieldset class="field">
        <legend class="label">${this.texts.t('events')}</legend>
        <div class="checks">
          ${EVENT_TYPES.map(
            (type) =>
              html`<label
                ><input
                  type="checkbox"
                  name="events"
                  value=${type}
                  .checked=${draft.events.includes(type)}
                  @change=${(e: Event) =>
                    set((d) => ({ events: (e.target as HTMLInputElement).checked ? [...d.events, type] : d.events.filter((t) => t !== type) }))}
                />
                ${this.texts.t(type)}</label
              >`,
          )}
        </div>
      </fieldset>
      <div class="field">
        <label
          ><input
            type="checkbox"
            name="includeClientData"
            aria-describedby="webhook-client-hint"
            .checked=${draft.includeClientData}
            @change=${(e: Event) => set(() => ({ includeClientData: (e.target as HTMLInputElement).checked }))}
          />
          ${this.texts.t('includeClientData')}</label
        >
        <p class="hint" id="webhook-client-hint">${this.texts.t('includeClientDataHint')}</p>
      </div>
      <div class="buttons">
        <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.texts.t('save')}</button>
        <button class="btn" type="button" @click=${() => (this.draft = null)}>${this.texts.t('cancel')}</button>
      </div>
    </form>`;
  }

  private renderSecret(secret: string) {
    return html`<div class="token" part="secret" role="status">
      <strong>${this.texts.t('secretTitle')}</strong>
      <code data-secret>${secret}</code>
      <p class="hint">${this.texts.t('secretOnce')}</p>
      <div class="buttons">
        <button class="btn" type="button" data-action="copy" @click=${() => copyText(secret, () => (this.message = this.texts.t('copied')))}>
          ${this.texts.t('copy')}
        </button>
        <button class="btn" type="button" data-action="dismiss" @click=${() => (this.secret = null)}>${this.texts.t('done')}</button>
      </div>
    </div>`;
  }

  private renderEndpoint(endpoint: WebhookEndpoint) {
    const isOpen = this.shown?.webhook.id === endpoint.id;
    return html`<li class="endpoint" data-endpoint=${endpoint.id} data-state=${endpoint.state}>
      <div class="endpoint-head">
        <code class="url">${endpoint.url}</code>
        <span class="badge ${endpoint.state}">${this.stateText(endpoint)}</span>
      </div>
      <p class="hint">
        ${endpoint.events.map((type) => this.texts.t(type)).join(', ')}${endpoint.includeClientData ? ` · ${this.texts.t('includeClientData')}` : ''}
      </p>
      ${
        this.confirming === endpoint.id
          ? renderConfirmGroup({
              id: `confirm-${endpoint.id}`,
              question: this.texts.t('confirmRemove', { url: endpoint.url }),
              action: 'confirm-remove',
              confirm: this.texts.t('remove'),
              cancel: this.texts.t('cancel'),
              busy: this.busy,
              onConfirm: () => this.removeEndpoint(endpoint),
              onCancel: () => (this.confirming = null),
            })
          : html`<div class="buttons">
              <button class="btn" type="button" data-action="details" aria-expanded=${isOpen ? 'true' : 'false'} @click=${() => this.toggleDetails(endpoint)}>
                ${isOpen ? this.texts.t('hideDetails') : this.texts.t('details')}
              </button>
              <button
                class="btn"
                type="button"
                data-action=${endpoint.enabled ? 'disable' : 'enable'}
                ?disabled=${this.busy}
                @click=${() => this.setEnabled(endpoint, !endpoint.enabled)}
              >
                ${endpoint.enabled ? this.texts.t('disable') : this.texts.t('enable')}
              </button>
              <button class="btn danger" type="button" data-action="remove" @click=${() => (this.confirming = endpoint.id)}>${this.texts.t('remove')}</button>
            </div>`
      }
      ${isOpen ? this.renderDetail(this.shown!) : nothing}
    </li>`;
  }

  private renderDetail(detail: WebhookEndpointDetail) {
    const result = (d: WebhookEndpointDetail['deliveries'][number]) =>
      d.status === 'delivered'
        ? this.texts.t('delivered')
        : d.status === 'pending'
          ? this.texts.t('pending', { date: d.nextAttemptAt ? this.when(d.nextAttemptAt) : '' })
          : `${this.texts.t('failed')}${d.lastError ? `: ${d.lastError}` : ''}`;
    return html`<div class="detail">
      <h4>${this.texts.t('deliveries')}</h4>
      ${
        detail.deliveries.length === 0
          ? html`<p>${this.texts.t('noDeliveries')}</p>`
          : renderListTable({
              name: 'deliveries',
              columns: [this.texts.t('event'), this.texts.t('created'), this.texts.t('result'), this.texts.t('attempts')],
              actions: this.texts.t('resend'),
              rows: detail.deliveries.map(
                (d) =>
                  html`<tr data-delivery=${d.id} data-status=${d.status}>
                    <td>${this.texts.t(d.type)}</td>
                    <td>${this.when(d.createdAt)}</td>
                    <td>${result(d)}</td>
                    <td>${d.attempts}</td>
                    <td class="actions">
                      <button
                        class="btn"
                        type="button"
                        data-action="resend"
                        ?disabled=${this.busy || !detail.webhook.enabled}
                        @click=${() => this.resend(detail.webhook.id, d.id)}
                      >
                        ${this.texts.t('resend')}
                      </button>
                    </td>
                  </tr>`,
              ),
            })
      }
      ${
        detail.attempts.length === 0
          ? nothing
          : html`<h4>${this.texts.t('attemptLog')}</h4>
              ${renderListTable({
                name: 'attempts',
                columns: [this.texts.t('time'), this.texts.t('answer')],
                rows: detail.attempts.slice(0, 20).map(
                  (a) =>
                    html`<tr data-ok=${a.ok ? 'true' : 'false'}>
                      <td>${this.when(a.at)}</td>
                      <td>${a.statusCode ?? this.texts.t('noAnswer')}${a.error ? ` · ${a.error}` : ''} · ${a.durationMs} ms</td>
                    </tr>`,
                ),
              })}`
      }
    </div>`;
  }

  override render() {
    if (!this.connection?.admin) return nothing;
    const endpoints = this.endpoints;
    return html`<section class="card" part="section">
      <p class="hint">${this.texts.t('intro')}</p>
      ${this.secret ? this.renderSecret(this.secret) : nothing} ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        endpoints === null
          ? this.error
            ? nothing
            : html`<p role="status">${this.texts.t('loading')}</p>`
          : html`${
              endpoints.length === 0
                ? html`<p data-empty>${this.texts.t('none')}</p>`
                : html`<ul class="endpoints">
                    ${endpoints.map((e) => this.renderEndpoint(e))}
                  </ul>`
            }
            ${
              this.draft
                ? this.renderForm(this.draft)
                : html`<div class="buttons">
                    <button
                      class="btn"
                      type="button"
                      data-action="add"
                      @click=${() => (this.draft = { url: '', events: [...EVENT_TYPES], includeClientData: false })}
                    >
                      + ${this.texts.t('add')}
                    </button>
                    ${this.message ? html`<span class="ok" role="status">${this.message}</span>` : nothing}
                  </div>`
            }`
      }
    </section>`;
  }
}
