/**
 * Group commit: many committed writes share one flush to disk.
 *
 * A write calls `afterNextFlush()` once its transaction has committed in memory. The promise settles after a
 * flush that *began* after that call, so the flush's snapshot contains the write. Writes that commit while a
 * flush is under way wait for the next one, which then covers all of them at once.
 */
interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** Coalesces flush requests: at most one flush runs at a time, and each one serves every request before it. */
export class GroupCommit {
  #waiting: Waiter[] = [];
  #running: Promise<void> | null = null;

  /** @param flush snapshots the committed state and makes it durable; it never runs twice at once. */
  constructor(private readonly flush: () => Promise<void>) {}

  /** Resolves when a flush that started after this call has finished; rejects with that flush's error. */
  afterNextFlush(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      this.#running ??= this.#drain();
    });
  }

  /** Resolves once no flush is running or requested (used before closing). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    // Let writes that are committing in this same burst of microtasks join the first flush.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.#waiting.length > 0) {
      const batch = this.#waiting;
      this.#waiting = [];
      try {
        await this.flush();
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.#running = null;
  }
}
