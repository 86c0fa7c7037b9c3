import { BackgroundRounds } from '../background-rounds.js';
import type { Logger } from '../logger.js';
import type { Deps } from '../services/deps.js';
import { bookingSettingsOf } from '../services/rows.js';
import {
  beginSecureDelete,
  bookingsWithoutReminder,
  claimDueMessages,
  clinicOfMessage,
  clinicsWithBookingModule,
  endSecureDelete,
  markMessageNotDelivered,
  markMessageSent,
  markMessageWithheld,
  messagesWithLinks,
  messageWithKeyExists,
  pendingMessagesOffChannels,
  replaceMessageLink,
} from '../store/repositories/outbox.js';
import { enqueueBookingMessage } from './compose.js';
import type { WithheldReason } from '@tidbok/core';
import { toE164 } from './phone.js';
import { judgeSms, WITHHELD_TEXT } from './sms-guard.js';
import { isSealed, openLink, SealedLinkError, sealLink } from './sealed-link.js';
import { escapeHtml, LINK } from './texts.js';
import type { Transports } from './transports.js';

export interface DispatcherOptions {
  /** Messages claimed per round. */
  batch?: number;
  /** After this many failed attempts a message is marked failed. */
  maxAttempts?: number;
  /** How long a claim lasts; a dispatcher that dies mid-send releases its claim after this. */
  leaseMs?: number;
}

/** 30 s, 1 min, 2 min … capped at an hour. */
export const backoffMs = (attempts: number) => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

export { toE164 } from './phone.js';

/** Errors can echo addresses back; keep the stored reason short and free of them. */
function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .replace(/[^\s@<>]+@[^\s@<>]+/g, '[address]')
    .replace(/\+?\d[\d\s-]{6,}\d/g, '[number]')
    .slice(0, 300);
}

/**
 * Delivers the outbox. Each round schedules due reminders, claims a batch of due messages with
 * a lease (so two dispatchers, or one restarted, never send the same message twice), sends
 * them, and records the result: sent, or pending again with backoff, or failed at last.
 */
export class Dispatcher extends BackgroundRounds {
  private readonly idleNoted = new Set<string>();
  private legacySealed = false;
  private readonly batch: number;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;

  constructor(
    private readonly deps: Deps,
    private readonly transports: Transports,
    logger: Logger,
    options: DispatcherOptions = {},
  ) {
    super(logger, 'dispatcher round failed');
    this.batch = options.batch ?? 20;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  /** A round's error can echo addresses too. */
  protected override describeError(error: unknown): string {
    return reason(error);
  }

  async runOnce() {
    if (!this.legacySealed) await this.sealLegacyLinks();
    await this.scheduleReminders();
    const channels = (['email', 'sms'] as const).filter((c) => this.transports[c]);
    await this.noteUndeliverable(channels);
    if (channels.length === 0) return { sent: 0, retried: 0, failed: 0, withheld: 0 };

    const { store, clock } = this.deps;
    const now = clock.now();
    const claimed = await store.write((trx) => claimDueMessages(trx, { now, channels, limit: this.batch, lockedUntil: now + this.leaseMs }));

    const result = { sent: 0, retried: 0, failed: 0, withheld: 0 };
    for (const message of claimed) {
      const clinic = await clinicOfMessage(store.db, message.clinic_id);
      try {
        if (message.channel === 'sms' && clinic) {
          const withheld = await store.write((trx) => judgeSms(trx, clinic, message, clock.now()));
          if (withheld) {
            await this.withhold(message.id, withheld);
            result.withheld += 1;
            continue;
          }
        }
        // Opened only now, for this send; a link that cannot be opened fails the message (below).
        const url = message.secret_url ? openLink(this.deps.config, message.id, message.secret_url) : null;
        const fill = (text: string) => (url ? text.replaceAll(LINK, url) : text);
        const fillHtml = (html: string) => (url ? html.replaceAll(LINK, escapeHtml(url)) : html);
        if (message.channel === 'email') {
          await this.transports.email!({
            id: message.id,
            to: message.to_address,
            subject: message.subject,
            text: fill(message.body_text),
            html: message.body_html ? fillHtml(message.body_html) : null,
            attachments: message.attachments ? JSON.parse(message.attachments) : [],
          });
        } else {
          await this.transports.sms!({
            id: message.id,
            to: toE164(message.to_address),
            from: clinic ? bookingSettingsOf(clinic).smsSender : 'Tidbok',
            message: fill(message.body_text),
          });
        }
        await store.write((trx) => markMessageSent(trx, { id: message.id, attempts: message.attempts + 1, now: clock.now() }));
        result.sent += 1;
        this.logger.info('message sent', { id: message.id, kind: message.kind, channel: message.channel });
      } catch (error) {
        const attempts = message.attempts + 1;
        // Retrying cannot open a link sealed with another key.
        const failed = attempts >= this.maxAttempts || error instanceof SealedLinkError;
        await store.write((trx) =>
          markMessageNotDelivered(trx, { id: message.id, failed, attempts, lastError: reason(error), nextAttemptAt: clock.now() + backoffMs(attempts) }),
        );
        if (failed) result.failed += 1;
        else result.retried += 1;
        this.logger.error('message not delivered', { id: message.id, channel: message.channel, attempts, error: reason(error) });
      }
    }
    return result;
  }

  /**
   * Keeps a message the SMS guard refused, unsent for good, with its reason for staff; its
   * next_attempt_at records when (sms-guard.ts reads it for the budget's status).
   */
  private async withhold(id: string, reason: WithheldReason) {
    const now = this.deps.clock.now();
    await this.deps.store.write((trx) => markMessageWithheld(trx, { id, reason, lastError: WITHHELD_TEXT[reason], now }));
    this.logger.info('message withheld', { id, reason });
  }

  /**
   * Links written in plain text before they were sealed (an older version) are sealed in place,
   * once per start, so a waiting message's token is not left readable in the database.
   */
  private async sealLegacyLinks() {
    const { store, config } = this.deps;
    const rows = await messagesWithLinks(store.db);
    const plain = rows.filter((row) => !isSealed(row.secret_url!) || row.status !== 'pending');
    if (plain.length > 0) {
      // SQLite would otherwise keep the old text in the page's free space and in the WAL.
      const sqlite = store.dialect === 'sqlite';
      if (sqlite) await beginSecureDelete(store.db);
      try {
        for (const row of plain) {
          // Sent and failed messages keep no link at all; waiting ones keep it sealed.
          const sealed = row.status === 'pending' ? sealLink(config, row.id, row.secret_url!) : null;
          await store.write((trx) => replaceMessageLink(trx, { id: row.id, from: row.secret_url, to: sealed }));
        }
      } finally {
        if (sqlite) await endSecureDelete(store.db);
      }
    }
    this.legacySealed = true;
  }

  /** Without a transport, messages wait in the outbox; say so once per message, without content. */
  private async noteUndeliverable(channels: readonly string[]) {
    const waiting = await pendingMessagesOffChannels(this.deps.store.db, channels);
    for (const message of waiting) {
      if (this.idleNoted.has(message.id)) continue;
      if (this.idleNoted.size > 10_000) this.idleNoted.clear();
      this.idleNoted.add(message.id);
      this.logger.info(
        `message kept in the outbox: no ${message.channel === 'email' ? 'e-mail (TIDBOK_SMTP_URL)' : 'SMS (TIDBOK_SMS_URL)'} transport configured`,
        {
          id: message.id,
          kind: message.kind,
          channel: message.channel,
        },
      );
    }
  }

  /**
   * Reminders N hours before, once per booking (a unique dedupe key), for clinics that want
   * them. Bookings made inside that window already got their confirmation and are skipped.
   */
  async scheduleReminders() {
    const { store, clock } = this.deps;
    const now = clock.now();
    const clinics = await clinicsWithBookingModule(store.db);
    for (const clinic of clinics) {
      const settings = bookingSettingsOf(clinic);
      if (settings.reminderHoursBefore === null) continue;
      const window = settings.reminderHoursBefore * 3_600_000;
      const due = await bookingsWithoutReminder(store.db, { clinicId: clinic.id, now, until: now + window });
      for (const booking of due) {
        if (booking.created_at >= booking.start_ms - window) continue;
        await store.write(async (trx) => {
          if (await messageWithKeyExists(trx, `reminder:${booking.id}`)) return;
          await enqueueBookingMessage(trx, this.deps, {
            clinic,
            bookingId: booking.id,
            kind: 'reminder',
            channel: settings.reminderChannel,
            dedupeKey: `reminder:${booking.id}`,
          });
        });
      }
    }
  }
}
