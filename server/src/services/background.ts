import type { Logger } from '../logger.js';

/**
 * Work a request starts but does not wait for: it runs once the answer has been handed to the
 * socket, so how long it takes (and whether it finds anything) cannot show in the answer. Used
 * where the time to answer would tell an outsider something, such as whether an e-mail address
 * belongs to a client. A failure is logged (name and message only), never thrown.
 */
export class Background {
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /**
   * Runs `job` on a later turn of the event loop (`setImmediate`): after the microtasks in which
   * the server writes the current answer, so the answer is on its way before `job` starts.
   */
  run(name: string, job: () => Promise<unknown>): void {
    const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(job)
      .then(
        () => undefined,
        (error: unknown) => this.logger.error(`${name} failed`, { error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => this.#pending.delete(done));
    this.#pending.add(done);
  }

  /** Resolves once no job is left, counting jobs started meanwhile: for shutdown (and tests). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }
}
