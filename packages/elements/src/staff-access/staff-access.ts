import type { PersonalToken, Staff, StaffSession } from '@tidbok/sdk';
import { html, nothing } from 'lit';
import { renderConfirmGroup } from '../shared/confirm-group.js';
import { renderListTable } from '../shared/list-table.js';
import { renderSecretOnce, selectWhenShown } from '../shared/secret-once.js';
import { StaffAccessBase } from './access-base.js';

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-staff-access': TidbokStaffAccess;
  }
}

type Confirm = { kind: 'token'; token: PersonalToken } | { kind: 'all' };

/**
 * @summary A person's open sessions and personal API tokens: end a session, log out everywhere,
 * create a named token with an end date (shown once, with a copy button), revoke one after
 * confirming. Admins can pick another person and end their sessions or revoke their tokens.
 *
 * @event tidbok-error - Loading or a change failed (also shown in place).
 * @event tidbok-logged-out - After "log out everywhere" ended the page's own session.
 * @csspart section - The box.
 * @csspart token - The new token, while it is shown.
 */
export class TidbokStaffAccess extends StaffAccessBase {
  static override properties = {
    staffId: { state: true },
    people: { state: true },
    sessions: { state: true },
    tokens: { state: true },
    tokenName: { state: true },
    days: { state: true },
    shown: { state: true },
    confirming: { state: true },
  };

  protected readonly area = 'staff-access';

  /** The person shown: '' for the signed-in person. */
  private staffId = '';
  /** Everyone, for admins; null for others (they see only themselves). */
  private people: Staff[] | null = null;
  private sessions: StaffSession[] = [];
  private tokens: PersonalToken[] = [];
  private tokenName = '';
  private days = '90';
  private shown: { name: string; token: string } | null = null;
  private confirming: Confirm | null = null;

  private get who() {
    return this.staffId || undefined;
  }

  protected async load() {
    if (this.people === null) {
      try {
        this.people = await this.admin!.staff.list();
      } catch (error) {
        if (!this.isForbidden(error)) throw error;
      }
    }
    const [sessions, tokens] = await Promise.all([this.admin!.access.sessions.list(this.who), this.admin!.access.tokens.list(this.who)]);
    this.sessions = sessions;
    this.tokens = tokens;
  }

  private pick(staffId: string) {
    this.staffId = staffId;
    this.shown = null;
    this.confirming = null;
    void this.run(() => this.load());
  }

  private createToken(event: Event) {
    event.preventDefault();
    const name = this.nameTyped(this.tokenName);
    if (!name) return;
    const days = this.days.trim() === '' ? undefined : Number(this.days);
    if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 3650)) {
      this.error = this.texts.t('badDays');
      return;
    }
    void this.run(async () => {
      const made = await this.admin!.access.tokens.create({ name, ...(days ? { expiresInDays: days } : {}) });
      this.shown = { name, token: made.token };
      this.tokenName = '';
      await this.load();
      await selectWhenShown(this, 'new-token');
    });
  }

  private confirmed(confirm: Confirm) {
    void this.run(async () => {
      if (confirm.kind === 'token') {
        await this.admin!.access.tokens.revoke(confirm.token.id, this.who);
        this.message = this.texts.t('revoked');
      } else if (this.who) {
        await this.admin!.access.sessions.endAll(this.who);
      } else {
        await this.admin!.access.sessions.logoutEverywhere();
        this.confirming = null;
        // This page's own session ended too (when it has one): its next call would answer 401.
        this.dispatchEvent(new CustomEvent('tidbok-logged-out', { bubbles: true, composed: true }));
        return;
      }
      this.confirming = null;
      await this.load();
    });
  }

  private endSession(session: StaffSession) {
    void this.run(async () => {
      await this.admin!.access.sessions.end(session.id);
      await this.load();
    });
  }

  private renderSessions() {
    return html`<h4>${this.texts.t('sessionsTitle')}</h4>
      ${
        this.sessions.length === 0
          ? html`<p>${this.texts.t('noSessions')}</p>`
          : renderListTable({
              columns: [this.texts.t('method'), this.texts.t('client'), this.texts.t('lastUsed'), this.texts.t('expires')],
              actions: this.texts.t('end'),
              rows: this.sessions.map(
                (s) =>
                  html`<tr data-session-id=${s.id}>
                    <td>${this.texts.t(`method_${s.method}`)} ${s.current ? this.texts.t('thisSession') : nothing}</td>
                    <td>${s.client ?? ''}</td>
                    <td>${this.date(s.lastSeenAt)}</td>
                    <td>${this.date(s.expiresAt)}</td>
                    <td>
                      <button class="btn" type="button" data-action="end-session" ?disabled=${this.busy} @click=${() => this.endSession(s)}>
                        ${this.texts.t('end')}
                      </button>
                    </td>
                  </tr>`,
              ),
            })
      }
      <div class="buttons">
        <button class="btn danger" type="button" data-action="end-all" ?disabled=${this.busy} @click=${() => (this.confirming = { kind: 'all' })}>
          ${this.who ? this.texts.t('endAll') : this.texts.t('logoutEverywhere')}
        </button>
      </div>`;
  }

  private renderTokens() {
    return html`<h4>${this.texts.t('tokensTitle')}</h4>
      <p class="hint">${this.texts.t('tokensIntro')}</p>
      ${
        this.shown
          ? renderSecretOnce({
              id: 'new-token',
              hintId: 'token-once',
              part: 'token',
              role: 'status',
              label: this.shown.name,
              value: this.shown.token,
              hint: this.texts.t('tokenOnce'),
              copy: this.texts.t('copy'),
              onCopied: this.copied,
              next: html`<button class="btn primary" type="button" data-action="done" @click=${() => (this.shown = null)}>${this.texts.t('done')}</button>`,
            })
          : nothing
      }
      ${
        this.tokens.length === 0
          ? html`<p>${this.texts.t('noTokens')}</p>`
          : renderListTable({
              columns: [this.texts.t('tokenName'), this.texts.t('lastUsed'), this.texts.t('expires')],
              actions: this.texts.t('revoke'),
              rows: this.tokens.map(
                (k) =>
                  html`<tr data-token-id=${k.id}>
                    <td>${k.name ?? this.texts.t('unnamed')} ${k.current ? this.texts.t('thisSession') : nothing}</td>
                    <td>${this.date(k.lastUsedAt)}</td>
                    <td>${k.expiresAt ? this.date(k.expiresAt) : this.texts.t('untilRevoked')}</td>
                    <td>
                      <button
                        class="btn danger"
                        type="button"
                        data-action="revoke-token"
                        ?disabled=${this.busy}
                        @click=${() => (this.confirming = { kind: 'token', token: k })}
                      >
                        ${this.texts.t('revoke')}
                      </button>
                    </td>
                  </tr>`,
              ),
            })
      }
      ${
        this.who
          ? nothing
          : html`<form class="buttons" @submit=${(e: Event) => this.createToken(e)}>
              <label for="token-name">${this.texts.t('tokenName')}</label>
              <input
                id="token-name"
                type="text"
                maxlength="80"
                .value=${this.tokenName}
                @input=${(e: Event) => (this.tokenName = (e.target as HTMLInputElement).value)}
              />
              <label for="token-days">${this.texts.t('expiresInDays')}</label>
              <input
                id="token-days"
                type="number"
                min="1"
                max="3650"
                .value=${this.days}
                @input=${(e: Event) => (this.days = (e.target as HTMLInputElement).value)}
              />
              <button class="btn" type="submit" data-action="create-token" ?disabled=${this.busy}>${this.texts.t('createToken')}</button>
            </form>`
      }`;
  }

  private renderConfirm(confirm: Confirm) {
    const text =
      confirm.kind === 'token'
        ? this.texts.t('confirmRevokeToken', { name: confirm.token.name ?? this.texts.t('unnamed') })
        : this.texts.t('confirmLogoutEverywhere');
    return renderConfirmGroup({
      id: 'confirm-access',
      question: text,
      action: 'confirm',
      confirm: confirm.kind === 'token' ? this.texts.t('revoke') : this.who ? this.texts.t('endAll') : this.texts.t('logoutEverywhere'),
      cancel: this.texts.t('cancel'),
      busy: this.busy,
      onConfirm: () => this.confirmed(confirm),
      onCancel: () => (this.confirming = null),
    });
  }

  override render() {
    if (!this.admin) return nothing;
    return html`<section class="card" part="section" aria-labelledby="access-title">
      <h3 id="access-title">${this.texts.t('accessTitle')}</h3>
      ${
        this.people
          ? html`<div class="field">
              <label for="person">${this.texts.t('person')}</label>
              <select id="person" .value=${this.staffId} @change=${(e: Event) => this.pick((e.target as HTMLSelectElement).value)}>
                <option value="">${this.texts.t('me')}</option>
                ${this.people.map((p) => html`<option value=${p.id} ?selected=${p.id === this.staffId}>${p.name}</option>`)}
              </select>
            </div>`
          : nothing
      }
      ${this.renderSessions()} ${this.renderTokens()} ${this.confirming ? this.renderConfirm(this.confirming) : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="ok" role="status">${this.message}</p>` : nothing}
    </section>`;
  }
}
