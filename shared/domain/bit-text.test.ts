import { describe, expect, it } from 'vitest';
import { bytesToSymbols } from './bit-text';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('bytesToSymbols', () => {
  it('writes base64url without padding, as the platform does', () => {
    for (const length of [0, 1, 2, 3, 31, 32]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + 11) % 256);
      expect(bytesToSymbols(bytes, BASE64URL)).toBe(Buffer.from(bytes).toString('base64url'));
    }
  });

  it('uses whole bits per symbol and refuses alphabets that are not a power of two', () => {
    expect(bytesToSymbols(Uint8Array.of(0b10110011), '01')).toBe('10110011');
    expect(bytesToSymbols(Uint8Array.of(0xff, 0x00), '0123456789abcdef')).toBe('ff00');
    expect(() => bytesToSymbols(Uint8Array.of(1), '0123456789')).toThrow(RangeError);
  });
});
