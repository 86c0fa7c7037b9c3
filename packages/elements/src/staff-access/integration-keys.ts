import type { IntegrationKey } from '@tidbok/sdk';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
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
  protected readonly area = 'integration-keys';

  @state() private keys: IntegrationKey[] | null = null;
  @state() private hidden_ = false;
  @state() private name = '';
  /** The key just made: shown until "Done", never fetched again. */
  @state() private shown: { name: string; key: string } | null = null;
  @state() private confirming: IntegrationKey | null = null;

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
    const name = this.name.trim();
    if (!name) {
      this.error = this.t('needName');
      return;
    }
    void this.run(async () => {
      const made = await this.admin!.access.integrationKeys.create(name);
      this.shown = { name: made.name, key: made.key };
      this.name = '';
      await this.load();
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLInputElement>('#new-key')?.select();
    });
  }

  private revoke(key: IntegrationKey) {
    void this.run(async () => {
      await this.admin!.access.integrationKeys.revoke(key.id);
      this.confirming = null;
      await this.load();
      this.message = this.t('revoked');
    });
  }

  override render() {
    if (!this.admin || this.hidden_) return nothing;
    const keys = this.keys;
    return html`<section class="card" part="section" aria-labelledby="keys-title">
      <h3 id="keys-title">${this.t('keysTitle')}</h3>
      <p class="hint">${this.t('keysIntro')}</p>
      ${this.shown
        ? html`<div class="field" part="key" role="status">
            <label for="new-key">${this.shown.name}</label>
            <input id="new-key" type="text" readonly .value=${this.shown.key} aria-describedby="key-once" />
            <p class="hint" id="key-once">${this.t('keyOnce')}</p>
            <div class="buttons">
              <button class="button" type="button" data-action="copy" @click=${() => this.copy(this.shown!.key)}>${this.t('copy')}</button>
              <button class="button primary" type="button" data-action="done" @click=${() => (this.shown = null)}>${this.t('done')}</button>
            </div>
          </div>`
        : nothing}
      ${keys === null
        ? nothing
        : keys.length === 0
          ? html`<p>${this.t('noKeys')}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">${this.t('keyName')}</th>
                  <th scope="col">${this.t('created')}</th>
                  <th scope="col">${this.t('lastUsed')}</th>
                  <th scope="col"><span class="visually-hidden">${this.t('revoke')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${keys.map(
                  (key) => html`<tr data-key-id=${key.id}>
                    <td>${key.name}</td>
                    <td>${this.date(key.createdAt)}</td>
                    <td>${this.date(key.lastUsedAt)}</td>
                    <td>
                      <button class="button danger" type="button" data-action="revoke" ?disabled=${this.busy} @click=${() => (this.confirming = key)}>
                        ${this.t('revoke')}
                      </button>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`}
      ${this.confirming
        ? html`<div class="buttons" role="group" aria-labelledby="confirm-revoke-key">
            <strong id="confirm-revoke-key">${this.t('confirmRevokeKey', { name: this.confirming.name })}</strong>
            <button class="button danger" type="button" data-action="confirm-revoke" ?disabled=${this.busy} @click=${() => this.revoke(this.confirming!)}>
              ${this.t('revoke')}
            </button>
            <button class="button" type="button" @click=${() => (this.confirming = null)}>${this.t('cancel')}</button>
          </div>`
        : nothing}
      <form class="buttons" @submit=${(e: Event) => this.create(e)}>
        <label for="key-name">${this.t('keyName')}</label>
        <input id="key-name" type="text" maxlength="80" .value=${this.name} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />
        <button class="button" type="submit" data-action="create" ?disabled=${this.busy}>${this.t('createKey')}</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="ok" role="status">${this.message}</p>` : nothing}
    </section>`;
  }
}
