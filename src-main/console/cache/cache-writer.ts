/**
 * Writes the cache file a moment after a change, so a burst of changes costs one write; writes never overlap, and a
 * failed write is reported, never thrown (the cache is rebuilt from the service at the next start).
 */
import { writeCacheFile, type CacheSnapshot } from './cache-file';

/** Debounced, serialized writes of one cache file. */
export class CacheWriter {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    /** What to write now, or null when there is nothing worth writing yet. */
    private readonly snapshot: () => CacheSnapshot | null,
    private readonly delayMs: number,
    private readonly onError: (message: string) => void,
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
    this.saving = this.saving
      .then(() => writeCacheFile(this.file, snapshot))
      .catch((error: unknown) => {
        this.onError(`The directory cache could not be saved (${(error as Error).message}); it will be rebuilt at the next start.`);
      });
  }
}
