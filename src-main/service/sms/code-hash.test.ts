import { describe, expect, it } from 'vitest';
import { maskPhone } from './code-hash';

describe('maskPhone', () => {
  it('shows only the last four digits', () => {
    expect(maskPhone('+14155552671')).toBe('+•••••••2671');
    expect(maskPhone('+85251234567')).toBe('+•••••••4567');
  });
});
