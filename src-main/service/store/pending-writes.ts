/**
 * The writes (or requests) started and not finished, so `close()` can wait for them instead of cutting them off:
 * the stores' writes, and the embedded service's requests in flight.
 */
export class PendingWrites {
  readonly #pending = new Set<Promise<void>>();

  /** Registers `write` until it settles and hands it back unchanged. */
  track<T>(write: Promise<T>): Promise<T> {
    const settled = write.then(
      () => undefined,
      () => undefined,
    );
    this.#pending.add(settled);
    void settled.then(() => this.#pending.delete(settled));
    return write;
  }

  /** Resolves once every write registered so far has settled (succeeded or failed). */
  async settled(): Promise<void> {
    await Promise.all([...this.#pending]);
  }
}
