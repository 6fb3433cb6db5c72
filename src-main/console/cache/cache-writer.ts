/**
 * Writes a cache file a moment after a change, so a burst of changes costs one write; writes never overlap, and a
 * failed write is reported, never thrown (a cache is rebuilt from the service at the next start).
 */

/** Debounced, serialized writes of one file. */
export class CacheWriter<T> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    /** Writes the value (atomically). */
    private readonly save: (value: T) => Promise<void>,
    /** What to write now, or null when there is nothing worth writing yet. */
    private readonly snapshot: () => T | null,
    private readonly delayMs: number,
    /** Receives the error of a failed write. */
    private readonly onError: (error: Error) => void,
  ) {}

  /** Writes the file after the delay (no-op when a write is already scheduled). */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.write();
    }, this.delayMs);
    this.timer.unref?.();
  }

  /** Writes a scheduled change now and waits for every write to finish. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.write();
    }
    await this.saving;
  }

  private write(): void {
    const snapshot = this.snapshot();
    if (!snapshot) return;
    this.saving = this.saving.then(() => this.save(snapshot)).catch((error: unknown) => this.onError(error as Error));
  }
}
