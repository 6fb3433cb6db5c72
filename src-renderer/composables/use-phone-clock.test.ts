import { describe, it, expect } from 'vitest';
import { msToNextSecond } from './use-phone-clock';

describe('msToNextSecond', () => {
  it('waits until the next whole second, so the code flips on the second boundary', () => {
    expect(msToNextSecond(1_700_000_000_250)).toBe(750);
    expect(msToNextSecond(1_700_000_000_999)).toBe(1);
  });

  it('waits a full second when already on a boundary', () => {
    expect(msToNextSecond(1_700_000_000_000)).toBe(1000);
  });

  it('handles a negative simulated offset that lands before the epoch second', () => {
    expect(msToNextSecond(-250)).toBe(250);
  });
});
