import { describe, expect, it } from 'vitest';
import { maskPhone, smsCodeHash, smsCodeMatches } from './code-hash';

const KEY = Buffer.alloc(32, 1);

describe('SMS code hashes', () => {
  it('bind the code to its row and to the key', () => {
    const stored = smsCodeHash(KEY, 'row-1', '123456');
    expect(stored).not.toContain('123456');
    expect(smsCodeMatches(KEY, 'row-1', '123456', stored)).toBe(true);
    expect(smsCodeMatches(KEY, 'row-2', '123456', stored)).toBe(false);
    expect(smsCodeMatches(KEY, 'row-1', '123457', stored)).toBe(false);
    expect(smsCodeMatches(Buffer.alloc(32, 2), 'row-1', '123456', stored)).toBe(false);
  });
});

describe('maskPhone', () => {
  it('shows only the last four digits', () => {
    expect(maskPhone('+14155552671')).toBe('+•••••••2671');
    expect(maskPhone('+85251234567')).toBe('+•••••••4567');
  });
});
