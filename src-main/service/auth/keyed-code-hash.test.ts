import { describe, expect, it } from 'vitest';
import { keyedCodeHash, keyedCodeMatches } from './keyed-code-hash';

const KEY = Buffer.alloc(32, 1);

describe('keyed code hashes (SMS codes, temporary access codes)', () => {
  it('bind the code to its row and to the key', () => {
    const stored = keyedCodeHash(KEY, 'row-1', '123456');
    expect(stored).not.toContain('123456');
    expect(keyedCodeMatches(KEY, 'row-1', '123456', stored)).toBe(true);
    expect(keyedCodeMatches(KEY, 'row-2', '123456', stored)).toBe(false);
    expect(keyedCodeMatches(KEY, 'row-1', '123457', stored)).toBe(false);
    expect(keyedCodeMatches(Buffer.alloc(32, 2), 'row-1', '123456', stored)).toBe(false);
  });
});
