import { BackgroundRounds } from '../background-rounds.js';
import { OutboundError, safeFetch } from '../http/outbound-url.js';
import type { Logger } from '../logger.js';
import { newId } from '../secrets.js';
import type { Deps } from '../services/deps.js';
import {
  addWebhookAttempt,
  claimDueDeliveries,
  clearEndpointFailing,
  markEndpointFailing,
  pruneFinishedDeliveries,
  saveDeliveryOutcome,
  type WebhookDeliveryRow,
  webhookEndpointById,
} from '../store/repositories/webhooks.js';
import { MAX_ATTEMPTS, retryDelayMs } from './schedule.js';
import { openWebhookSecret, signWebhook, WebhookSecretError } from './secret.js';

export interface WebhookDispatcherOptions {
  /** Deliveries claimed per round. */
  batch?: number;
  /** How long a claim lasts; a process that dies mid-send releases its claim after this. */
  leaseMs?: number;
  /** Per request, connect to last byte. */
  timeoutMs?: number;
  /** Resolver for endpoint host names (tests); results are checked all the same. */
  lookup?: Parameters<typeof safeFetch>[1]['lookup'];
}

/** Delivered and failed deliveries (and their attempts) are kept this long for the admins' view. */
const KEEP_MS = 30 * 24 * 3_600_000;

/**
 * Sends the webhook outbox. Each round claims due deliveries with a lease (so several server
 * processes on one database never send the same delivery at once), sends them in parallel,
 * records each try, and schedules a retry (schedule.ts) or marks the delivery failed and its
 * endpoint failing. Any 2xx counts as received; anything else, or no answer, is a failed try.
 */
export class WebhookDispatcher extends BackgroundRounds {
  private lastPrune = 0;
  private readonly batch: number;
  private readonly leaseMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly deps: Deps,
    logger: Logger,
    private readonly options: WebhookDispatcherOptions = {},
  ) {
    super(logger, 'webhook round failed');
    this.batch = options.batch ?? 20;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    // Longer than a send can take, so a slow send is not claimed twice.
    this.leaseMs = options.leaseMs ?? Math.max(60_000, this.timeoutMs * 3);
  }

  async runOnce() {
    const { store, clock } = this.deps;
    const now = clock.now();
    await this.prune(now);
    const claimed = await store.write((trx) => claimDueDeliveries(trx, { now, limit: this.batch, lockedUntil: now + this.leaseMs }));
    const outcomes = await Promise.all(claimed.map((delivery) => this.send(delivery)));
    return {
      delivered: outcomes.filter((o) => o === 'delivered').length,
      retried: outcomes.filter((o) => o === 'retry').length,
      failed: outcomes.filter((o) => o === 'failed').length,
    };
  }

  private async send(delivery: WebhookDeliveryRow): Promise<'delivered' | 'retry' | 'failed'> {
    const { store, clock, config } = this.deps;
    const endpoint = await webhookEndpointById(store.db, delivery.endpoint_id);
    if (!endpoint) return 'failed'; // deleted meanwhile: its deliveries went with it
    const started = clock.now();
    const startedReal = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let final = false;
    if (endpoint.enabled !== 1) {
      error = 'The endpoint is disabled';
      final = true;
    } else {
      try {
        const secret = openWebhookSecret(config, endpoint.id, endpoint.secret_sealed);
        const timestamp = Math.floor(started / 1000);
        const result = await safeFetch(endpoint.url, {
          config,
          method: 'POST',
          timeoutMs: this.timeoutMs,
          maxBytes: 1024,
          ...(this.options.lookup ? { lookup: this.options.lookup } : {}),
          headers: {
            'content-type': 'application/json',
            'webhook-id': delivery.message_id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': signWebhook(secret, delivery.message_id, timestamp, delivery.payload),
          },
          body: delivery.payload,
        });
        statusCode = result.status;
        if (result.status < 200 || result.status > 299) error = `The endpoint answered ${result.status}`;
      } catch (caught) {
        if (caught instanceof WebhookSecretError) final = true;
        error = caught instanceof OutboundError || caught instanceof WebhookSecretError ? caught.message : 'The request failed';
      }
    }
    const ok = error === null;
    const attempts = delivery.attempts + 1;
    const delay = retryDelayMs(attempts);
    const failed = !ok && (final || delay === null || attempts >= MAX_ATTEMPTS);
    const finished = clock.now();
    await store.write(async (trx) => {
      await addWebhookAttempt(trx, {
        id: newId('wha'),
        delivery_id: delivery.id,
        endpoint_id: endpoint.id,
        attempted_at: started,
        status_code: statusCode,
        error,
        ok: ok ? 1 : 0,
        duration_ms: Math.round(performance.now() - startedReal),
      });
      await saveDeliveryOutcome(trx, delivery.id, {
        status: ok ? 'delivered' : failed ? 'failed' : 'pending',
        attempts,
        last_status_code: statusCode,
        last_error: error,
        delivered_at: ok ? finished : null,
        next_attempt_at: ok || failed ? finished : finished + delay!,
        locked_until: 0,
      });
      if (ok && endpoint.failing_since !== null) await clearEndpointFailing(trx, endpoint.id);
      if (failed && endpoint.enabled === 1) await markEndpointFailing(trx, endpoint.id, finished);
    });
    const log = { delivery: delivery.id, endpoint: endpoint.id, type: delivery.event_type, attempts, status: statusCode };
    if (ok) this.logger.info('webhook delivered', log);
    else this.logger.error(failed ? 'webhook failed for good' : 'webhook not delivered, will retry', { ...log, error });
    return ok ? 'delivered' : failed ? 'failed' : 'retry';
  }

  /** Once an hour: finished deliveries older than KEEP_MS go, with their attempts. */
  private async prune(now: number) {
    if (now - this.lastPrune < 3_600_000) return;
    this.lastPrune = now;
    await this.deps.store.write((trx) => pruneFinishedDeliveries(trx, now - KEEP_MS));
  }
}
