/** The clock and timers the service link runs on, passed in so tests move time by hand instead of sleeping. */

/** A clock with one-shot timers. */
export interface Scheduler {
  /** Epoch ms now. */
  now(): number;
  /** Runs `task` once after `ms`; returns a function that cancels it. */
  after(ms: number, task: () => void): () => void;
}

/** This computer's clock and Node's timers (which never keep the process alive on their own). */
export const realScheduler: Scheduler = {
  now: () => Date.now(),
  after(ms, task) {
    const timer = setTimeout(task, ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};
