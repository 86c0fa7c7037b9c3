import type { TidbokAdmin } from '@tidbok/sdk';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Locale, Messages } from '../i18n.js';
import { isAbort } from '../shared/errors.js';
import { TextsController } from '../shared/texts.js';
import type { Move } from './moves-controller.js';

/** The dialog's texts, in this lazy chunk rather than in messages.ts (the staff first load). */
const notifyMessages = {
  notifyTitle: { sv: 'Meddela patienten?', en: 'Tell the patient?' },
  notifyByEmail: {
    sv: 'Ett mejl med den nya tiden och en uppdaterad kalenderfil skickas till {to}.',
    en: 'An e-mail with the new time and an updated calendar file is sent to {to}.',
  },
  notifyBySms: { sv: 'Ett sms med den nya tiden skickas till {to}.', en: 'A text message with the new time is sent to {to}.' },
  notifyYes: { sv: 'Flytta och meddela', en: 'Move and tell' },
  notifyNo: { sv: 'Flytta utan att meddela', en: 'Move without telling' },
  notifyCancel: { sv: 'Ångra flytten', en: 'Undo the move' },
} satisfies Messages<string>;

/** What staff chose: tell the patient, move quietly, or undo the move (null). */
export type NotifyChoice = boolean | null;

interface Asking {
  move: Move;
  /** `email`/`sms` and where to; what the dialog says will be sent. */
  channel: 'email' | 'sms';
  to: string;
  /** The sentence saying what moves where. */
  what: string;
  resolve: (choice: NotifyChoice) => void;
}

export interface MoveNotifyOptions {
  admin(): TidbokAdmin | undefined;
  now(): number;
  language(): Locale;
  /** "Klara Nilsson: tis 3 mars 09:00 → tis 3 mars 11:00, Bo Ek". */
  describe(move: Move): string;
}

/**
 * "Meddela patienten?" before a booking's move or resize is saved (issue 22): a small modal
 * dialog saying what would be sent (an e-mail with an updated calendar file, or a text message,
 * as the patient chose for the confirmation) and to whom. Asked only where there is someone to
 * tell: a booked booking, not in the past, whose patient chose e-mail or SMS; otherwise the move
 * goes through quietly without a dialog.
 */
export class MoveNotifyController implements ReactiveController {
  #asking: Asking | null = null;
  readonly #texts: TextsController<keyof typeof notifyMessages>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: MoveNotifyOptions,
  ) {
    host.addController(this);
    this.#texts = new TextsController(host, () => options.language(), notifyMessages);
  }

  get open(): boolean {
    return this.#asking !== null;
  }

  hostDisconnected() {
    this.#answer(null);
  }

  hostUpdated() {
    const dialog = this.host.shadowRoot?.querySelector<HTMLDialogElement>('dialog.notify');
    if (this.#asking && dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-action="tell"]')?.focus();
    }
  }

  /** Whether to tell the patient of `move`; resolves at once (false) when nobody would be told. */
  async ask(move: Move): Promise<NotifyChoice> {
    const { entry } = move;
    const admin = this.options.admin();
    if (!admin || entry.kind !== 'booking' || entry.status !== 'booked' || move.start <= this.options.now()) return false;
    let channel: 'email' | 'sms';
    let to: string;
    try {
      const booking = await admin.bookings.get(entry.id);
      if (booking.confirmation !== 'email' && booking.confirmation !== 'sms') return false;
      channel = booking.confirmation;
      const client = await admin.clients.get(booking.clientId);
      to = (channel === 'email' ? client.email : client.phone) ?? '';
      if (!to) return false;
    } catch (error) {
      // Not knowing how the patient is reached, the move is not held up: it is saved without telling.
      if (isAbort(error)) return null;
      return false;
    }
    this.#answer(null);
    return new Promise<NotifyChoice>((resolve) => {
      this.#asking = { move, channel, to, what: this.options.describe(move), resolve };
      this.host.requestUpdate();
    });
  }

  #answer(choice: NotifyChoice) {
    const asking = this.#asking;
    if (!asking) return;
    this.#asking = null;
    this.host.shadowRoot?.querySelector<HTMLDialogElement>('dialog.notify')?.close();
    this.host.requestUpdate();
    asking.resolve(choice);
  }

  render() {
    const a = this.#asking;
    if (!a) return nothing;
    const { t } = this.#texts;
    return html`
      <dialog
        class="notify"
        aria-labelledby="notify-title"
        aria-describedby="notify-what notify-how"
        @cancel=${(e: Event) => {
          e.preventDefault();
          this.#answer(null);
        }}
      >
        <h2 id="notify-title">${t('notifyTitle')}</h2>
        <p id="notify-what">${a.what}</p>
        <p id="notify-how">${t(a.channel === 'email' ? 'notifyByEmail' : 'notifyBySms', { to: a.to })}</p>
        <div class="actions">
          <button class="btn" type="button" data-action="cancel" @click=${() => this.#answer(null)}>${t('notifyCancel')}</button>
          <button class="btn" type="button" data-action="quiet" @click=${() => this.#answer(false)}>${t('notifyNo')}</button>
          <button class="btn primary" type="button" data-action="tell" @click=${() => this.#answer(true)}>${t('notifyYes')}</button>
        </div>
      </dialog>
    `;
  }
}
