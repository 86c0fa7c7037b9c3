import type { Logger } from './logger.js';

/**
 * Why: the outbox dispatchers and the busy-calendar poller all work the same way in the
 * background — a timer starts a round, a round never overlaps the one before, a failed round is
 * logged (not thrown into the timer), and stopping waits for the round under way. Each subclass
 * says only what one round does (`runOnce`).
 */
export abstract class BackgroundRounds {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    protected readonly logger: Logger,
    /** The log line for a failed round, e.g. 'webhook round failed'. */
    private readonly failedMessage: string,
  ) {}

  abstract runOnce(): Promise<unknown>;

  start(intervalMs = 5_000) {
    this.timer ??= setInterval(() => void this.tick(), intervalMs);
    this.timer.unref?.();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round, unless one is already under way. */
  tick() {
    this.running ??= this.runOnce()
      .catch((error: unknown) => this.logger.error(this.failedMessage, { error: this.describeError(error) }))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** What of a round's error goes into the log. */
  protected describeError(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }
}
