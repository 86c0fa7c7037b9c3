import type { Receipt } from '@tidbok/sdk';
import { css, html, LitElement, nothing, type PropertyValues, unsafeCSS } from 'lit';
import type { StaffKit } from '../client-card/kit.js';
import type { TidbokConnection } from '../context.js';
import { type Locale } from '../i18n.js';
import { controlStyles } from '../shared/controls.styles.js';
import { reportError } from '../shared/errors.js';
import { dateTimeFormat } from '../shared/dates.js';
import { theme } from '../shared/styles.js';
import { type ReceiptMessageKey, receiptMessages } from './messages.js';
import { receiptSheet, receiptStyles } from './receipt.styles.js';
import { TextsController } from '../shared/texts.js';

/** Amounts as on the printed receipt: always with öre (`450,00 kr`, `SEK 450.00`). */
export function formatMoney(cents: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { style: 'currency', currency }).format(cents / 100);
}

/** What the first load hands in (client-card/kit.ts says why); set by `defineReceipt`. */
let kit: StaffKit;
/** Registers `<tidbok-receipt>` with what it takes from the first load (safe to call more than once). */
export function defineReceipt(from: StaffKit): void {
  kit = from;
  if (!customElements.get('tidbok-receipt')) customElements.define('tidbok-receipt', TidbokReceipt);
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * @summary A booking's receipt in the staff calendar: the seller (name, org. number, address),
 * the receipt's facts, what was paid for, one VAT line per rate present (net, VAT, gross) and the
 * total, in the staff member's language; and a Print button that prints the receipt alone.
 *
 * The lines come from the server (`GET …/bookings/:id/receipt/lines`), computed by the same
 * function as the printable and the e-mailed receipt (server/src/services/receipts.ts), so all
 * three show the same lines and totals. Printing writes just the receipt, with its own styles,
 * into a hidden frame and prints that frame: nothing else of the page is on the paper.
 *
 * The entry popup shows it for a paid booking (receipt/view.ts loads its chunk).
 *
 * @event tidbok-error - Loading failed; also shown in place.
 * @csspart receipt - The receipt itself.
 */
export class TidbokReceipt extends LitElement {
  static override styles = [
    theme,
    controlStyles,
    unsafeCSS(receiptSheet),
    receiptStyles,
    css`
      .receipt {
        color: var(--_text);
      }
      .receipt .void {
        color: var(--_danger);
      }
    `,
  ];

  static override properties = {
    bookingId: { attribute: 'booking-id' },
    locale: {},
    open: { type: Boolean },
    connection: { state: true },
  };

  /** The paid booking. */
  bookingId = '';
  /** `sv` or `en`: the staff UI's language (amounts, dates, labels). */
  locale: Locale = 'sv';
  /** Whether the receipt starts unfolded. */
  open = false;

  private connection: TidbokConnection | undefined;
  readonly #connectionConsumer = new kit.ContextConsumer(this, { context: kit.tidbokContext, subscribe: true, callback: (value) => (this.connection = value) });

  private readonly receipt = new kit.LoadController<Receipt>(this, {
    task: (signal) => this.connection!.admin!.bookings.receipt(this.bookingId, { locale: this.locale, signal }),
    onError: (error) => reportError(this, 'load-receipt', error),
  });

  private readonly texts = new TextsController(this, () => this.locale, receiptMessages);

  override willUpdate(changed: PropertyValues<this>) {
    if (
      (changed.has('bookingId') || changed.has('locale') || (changed as Map<string, unknown>).has('connection')) &&
      this.bookingId &&
      this.connection?.admin
    ) {
      void this.receipt.run();
    }
  }

  /** The print document: the receipt's markup and its styles, nothing else of the page. */
  printDocument(): string {
    const article = this.renderRoot.querySelector('.receipt');
    const title = this.receipt.value ? `${this.receipt.value.title} ${this.receipt.value.number}` : this.texts.t('receipt');
    return `<!doctype html><html lang="${this.locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body { font-family: system-ui, sans-serif; margin: 0; } @page { size: A4; margin: 20mm } ${receiptSheet}</style></head>
<body>${article?.outerHTML ?? ''}</body></html>`;
  }

  /** Prints the receipt alone, from a hidden frame; resolves once the print dialog was asked for. */
  async print(): Promise<void> {
    this.renderRoot.querySelector('iframe')?.remove();
    const frame = document.createElement('iframe');
    frame.title = this.texts.t('receipt');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.srcdoc = this.printDocument();
    this.renderRoot.appendChild(frame);
    await loaded;
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
  }

  private date(at: string, zone: string, withTime = false) {
    return dateTimeFormat(this.locale, zone, { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}) }).format(new Date(at));
  }

  private rate(vatPercent: number) {
    return vatPercent > 0 ? `${vatPercent.toLocaleString(this.locale === 'en' ? 'en-GB' : 'sv-SE')} %` : this.texts.t('vatFree');
  }

  private renderReceipt(r: Receipt) {
    const money = (cents: number) => formatMoney(cents, r.currency, this.locale);
    const facts: [ReceiptMessageKey, string][] = [
      ['number', String(r.number)],
      ['date', this.date(r.paidAt, r.timeZone)],
      ['client', r.client],
      ['practitioner', r.practitioner],
      ['visit', this.date(r.serviceStart, r.timeZone, true)],
      ['method', this.texts.t(`method_${r.method}`)],
    ];
    return html`<article class="receipt" part="receipt" lang=${this.locale}>
      <h2>${r.title}</h2>
      <p class="seller">
        <strong>${r.seller.name}</strong
        >${r.seller.organisationNumber ? html`<br />${this.texts.t('org')} ${r.seller.organisationNumber}` : nothing}${r.seller.address
          .split('\n')
          .filter(Boolean)
          .map((line) => html`<br />${line}`)}
      </p>
      ${r.voided ? html`<p class="void">${this.texts.t('void')}</p>` : nothing}
      <table class="facts">
        <tbody>
          ${facts.map(
            ([key, value]) =>
              html`<tr>
                <th scope="row">${this.texts.t(key)}</th>
                <td>${value}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <table class="items">
        <thead>
          <tr>
            <th scope="col">${this.texts.t('item')}</th>
            <th scope="col" class="num">${this.texts.t('amount')}</th>
          </tr>
        </thead>
        <tbody>
          ${r.items.map(
            (item) =>
              html`<tr>
                <th scope="row">${item.description}</th>
                <td>${money(item.grossCents)}</td>
              </tr>`,
          )}
          <tr class="total">
            <th scope="row">${this.texts.t('total')}</th>
            <td>${money(r.totalCents)}</td>
          </tr>
        </tbody>
      </table>
      <h3>${this.texts.t('vatHeading')}</h3>
      <table class="vat">
        <thead>
          <tr>
            <th scope="col">${this.texts.t('vatRate')}</th>
            <th scope="col" class="num">${this.texts.t('net')}</th>
            <th scope="col" class="num">${this.texts.t('vat')}</th>
            <th scope="col" class="num">${this.texts.t('gross')}</th>
          </tr>
        </thead>
        <tbody>
          ${r.vat.map(
            (line) =>
              html`<tr data-rate=${line.vatPercent}>
                <th scope="row">${this.rate(line.vatPercent)}</th>
                <td>${money(line.netCents)}</td>
                <td>${money(line.vatCents)}</td>
                <td>${money(line.grossCents)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${r.vatText ? html`<p class="vat-text">${r.vatText}</p>` : nothing}
    </article>`;
  }

  override render() {
    const r = this.receipt.value;
    if (this.receipt.status === 'error') return html`<p class="error" role="alert">${kit.describeError(this.receipt.error, this.locale, 'load').message}</p>`;
    if (!r) return html`<p class="hint" role="status">${this.texts.t('loading')}</p>`;
    return html`<details ?open=${this.open}>
        <summary>${this.texts.t('show', { number: r.number, total: formatMoney(r.totalCents, r.currency, this.locale) })}</summary>
        ${this.renderReceipt(r)}
      </details>
      <div class="bar">
        <button class="btn" type="button" data-action="print" @click=${() => void this.print()}>${this.texts.t('print')}</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-receipt': TidbokReceipt;
  }
}
