import type { Booking, CalendarEntry, Message } from '@tidbok/sdk';
import { html, nothing } from 'lit';
import type { MenuItem } from '../menu-button/menu-button.js';
import type { ServerFeatures } from '../calendar/server-features.js';
import { type CalendarMessageKey } from '../calendar/messages.js';
import { formatLocalDate } from '../shared/dates.js';
import { timeOfMinutes, wallClock } from '../calendar/week.js';
import type { Locale } from '../i18n.js';
import type { PopupMessageKey } from './messages.js';

export type BookingEntry = Extract<CalendarEntry, { kind: 'booking' }>;
/** The status changes that ask first and can be undone (GUARD RAILS). */
export type StatusAction = 'cancel' | 'cancel-late' | 'no-show';
type BookingNotification = NonNullable<Booking['notification']>;
type Say = (key: PopupMessageKey, values?: Record<string, string | number>) => string;

/**
 * The More menu of a booking. No-show is not offered before the booking's start (`now`, the
 * popup's clock); återbud, sent återbud and no-show ask first (`statusQuestion`).
 */
export function moreItems(entry: BookingEntry, f: ServerFeatures, options: { now: number; mayVoid: boolean; t: Say }): MenuItem[] {
  const { t } = options;
  const booked = entry.status === 'booked';
  const item = (id: string, label: PopupMessageKey, feature: boolean | null, featureHint: PopupMessageKey, extra: Partial<MenuItem> = {}): MenuItem => {
    const hint = feature === false ? t(featureHint) : !booked && extra.disabled ? t('notBookedHint') : undefined;
    return { id, label: t(label), ...extra, disabled: feature === false || Boolean(extra.disabled), ...(hint ? { hint } : {}) };
  };
  const started = options.now >= Date.parse(entry.start);
  return [
    item('confirm-email', 'sendConfirmationEmail', f.confirmations, 'confirmationsHint'),
    item('confirm-sms', 'sendConfirmationSms', f.confirmations, 'confirmationsHint'),
    item('cancel', 'markCancelled', null, 'notBookedHint', { disabled: !booked, separatorBefore: true }),
    item('cancel-late', 'markLateCancelled', null, 'notBookedHint', { disabled: !booked }),
    ...(started ? [item('no-show', 'markNoShow', null, 'notBookedHint', { disabled: !booked })] : []),
    ...(entry.paid
      ? [
          item('print-receipt', 'printReceipt', f.receipts, 'receiptsHint', { separatorBefore: true }),
          item('send-receipt', 'sendReceipt', f.receipts, 'receiptsHint'),
          ...(options.mayVoid ? [item('void-payment', 'voidPayment', f.payments, 'paymentsHint')] : []),
        ]
      : [item('pay', 'markPaid', f.payments, 'paymentsHint', { separatorBefore: true })]),
    { id: 'delete', label: t('deleteBooking'), danger: true, separatorBefore: true },
  ];
}

/**
 * What the confirmation step says will happen, as the server does it (services/bookings.ts,
 * cancelBookingRow): återbud frees the time and tells the client by the booking's confirmation
 * channel, unless none was chosen or the time has begun; no-show frees the time and tells no one.
 */
export function statusQuestion(action: StatusAction, entry: BookingEntry, booking: Booking | null, now: number, time: string, t: Say): string[] {
  const who = entry.clientName;
  const ask = t(action === 'cancel' ? 'askCancel' : action === 'cancel-late' ? 'askLateCancel' : 'askNoShow', { who, time });
  let told: string;
  if (action === 'no-show') told = t('clientNotToldNoShow');
  else if (Date.parse(entry.start) <= now) told = t('clientNotToldPast');
  else if (!booking?.confirmation || booking.confirmation === 'none') told = t('clientNotToldNone');
  else told = t('clientToldBy', { channel: t(booking.confirmation === 'sms' ? 'channelSms' : 'channelEmail') });
  return [ask, t('timeReopens'), told, t('canUndo')];
}

export const statusDone = (action: StatusAction, t: Say) => t(action === 'cancel' ? 'didCancel' : action === 'cancel-late' ? 'didLateCancel' : 'didNoShow');
export const statusVerb = (action: StatusAction, t: Say) => t(action === 'cancel' ? 'doCancel' : action === 'cancel-late' ? 'doLateCancel' : 'doNoShow');

/** What an undo did to the cancellation notice (the restore answer's `notification`). */
export function undoneText(notification: BookingNotification | undefined, t: Say): string {
  const extra = notification?.status === 'withdrawn' ? t('undoneWithdrawn') : notification?.status === 'sent' ? t('undoneAlreadySent') : '';
  return extra ? `${t('undone')} ${extra}` : t('undone');
}

/** A new booking's confirmation that could not be sent, as a sentence; null when it is on its way. */
export function notSentText(notification: BookingNotification | undefined, t: Say): string | null {
  if (!notification || notification.status !== 'not_sent') return null;
  const reason = t(notification.reason === 'no_email' ? 'reasonNoEmail' : notification.reason === 'no_phone' ? 'reasonNoPhone' : 'reasonOther');
  return t('createdNotSent', { channel: t(notification.channel === 'sms' ? 'channelSms' : 'channelEmail'), reason });
}

/**
 * Why a message was not sent, in the staff language: the server's `lastError` is the transport's
 * own words (English, technical), so only whether an address was missing is read from the message.
 */
function failureText(m: Message, t: Say): string {
  if (!m.to) return t(m.channel === 'sms' ? 'failedNoPhone' : 'failedNoEmail');
  return t(m.status === 'failed' ? 'failedTransport' : 'retrying');
}

/** The booking's outbox messages (each with its state), in the popup's language. */
export function renderMessages(messages: readonly Message[], zone: string, locale: Locale, t: Say) {
  const when = (iso: string) => {
    const { date, minutes } = wallClock(Date.parse(iso), zone);
    return `${formatLocalDate(date, locale, { day: 'numeric', month: 'short' })} ${timeOfMinutes(minutes)}`;
  };
  const status = { pending: 'messageStatusPending', sent: 'messageStatusSent', failed: 'messageStatusFailed', withheld: 'messageStatusWithheld' } as const;
  return html`<details part="messages">
    <summary>${t('messagesTitle', { count: messages.length })}</summary>
    ${
      messages.length === 0
        ? html`<p class="hint">${t('messagesNone')}</p>`
        : html`<ul>
            ${messages.map(
              (m) =>
                html`<li part="message ${m.status}">
                  <strong>${t(`messageKind_${m.kind ?? 'confirmation'}` as CalendarMessageKey)}</strong>
                  · ${t(m.channel === 'email' ? 'byEmail' : 'bySms')} ${m.to ? html`· ${m.to}` : nothing} · ${t(status[m.status])}
                  ${when(m.sentAt ?? m.createdAt)}
                  ${
                    m.withheldReason
                      ? html`<br /><span class="hint" part="withheld-reason">${t(`messageWithheld_${m.withheldReason}`)}</span>`
                      : m.status === 'failed' || m.lastError
                        ? html`<br /><span class="hint" part="failure">${failureText(m, t)}</span>`
                        : nothing
                  }
                </li>`,
            )}
          </ul>`
    }
  </details>`;
}
