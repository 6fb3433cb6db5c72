/** The service's clock: real time plus a company's simulated offset (demo company only, R-CON-2). */

/** A source of the current time in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can set and move. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  /** Moves the clock forward (or back with a negative value). */
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}

/** Company time: the real clock shifted by the company's simulated offset. */
export function companyNow(clock: Clock, company: { clock_offset_ms: number }): number {
  return clock.now() + Number(company.clock_offset_ms);
}

/** One instant read on both clocks: real time, and the company's time (shifted only by a demo company's clock). */
export interface Moment {
  readonly real: number;
  readonly company: number;
}

/** Now, on both clocks of a company. */
export function companyMoment(clock: Clock, company: { clock_offset_ms: number }): Moment {
  const real = clock.now();
  return { real, company: real + Number(company.clock_offset_ms) };
}
