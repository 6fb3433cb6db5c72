/** A FIFO async lock: callers get it in the order they asked for it. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /** Waits until the lock is free, takes it, and returns the function that releases it (idempotent). */
  lock(): Promise<() => void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    let released = false;
    const releaseOnce = (): void => {
      if (released) return;
      released = true;
      release();
    };
    return previous.then(() => releaseOnce);
  }

  /** Runs `fn` while holding the lock, releasing it however `fn` ends. */
  async run<T>(fn: () => T | Promise<T>): Promise<T> {
    const release = await this.lock();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
