import { describe, expect, it } from 'vitest';
import { firstNulPath } from './nul-text';

describe('NUL characters in request input', () => {
  it('finds the first NUL in strings, arrays, objects and keys', () => {
    expect(firstNulPath('fine')).toBeNull();
    expect(firstNulPath('a\u0000b')).toEqual([]);
    expect(firstNulPath({ email: 'x@y.example', list: ['ok', 'b\u0000d'] })).toEqual(['list', 1]);
    expect(firstNulPath({ 'k\u0000': 1 })).toEqual(['k\u0000']);
    expect(firstNulPath({ n: 1, b: true, z: null })).toBeNull();
  });
});
