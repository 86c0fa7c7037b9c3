import type { PaymentMethod } from '@tidbok/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { DraftTab } from '../calendar/events.js';
import type { TidbokEntryPopup } from './entry-popup.js';
import type { PopupMessageKey } from './messages.js';

/** The tabs of a new entry, in order. */
export const TABS: readonly DraftTab[] = ['booking', 'workingTime', 'activity'];
const PAYMENT_METHODS: readonly PaymentMethod[] = ['swish', 'card', 'cash', 'invoice', 'other'];

/** The popup's heading: what the entry is, its time and (a booking) its status. */
export function renderHeader(p: TidbokEntryPopup) {
  const entry = p.entry;
  let heading = p.texts.t('newEntry');
  let subtitle = p.timeLabel();
  let status: TemplateResult | typeof nothing = nothing;
  if (entry?.kind === 'booking') {
    heading = `${p.texts.t('tabBooking')}: ${entry.clientName}`;
    subtitle = `${entry.treatmentName} · ${subtitle}`;
    const label =
      entry.status === 'cancelled'
        ? p.texts.t(entry.lateCancellation ? 'statusLateCancelled' : 'statusCancelled')
        : entry.status === 'no_show'
          ? p.texts.t('statusNoShow')
          : p.texts.t('statusBooked');
    status = html`<span class="status ${entry.status}">${label}</span
      >${entry.paid ? html` <span class="status paid">${p.texts.t('statusPaid')}</span>` : nothing}`;
  } else if (entry?.kind === 'hold') {
    heading = p.texts.t('holdTitle');
  } else if (entry?.kind === 'activity') {
    heading = `${p.texts.t('tabActivity')}: ${entry.title}`;
  } else if (entry?.kind === 'workingTime') {
    const practitioner = p.data?.practitioners.find((x) => x.id === entry.practitionerId);
    heading = `${p.texts.t('tabWorkingTime')}: ${practitioner?.name ?? ''}`;
  }
  return html`
    <header>
      <div>
        <h2 id="${p.uid}-title-h">${heading}</h2>
        <p class="subtitle">${subtitle}</p>
        ${status}
      </div>
      <button class="icon-button" type="button" aria-label=${p.texts.t('close')} @click=${() => p.close('cancel')}>×</button>
    </header>
  `;
}

/** A new entry's tabs (arrow keys, Home and End move between them). */
export function renderTabs(p: TidbokEntryPopup, selected: DraftTab) {
  const label = (tab: DraftTab) => p.texts.t(tab === 'booking' ? 'tabBooking' : tab === 'workingTime' ? 'tabWorkingTime' : 'tabActivity');
  const onKeydown = (event: KeyboardEvent) => {
    const index = TABS.indexOf(selected);
    const go = (i: number) => {
      event.preventDefault();
      p.selectTab(TABS[(i + TABS.length) % TABS.length]!, true);
    };
    if (event.key === 'ArrowRight') go(index + 1);
    else if (event.key === 'ArrowLeft') go(index - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(TABS.length - 1);
  };
  return html`<div role="tablist" aria-label=${p.texts.t('entryType')} @keydown=${onKeydown}>
    ${TABS.map(
      (tab) =>
        html`<button
          part="tab${tab === selected ? ' selected' : ''}"
          role="tab"
          type="button"
          id="${p.uid}-tab-${tab}"
          data-tab=${tab}
          aria-selected=${tab === selected ? 'true' : 'false'}
          aria-controls="${p.uid}-panel"
          tabindex=${tab === selected ? '0' : '-1'}
          @click=${() => p.selectTab(tab)}
        >
          ${label(tab)}
        </button>`,
    )}
  </div>`;
}

/** A question with its yes-button (danger or primary) and "Cancel", which goes back. */
function question(p: TidbokEntryPopup, lines: string[], yes: { label: string; action: string; danger?: boolean; run: () => void }) {
  const id = `${p.uid}-confirm`;
  return html`
    <div class="confirm" role="group" aria-labelledby=${id}>
      <p id=${id}>${lines[0]}</p>
      ${lines.slice(1).map((line) => html`<p class="consequence">${line}</p>`)}
      <div class="actions">
        <button class="btn ${yes.danger ? 'danger' : 'primary'}" type="button" data-action=${yes.action} ?disabled=${p.busy} @click=${yes.run}>
          ${yes.label}
        </button>
        <button class="btn" type="button" data-action="keep" @click=${() => p.back()}>${p.texts.t('cancel')}</button>
      </div>
    </div>
  `;
}

/** The buttons, or the current step's question (delete, payment, återbud/no-show) and the Undo notice. */
export function renderFooter(p: TidbokEntryPopup): TemplateResult {
  const entry = p.entry;
  const step = p.step;
  const { t } = p.texts;
  if (step.kind === 'created') {
    return html`<span class="spacer"></span>
      <button class="btn primary" type="button" data-action="close" @click=${() => p.close('done')}>${t('close')}</button>`;
  }
  if (step.kind === 'delete' && entry) {
    const what = t(entry.kind === 'booking' ? 'kindBooking' : entry.kind === 'activity' ? 'kindActivity' : 'kindWorkingTime');
    return question(p, [t('confirmDelete', { what, time: p.timeLabel() })], {
      label: t('delete'),
      action: 'confirm-delete',
      danger: true,
      run: () => void p.removeEntry(),
    });
  }
  if (step.kind === 'status') {
    return question(p, p.question(step.action), {
      label: p.statusVerb(step.action),
      action: 'confirm-status',
      danger: true,
      run: () => void p.changeStatus(step.action),
    });
  }
  if (step.kind === 'pay' && entry) {
    const id = `${p.uid}-method`;
    return html`
      <div class="pay">
        <div class="field">
          <label for=${id}>${t('paymentMethod')}</label>
          <select id=${id} @change=${(e: Event) => (p.step = { kind: 'pay', method: (e.target as HTMLSelectElement).value as PaymentMethod })}>
            ${PAYMENT_METHODS.map(
              (method) =>
                html`<option value=${method} ?selected=${method === step.method}>
                  ${t(`pay${method[0]!.toUpperCase()}${method.slice(1)}` as PopupMessageKey)}
                </option>`,
            )}
          </select>
        </div>
        <div class="actions">
          <button
            class="btn primary"
            type="button"
            ?disabled=${p.busy}
            @click=${() => {
              // The method as chosen now (a change may not have re-rendered yet).
              const method = p.step.kind === 'pay' ? p.step.method : step.method;
              void p.run('paid', () => p.connection!.admin!.bookings.pay(entry.id, { method }));
            }}
          >
            ${t('registerPayment')}
          </button>
          <button class="btn" type="button" data-action="keep" @click=${() => p.back()}>${t('cancel')}</button>
        </div>
      </div>
    `;
  }
  if (entry?.kind === 'hold') {
    return html`<span class="spacer"></span> <button class="btn" type="button" @click=${() => p.close('cancel')}>${t('close')}</button>`;
  }
  const save = html`<button class="btn primary" type="submit" ?disabled=${p.busy}>${p.busy ? t('saving') : p.draft ? t('create') : t('save')}</button>`;
  if (p.draft) {
    return html`<span class="spacer"></span>
      <button class="btn" type="button" @click=${() => p.close('cancel')}>${t('cancel')}</button>
      ${save}`;
  }
  const undo = p.undo;
  return html`
    ${
      undo
        ? html`<div class="notice undo" part="undo" role="status">
            <span>${p.statusDone(undo.action)}</span>
            <button class="btn" type="button" data-action="undo" ?disabled=${p.busy} @click=${() => void p.restore()}>${t('undo')}</button>
          </div>`
        : nothing
    }
    ${
      entry?.kind === 'booking'
        ? html`<tidbok-menu-button
            direction="up"
            .label=${t('more')}
            accessible-label=${t('moreActions')}
            .items=${p.menuItems()}
            ?disabled=${p.busy}
            @tidbok-menu-select=${(e: CustomEvent<{ id: string }>) => {
              e.stopPropagation();
              p.onMore(e.detail.id);
            }}
          ></tidbok-menu-button>`
        : html`<button class="btn danger" type="button" data-action="delete" @click=${() => p.goTo({ kind: 'delete' }, '[data-action="keep"]')}>
            ${t('delete')}
          </button>`
    }
    <span class="spacer"></span>
    <button class="btn" type="button" @click=${() => p.close('cancel')}>${t('close')}</button>
    ${save}
  `;
}
