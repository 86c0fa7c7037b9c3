import type { IntegrationKey } from '@tidbok/sdk';
import { html, nothing } from 'lit';
import { renderConfirmGroup } from '../shared/confirm-group.js';
import { renderListTable } from '../shared/list-table.js';
import { renderSecretOnce, selectWhenShown } from '../shared/secret-once.js';
import { StaffAccessBase } from './access-base.js';

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-integration-keys': TidbokIntegrationKeys;
  }
}

/**
 * @summary The clinic's integration keys (admins): create one (the key shown once, with a copy
 * button), see when each was last used, revoke one after confirming.
 *
 * Shows nothing for staff who are not admins (the server answers them 403).
 *
 * @event tidbok-error - Loading or a change failed (also shown in place).
 * @csspart section - The box.
 * @csspart key - The new key, while it is shown.
 */
export class TidbokIntegrationKeys extends StaffAccessBase {
  static override properties = {
    keys: { state: true },
    hidden_: { state: true },
    name: { state: true },
    shown: { state: true },
    confirming: { state: true },
  };

  protected readonly area = 'integration-keys';

  private keys: IntegrationKey[] | null = null;
  private hidden_ = false;
  private name = '';
  /** The key just made: shown until "Done", never fetched again. */
  private shown: { name: string; key: string } | null = null;
  private confirming: IntegrationKey | null = null;

  protected async load() {
    try {
      this.keys = await this.admin!.access.integrationKeys.list();
      this.hidden_ = false;
    } catch (error) {
      if (!this.isForbidden(error)) throw error;
      this.hidden_ = true;
    }
  }

  private create(event: Event) {
    event.preventDefault();
    const name = this.nameTyped(this.name);
    if (!name) return;
    void this.run(async () => {
      const made = await this.admin!.access.integrationKeys.create(name);
      this.shown = { name: made.name, key: made.key };
      this.name = '';
      await this.load();
      await selectWhenShown(this, 'new-key');
    });
  }

  private revoke(key: IntegrationKey) {
    void this.run(async () => {
      await this.admin!.access.integrationKeys.revoke(key.id);
      this.confirming = null;
      await this.load();
      this.message = this.texts.t('revoked');
    });
  }

  override render() {
    if (!this.admin || this.hidden_) return nothing;
    const keys = this.keys;
    return html`<section class="card" part="section" aria-labelledby="keys-title">
      <h3 id="keys-title">${this.texts.t('keysTitle')}</h3>
      <p class="hint">${this.texts.t('keysIntro')}</p>
      ${
        this.shown
          ? renderSecretOnce({
              id: 'new-key',
              hintId: 'key-once',
              part: 'key',
              role: 'status',
              label: this.shown.name,
              value: this.shown.key,
              hint: this.texts.t('keyOnce'),
              copy: this.texts.t('copy'),
              onCopied: this.copied,
              next: html`<button class="btn primary" type="button" data-action="done" @click=${() => (this.shown = null)}>${this.texts.t('done')}</button>`,
            })
          : nothing
      }
      ${
        keys === null
          ? nothing
          : keys.length === 0
            ? html`<p>${this.texts.t('noKeys')}</p>`
            : renderListTable({
                columns: [this.texts.t('keyName'), this.texts.t('created'), this.texts.t('lastUsed')],
                actions: this.texts.t('revoke'),
                rows: keys.map(
                  (key) =>
                    html`<tr data-key-id=${key.id}>
                      <td>${key.name}</td>
                      <td>${this.date(key.createdAt)}</td>
                      <td>${this.date(key.lastUsedAt)}</td>
                      <td>
                        <button class="btn danger" type="button" data-action="revoke" ?disabled=${this.busy} @click=${() => (this.confirming = key)}>
                          ${this.texts.t('revoke')}
                        </button>
                      </td>
                    </tr>`,
                ),
              })
      }
      ${
        this.confirming
          ? renderConfirmGroup({
              id: 'confirm-revoke-key',
              question: this.texts.t('confirmRevokeKey', { name: this.confirming.name }),
              action: 'confirm-revoke',
              confirm: this.texts.t('revoke'),
              cancel: this.texts.t('cancel'),
              busy: this.busy,
              onConfirm: () => this.revoke(this.confirming!),
              onCancel: () => (this.confirming = null),
            })
          : nothing
      }
      <form class="buttons" @submit=${(e: Event) => this.create(e)}>
        <label for="key-name">${this.texts.t('keyName')}</label>
        <input id="key-name" type="text" maxlength="80" .value=${this.name} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />
        <button class="btn" type="submit" data-action="create" ?disabled=${this.busy}>${this.texts.t('createKey')}</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="ok" role="status">${this.message}</p>` : nothing}
    </section>`;
  }
}
